"""Household matching benchmark: one national month matched against 6 months of history.

Measured in one run, on PostgreSQL:
- ours: `alle_gemeenten_matchen` for 340 municipalities (peildatum 2025-08-01, so July 2025 is
  matched), BENCH_SIGNALS signals in July against BENCH_HISTORY signals in January-June that
  are already in (mostly closed) cases;
- reference: one equivalent grouping query (GROUP BY address over July, classification with
  EXISTS on the history), which only counts and writes nothing.

Data is generated in SQL (`INSERT ... SELECT generate_series`) for speed.
Last line: RESULT matching_s=... ratio_to_sql=...
Settings: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/signaalroute_bench2; the name
must contain 'bench': the benchmark empties it), BENCH_SIGNALS (default 100000), BENCH_HISTORY
(default 600000), BENCH_ADDRESSES (default 300000).
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))
from _gedeeld import database_voorbereiden, landelijke_regio  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/signaalroute_bench2")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "signaalroute.conf.ci")
os.environ["TASKS_BACKEND"] = "immediate"

SIGNALS = int(os.environ.get("BENCH_SIGNALS", "100000"))
HISTORY = int(os.environ.get("BENCH_HISTORY", "600000"))
ADDRESSES = int(os.environ.get("BENCH_ADDRESSES", "300000"))
PEILDATUM = datetime.date(2025, 8, 1)
PARTNERS = [
    ("bench-zorg", "zorg"),
    ("bench-energie", "energie"),
    ("bench-huur", "huur"),
    ("bench-water", "water"),
    ("bench-cak", "cak_zorgverzekeringen"),
    ("bench-duo", "duo"),
]


def _execute(sql: str, params=None) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _leegmaken() -> None:
    for tabel in (
        "matching_huishoudkenmerken",
        "matching_referentieteller",
        "vroegsignaalzaken_zaakwijziging",
        "vroegsignaalzaken_signaalstatuswijziging",
        "aanleveringen_aanleverregel",
        "aanleveringen_vroegsignaal",
        "vroegsignaalzaken_vroegsignaalzaak",
        "aanleveringen_aanlevering",
    ):
        _execute(f"DELETE FROM {tabel}")  # noqa: S608 (fixed table names)


def prepare_region() -> None:
    from signaalroute.aanleveringen.models import Aanlevering
    from signaalroute.signaalpartners.models import Signaalpartner

    landelijke_regio()
    for code, soort in PARTNERS:
        partner, _ = Signaalpartner.objects.get_or_create(
            code=code, defaults={"naam": code, "soort": soort}
        )
        Aanlevering.objects.get_or_create(signaalpartner=partner, kanaal="api")


def _kolommen(specifiek: dict[str, str]) -> tuple[str, str]:
    """Column list and SELECT expressions for every NOT NULL column of Vroegsignaal."""
    from django.db import models

    from signaalroute.aanleveringen.models import Vroegsignaal

    namen, expressies = [], []
    for f in Vroegsignaal._meta.concrete_fields:
        if f.primary_key:
            continue
        if f.column in specifiek:
            expressie = specifiek[f.column]
        elif f.null:
            continue
        elif isinstance(f, models.BooleanField):
            expressie = "false"
        elif isinstance(f, models.CharField | models.TextField):
            expressie = "''"
        else:
            expressie = "0"
        namen.append(f.column)
        expressies.append(expressie)
    return ", ".join(namen), ", ".join(expressies)


def generate() -> dict:
    """History (Jan-Jun, in cases) and the month to match (July, no cases yet)."""
    from signaalroute.aanleveringen.models import Aanlevering

    aanleveringen = {
        a.signaalpartner.soort: (a.pk, a.signaalpartner_id)
        for a in Aanlevering.objects.select_related("signaalpartner")
    }
    soorten = [s for _, s in PARTNERS]
    _execute("SELECT setseed(0.42)")
    _execute(
        "CREATE TEMP TABLE bench_adres AS "
        "SELECT i, (1000 + i %% 9000)::text || chr(65 + (i / 9000) %% 10) || chr(65 + (i / 9000) %% 7)"
        "  AS postcode, 1 + i / 90000 + (i / 9000) %% 10 * 10 AS huisnummer,"
        " CASE WHEN i %% 17 = 0 THEN 'A' ELSE '' END AS huisletter,"
        " g.id AS gemeente_id "
        "FROM generate_series(0, %s - 1) i "
        "JOIN gemeenten_gemeente g ON g.cbs_code = (8001 + (1000 + i %% 9000) %% 340)::text",
        [ADDRESSES],
    )
    _execute("CREATE INDEX ON bench_adres (i)")
    _execute("ANALYZE bench_adres")
    specifiek = {
        "uuid": "gen_random_uuid()",
        "aanlevering_id": "(%(aanl)s::bigint[])[p + 1]",
        "signaalpartner_id": "(%(partner)s::bigint[])[p + 1]",
        "soort": "(%(soort)s::text[])[p + 1]",
        "gemeente_id": "a.gemeente_id",
        "status": "CASE WHEN r < 0.01 THEN 'niet_opgepakt_andere_reden' "
        "ELSE 'nog_niet_opgepakt' END",
        "rechtspersoon": "r < 0.01",
        "crisissignaal": "r > 0.995",
        "bedrag": "25000",
        "ontstaansdatum": "dag - 60",
        "signaaldatum": "dag",
        "achternaam": "'Jansen'",
        "postcode": "a.postcode",
        "huisnummer": "a.huisnummer",
        "huisletter": "a.huisletter",
        "aangemaakt_op": "now()",
    }
    namen, expressies = _kolommen(specifiek)
    params = {
        "aanl": [aanleveringen[s][0] for s in soorten],
        "partner": [aanleveringen[s][1] for s in soorten],
        "soort": soorten,
    }

    def invoegen(aantal: int, van: str, dagen: int) -> None:
        # Addresses are skewed (power 1.5) so that some households signal often.
        _execute(
            f"INSERT INTO aanleveringen_vroegsignaal ({namen}) "  # noqa: S608
            f"SELECT {expressies} FROM ("
            "  SELECT floor(power(random(), 1.5) * %(adressen)s)::int AS ai,"
            "   floor(random() * 6)::int AS p, random() AS r,"
            f"   DATE '{van}' + floor(random() * {dagen})::int AS dag"
            "  FROM generate_series(1, %(aantal)s)"
            ") s JOIN bench_adres a ON a.i = s.ai",
            {**params, "adressen": ADDRESSES, "aantal": aantal},
        )

    start = time.perf_counter()
    invoegen(HISTORY, "2025-01-01", 181)
    # History in cases: one per address per month, closed; a few June cases still open.
    _execute(
        "INSERT INTO vroegsignaalzaken_vroegsignaalzaak (uuid, referentie, gemeente_id, postcode,"
        " huisnummer, huisletter, huisnummertoevoeging, soort, fase, matchingsdatum,"
        " startdatum_matchingperiode, einddatum_matchingperiode, eindresultaat, crisis,"
        " aangemaakt_op) "
        "SELECT gen_random_uuid(), 'VS-2025-' || lpad((row_number() OVER ())::text, 6, '0'),"
        " gemeente_id, postcode, huisnummer, huisletter, huisnummertoevoeging, 'enkelvoudig',"
        " CASE WHEN maand = DATE '2025-06-01' AND random() < 0.1 THEN 'in_behandeling'"
        "  ELSE 'afgesloten' END,"
        " (maand + interval '1 month')::date, maand, (maand + interval '1 month - 1 day')::date,"
        " '', false, now() "
        "FROM (SELECT DISTINCT gemeente_id, postcode, huisnummer, huisletter,"
        " huisnummertoevoeging, date_trunc('month', signaaldatum)::date AS maand"
        " FROM aanleveringen_vroegsignaal WHERE status = 'nog_niet_opgepakt') h"
    )
    _execute(
        "UPDATE aanleveringen_vroegsignaal v SET vroegsignaalzaak_id = z.id "
        "FROM vroegsignaalzaken_vroegsignaalzaak z WHERE z.gemeente_id = v.gemeente_id"
        " AND z.postcode = v.postcode AND z.huisnummer = v.huisnummer"
        " AND z.huisletter = v.huisletter AND z.huisnummertoevoeging = v.huisnummertoevoeging"
        " AND z.startdatum_matchingperiode = date_trunc('month', v.signaaldatum)::date"
        " AND v.status = 'nog_niet_opgepakt'"
    )
    invoegen(SIGNALS, "2025-07-01", 31)
    _execute("ANALYZE")
    return {"generate_s": time.perf_counter() - start}


REFERENCE_SQL = """
WITH run AS (
    SELECT gemeente_id, postcode, huisnummer, huisletter, huisnummertoevoeging,
           count(DISTINCT signaalpartner_id) AS partners
    FROM aanleveringen_vroegsignaal
    WHERE signaaldatum BETWEEN DATE '2025-07-01' AND DATE '2025-07-31'
      AND status = 'nog_niet_opgepakt' AND NOT rechtspersoon
    GROUP BY 1, 2, 3, 4, 5
)
SELECT CASE
         WHEN partners >= 2 THEN 'meervoudig'
         WHEN EXISTS (
           SELECT 1 FROM aanleveringen_vroegsignaal h
           WHERE h.gemeente_id = run.gemeente_id AND h.postcode = run.postcode
             AND h.huisnummer = run.huisnummer AND h.huisletter = run.huisletter
             AND h.huisnummertoevoeging = run.huisnummertoevoeging
             AND h.signaaldatum >= DATE '2025-01-01' AND h.signaaldatum < DATE '2025-07-01'
             AND NOT h.rechtspersoon AND h.status <> 'niet_opgepakt_onterecht'
         ) THEN 'opeenvolgend'
         ELSE 'enkelvoudig'
       END AS soort, count(*)
