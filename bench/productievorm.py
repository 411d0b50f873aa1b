"""The production shape on this machine: production settings, two gunicorn web servers on two
ports, two task workers (database backend) and the planner, against a throw-away PostgreSQL
database.

Four partners each deliver a CSV through the partner API (`POST /api/v1/aanleveringen`, a key
from `manage.py partnersleutel_aanmaken`), alternating between the two web servers. While a
worker processes a delivery it is killed with SIGKILL; the planner's `aanleveringen_hervatten`
must queue that delivery again and the other worker must process it. Then every row must have
been processed exactly once (accepted + warnings + rejected = delivered, one signal per accepted
row, no signal twice), and the health endpoints must say so: readiness 200 on both servers,
metrics that count the rows, and readiness 503 on a third server whose database is missing.

Last line: RESULT productievorm_rows=... rows_per_s=... resume_s=... exactly_once=1 ...
Settings: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/signaalroute_productievorm_bench;
the database is dropped and created again, so its name must contain 'bench'), BENCH_ROWS (rows
per delivery, default 20000), BENCH_PORT (first of three ports, default 8741).
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import requests

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BIN = Path(PYTHON).parent
ROWS = int(os.environ.get("BENCH_ROWS", "20000"))
PORT = int(os.environ.get("BENCH_PORT", "8741"))
URL = os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/signaalroute_productievorm_bench"
)
PARTNERS = ["bench-zorg-1", "bench-zorg-2", "bench-energie", "bench-water"]
GEMEENTEN = 12  # a regional installation: 12 municipalities own all PC4 areas
ONGELDIG_ELKE = 9  # every 9th row has an unreadable postcode: rejected
METRICS_TOKEN = secrets.token_urlsafe(32)
HTTPS = {"X-Forwarded-Proto": "https"}  # as nginx sets it


def log(tekst: str) -> None:
    print(f"[{datetime.datetime.now(datetime.UTC):%H:%M:%S}] {tekst}", flush=True)


def database_opnieuw(url: str) -> None:
    naam = url.rsplit("/", 1)[1]
    if "bench" not in naam:
        raise SystemExit("The benchmark drops its database: use a name with 'bench' in it.")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{naam}"')


def omgeving(tmp: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BRP_", "SMS_", "WEBHOOK_", "METRICS_", "OIDC_"))
        and k not in {"DEBUG", "SECURE_COOKIES", "TASKS_BACKEND", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="signaalroute.conf.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS="https://127.0.0.1",
        DATABASE_URL=URL,
        TASKS_BACKEND="database",
        WEBHOOK_API_URL="https://signaalroute.bench.invalid/api/v1",
        METRICS_TOKEN=METRICS_TOKEN,
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        EMAIL_HOST="127.0.0.1",
        PYTHONPATH=str(REPO / "src"),
    )
    return env


def manage(env: dict, *args: str) -> str:
    out = subprocess.run(
        [PYTHON, str(REPO / "src" / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return out.stdout


class Processen:
    """The processes this benchmark starts; it stops exactly these, by their id."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.lopend: dict[str, subprocess.Popen] = {}

    def start(self, naam: str, args: list[str], env: dict) -> subprocess.Popen:
        uit = (self.tmp / f"{naam}.log").open("w")
        proc = subprocess.Popen(
            args, env=env, cwd=REPO, stdout=uit, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.lopend[naam] = proc
        return proc

    def gunicorn(self, naam: str, port: int, env: dict) -> None:
        env = {**env, "METRICS_DIR": str(self.tmp / f"metrics-{naam}")}
        conf = str(REPO / "src" / "signaalroute" / "conf" / "gunicorn.conf.py")
        args = [str(BIN / "gunicorn"), "-c", conf, "--bind", f"127.0.0.1:{port}", "--workers", "2"]
        self.start(naam, [*args, "signaalroute.wsgi"], env)

    def stop_alles(self) -> None:
        for proc in self.lopend.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.lopend.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)

    def staart(self, naam: str) -> str:
        return (self.tmp / f"{naam}.log").read_text()[-2000:]


def wachten_op(url: str, status: int = 200, timeout: float = 60) -> requests.Response:
    eind = time.monotonic() + timeout
    laatste = "no answer"
    while True:
        try:
            antwoord = requests.get(url, headers=HTTPS, timeout=30)
            if antwoord.status_code == status:
                return antwoord
            laatste = f"{antwoord.status_code} {antwoord.text[:300]}"
        except requests.RequestException as exc:
            laatste = type(exc).__name__
        if time.monotonic() > eind:
            raise SystemExit(f"{url} did not answer {status} in time; last: {laatste}")
        time.sleep(0.3)


