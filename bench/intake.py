"""Intake benchmark: a synthetic national month from one insurer, imported end to end.

Measured in one run, on PostgreSQL:
- ours: parse, validate, route, de-duplicate and store 100,000 rows (CSV, then XLSX), each in
  a fresh subprocess so that its peak memory is its own;
- naive: a row-by-row ORM importer (csv module, one query to route, one INSERT per row), on a
  sample, as rows per second;
- physical reference: PostgreSQL `COPY` of the same rows into a bare table.

Last line: RESULT intake_rows_per_s=... ratio_to_copy=... ratio_naive_to_ours=... peak_rss_mb=...
Settings: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/signaalroute_bench),
BENCH_ROWS (default 100000), BENCH_NAIVE_ROWS (default 5000).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))
from _gedeeld import database_voorbereiden, landelijke_regio  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/signaalroute_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "signaalroute.conf.ci")
os.environ["TASKS_BACKEND"] = "immediate"

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
NAIVE_ROWS = int(os.environ.get("BENCH_NAIVE_ROWS", "5000"))
PARTNER = "bench-zorgverzekeraar"
COLUMNS = [
    "klantnummer",
    "achternaam",
    "voorletters",
    "geboortedatum",
    "postcode",
    "huisnummer",
    "bedrag",
    "termijnbedrag",
    "aantal_onbetaalde_termijnen",
    "ontstaansdatum",
    "signaaldatum",
    "telefoonnummer",
    "email",
]
NAMES = [
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
]


def _setup_django():
    import django

    django.setup()


def rows(n: int, seed: int = 7) -> list[list[str]]:
    rnd = random.Random(seed)
    today = datetime.date.today()
    out = []
    for i in range(n):
        ontstaan = today - datetime.timedelta(days=rnd.randint(35, 90))
        pc4 = rnd.randint(1000, 9999)
        out.append(
            [
                f"P{i:08d}",
                rnd.choice(NAMES),
                rnd.choice("ABCDEJKMPRSTW") + ".",
                f"{rnd.randint(1, 28):02d}-{rnd.randint(1, 12):02d}-{rnd.randint(1940, 2005)}",
                f"{pc4} {rnd.choice('ABCDEFGHJKLMNPRT')}{rnd.choice('ABCDEFGHJKLMNPRT')}",
                str(rnd.randint(1, 250)) + rnd.choice(["", "", "", "A", "-2"]),
                f"{rnd.randint(150, 2500)},{rnd.randint(0, 99):02d}",
                "142,50",
                "2",
                ontstaan.strftime("%d-%m-%Y"),
                today.strftime("%d-%m-%Y"),
                rnd.choice(["", "", f"06{rnd.randint(10000000, 99999999)}"]),
                rnd.choice(["", f"klant{i}@example.com"]),
            ]
        )
    return out


def csv_bytes(data: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(data)
    return buffer.getvalue().encode()


def xlsx_bytes(data: list[list[str]]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": True})
    sheet = book.add_worksheet("Signalen")
    sheet.write_row(0, 0, COLUMNS)
    for r, row in enumerate(data, start=1):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


def prepare_region() -> None:
    """A national postcode table: 340 municipalities owning all PC4 areas."""
    from signaalroute.signaalpartners.models import Signaalpartner

    _leegmaken()
    landelijke_regio()
    Signaalpartner.objects.get_or_create(code=PARTNER, defaults={"naam": "Bench", "soort": "zorg"})


def analyze() -> None:
    """Up-to-date planner statistics, as autovacuum keeps them in production."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _leegmaken() -> None:
    """Remove earlier bench deliveries with SQL (the ORM's cascade would load every row)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for tabel in (
            "aanleveringen_aanleverregel",
            "vroegsignaalzaken_signaalstatuswijziging",
            "aanleveringen_vroegsignaal",
            "aanleveringen_aanleverbestand",
            "aanleveringen_aanlevering",
        ):
            cursor.execute(f"DELETE FROM {tabel}")


def _peak_rss_mb() -> float:
    """VmHWM of this process (ru_maxrss would include the parent's peak from before exec)."""
    for regel in Path("/proc/self/status").read_text().splitlines():
        if regel.startswith("VmHWM:"):
            return int(regel.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ours(path: str) -> dict:
    """In a subprocess: import one file and report time and peak memory."""
    _setup_django()
    from signaalroute.aanleveringen.constants import Aanleverkanaal
    from signaalroute.aanleveringen.services import aanlevering_ontvangen, aanlevering_verwerken
    from signaalroute.signaalpartners.models import Signaalpartner

    _leegmaken()
    analyze()
    partner = Signaalpartner.objects.get(code=PARTNER)
    inhoud = Path(path).read_bytes()
    start = time.perf_counter()
    aanlevering = aanlevering_ontvangen(
        signaalpartner=partner,
        kanaal=Aanleverkanaal.API,
        inhoud=inhoud,
        bestandsnaam=Path(path).name,
        wachtrij=False,
    )
    aanlevering = aanlevering_verwerken(aanlevering_id=aanlevering.pk)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "rows": aanlevering.aantal_rijen,
        "stored": aanlevering.aantal_geaccepteerd + aanlevering.aantal_met_waarschuwing,
        "rejected": aanlevering.aantal_afgewezen,
        "peak_rss_mb": _peak_rss_mb(),
    }


def subprocess_run(path: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--run", path], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"import of {path} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_naive(data: list[list[str]]) -> float:
    """Row-by-row ORM import of `data`: rows per second."""
    from signaalroute.aanleveringen.constants import Aanleverkanaal
    from signaalroute.aanleveringen.models import Aanlevering, Vroegsignaal
    from signaalroute.gemeenten.models import Postcodegebied
    from signaalroute.signaalpartners.models import Signaalpartner

    partner = Signaalpartner.objects.get(code=PARTNER)
    aanlevering = Aanlevering.objects.create(signaalpartner=partner, kanaal=Aanleverkanaal.API)
    text = csv_bytes(data).decode()
    start = time.perf_counter()
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        postcode = row["postcode"].replace(" ", "").upper()
        gebied = Postcodegebied.objects.filter(postcode=postcode[:4]).first()
        nummer = "".join(c for c in row["huisnummer"] if c.isdigit())
        Vroegsignaal.objects.create(
            aanlevering=aanlevering,
            signaalpartner=partner,
            gemeente_id=gebied.gemeente_id,
            klantnummer=row["klantnummer"],
            achternaam=row["achternaam"],
            voorletters=row["voorletters"],
            postcode=postcode,
            huisnummer=int(nummer),
            bedrag=int(row["bedrag"].replace(",", "")),
            ontstaansdatum=datetime.datetime.strptime(row["ontstaansdatum"], "%d-%m-%Y").date(),
            signaaldatum=datetime.datetime.strptime(row["signaaldatum"], "%d-%m-%Y").date(),
        )
    seconds = time.perf_counter() - start
    aanlevering.delete()
    return len(data) / seconds


def run_copy(data: list[list[str]]) -> float:
    """PostgreSQL COPY of the same rows into a bare table: rows per second."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute("CREATE TABLE bench_copy (" + ", ".join(f"{c} text" for c in COLUMNS) + ")")
        payload = csv_bytes(data)
        start = time.perf_counter()
        with cursor.cursor.copy(
            "COPY bench_copy FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)"
        ) as copy:
            copy.write(payload)
        seconds = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_copy")
    return len(data) / seconds


def main() -> None:
    database_voorbereiden()
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    prepare_region()
    data = rows(ROWS)
    small = rows(ROWS // 5, seed=8)
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "csv": Path(tmp) / "maand.csv",
            "xlsx": Path(tmp) / "maand.xlsx",
            "csv_small": Path(tmp) / "klein.csv",
        }
        files["csv"].write_bytes(csv_bytes(data))
        files["xlsx"].write_bytes(xlsx_bytes(data))
        files["csv_small"].write_bytes(csv_bytes(small))
        results = {name: subprocess_run(str(path)) for name, path in files.items()}
    copy_rate = run_copy(data)
    naive_rate = run_naive(data[:NAIVE_ROWS])
    ours = results["csv"]
    ours_rate = ours["rows"] / ours["seconds"]
    xlsx_rate = results["xlsx"]["rows"] / results["xlsx"]["seconds"]
    print(f"rows: {ROWS:,} (stored {ours['stored']:,}, rejected {ours['rejected']:,})")
    print(
        f"ours CSV : {ours_rate:10,.0f} rows/s  {ours['seconds']:.2f} s  "
        f"peak {ours['peak_rss_mb']:.0f} MB"
    )
    print(
        f"ours XLSX: {xlsx_rate:10,.0f} rows/s  {results['xlsx']['seconds']:.2f} s  "
        f"peak {results['xlsx']['peak_rss_mb']:.0f} MB"
    )
    print(
        f"ours CSV {ROWS // 5:,} rows: peak {results['csv_small']['peak_rss_mb']:.0f} MB "
        "(memory vs file size)"
    )
    print(f"naive ORM: {naive_rate:10,.0f} rows/s  (sample of {NAIVE_ROWS:,} rows)")
    print(f"COPY     : {copy_rate:10,.0f} rows/s  (bare table, physical reference)")
    print(
        f"RESULT intake_rows_per_s={ours_rate:.0f} xlsx_rows_per_s={xlsx_rate:.0f} "
        f"ratio_to_copy={copy_rate / ours_rate:.2f} ratio_naive_to_ours={ours_rate / naive_rate:.1f} "
        f"peak_rss_mb={max(r['peak_rss_mb'] for r in results.values()):.0f}"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--run":
        print(json.dumps(run_ours(sys.argv[2])))
    else:
        main()