FROM run GROUP BY 1
"""


def reference() -> tuple[float, dict[str, int]]:
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(REFERENCE_SQL)
        rows = dict(cursor.fetchall())
    return time.perf_counter() - start, rows


def main() -> None:
    database_voorbereiden()
    import django

    django.setup()
    from django.core.management import call_command

    from signaalroute.matching.services import alle_gemeenten_matchen

    call_command("migrate", verbosity=0)
    _leegmaken()
    prepare_region()
    info = generate()
    print(f"generated {HISTORY} history + {SIGNALS} signals in {info['generate_s']:.1f} s")

    ref_s, ref_rows = reference()  # also warms the cache for both
    start = time.perf_counter()
    resultaten = alle_gemeenten_matchen(peildatum=PEILDATUM)
    ours_s = time.perf_counter() - start
    ref_s = min(ref_s, reference()[0])

    gevormd = sum(r.zaken_gevormd for r in resultaten)
    aangevuld = sum(r.zaken_aangevuld for r in resultaten)
    per_soort: dict[str, int] = {}
    for r in resultaten:
        for soort, n in r.per_soort.items():
            per_soort[soort] = per_soort.get(soort, 0) + n
    print(
        f"ours: {ours_s:.2f} s, {gevormd} cases formed {per_soort}, {aangevuld} open cases "
        f"joined, {sum(r.signalen_gebundeld for r in resultaten)} signals bundled"
    )
    print(f"reference SQL: {ref_s:.2f} s, {sum(ref_rows.values())} households {ref_rows}")
    if gevormd + aangevuld != sum(ref_rows.values()):
        print("WARNING: household count differs from the reference")
    again = time.perf_counter()
    tweede = alle_gemeenten_matchen(peildatum=PEILDATUM)
    print(
        f"second run (idempotent): {sum(r.zaken_gevormd for r in tweede)} cases, "
        f"{time.perf_counter() - again:.2f} s"
    )
    print(f"RESULT matching_s={ours_s:.2f} ratio_to_sql={ours_s / ref_s:.2f}")


if __name__ == "__main__":
    main()
