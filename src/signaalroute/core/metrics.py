"""Metrics in the Prometheus text format (version 0.0.4), without external libraries.

Two kinds of figures:

- **requests** (count by method, status class and area; duration histogram by area), counted in
  each web process by `MetricsMiddleware`. Gunicorn runs several processes and a scrape reaches
  one of them, so each process writes its counters to `METRICS_DIR/<pid>.json` (a daemon
  thread, within a second of a change, and before every scrape); the scrape sums the files of all processes. Gunicorn's
  `child_exit` hook (`conf/gunicorn.conf.py`) folds the file of a stopped process into
  `gestopt.json`, so totals never go down while the service runs. Without `METRICS_DIR` the
  figures are those of the scraped process only (fine for one process).
- **work and intake**, read from the database at scrape time (a handful of aggregate queries
  over small tables or indexed columns): task queue depth and the age of the oldest waiting
  task (django-tasks-db's table, or Redis for rq), deliveries and delivered rows by outcome,
  deliveries per partner code, webhook deliveries by status (dead letters, failing), outgoing
  messages by status and the planner's last slot per job.

No personal data: labels are methods, status classes, partner codes, statuses and job codes.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
METHODEN = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
GESTOPT = "gestopt.json"
SCHRIJF_INTERVAL = 1.0  # seconds between two writes of a process's file


def gebied(path: str) -> str:
    """A coarse, fixed label for where a request went (never the path itself)."""
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/static/"):
        return "static"
    if path.startswith(("/gezondheid", "/metrics")):
        return "bewaking"
    return "pagina"


class Verzoektellers:
    """The request counters of one process. With `METRICS_DIR`, a daemon thread of the
    process writes them to `<pid>.json` within a second of a change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._schrijver_pid = 0
        self.leeg()

    def leeg(self) -> None:
        with self._lock:
            self.aantallen: dict[str, int] = defaultdict(int)  # "method|2xx|gebied" -> n
            self.duur: dict[str, dict] = {}  # gebied -> {"buckets", "som", "aantal"}
            self.gewijzigd = False

    def tel(self, *, methode: str, status: int, gebied: str, seconden: float) -> None:
        methode = methode if methode in METHODEN else "OTHER"
        klasse = f"{status // 100}xx"
        with self._lock:
            self.aantallen[f"{methode}|{klasse}|{gebied}"] += 1
            h = self.duur.setdefault(
                gebied, {"buckets": [0] * len(BUCKETS), "som": 0.0, "aantal": 0}
            )
            for i, grens in enumerate(BUCKETS):
                if seconden <= grens:
                    h["buckets"][i] += 1
            h["som"] += seconden
            h["aantal"] += 1
            self.gewijzigd = True

    def als_dict(self) -> dict:
        with self._lock:
            return {"aantallen": dict(self.aantallen), "duur": json.loads(json.dumps(self.duur))}

    def schrijven(self, map_: str) -> None:
        """Write this process's counters atomically (write, then rename)."""
        pad = Path(map_)
        pad.mkdir(parents=True, exist_ok=True)
        self.gewijzigd = False
        tijdelijk = pad / f".{os.getpid()}.tmp"
        tijdelijk.write_text(json.dumps(self.als_dict()))
        tijdelijk.replace(pad / f"{os.getpid()}.json")

    def schrijven_als_gewijzigd(self, map_: str) -> bool:
        if not (map_ and self.gewijzigd):
            return False
        self.schrijven(map_)
        return True

    def schrijver_starten(self, map_: str) -> None:
        """Once per process (also after a fork): a daemon thread that writes the counters at
        most once a second, so a request costs no file write."""
        if not map_ or self._schrijver_pid == os.getpid():
            return
        self._schrijver_pid = os.getpid()

        def lus() -> None:
            while True:
                time.sleep(SCHRIJF_INTERVAL)
                # A full or missing disk must not stop the web process.
                with contextlib.suppress(OSError):
                    self.schrijven_als_gewijzigd(map_)

        threading.Thread(target=lus, name="metrics-schrijver", daemon=True).start()


TELLERS = Verzoektellers()


def samenvoegen(delen: Iterable[dict]) -> dict:
    """Sum the counters of several processes."""
    totaal: dict = {"aantallen": defaultdict(int), "duur": {}}
    for deel in delen:
        for sleutel, n in deel.get("aantallen", {}).items():
            totaal["aantallen"][sleutel] += n
        for gb, h in deel.get("duur", {}).items():
            t = totaal["duur"].setdefault(
                gb, {"buckets": [0] * len(BUCKETS), "som": 0.0, "aantal": 0}
            )
            t["buckets"] = [a + b for a, b in zip(t["buckets"], h["buckets"], strict=True)]
            t["som"] += h["som"]
            t["aantal"] += h["aantal"]
    totaal["aantallen"] = dict(totaal["aantallen"])
    return totaal


