"""A crash in the middle of an import (kill -9, power loss) leaves nothing half stored, and
processing the delivery again stores it completely.

PostgreSQL only: a separate process imports a large file into the test database and is killed
once it is storing rows; the database rolls its transaction back. (test_services covers an
exception mid-import within one process, on any database.)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

from signaalroute.aanleveringen.constants import Aanleverkanaal, Aanleverstatus
from signaalroute.aanleveringen.models import Aanlevering, Aanleverregel, Vroegsignaal
from signaalroute.aanleveringen.services import aanlevering_ontvangen, aanlevering_verwerken
from signaalroute.vroegsignaalzaken.models import Signaalstatuswijziging

from .intake import KOP, regel, regio
from .test_concurrency import MANAGE, werkeromgeving
from .test_robustness import controleer_aanlevering

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: a second process must reach the test database "
    "(run with DATABASE_URL=postgres://...)",
)

RIJEN = 60_000
# What the importer's session runs while it stores rows (pg_stat_activity.query, ILIKE).
OPSLAAN = (
    "COPY %aanleveringen_vroegsignaal%",
    'INSERT INTO "aanleveringen_vroegsignaal"%',
    'INSERT INTO "aanleveringen_aanleverregel"%',
)


def groot_bestand() -> bytes:
    """RIJEN rows: mostly accepted, every 10th rejected (bad postcode), every 25th a legal
    person (stored with a status change); several batches of signals and reported rows."""
    regels = [KOP]
    for n in range(RIJEN):
        if n % 10 == 0:
            regels.append(regel(f"K{n}", "Jansen", postcode="12345"))
        elif n % 25 == 0:
            regels.append(regel(f"K{n}", "Bouwbedrijf Smit B.V."))
        else:
            regels.append(regel(f"K{n}", "Jansen", huisnummer=str(n % 9999 + 1)))
    return ("\r\n".join(regels) + "\r\n").encode()


def _sessie(naam: str) -> tuple[int, str, str | None] | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, query, backend_xid::text FROM pg_stat_activity WHERE application_name = %s",
            [naam],
        )
        return cursor.fetchone()


def _rijen_ingevoegd() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables "
            "WHERE relname IN ('aanleveringen_vroegsignaal', 'aanleveringen_aanleverregel')"
        )
        return int(cursor.fetchone()[0])


def _is_aan_het_opslaan(naam: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = %s AND backend_xid IS NOT "
            "NULL AND (" + " OR ".join(["query ILIKE %s"] * len(OPSLAAN)) + ")",
            [naam, *OPSLAAN],
        )
        return cursor.fetchone() is not None


def starten_en_doden_tijdens_opslaan(opdracht: list[str], naam: str, **omgeving: str) -> None:
    """Start `opdracht` as a separate process on the test database, wait until it is storing
    rows, kill -9 it, and wait until PostgreSQL has ended (rolled back) its session."""
    proces = subprocess.Popen(
        [sys.executable, *opdracht],
        env=werkeromgeving(PGAPPNAME=naam, **omgeving),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        einde = time.monotonic() + 120
        while not _is_aan_het_opslaan(naam):
            assert proces.poll() is None, "finished before it was killed:\n" + proces.stdout.read()
            assert time.monotonic() < einde, "never started storing rows"
            time.sleep(0.02)
        time.sleep(0.3)  # some batches further
        assert proces.poll() is None, "finished before it was killed: make the file larger"
        sessie = _sessie(naam)
        os.kill(proces.pid, signal.SIGKILL)
        proces.wait(timeout=30)
        assert proces.returncode == -signal.SIGKILL
    finally:
        if proces.poll() is None:
            proces.kill()
            proces.wait()
        proces.stdout.close()
    einde = time.monotonic() + 60
    while _sessie(naam) is not None:  # the server notices the lost client and rolls back
        assert time.monotonic() < einde, "the killed worker's session does not end"
        time.sleep(0.05)
    assert sessie is not None


def assert_niets_opgeslagen(aanlevering: Aanlevering) -> None:
    aanlevering.refresh_from_db()
    assert aanlevering.status == Aanleverstatus.ONTVANGEN
    assert aanlevering.verwerkt_op is None
    assert aanlevering.aantal_rijen == 0
    assert not Vroegsignaal.objects.filter(aanlevering=aanlevering).exists()
    assert not Aanleverregel.objects.filter(aanlevering=aanlevering).exists()
    assert not Signaalstatuswijziging.objects.filter(vroegsignaal__aanlevering=aanlevering).exists()


def assert_volledig_verwerkt(aanlevering: Aanlevering) -> None:
    controleer_aanlevering(aanlevering)
    assert aanlevering.status == Aanleverstatus.VERWERKT
    assert aanlevering.aantal_rijen == RIJEN
    assert aanlevering.aantal_afgewezen == RIJEN // 10
    assert Vroegsignaal.objects.filter(aanlevering=aanlevering).count() == RIJEN - RIJEN // 10


def test_killing_the_import_mid_way_stores_nothing_and_a_rerun_stores_everything(
    transactional_db,
):
    _, _, verhuurder = regio()
    aanlevering = aanlevering_ontvangen(
        signaalpartner=verhuurder,
        kanaal=Aanleverkanaal.OPDRACHTREGEL,
        inhoud=groot_bestand(),
        wachtrij=False,
    )
    voor = _rijen_ingevoegd()
    script = (
        "import django; django.setup(); "
        "from signaalroute.aanleveringen.services import aanlevering_verwerken; "
        f"aanlevering_verwerken(aanlevering_id={aanlevering.pk})"
    )
    starten_en_doden_tijdens_opslaan(["-c", script], "sr_crash_import")

    assert_niets_opgeslagen(aanlevering)
    # It did store rows before it died: the statistics count them (rolled back).
    einde = time.monotonic() + 10
    while _rijen_ingevoegd() == voor and time.monotonic() < einde:
        time.sleep(0.2)
    assert _rijen_ingevoegd() > voor

    opnieuw = aanlevering_verwerken(aanlevering_id=aanlevering.pk)
    assert opnieuw == aanlevering
    assert_volledig_verwerkt(aanlevering)


def test_a_delivery_whose_worker_was_killed_is_processed_by_the_next_worker(transactional_db):
    """A worker machine dies while importing. The delivery must not stay "ontvangen" forever
    (the partner sees "being processed" and cannot send the same file again): the periodic
    `aanleveringen_hervatten` queues it again and the next worker run finishes it."""
    from django.test import override_settings

    from .test_concurrency import DB_TAKEN, tegelijk_draaien

    _, _, verhuurder = regio()
    with override_settings(TASKS=DB_TAKEN):
        aanlevering = aanlevering_ontvangen(
            signaalpartner=verhuurder,
            kanaal=Aanleverkanaal.API,
            inhoud=groot_bestand(),
            wachtrij=True,
        )
    werker = ["db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    starten_en_doden_tijdens_opslaan(
        [str(MANAGE), *werker, "--worker-id", "gestorven"],
        "sr_crash_worker",
        TASKS_BACKEND="database",
    )
    assert_niets_opgeslagen(aanlevering)

    import datetime

    from signaalroute.aanleveringen.services import vastgelopen_aanleveringen_hervatten

    with override_settings(TASKS=DB_TAKEN):
        hervat = vastgelopen_aanleveringen_hervatten(ouder_dan=datetime.timedelta(0))
    assert [a.pk for a in hervat] == [aanlevering.pk]
    tegelijk_draaien(
        [[*werker, "--worker-id", "volgende"]], werkeromgeving(TASKS_BACKEND="database")
    )
    aanlevering.refresh_from_db()
    assert aanlevering.status == Aanleverstatus.VERWERKT, (
        "the delivery of the killed worker is never processed: its task stays RUNNING"
    )
    assert_volledig_verwerkt(aanlevering)