def csv_bestand(partner_nr: int, n: int) -> tuple[bytes, int]:
    """A partner file of `n` rows; returns the bytes and how many rows are unreadable."""
    rnd = random.Random(partner_nr)
    vandaag = datetime.date.today()
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\n")
    schrijver.writerow(
        ["klantnummer", "achternaam", "voorletters", "geboortedatum", "postcode", "huisnummer"]
        + ["bedrag", "aantal_onbetaalde_termijnen", "ontstaansdatum", "signaaldatum"]
    )
    ongeldig = 0
    for i in range(n):
        postcode = f"{rnd.randint(1000, 9999)} {rnd.choice('ABCDEFGHJKLMNPRT')}{rnd.choice('ABEHKLMNPRST')}"
        if i % ONGELDIG_ELKE == 0:
            postcode, ongeldig = "ONBEKEND", ongeldig + 1
        schrijver.writerow(
            [
                f"B{partner_nr}-{i:07d}",
                rnd.choice(["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "Bos"]),
                rnd.choice("ABCDEJKMPRSTW") + ".",
                f"{rnd.randint(1, 28):02d}-{rnd.randint(1, 12):02d}-{rnd.randint(1940, 2005)}",
                postcode,
                str(rnd.randint(1, 250)),
                f"{rnd.randint(150, 2500)},{rnd.randint(0, 99):02d}",
                "2",
                (vandaag - datetime.timedelta(days=rnd.randint(35, 90))).strftime("%d-%m-%Y"),
                vandaag.strftime("%d-%m-%Y"),
            ]
        )
    return buffer.getvalue().encode(), ongeldig


def regio_maken() -> None:
    from signaalroute.gemeenten.models import Gemeente, Postcodegebied, Uitvoeringsorganisatie

    org = Uitvoeringsorganisatie.objects.create(code="bench-regio", naam="Bench regio")
    gemeenten = Gemeente.objects.bulk_create(
        Gemeente(
            cbs_code=f"{9000 + i}", naam=f"Gemeente {i}", inwoners=50000, uitvoeringsorganisatie=org
        )
        for i in range(GEMEENTEN)
    )
    Postcodegebied.objects.bulk_create(
        Postcodegebied(postcode=str(pc4), gemeente=gemeenten[pc4 % GEMEENTEN])
        for pc4 in range(1000, 10000)
    )


def metric(tekst: str, naam: str, **labels) -> float:
    totaal = 0.0
    for regel in tekst.splitlines():
        if regel.startswith("#"):
            continue
        sleutel, _, getal = regel.rpartition(" ")
        if sleutel.split("{")[0] == naam and all(
            f'{k}="{v}"' in sleutel for k, v in labels.items()
        ):
            totaal += float(getal)
    return totaal


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="signaalroute-productievorm-"))
    log(f"throw-away database {URL.rsplit('/', 1)[1]}, logs in {tmp}")
    database_opnieuw(URL)
    env = omgeving(tmp)
    begin = time.perf_counter()
    manage(env, "migrate", "--no-input")
    log(f"migrate: {time.perf_counter() - begin:.1f} s")
    waarschuwingen = manage(env, "check", "--deploy", "--fail-level", "ERROR")
    log(
        f"check --deploy: {waarschuwingen.strip().splitlines()[-1] if waarschuwingen.strip() else 'ok'}"
    )
    # The NL Design System tokens ship a CSS file that points at icons they do not ship; the
    # hashed storage refuses it, and no page uses it (docs/deployment.md).
    manage(env, "collectstatic", "--no-input", "-v", "0")

    # The region and the partners, through the ORM of this process (production settings).
    os.environ.update(env)
    sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()
    from django_tasks_db.models import DBTaskResult

    from signaalroute.aanleveringen.models import Aanlevering, Aanleverregel, Vroegsignaal
    from signaalroute.signaalpartners.models import Signaalpartner

    regio_maken()
    for code in PARTNERS:
        Signaalpartner.objects.create(code=code, naam=code, soort="zorg")
    sleutels = {
        code: manage(env, "partnersleutel_aanmaken", "--partner", code).strip() for code in PARTNERS
    }

    processen = Processen(tmp)
    try:
        processen.gunicorn("web-1", PORT, env)
        processen.gunicorn("web-2", PORT + 1, env)
        for nr in (1, 2):
            processen.start(
                f"worker-{nr}",
                [PYTHON, "src/manage.py", "db_worker", "--queue-name", "*", "--interval", "0.2"]
                + ["--no-startup-delay", "--worker-id", f"bench-worker-{nr}"],
                env,
            )
        processen.start(
            "planner",
            [
                PYTHON,
                "src/manage.py",
                "planner",
                "--tik",
                "1",
                "--elke",
                "aanleveringen_hervatten=5",
            ],
            env,
        )
        for port in (PORT, PORT + 1):
            wachten_op(f"http://127.0.0.1:{port}/gezondheid/gereed")
        log("two web servers (2 processes each), two workers and the planner are up")

        bestanden = [csv_bestand(nr, ROWS) for nr in range(len(PARTNERS))]
        ongeldig = sum(o for _, o in bestanden)
        start = time.perf_counter()
        uuids = []
        for nr, (code, (inhoud, _)) in enumerate(zip(PARTNERS, bestanden, strict=True)):
            antwoord = requests.post(
                f"http://127.0.0.1:{PORT + nr % 2}/api/v1/aanleveringen",
                data=inhoud,
                headers={
                    **HTTPS,
                    "Authorization": f"Bearer {sleutels[code]}",
                    "Content-Type": "text/csv",
                },
                timeout=60,
            )
            if antwoord.status_code != 202:
                raise SystemExit(f"delivery refused: {antwoord.status_code} {antwoord.text[:500]}")
            uuids.append(antwoord.json()["uuid"])
        log(
            f"{len(uuids)} deliveries of {ROWS} rows accepted (202) in {time.perf_counter() - start:.1f} s"
        )

        # Kill a worker while it processes a delivery (uncommitted), half-way if we can.
        intake = "signaalroute.aanleveringen.tasks.aanlevering_verwerken_taak"
        slachtoffer = None
        eind = time.monotonic() + 300
        while slachtoffer is None and time.monotonic() < eind:
            lopend = DBTaskResult.objects.filter(status="RUNNING", task_path=intake).first()
            if lopend is None:
                time.sleep(0.02)
                continue
            time.sleep(0.5)  # into the delivery, not yet committed (it takes seconds)
            lopend.refresh_from_db()
            aanlevering_id = lopend.args_kwargs["args"][0]
            if (
                lopend.status == "RUNNING"
                and Aanlevering.objects.get(pk=aanlevering_id).status == "ontvangen"
            ):
                worker = lopend.worker_ids[-1].removeprefix("bench-")
                processen.lopend[worker].send_signal(signal.SIGKILL)
                gedood = time.perf_counter()
                slachtoffer = lopend
            else:
                status = Aanlevering.objects.get(pk=aanlevering_id).status
                log(f"delivery {aanlevering_id} ({lopend.status}, {status}) finished first; next")
                time.sleep(0.5)
        if slachtoffer is None:
            raise SystemExit("could not catch a worker in the middle of a delivery")
        processen.lopend[worker].wait(timeout=10)
        time.sleep(1)
        # As systemd does (Restart=always): a new worker in its place.
        processen.start(
            f"{worker}-opnieuw",
            [PYTHON, "src/manage.py", "db_worker", "--queue-name", "*", "--interval", "0.2"]
            + ["--no-startup-delay", "--worker-id", f"bench-{worker}-opnieuw"],
            env,
        )
        status_na_kill = Aanlevering.objects.get(pk=aanlevering_id).status
        log(
            f"SIGKILL to {worker} while it processed delivery {aanlevering_id}; after the kill "
            f"the delivery is '{status_na_kill}' (rolled back) and its task still "
            f"'{DBTaskResult.objects.get(pk=slachtoffer.pk).status}'"
        )

        eind = time.monotonic() + 600
        hervat_s = None
        while time.monotonic() < eind:
            statussen = dict(Aanlevering.objects.filter(uuid__in=uuids).values_list("pk", "status"))
            if hervat_s is None and statussen[aanlevering_id] != "ontvangen":
                hervat_s = time.perf_counter() - gedood
            if all(s in ("verwerkt", "mislukt") for s in statussen.values()):
                break
            time.sleep(0.2)
        else:
            raise SystemExit(f"deliveries not processed: {statussen}")
        totaal_s = time.perf_counter() - start
        duur = sorted(
            (r.finished_at - r.started_at).total_seconds()
            for r in DBTaskResult.objects.filter(status="SUCCESSFUL", task_path=intake)
            if r.return_value == "verwerkt"
        )
        per_worker = ROWS / duur[len(duur) // 2]
        log(
            f"one delivery takes {duur[0]:.1f}-{duur[-1]:.1f} s on a worker ({per_worker:.0f} "
            f"rows/s, median); all deliveries processed {totaal_s:.1f} s after the first POST; "
            f"the killed one {hervat_s:.1f} s after the kill"
        )

        # Exactly once.
        fouten = []
        geleverd = ROWS * len(PARTNERS)
        som_rijen = 0
        for a in Aanlevering.objects.filter(uuid__in=uuids):
            opgeslagen = a.aantal_geaccepteerd + a.aantal_met_waarschuwing
            som_rijen += opgeslagen + a.aantal_afgewezen
            if a.status != "verwerkt":
                fouten.append(f"{a.uuid}: {a.status}")
            if opgeslagen + a.aantal_afgewezen != ROWS:
                fouten.append(f"{a.uuid}: {opgeslagen} + {a.aantal_afgewezen} != {ROWS}")
            if Vroegsignaal.objects.filter(aanlevering=a).count() != opgeslagen:
                fouten.append(f"{a.uuid}: signals != accepted rows")
        dubbel_signaal = (
            Vroegsignaal.objects.values("aanlevering_id", "regelnummer")
            .annotate(n=django.db.models.Count("id"))
            .filter(n__gt=1)
            .count()
        )
        dubbel_klant = (
            Vroegsignaal.objects.values("signaalpartner_id", "klantnummer")
            .annotate(n=django.db.models.Count("id"))
            .filter(n__gt=1)
            .count()
        )
        dubbel_regel = (
            Aanleverregel.objects.values("aanlevering_id", "regelnummer")
            .annotate(n=django.db.models.Count("id"))
            .filter(n__gt=1)
            .count()
        )
        afgewezen = sum(
            Aanlevering.objects.filter(uuid__in=uuids).values_list("aantal_afgewezen", flat=True)
        )
        if dubbel_signaal or dubbel_klant or dubbel_regel:
            fouten.append(
                f"duplicates: {dubbel_signaal} signals, {dubbel_klant} customers, {dubbel_regel} rows"
            )
        if afgewezen < ongeldig:
            fouten.append(f"{afgewezen} rejected, {ongeldig} unreadable rows delivered")
        wees = DBTaskResult.objects.filter(
            status="RUNNING", task_path=intake, pk=slachtoffer.pk
        ).exists()
        log(
            f"rows: delivered {geleverd}, processed {som_rijen}, rejected {afgewezen} "
            f"({ongeldig} unreadable); the killed task is still 'running': {wees}"
        )

        # Health and metrics.
        gereed = [
            wachten_op(f"http://127.0.0.1:{p}/gezondheid/gereed").json() for p in (PORT, PORT + 1)
        ]
        scrape = ""
        for port in (PORT, PORT + 1):
            antwoord = requests.get(
                f"http://127.0.0.1:{port}/metrics",
                headers={"Authorization": f"Bearer {METRICS_TOKEN}"},
                timeout=30,
                allow_redirects=False,
            )
            if antwoord.status_code != 200:
                fouten.append(f"/metrics on {port}: {antwoord.status_code}")
            scrape += antwoord.text
        zonder_token = requests.get(
            f"http://127.0.0.1:{PORT}/metrics", timeout=10, allow_redirects=False
        ).status_code
        posts = metric(
            scrape, "signaalroute_http_requests_total", method="POST", status="2xx", area="api"
        )
        regels_metric = metric(scrape, "signaalroute_aanleverregels_total") / 2  # scraped twice
        verweesd_s = (
            metric(scrape, "signaalroute_tasks_oldest_running_seconds", queue="default") / 2
        )
        if posts != len(PARTNERS):
            fouten.append(f"metrics count {posts} API POSTs, {len(PARTNERS)} were made")
        if regels_metric != som_rijen:
            fouten.append(f"metrics count {regels_metric} rows, {som_rijen} processed")
        if zonder_token != 401:
            fouten.append(f"/metrics without token: {zonder_token}")
        log(
            f"readiness: {[g['status'] for g in gereed]}, queue check {[g['controles']['wachtrij'] for g in gereed]}; "
            f"metrics: {posts:.0f} API POSTs, {regels_metric:.0f} rows, oldest running task "
            f"{verweesd_s:.0f} s (the killed one); without token {zonder_token}"
        )

        # A web server whose database is missing: alive, not ready.
        processen.gunicorn("web-kapot", PORT + 2, {**env, "DATABASE_URL": URL + "_ontbreekt"})
        wachten_op(f"http://127.0.0.1:{PORT + 2}/gezondheid")
        kapot = wachten_op(f"http://127.0.0.1:{PORT + 2}/gezondheid/gereed", status=503)
        log(
            f"without its database: /gezondheid 200, /gezondheid/gereed 503 {kapot.json()['falend']}"
        )
    except BaseException:
        for naam in processen.lopend:
            print(f"--- {naam}\n{processen.staart(naam)}", file=sys.stderr)
        raise
    finally:
        processen.stop_alles()
        django.db.connections.close_all()
        database_opnieuw(URL)  # leave an empty database behind, not 80,000 fictitious rows

    for fout in fouten:
        print(f"FOUT {fout}")
    print(
        f"RESULT productievorm_rows={geleverd} rows_per_s={geleverd / totaal_s:.0f} "
        f"rows_per_s_per_worker={per_worker:.0f} total_s={totaal_s:.1f} resume_s={hervat_s:.1f} exactly_once={int(not fouten)} "
        f"readiness=200,200 readiness_without_db=503"
    )
    return 1 if fouten else 0


if __name__ == "__main__":
    sys.exit(main())
