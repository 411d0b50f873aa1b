"""Processing scales out: several workers, in threads or in separate processes (as on several
machines), take deliveries from the same database without processing anything twice.

PostgreSQL only: row locks with SKIP LOCKED are what lets exactly one worker take a delivery;
SQLite has no row locks and serialises all writers. The worker tests start real
`db_worker` / `rqworker` processes against the test database, so they need committed data
(`transactional_db`).
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import subprocess
import sys
import threading
import urllib.parse
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import override_settings

from signaalroute.aanleveringen import services
from signaalroute.aanleveringen.constants import Aanleverkanaal, Aanleverstatus, Regelstatus
from signaalroute.aanleveringen.models import Aanlevering, Aanleverregel, Vroegsignaal
from signaalroute.aanleveringen.services import aanlevering_ontvangen, aanlevering_verwerken
from signaalroute.aanleveringen.tasks import aanlevering_verwerken_taak

from .intake import KOP, regel, regio

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: concurrent workers rely on row locks (SELECT ... SKIP LOCKED); "
    "run with DATABASE_URL=postgres://...",
)

SRC = Path(__file__).resolve().parents[3]
MANAGE = SRC / "manage.py"
WERKERS = 4


def bestand(voorvoegsel: str, aantal: int) -> bytes:
    """`aantal` valid signals, each accepted: customer numbers `<voorvoegsel><n>`."""
    regels = [KOP] + [
        regel(f"{voorvoegsel}{n}", "Jansen", huisnummer=str(n % 999 + 1)) for n in range(aantal)
    ]
    return ("\r\n".join(regels) + "\r\n").encode()


def ontvangen(partner, inhoud: bytes, *, wachtrij: bool = False) -> Aanlevering:
    return aanlevering_ontvangen(
        signaalpartner=partner,
        kanaal=Aanleverkanaal.OPDRACHTREGEL,
        inhoud=inhoud,
        wachtrij=wachtrij,
    )


def in_threads(aantal: int, werk) -> list:
    """Run `werk(i)` in `aantal` threads that start together, each with its own database
    connection; return the results, raise the first error."""
    start = threading.Barrier(aantal)
    uitkomsten: list = [None] * aantal
    fouten: list[BaseException] = []

    def draad(i: int) -> None:
        try:
            start.wait(timeout=30)
            uitkomsten[i] = werk(i)
        except BaseException as fout:  # noqa: BLE001 - reported below
            fouten.append(fout)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=draad, args=(i,)) for i in range(aantal)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=120)
    assert not any(d.is_alive() for d in draden), "a worker thread hangs"
    if fouten:
        raise fouten[0]
    return uitkomsten


def assert_eenmaal_verwerkt(aanlevering: Aanlevering, rijen: int) -> None:
    aanlevering.refresh_from_db()
    assert aanlevering.status == Aanleverstatus.VERWERKT
    assert aanlevering.aantal_rijen == aanlevering.aantal_geaccepteerd == rijen
    signalen = Vroegsignaal.objects.filter(aanlevering=aanlevering)
    assert signalen.count() == rijen
    nummers = list(signalen.values_list("regelnummer", flat=True))
    assert len(set(nummers)) == len(nummers) == rijen


# --- several workers in one process ------------------------------------------------------------


def test_workers_racing_for_the_same_delivery_process_it_exactly_once(transactional_db):
    _, _, verhuurder = regio()
    aanlevering = ontvangen(verhuurder, bestand("K", 3000))

    def werk(_i):
        uit = aanlevering_verwerken(aanlevering_id=aanlevering.pk)
        return None if uit is None else uit.pk

    uitkomsten = in_threads(WERKERS, werk)
    assert uitkomsten.count(aanlevering.pk) == 1
    assert uitkomsten.count(None) == WERKERS - 1
    assert_eenmaal_verwerkt(aanlevering, 3000)


def test_a_worker_busy_with_a_delivery_does_not_make_another_skip_the_next_one(
    transactional_db, monkeypatch
):
    """Worker 1 is busy with the partner's first delivery; worker 2 takes the partner's second
    delivery from the queue. It must process it (or wait for its turn), not skip it: a task
    is run once, so a skipped delivery is never processed at all."""
    _, _, verhuurder = regio()
    eerste = ontvangen(verhuurder, bestand("A", 200))
    tweede = ontvangen(verhuurder, bestand("B", 200))
    eerste_bezig, tweede_klaar = threading.Event(), threading.Event()
    rol = threading.local()
    echte_opslag = services._batch_opslaan

    def opslaan(*args, **kwargs):
        if getattr(rol, "eerste", False) and not eerste_bezig.is_set():
            eerste_bezig.set()
            tweede_klaar.wait(timeout=3)  # or on, if worker 2 waits for us
        return echte_opslag(*args, **kwargs)

    monkeypatch.setattr(services, "_batch_opslaan", opslaan)

    def werk(i):
        if i == 0:
            rol.eerste = True
            return aanlevering_verwerken(aanlevering_id=eerste.pk)
        assert eerste_bezig.wait(timeout=30)
        try:
            return aanlevering_verwerken(aanlevering_id=tweede.pk)
        finally:
            tweede_klaar.set()

    uit_eerste, uit_tweede = in_threads(2, werk)
    assert uit_eerste == eerste
    assert uit_tweede == tweede, "worker 2 skipped a delivery that nobody else was processing"
    assert_eenmaal_verwerkt(eerste, 200)
    assert_eenmaal_verwerkt(tweede, 200)


def test_workers_sharing_a_queue_of_deliveries_process_each_exactly_once(transactional_db):
    """A queue as the task backends give it: every delivery queued twice (a retry), every task
    taken by one worker once."""
    _, _, verhuurder = regio()
    aanleveringen = [ontvangen(verhuurder, bestand(f"A{i}-", 1000)) for i in range(10)]
    ids = [a.pk for a in aanleveringen]
    wachtrij = queue.SimpleQueue()
    for pk in random.Random(1).sample(ids * 2, 2 * len(ids)):
        wachtrij.put(pk)

    def werk(_i):
        genomen = []
        while True:
            try:
                pk = wachtrij.get_nowait()
            except queue.Empty:
                return genomen
            if (uit := aanlevering_verwerken(aanlevering_id=pk)) is not None:
                genomen.append(uit.pk)

    uitkomsten = in_threads(WERKERS, werk)
    verwerkt = Counter(pk for genomen in uitkomsten for pk in genomen)
    assert verwerkt == Counter(ids), "every delivery processed by exactly one worker"
    for aanlevering in aanleveringen:
        assert_eenmaal_verwerkt(aanlevering, 1000)
    assert Vroegsignaal.objects.count() == 10 * 1000


def test_the_same_signal_in_two_deliveries_processed_at_once_is_stored_once(
    transactional_db, monkeypatch
):
    """Two overlapping deliveries of one partner (today's and yesterday's export, say) each
    hold customer K0. One after the other, the second K0 is `al_aangeleverd`; processed at the
    same moment by two workers, it must still be one signal.

    Both workers are held just before storing their first batch until the other has also
    started its transaction (or 3 seconds have passed, if the service serialises them)."""
    _, _, verhuurder = regio()
    eerste = ontvangen(verhuurder, bestand("K", 1) + regel("A1", "Bakker").encode() + b"\r\n")
    tweede = ontvangen(verhuurder, bestand("K", 1) + regel("B1", "Smit").encode() + b"\r\n")

    samen = threading.Barrier(2, timeout=3)
    echte_opslag = services._batch_opslaan
    gewacht = threading.local()

    def opslaan_na_elkaar_te_hebben_gezien(*args, **kwargs):
        if not getattr(gewacht, "klaar", False):
            gewacht.klaar = True
            # A broken barrier: the other worker is held elsewhere (a lock), which is fine.
            with contextlib.suppress(threading.BrokenBarrierError):
                samen.wait()
        return echte_opslag(*args, **kwargs)

    monkeypatch.setattr(services, "_batch_opslaan", opslaan_na_elkaar_te_hebben_gezien)
    ids = [eerste.pk, tweede.pk]
    uitkomsten = in_threads(2, lambda i: aanlevering_verwerken(aanlevering_id=ids[i]))

    assert uitkomsten == [eerste, tweede], "a delivery was skipped, see the test above"
    assert Vroegsignaal.objects.filter(klantnummer="K0").count() == 1, (
        "the same signal was stored twice by two concurrent workers"
    )
    assert Vroegsignaal.objects.filter(klantnummer__in=["A1", "B1"]).count() == 2
    assert Aanleverregel.objects.filter(status=Regelstatus.AFGEWEZEN).count() == 1


# --- real worker processes -----------------------------------------------------------------------


def werkeromgeving(**extra: str) -> dict[str, str]:
    """The environment of a worker process on "another machine": the same (test) database."""
    instellingen = connection.settings_dict
    gebruiker = urllib.parse.quote(instellingen["USER"] or "", safe="")
    wachtwoord = urllib.parse.quote(instellingen["PASSWORD"] or "", safe="")
    inlog = f"{gebruiker}:{wachtwoord}@" if wachtwoord else f"{gebruiker}@"
    poort = f":{instellingen['PORT']}" if instellingen["PORT"] else ""
    url = f"postgres://{inlog}{instellingen['HOST'] or 'localhost'}{poort}/{instellingen['NAME']}"
    return {
        **os.environ,
        "PYTHONPATH": str(SRC),  # the code under test, whatever is installed
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "signaalroute.conf.ci",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def tegelijk_draaien(opdrachten: list[list[str]], omgeving: dict[str, str]) -> list[str]:
    processen = [
        subprocess.Popen(
            [sys.executable, str(MANAGE), *opdracht],
            env=omgeving,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for opdracht in opdrachten
    ]
    uitvoer = []
    try:
        for proces in processen:
            tekst, _ = proces.communicate(timeout=180)
            assert proces.returncode == 0, tekst
            uitvoer.append(tekst)
    finally:
        for proces in processen:
            if proces.poll() is None:
                proces.kill()
                proces.wait()
    return uitvoer


DB_TAKEN = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_db_worker_processes_on_several_machines_process_each_delivery_once(transactional_db):
    """Each delivery is queued twice (as after a retry by the caller): whichever worker gets
    the second task finds the delivery done and does nothing."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    _, _, verhuurder = regio()
    with override_settings(TASKS=DB_TAKEN):
        aanleveringen = [
            ontvangen(verhuurder, bestand(f"D{i}-", 1500), wachtrij=True) for i in range(12)
        ]
        for aanlevering in aanleveringen:
            aanlevering_verwerken_taak.enqueue(aanlevering.pk)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 24

    werker = ["db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    tegelijk_draaien(
        [[*werker, "--queue-name", "default", "--worker-id", f"machine-{i}"] for i in range(3)],
        werkeromgeving(TASKS_BACKEND="database"),
    )

    for aanlevering in aanleveringen:
        assert_eenmaal_verwerkt(aanlevering, 1500)
    assert Vroegsignaal.objects.count() == 12 * 1500
    # Every task succeeded: the deliveries' and the checks they queued for their municipality.
    assert {t.status for t in DBTaskResult.objects.all()} == {TaskResultStatus.SUCCESSFUL}
    taken = list(DBTaskResult.objects.filter(task_path__endswith=".aanlevering_verwerken_taak"))
    per_aanlevering: dict[int, list] = {}
    for taak in taken:
        per_aanlevering.setdefault(taak.args_kwargs["args"][0], []).append(taak.return_value)
    assert {pk: sorted(map(str, uit)) for pk, uit in per_aanlevering.items()} == {
        a.pk: ["None", Aanleverstatus.VERWERKT] for a in aanleveringen
    }
    assert all(len(t.worker_ids) == 1 for t in taken), "a task was run by two workers"