def _lezen(bestand: Path) -> dict | None:
    try:
        return json.loads(bestand.read_text())
    except (OSError, ValueError):
        return None  # being replaced, or gone: the next scrape has it


def alle_processen(map_: str) -> tuple[dict, int]:
    """The summed counters of every process that wrote to `map_`, and how many files."""
    if not map_:
        return TELLERS.als_dict(), 1
    TELLERS.schrijven(map_)
    delen = [d for f in Path(map_).glob("*.json") if (d := _lezen(f)) is not None]
    return samenvoegen(delen), len(delen)


def proces_gestopt(map_: str, pid: int) -> None:
    """Fold a stopped process's counters into `gestopt.json` (gunicorn's arbiter calls this
    from `child_exit`; it is the only writer of that file)."""
    if not map_:
        return
    pad = Path(map_)
    bestand = pad / f"{pid}.json"
    deel = _lezen(bestand)
    if deel is None:
        return
    gestopt = _lezen(pad / GESTOPT) or {}
    tijdelijk = pad / f".{GESTOPT}.tmp"
    tijdelijk.write_text(json.dumps(samenvoegen([gestopt, deel])))
    tijdelijk.replace(pad / GESTOPT)
    bestand.unlink(missing_ok=True)


def map_legen(map_: str) -> None:
    """Start of the service: counters begin at zero (Prometheus sees a counter reset)."""
    if not map_:
        return
    pad = Path(map_)
    pad.mkdir(parents=True, exist_ok=True)
    for bestand in [*pad.glob("*.json"), *pad.glob(".*.tmp")]:
        bestand.unlink(missing_ok=True)


