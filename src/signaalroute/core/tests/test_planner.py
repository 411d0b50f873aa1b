"""The planner of the periodic jobs: slots, exactly one enqueue per slot, the periodic tasks."""

import datetime
import threading
import zoneinfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django_tasks import task

from signaalroute.core.models import Planningsslot
from signaalroute.core.planner import (
    PLANNING,
    PeriodiekeTaak,
    Planner,
    aanleveringen_hervatten_taak,
    opruimen_taak,
    planning,
)

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
UITGEVOERD: list[dict] = []


@task(queue_name="default")
def proef_taak(**kwargs) -> int:
    UITGEVOERD.append(kwargs)
    return len(UITGEVOERD)


@pytest.fixture(autouse=True)
def _leeg():
    UITGEVOERD.clear()


ELKE_MINUUT = PeriodiekeTaak(
    code="proef",
    taak="signaalroute.core.tests.test_planner.proef_taak",
    uitleg="test",
    elke=datetime.timedelta(minutes=1),
)
DAGELIJKS = PeriodiekeTaak(
    code="proef_dag",
    taak="signaalroute.core.tests.test_planner.proef_taak",
    uitleg="test",
    om=datetime.time(6, 0),
    argumenten=lambda slot, taak: {"dag": timezone.localtime(slot).date().isoformat()},
)


def test_interval_slots_are_aligned_to_the_clock_not_to_the_planner():
    nu = datetime.datetime(2026, 11, 24, 10, 7, 42, tzinfo=datetime.UTC)
    assert ELKE_MINUUT.slot(nu) == datetime.datetime(2026, 11, 24, 10, 7, tzinfo=datetime.UTC)
    vijf = ELKE_MINUUT.met_interval(300)
    assert vijf.slot(nu) == datetime.datetime(2026, 11, 24, 10, 5, tzinfo=datetime.UTC)


def test_daily_slot_is_today_after_its_time_and_yesterday_before():
    na = datetime.datetime(2026, 11, 24, 6, 30, tzinfo=AMS)
    voor = datetime.datetime(2026, 11, 24, 5, 59, tzinfo=AMS)
    assert DAGELIJKS.slot(na) == datetime.datetime(2026, 11, 24, 6, 0, tzinfo=AMS)
    assert DAGELIJKS.slot(voor) == datetime.datetime(2026, 11, 23, 6, 0, tzinfo=AMS)


def test_daily_slot_keeps_its_local_time_across_summer_time():
    zomer = datetime.datetime(2026, 7, 1, 7, 0, tzinfo=AMS)
    winter = datetime.datetime(2026, 12, 1, 7, 0, tzinfo=AMS)
    assert timezone.localtime(DAGELIJKS.slot(zomer)).hour == 6
    assert timezone.localtime(DAGELIJKS.slot(winter)).hour == 6


@pytest.mark.django_db
def test_a_slot_is_enqueued_once_however_many_planners_run():
    nu = datetime.datetime(2026, 11, 24, 10, 7, 42, tzinfo=datetime.UTC)
    eerste, tweede = Planner([ELKE_MINUUT], naam="a"), Planner([ELKE_MINUUT], naam="b")
    assert eerste.ronde(nu) == ["proef"]
    assert tweede.ronde(nu) == []
    assert eerste.ronde(nu + datetime.timedelta(seconds=10)) == []
    assert len(UITGEVOERD) == 1
    rij = Planningsslot.objects.get()
    assert (rij.taak, rij.planner) == ("proef", "a")
    assert rij.taak_id


@pytest.mark.django_db
def test_the_next_slot_is_enqueued_by_whichever_planner_looks_first():
    nu = datetime.datetime(2026, 11, 24, 10, 7, 42, tzinfo=datetime.UTC)
    eerste, tweede = Planner([ELKE_MINUUT], naam="a"), Planner([ELKE_MINUUT], naam="b")
    eerste.ronde(nu)
    assert tweede.ronde(nu + datetime.timedelta(minutes=1)) == ["proef"]
    assert eerste.ronde(nu + datetime.timedelta(minutes=1)) == []
    assert Planningsslot.objects.count() == 2
    assert len(UITGEVOERD) == 2


@pytest.mark.django_db
def test_daily_job_gets_the_date_of_its_slot():
    Planner([DAGELIJKS]).ronde(datetime.datetime(2026, 11, 24, 5, 0, tzinfo=AMS))
    assert UITGEVOERD == [{"dag": "2026-11-23"}]


@pytest.mark.django_db
def test_a_failing_enqueue_leaves_the_slot_free_for_the_next_round(monkeypatch):
    nu = datetime.datetime(2026, 11, 24, 10, 7, 42, tzinfo=datetime.UTC)
    kapot = PeriodiekeTaak(
        code="kapot", taak="bestaat.niet.taak", uitleg="test", elke=ELKE_MINUUT.elke
    )
    with pytest.raises(ImportError):
        Planner([kapot]).ronde(nu)
    assert not Planningsslot.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent planners: PostgreSQL")
