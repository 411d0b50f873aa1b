"""The periodic jobs and the planner that enqueues them (`manage.py planner`).

Each job has slots: "every 5 minutes" (slots aligned to the epoch, the same on every machine)
or "daily at 06:00" (local time). For the current slot of every job, the planner inserts a
`Planningsslot` row (unique on job and slot) and enqueues the task in the same transaction;
a second planner on another machine fails on the unique row and moves on, so no slot is
enqueued twice, however many planners run. With the database task backend the row and the
task commit together; with rq the task is in Redis before the row commits, so a crash in
between can enqueue a slot a second time (every job is idempotent, so that is harmless).

A planner that was down catches up only the current slot of each job (one run, not one per
missed slot). The tasks run on the workers, never in the planner process.

The jobs replace the cron lines of earlier versions; the management commands still exist for
running a job by hand.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import math
import os
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable

from django.db import DatabaseError, IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

logger = logging.getLogger("signaalroute.planner")


def _geen(slot: datetime.datetime, taak: PeriodiekeTaak) -> dict:
    return {}


def _peildatum(slot: datetime.datetime, taak: PeriodiekeTaak) -> dict:
    return {"peildatum": timezone.localtime(slot).date().isoformat()}


def _aangesloten_gemeenten(slot: datetime.datetime, taak: PeriodiekeTaak) -> dict:
    from signaalroute.gemeenten.models import Gemeente

    codes = Gemeente.objects.filter(aangesloten=True).order_by("cbs_code")
    return {"cbs_codes": list(codes.values_list("cbs_code", flat=True)), **_peildatum(slot, taak)}


def _hervatten(slot: datetime.datetime, taak: PeriodiekeTaak) -> dict:
    # A delivery that waited two rounds without a worker holding it is queued again.
    return {"ouder_dan_seconden": int(2 * taak.elke.total_seconds())}


def _webhooks(slot: datetime.datetime, taak: PeriodiekeTaak) -> dict:
    # Stop starting new batches before the next slot begins.
    return {"max_seconden": round(min(50.0, 0.8 * taak.elke.total_seconds()), 1)}


@dataclasses.dataclass(frozen=True)
class PeriodiekeTaak:
    code: str
    taak: str  # dotted path of a Django Tasks task
    uitleg: str
    elke: datetime.timedelta | None = None
    om: datetime.time | None = None  # daily, local time; avoid 02:00-03:00 (DST)
    argumenten: Callable[[datetime.datetime, PeriodiekeTaak], dict] = _geen

    def slot(self, nu: datetime.datetime) -> datetime.datetime:
        """The start of the slot `nu` falls in."""
        if self.elke is not None:
            seconden = self.elke.total_seconds()
            begin = math.floor(nu.timestamp() / seconden) * seconden
            return datetime.datetime.fromtimestamp(begin, tz=datetime.UTC)
        assert self.om is not None
        lokaal = timezone.localtime(nu)
        zone = timezone.get_current_timezone()
        begin = datetime.datetime.combine(lokaal.date(), self.om, tzinfo=zone)
        if lokaal < begin:
            vorige = lokaal.date() - datetime.timedelta(days=1)
            begin = datetime.datetime.combine(vorige, self.om, tzinfo=zone)
        return begin

    def met_interval(self, seconden: float) -> PeriodiekeTaak:
        """The same job every `seconden` (tests and the benchmark; every planner of an
        installation must use the same intervals, or slots differ)."""
        return dataclasses.replace(self, elke=datetime.timedelta(seconds=seconden), om=None)


MINUUT = datetime.timedelta(minutes=1)
PLANNING: tuple[PeriodiekeTaak, ...] = (
    PeriodiekeTaak(
        code="signalen_verwerken",
        taak="signaalroute.matching.tasks.signalen_verwerken_taak",
        uitleg="checks and household matching of every connected municipality",
        om=datetime.time(1, 0),
        argumenten=_aangesloten_gemeenten,
    ),
    PeriodiekeTaak(
        code="bewaartermijnen",
        taak="signaalroute.bewaartermijnen.tasks.bewaartermijnen_toepassen_taak",
        uitleg="wipe personal data past each municipality's retention periods",
        om=datetime.time(3, 30),
        argumenten=_peildatum,
    ),
    PeriodiekeTaak(
        code="logboek_controleren",
        taak="signaalroute.audit.tasks.logboek_controleren_taak",
        uitleg="seal and verify the processing log's hash chain",
        om=datetime.time(4, 30),
    ),
    PeriodiekeTaak(
        code="opruimen",
        taak="signaalroute.core.planner.opruimen_taak",
        uitleg="prune finished task results and old planner slots",
        om=datetime.time(4, 0),
    ),
    PeriodiekeTaak(
        code="termijnen_bewaken",
        taak="signaalroute.vroegsignaalzaken.tasks.termijnen_bewaken_taak",
        uitleg="deadline notifications, after-care due, interim feedback",
        om=datetime.time(6, 0),
        argumenten=_peildatum,
    ),
    PeriodiekeTaak(
        code="aanleverherinneringen",
        taak="signaalroute.signaalpartners.tasks.aanleverherinneringen_versturen_taak",
        uitleg="reminders to partners whose delivery is late",
        om=datetime.time(8, 0),
        argumenten=_peildatum,
    ),
    PeriodiekeTaak(
        code="aanleveringen_hervatten",
        taak="signaalroute.core.planner.aanleveringen_hervatten_taak",
        uitleg="queue again deliveries whose worker died",
        elke=5 * MINUUT,
        argumenten=_hervatten,
    ),
    PeriodiekeTaak(
        code="berichten_versturen",
        taak="signaalroute.contact.tasks.berichten_opnieuw_versturen_taak",
        uitleg="send e-mails and text messages still queued",
        elke=5 * MINUUT,
    ),
    PeriodiekeTaak(
        code="webhooks_afleveren",
        taak="signaalroute.core.planner.webhooks_afleveren_taak",
        uitleg="webhook deliveries due (new and retries)",
        elke=MINUUT,
        argumenten=_webhooks,
    ),
)


def planning(
    *, alleen: list[str] | None = None, intervallen: dict[str, float] | None = None
) -> list[PeriodiekeTaak]:
    """The jobs, optionally only some (`alleen`) and with other intervals (`intervallen`)."""
    bekend = {t.code for t in PLANNING}
    onbekend = (set(alleen or []) | set(intervallen or {})) - bekend
    if onbekend:
        raise ValueError(f"Onbekende taak: {', '.join(sorted(onbekend))}")
    taken = [t for t in PLANNING if not alleen or t.code in alleen]
    return [
        t.met_interval(intervallen[t.code]) if intervallen and t.code in intervallen else t
        for t in taken
    ]


class Planner:
    """Enqueues the current slot of each job that no planner enqueued yet."""

    def __init__(self, taken: list[PeriodiekeTaak] | None = None, naam: str = "") -> None:
        self.taken = list(PLANNING if taken is None else taken)
        self.naam = naam or f"{socket.gethostname()}:{os.getpid()}"[:100]
        self._gezien: dict[str, datetime.datetime] = {}

    def ronde(self, nu: datetime.datetime | None = None) -> list[str]:
        """One look at the clock; returns the codes of the jobs this planner enqueued."""
        nu = nu or timezone.now()
        ingepland = []
        for taak in self.taken:
            slot = taak.slot(nu)
            if self._gezien.get(taak.code) == slot:
                continue
            if self._inplannen(taak, slot):
                ingepland.append(taak.code)
            self._gezien[taak.code] = slot
        return ingepland

    def _inplannen(self, taak: PeriodiekeTaak, slot: datetime.datetime) -> bool:
        from .models import Planningsslot

        try:
            with transaction.atomic():
                rij = Planningsslot.objects.create(taak=taak.code, slot=slot, planner=self.naam)
                resultaat = import_string(taak.taak).enqueue(**taak.argumenten(slot, taak))
                rij.taak_id = str(resultaat.id)[:64]
                rij.save(update_fields=["taak_id"])
        except IntegrityError:
            return False  # another planner took this slot
        logger.info(
            "periodieke taak in de wachtrij",
            extra={"taak": taak.code, "slot": slot.isoformat(), "taak_id": rij.taak_id},
        )
        return True

    def draaien(self, *, tik: float, stop: threading.Event) -> None:
        """Look every `tik` seconds until `stop` is set; survives a database restart."""
        logger.info("planner gestart", extra={"planner": self.naam, "tik": tik})
        while not stop.is_set():
            begin = time.monotonic()
            close_old_connections()
            try:
                self.ronde()
            except DatabaseError:
                logger.exception("planner: database niet bereikbaar; volgende ronde opnieuw")
                close_old_connections()
            stop.wait(max(tik - (time.monotonic() - begin), 0.1))
        logger.info("planner gestopt", extra={"planner": self.naam})


# --- Periodic tasks that have no task in their own app ------------------------------------------


@task(queue_name="default")
def aanleveringen_hervatten_taak(ouder_dan_seconden: int = 600) -> int:
    """Queue again the received deliveries that no worker holds (their worker died)."""
    from signaalroute.aanleveringen.services import vastgelopen_aanleveringen_hervatten

    ouder_dan = datetime.timedelta(seconds=ouder_dan_seconden)
    return len(vastgelopen_aanleveringen_hervatten(ouder_dan=ouder_dan))


@task(queue_name="default")
def webhooks_afleveren_taak(max_seconden: float = 50.0) -> dict:
    """Send the webhook deliveries due, batch after batch, for at most `max_seconden`."""
    from signaalroute.terugkoppeling.webhooks.instellingen import Instellingen
    from signaalroute.terugkoppeling.webhooks.services import afleveringen_afleveren

    batch = Instellingen.uit_settings().batch
    begin = time.monotonic()
    totaal: Counter = Counter()
    while time.monotonic() - begin < max_seconden:
        telling = afleveringen_afleveren(limiet=batch)
        if not telling:
            break
        totaal.update(telling)
    return {str(k): v for k, v in totaal.items()}


VERWEESD_NA = datetime.timedelta(hours=6)


@task(queue_name="default")
def opruimen_taak(resultaten_dagen: int = 14, slots_dagen: int = 30) -> dict:
    """Daily housekeeping: finished task results (database backend) and planner slots older
    than the given days are removed; a task still "running" after `VERWEESD_NA` lost its
    worker (killed) and is marked failed, so it stops counting as running."""
    from django.conf import settings

    from .models import Planningsslot

    nu = timezone.now()
    uitkomst = {
        "slots": Planningsslot.objects.filter(
            slot__lt=nu - datetime.timedelta(days=slots_dagen)
        ).delete()[0]
    }
    if settings.TASKS_BACKEND == "database":
        from django_tasks_db.models import DBTaskResult

        uitkomst["resultaten"] = (
            DBTaskResult.objects.finished()
            .filter(finished_at__lt=nu - datetime.timedelta(days=resultaten_dagen))
            .delete()[0]
        )
        uitkomst["verweesd"] = (
            DBTaskResult.objects.running()
            .filter(started_at__lt=nu - VERWEESD_NA)
            .update(
                status="FAILED",
                finished_at=nu,
                exception_class_path="signaalroute.core.planner.WorkerVerdwenen",
                traceback="",
            )
        )
    return uitkomst