class MetricsMiddleware:
    """Count every request (method, status class, area) and its duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        begin = time.perf_counter()
        response = self.get_response(request)
        TELLERS.tel(
            methode=request.method or "OTHER",
            status=response.status_code,
            gebied=gebied(request.path),
            seconden=time.perf_counter() - begin,
        )
        TELLERS.schrijver_starten(settings.METRICS_DIR)
        return response


# --- Readiness (`/gezondheid/gereed`) ------------------------------------------------------------

_migraties_bijgewerkt = False  # once true, stays true for this process


def gereedheid() -> dict[str, str]:
    """Can this process serve? "ok" or "fout (<error class>)" per check."""
    uitkomst = {"database": _controleren(_database)}
    if uitkomst["database"] == "ok":
        uitkomst["migraties"] = _controleren(_migraties)
    else:
        uitkomst["migraties"] = "fout (geen database)"
    uitkomst["wachtrij"] = _controleren(_wachtrij)
    return uitkomst


def _controleren(controle) -> str:
    try:
        return controle()
    except Exception as exc:  # noqa: BLE001 - a readiness check reports, never raises
        return f"fout ({type(exc).__name__})"


def _database() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _migraties() -> str:
    global _migraties_bijgewerkt
    if _migraties_bijgewerkt:
        return "ok"
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    open_ = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if open_:
        return f"fout ({len(open_)} migraties niet uitgevoerd)"
    _migraties_bijgewerkt = True
    return "ok"


def _wachtrij() -> str:
    from django.conf import settings

    if settings.TASKS_BACKEND == "rq":
        import redis

        verbinding = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
        )
        try:
            verbinding.ping()
        finally:
            verbinding.close()
    elif settings.TASKS_BACKEND == "database":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()
    return "ok"


# --- The text format ---------------------------------------------------------------------------


def _label(waarde) -> str:
    return str(waarde).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


class Uitvoer:
    """Collects metric families and renders the Prometheus text format."""

    def __init__(self) -> None:
        self.regels: list[str] = []

    def familie(self, naam: str, soort: str, uitleg: str) -> None:
        self.regels.append(f"# HELP {naam} {uitleg}")
        self.regels.append(f"# TYPE {naam} {soort}")

    def waarde(self, naam: str, waarde: float, **labels) -> None:
        if labels:
            tekst = ",".join(f'{k}="{_label(v)}"' for k, v in labels.items())
            self.regels.append(f"{naam}{{{tekst}}} {_getal(waarde)}")
        else:
            self.regels.append(f"{naam} {_getal(waarde)}")

    def tekst(self) -> str:
        return "\n".join(self.regels) + "\n"


def _getal(waarde: float) -> str:
    if isinstance(waarde, bool):
        return "1" if waarde else "0"
    if isinstance(waarde, int):
        return str(waarde)
    return repr(float(waarde))


def verzoeken_uitvoeren(uit: Uitvoer, map_: str) -> None:
    tellers, processen = alle_processen(map_)
    uit.familie(
        "signaalroute_http_requests_total",
        "counter",
        "HTTP requests by method, status class and area.",
    )
    for sleutel, n in sorted(tellers["aantallen"].items()):
        methode, klasse, gb = sleutel.split("|")
        uit.waarde("signaalroute_http_requests_total", n, method=methode, status=klasse, area=gb)
    uit.familie(
        "signaalroute_http_request_duration_seconds",
        "histogram",
        "Time from the first middleware to the response, by area.",
    )
    for gb, h in sorted(tellers["duur"].items()):
        for grens, n in zip(BUCKETS, h["buckets"], strict=True):
            uit.waarde("signaalroute_http_request_duration_seconds_bucket", n, area=gb, le=grens)
        uit.waarde(
            "signaalroute_http_request_duration_seconds_bucket", h["aantal"], area=gb, le="+Inf"
        )
        uit.waarde("signaalroute_http_request_duration_seconds_sum", h["som"], area=gb)
        uit.waarde("signaalroute_http_request_duration_seconds_count", h["aantal"], area=gb)
    uit.familie(
        "signaalroute_metrics_processes",
        "gauge",
        "Web process counter files summed in this scrape (stopped processes count as one).",
    )
    uit.waarde("signaalroute_metrics_processes", processen)


# --- Figures from the database (and Redis) at scrape time ---------------------------------------


def taken_uitvoeren(uit: Uitvoer) -> None:
    """Queue depth and the age of the oldest waiting and running task, per queue."""
    from django.conf import settings

    uit.familie(
        "signaalroute_tasks", "gauge", "Background tasks by queue and status (Django Tasks)."
    )
    uit.familie(
        "signaalroute_tasks_oldest_waiting_seconds",
        "gauge",
        "Age of the oldest task that is due and waits for a worker, per queue (0: none).",
    )
    uit.familie(
        "signaalroute_tasks_oldest_running_seconds",
        "gauge",
        "Age of the oldest running task, per queue (0: none); a task whose worker died stays "
        "running, so a high value means a killed worker.",
    )
    if settings.TASKS_BACKEND == "database":
        _taken_database(uit)
    elif settings.TASKS_BACKEND == "rq":
        _taken_rq(uit)


def _taken_database(uit: Uitvoer) -> None:
    from django.db.models import Count, Min
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    nu = timezone.now()
    for rij in (
        DBTaskResult.objects.order_by()
        .values("queue_name", "status")
        .annotate(n=Count("id"))
        .order_by("queue_name", "status")
    ):
        uit.waarde(
            "signaalroute_tasks", rij["n"], queue=rij["queue_name"], status=rij["status"].lower()
        )
    wachtend = dict(
        DBTaskResult.objects.ready()
        .order_by()
        .values("queue_name")
        .annotate(oudste=Min("enqueued_at"))
        .values_list("queue_name", "oudste")
    )
    lopend = dict(
        DBTaskResult.objects.running()
        .order_by()
        .values("queue_name")
        .annotate(oudste=Min("started_at"))
        .values_list("queue_name", "oudste")
    )
    for queue in sorted(set(_queues()) | set(wachtend) | set(lopend)):
        for naam, bron in (("waiting", wachtend), ("running", lopend)):
            oudste = bron.get(queue)
            leeftijd = max((nu - oudste).total_seconds(), 0.0) if oudste else 0.0
            uit.waarde(f"signaalroute_tasks_oldest_{naam}_seconds", leeftijd, queue=queue)


def _taken_rq(uit: Uitvoer) -> None:
    import django_rq
    from django.utils import timezone
    from rq.job import Job
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    nu = timezone.now()
    for queue in _queues():
        q = django_rq.get_queue(queue)
        uit.waarde("signaalroute_tasks", q.count, queue=queue, status="ready")
        uit.waarde(
            "signaalroute_tasks", StartedJobRegistry(queue=q).count, queue=queue, status="running"
        )
        uit.waarde(
            "signaalroute_tasks", FailedJobRegistry(queue=q).count, queue=queue, status="failed"
        )
        leeftijd = 0.0
        ids = q.get_job_ids(0, 1)
        if ids:
            job = Job.fetch(ids[0], connection=q.connection)
            if job.enqueued_at:
                begin = job.enqueued_at
                if timezone.is_naive(begin):
                    begin = begin.replace(tzinfo=datetime.UTC)  # rq stores UTC
                leeftijd = max((nu - begin).total_seconds(), 0.0)
        uit.waarde("signaalroute_tasks_oldest_waiting_seconds", leeftijd, queue=queue)


def _queues() -> list[str]:
    from django.conf import settings

    return list(settings.TASKS["default"].get("QUEUES", ["default"]))


def intake_uitvoeren(uit: Uitvoer) -> None:
    from django.db.models import Count, Min, Sum
    from django.utils import timezone

    from signaalroute.aanleveringen.constants import Aanleverstatus
    from signaalroute.aanleveringen.models import Aanlevering

    uit.familie(
        "signaalroute_aanleveringen",
        "gauge",
        "Deliveries by partner code and status (municipal list imports under their own code).",
    )
    for rij in (
        Aanlevering.objects.order_by()
        .values("signaalpartner__code", "status")
        .annotate(n=Count("id"))
        .order_by("signaalpartner__code", "status")
    ):
        uit.waarde(
            "signaalroute_aanleveringen",
            rij["n"],
            partner=rij["signaalpartner__code"],
            status=rij["status"],
        )
    som = Aanlevering.objects.filter(status=Aanleverstatus.VERWERKT).aggregate(
        geaccepteerd=Sum("aantal_geaccepteerd"),
        waarschuwing=Sum("aantal_met_waarschuwing"),
        afgewezen=Sum("aantal_afgewezen"),
        oudste=Min("ontvangen_op"),
    )
    uit.familie(
        "signaalroute_aanleverregels_total",
        "counter",
        "Rows of processed deliveries by outcome (from the database: falls only when retention "
        "removes deliveries).",
    )
    for uitkomst in ("geaccepteerd", "waarschuwing", "afgewezen"):
        uit.waarde("signaalroute_aanleverregels_total", som[uitkomst] or 0, uitkomst=uitkomst)
    oudste = Aanlevering.objects.filter(status=Aanleverstatus.ONTVANGEN).aggregate(
        o=Min("ontvangen_op")
    )["o"]
    uit.familie(
        "signaalroute_aanleveringen_oldest_waiting_seconds",
        "gauge",
        "Age of the oldest delivery received but not processed (0: none).",
    )
    uit.waarde(
        "signaalroute_aanleveringen_oldest_waiting_seconds",
        max((timezone.now() - oudste).total_seconds(), 0.0) if oudste else 0.0,
    )


def uitgaand_uitvoeren(uit: Uitvoer) -> None:
    from django.db.models import Count

    from signaalroute.contact.constants import Berichtstatus
    from signaalroute.contact.models import Bericht
    from signaalroute.terugkoppeling.webhooks.constants import Afleverstatus
    from signaalroute.terugkoppeling.webhooks.models import Webhookaflevering

    uit.familie(
        "signaalroute_webhookafleveringen",
        "gauge",
        "Webhook deliveries not (yet) delivered, by status: gepland (due or waiting for a "
        "retry), dead_letter, mislukt (subscription ended).",
    )
    open_ = dict(
        Webhookaflevering.objects.exclude(status=Afleverstatus.AFGELEVERD)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    for status in (Afleverstatus.GEPLAND, Afleverstatus.DEAD_LETTER, Afleverstatus.MISLUKT):
        uit.waarde("signaalroute_webhookafleveringen", open_.get(status, 0), status=status.value)
    uit.familie(
        "signaalroute_webhookafleveringen_failing",
        "gauge",
        "Planned webhook deliveries that failed at least once (retrying).",
    )
    uit.waarde(
        "signaalroute_webhookafleveringen_failing",
        Webhookaflevering.objects.filter(status=Afleverstatus.GEPLAND, pogingen__gt=0).count(),
    )
    uit.familie(
        "signaalroute_berichten",
        "gauge",
        "Outgoing messages not (yet) sent or failed, by status: klaargezet (queued), verzenden "
        "(interrupted, waits for a person), onbestelbaar, mislukt.",
    )
    wachtend = (
        Berichtstatus.KLAARGEZET,
        Berichtstatus.VERZENDEN,
        Berichtstatus.ONBESTELBAAR,
        Berichtstatus.MISLUKT,
    )
    aantallen = dict(
        Bericht.objects.filter(status__in=wachtend)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    for status in wachtend:
        uit.waarde("signaalroute_berichten", aantallen.get(status, 0), status=status.value)


def planner_uitvoeren(uit: Uitvoer) -> None:
    from django.db.models import Max

    from .models import Planningsslot
    from .planner import PLANNING

    laatste = dict(
        Planningsslot.objects.order_by()
        .values("taak")
        .annotate(slot=Max("slot"))
        .values_list("taak", "slot")
    )
    uit.familie(
        "signaalroute_planner_last_slot_timestamp_seconds",
        "gauge",
        "Start of the last slot the planner enqueued, per periodic job (0: never).",
    )
    for taak in PLANNING:
        slot = laatste.get(taak.code)
        uit.waarde(
            "signaalroute_planner_last_slot_timestamp_seconds",
            slot.timestamp() if slot else 0,
            taak=taak.code,
        )


def metrics_tekst() -> str:
    """The whole scrape."""
    from django.conf import settings

    uit = Uitvoer()
    verzoeken_uitvoeren(uit, settings.METRICS_DIR)
    taken_uitvoeren(uit)
    intake_uitvoeren(uit)
    uitgaand_uitvoeren(uit)
    planner_uitvoeren(uit)
    return uit.tekst()