def test_concurrent_planners_on_postgresql_enqueue_a_slot_once():
    nu = timezone.now()
    start = threading.Barrier(4)
    fouten = []

    def planner(naam):
        try:
            start.wait()
            Planner([ELKE_MINUUT], naam=naam).ronde(nu)
        except Exception as exc:  # pragma: no cover - reported below
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=planner, args=(f"p{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten
    assert Planningsslot.objects.count() == 1
    assert len(UITGEVOERD) == 1


@pytest.mark.django_db
def test_every_real_periodic_job_can_be_enqueued_and_runs():
    """The task paths and arguments of the real schedule are right (tasks run at once in the
    test settings)."""
    ingepland = Planner().ronde()
    assert sorted(ingepland) == sorted(t.code for t in PLANNING)


def test_schedule_codes_are_unique_and_every_job_has_one_kind_of_slot():
    codes = [t.code for t in PLANNING]
    assert len(codes) == len(set(codes))
    for t in PLANNING:
        assert (t.elke is None) != (t.om is None), t.code
        if t.om:
            assert not 2 <= t.om.hour < 3, f"{t.code}: daylight saving time hour"


def test_planning_selects_and_overrides_jobs():
    gekozen = planning(
        alleen=["aanleveringen_hervatten"], intervallen={"aanleveringen_hervatten": 5}
    )
    assert [t.code for t in gekozen] == ["aanleveringen_hervatten"]
    assert gekozen[0].elke == datetime.timedelta(seconds=5)
    assert gekozen[0].argumenten(timezone.now(), gekozen[0]) == {"ouder_dan_seconden": 10}
    with pytest.raises(ValueError, match="bestaat_niet"):
        planning(alleen=["bestaat_niet"])


@pytest.mark.django_db
def test_resume_task_passes_its_threshold_to_the_intake_service(monkeypatch):
    gezien = []
    monkeypatch.setattr(
        "signaalroute.aanleveringen.services.vastgelopen_aanleveringen_hervatten",
        lambda *, ouder_dan: gezien.append(ouder_dan) or ["a", "b"],
    )
    assert aanleveringen_hervatten_taak.call(ouder_dan_seconden=30) == 2
    assert gezien == [datetime.timedelta(seconds=30)]


@pytest.mark.django_db
def test_cleanup_removes_old_slots_and_results_and_closes_orphaned_tasks(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS_BACKEND = "database"
    nu = timezone.now()
    Planningsslot.objects.create(taak="oud", slot=nu - datetime.timedelta(days=40))
    Planningsslot.objects.create(taak="nieuw", slot=nu - datetime.timedelta(days=1))

    def resultaat(status, **velden):
        return DBTaskResult.objects.create(
            status=status,
            args_kwargs={"args": [], "kwargs": {}},
            task_path="signaalroute.core.tests.test_planner.proef_taak",
            backend_name="default",
            run_after=nu,
            **velden,
        )

    oud = resultaat("SUCCESSFUL", finished_at=nu - datetime.timedelta(days=20))
    recent = resultaat("SUCCESSFUL", finished_at=nu - datetime.timedelta(days=1))
    wees = resultaat("RUNNING", started_at=nu - datetime.timedelta(hours=7))
    bezig = resultaat("RUNNING", started_at=nu - datetime.timedelta(minutes=5))

    uitkomst = opruimen_taak.call()

    assert uitkomst == {"slots": 1, "resultaten": 1, "verweesd": 1}
    assert list(Planningsslot.objects.values_list("taak", flat=True)) == ["nieuw"]
    assert not DBTaskResult.objects.filter(pk=oud.pk).exists()
    assert DBTaskResult.objects.filter(pk=recent.pk).exists()
    assert DBTaskResult.objects.get(pk=wees.pk).status == "FAILED"
    assert DBTaskResult.objects.get(pk=bezig.pk).status == "RUNNING"


@pytest.mark.django_db
def test_command_runs_one_round(capsys):
    call_command("planner", "--eenmalig", "--taak", "berichten_versturen")
    assert "berichten_versturen" in capsys.readouterr().out
    call_command("planner", "--eenmalig", "--taak", "berichten_versturen")
    assert "Niets te doen" in capsys.readouterr().out


def test_command_refuses_unknown_jobs_and_bad_intervals():
    with pytest.raises(CommandError, match="bestaat_niet"):
        call_command("planner", "--eenmalig", "--taak", "bestaat_niet")
    with pytest.raises(CommandError):
        call_command("planner", "--eenmalig", "--elke", "webhooks_afleveren=nul")


@pytest.mark.django_db
def test_planner_loop_stops_on_request():
    stop = threading.Event()
    planner = Planner([ELKE_MINUUT])
    draad = threading.Thread(target=planner.draaien, kwargs={"tik": 0.05, "stop": stop})
    stop.set()
    draad.start()
    draad.join(timeout=5)
    assert not draad.is_alive()