def _redis_db():
    """A Redis database of our own for the rq test: the first empty one from 15 down."""
    redis = pytest.importorskip("redis")
    for nummer in range(15, 7, -1):
        verbinding = redis.Redis.from_url(f"redis://127.0.0.1:6379/{nummer}")
        try:
            if verbinding.dbsize() == 0:
                return verbinding, f"redis://127.0.0.1:6379/{nummer}"
        except redis.exceptions.ConnectionError:
            pytest.skip("Redis does not run on 127.0.0.1:6379")
    pytest.skip("no empty Redis database for the rq test")


def test_rq_workers_on_several_machines_process_each_delivery_once(transactional_db):
    verbinding, redis_url = _redis_db()
    rq_taken = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    _, _, verhuurder = regio()
    try:
        with override_settings(TASKS=rq_taken, RQ_QUEUES={"default": {"URL": redis_url}}):
            aanleveringen = [
                ontvangen(verhuurder, bestand(f"R{i}-", 1500), wachtrij=True) for i in range(8)
            ]
            for aanlevering in aanleveringen:
                aanlevering_verwerken_taak.enqueue(aanlevering.pk)
        assert verbinding.llen("rq:queue:default") == 16

        werker = ["rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job"]
        uitvoer = tegelijk_draaien(
            [[*werker, "--name", f"machine-{i}"] for i in range(2)],
            werkeromgeving(TASKS_BACKEND="rq", REDIS_URL=redis_url),
        )

        for aanlevering in aanleveringen:
            assert_eenmaal_verwerkt(aanlevering, 1500)
        assert Vroegsignaal.objects.count() == 8 * 1500
        assert verbinding.llen("rq:queue:default") == 0
        assert not verbinding.zcard("rq:failed:default"), uitvoer
    finally:
        verbinding.flushdb()  # ours: it was empty when the test began
