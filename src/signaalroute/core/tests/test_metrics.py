"""Readiness and metrics: what the endpoints say, to whom, and that they hold no personal data."""

import datetime
import json
import re
import time

import pytest
from django.utils import timezone

from signaalroute.aanleveringen.constants import Aanleverstatus
from signaalroute.aanleveringen.tests.factories import AanleveringFactory, VroegsignaalFactory
from signaalroute.accounts.middleware import OPEN_PREFIXES
from signaalroute.core import metrics
from signaalroute.core.models import Planningsslot

pytestmark = pytest.mark.django_db
TOKEN = "m" * 20 + "-proef-token-0123456789"
# A sample line of the text format: name, optional labels, a number.
REGEL = re.compile(r'^[a-z_:][a-z0-9_:]*(\{([a-z_]+="[^"\n]*",?)*\})? -?[0-9.e+-]+(Inf)?$')


def test_metrics_and_readiness_are_open_without_a_session():
    """They authenticate themselves (bearer token) or say nothing personal (readiness); the
    second-factor middleware must let them through (`accounts/middleware.py`)."""
    assert "/metrics".startswith(OPEN_PREFIXES)
    assert "/gezondheid/gereed".startswith(OPEN_PREFIXES)


@pytest.fixture(autouse=True)
def _metrics_open(monkeypatch):
    """The other tests look at the view itself, whatever the test above says."""
    from signaalroute.accounts import middleware

    monkeypatch.setattr(middleware, "OPEN_PREFIXES", (*middleware.OPEN_PREFIXES, "/metrics"))


@pytest.fixture
def metrics_aan(settings, tmp_path):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_DIR = str(tmp_path / "metrics")
    metrics.TELLERS.leeg()
    return tmp_path / "metrics"


def _scrape(client) -> str:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    return response.content.decode()


def _waarde(tekst: str, naam: str, **labels) -> float:
    for regel in tekst.splitlines():
        if regel.startswith("#"):
            continue
        sleutel, _, getal = regel.rpartition(" ")
        if sleutel.split("{")[0] != naam:
            continue
        if all(f'{k}="{v}"' in sleutel for k, v in labels.items()):
            return float(getal)
    raise AssertionError(f"{naam} {labels} not in the scrape")


# --- Readiness ----------------------------------------------------------------------------------


def test_readiness_is_ok_when_database_migrations_and_queue_are(client):
    response = client.get("/gezondheid/gereed")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "controles": {"database": "ok", "migraties": "ok", "wachtrij": "ok"},
        "falend": [],
    }
    assert "no-cache" in response["Cache-Control"]


def test_readiness_is_503_listing_what_fails(client, monkeypatch):
    def kapot():
        raise ConnectionError("db.example.nl:5432 geweigerd")

    monkeypatch.setattr(metrics, "_database", kapot)
    response = client.get("/gezondheid/gereed")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fout"
    assert body["falend"] == ["database", "migraties"]
    assert body["controles"]["database"] == "fout (ConnectionError)"
    assert "example.nl" not in response.content.decode()


def test_readiness_checks_redis_when_tasks_run_on_rq(client, settings):
    settings.TASKS_BACKEND = "rq"
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = client.get("/gezondheid/gereed")
    assert response.status_code == 503
    assert response.json()["falend"] == ["wachtrij"]


def test_readiness_checks_the_task_table_with_the_database_backend(client, settings):
    settings.TASKS_BACKEND = "database"
    assert client.get("/gezondheid/gereed").json()["controles"]["wachtrij"] == "ok"


def test_readiness_reports_unapplied_migrations(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(metrics, "_migraties_bijgewerkt", False)
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, doelen: [("x", False)])
    response = client.get("/gezondheid/gereed")
    assert response.status_code == 503
    assert response.json()["controles"]["migraties"] == "fout (1 migraties niet uitgevoerd)"


# --- Access to /metrics --------------------------------------------------------------------------


def test_metrics_are_off_without_a_token(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_metrics_need_the_bearer_token(client, metrics_aan):
    geen = client.get("/metrics")
    assert geen.status_code == 401
    assert geen["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer fout").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION=TOKEN).status_code == 200


def test_a_staff_session_does_not_open_metrics(client, metrics_aan, users):
    from signaalroute.conftest import verified_client

    beheerder = verified_client(client, users["platformbeheerder"])
    assert beheerder.get("/metrics").status_code == 401


# --- Content -------------------------------------------------------------------------------------


def test_scrape_is_valid_text_format(client, metrics_aan):
    tekst = _scrape(client)
    assert tekst.endswith("\n")
    for regel in tekst.splitlines():
        if regel.startswith("# HELP ") or regel.startswith("# TYPE "):
            continue
        assert REGEL.match(regel), regel


def test_requests_are_counted_by_method_status_class_and_area(client, metrics_aan):
    client.get("/gezondheid")
    client.get("/gezondheid")
    client.get("/bestaat-niet")
    tekst = _scrape(client)
    assert (
        _waarde(
            tekst, "signaalroute_http_requests_total", method="GET", status="2xx", area="bewaking"
        )
        == 2
    )
    assert _waarde(tekst, "signaalroute_http_request_duration_seconds_count", area="bewaking") >= 2
    assert _waarde(
        tekst, "signaalroute_http_request_duration_seconds_bucket", area="bewaking", le="+Inf"
    ) == _waarde(tekst, "signaalroute_http_request_duration_seconds_count", area="bewaking")
    assert "/bestaat-niet" not in tekst


def test_request_counters_of_all_processes_are_summed(client, metrics_aan):
    metrics_aan.mkdir(parents=True, exist_ok=True)
    ander = {
        "aantallen": {"POST|2xx|api": 5},
        "duur": {"api": {"buckets": [5] * len(metrics.BUCKETS), "som": 0.5, "aantal": 5}},
    }
    (metrics_aan / "99999.json").write_text(json.dumps(ander))
    (metrics_aan / "99998.json").write_text(json.dumps(ander))
    metrics.proces_gestopt(str(metrics_aan), 99998)  # a stopped process keeps counting
    tekst = _scrape(client)
    assert _waarde(tekst, "signaalroute_http_requests_total", method="POST", area="api") == 10
    assert _waarde(tekst, "signaalroute_metrics_processes") == 3  # this one, 99999, gestopt
    assert not (metrics_aan / "99998.json").exists()
    metrics.map_legen(str(metrics_aan))
    assert not list(metrics_aan.glob("*.json"))


def test_intake_figures_per_partner_without_personal_data(client, metrics_aan):
    aanlevering = AanleveringFactory(
        status=Aanleverstatus.VERWERKT,
        aantal_geaccepteerd=7,
        aantal_met_waarschuwing=2,
        aantal_afgewezen=3,
        signaalpartner__code="zorg-zuid",
    )
    VroegsignaalFactory(aanlevering=aanlevering, achternaam="Jansen-Proefpersoon")
    wachtend = AanleveringFactory(signaalpartner=aanlevering.signaalpartner)
    type(wachtend).objects.filter(pk=wachtend.pk).update(
        ontvangen_op=timezone.now() - datetime.timedelta(minutes=30)
    )
    tekst = _scrape(client)
    assert _waarde(tekst, "signaalroute_aanleverregels_total", uitkomst="geaccepteerd") == 7
    assert _waarde(tekst, "signaalroute_aanleverregels_total", uitkomst="afgewezen") == 3
    assert _waarde(tekst, "signaalroute_aanleveringen", partner="zorg-zuid", status="verwerkt") == 1
    assert (
        _waarde(tekst, "signaalroute_aanleveringen", partner="zorg-zuid", status="ontvangen") == 1
    )
    assert _waarde(tekst, "signaalroute_aanleveringen_oldest_waiting_seconds") >= 1700
    assert "Jansen" not in tekst
    assert aanlevering.signaalpartner.naam not in tekst


def test_task_queue_depth_and_age_with_the_database_backend(client, metrics_aan, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS_BACKEND = "database"
    oud = timezone.now() - datetime.timedelta(minutes=10)
    for status in ("READY", "READY", "RUNNING"):
        DBTaskResult.objects.create(
            status=status,
            args_kwargs={"args": [], "kwargs": {}},
            task_path="signaalroute.core.planner.opruimen_taak",
            backend_name="default",
            run_after=oud,
            started_at=oud if status == "RUNNING" else None,
        )
    DBTaskResult.objects.filter(status="READY").update(enqueued_at=oud)
    tekst = _scrape(client)
    assert _waarde(tekst, "signaalroute_tasks", queue="default", status="ready") == 2
    assert _waarde(tekst, "signaalroute_tasks", queue="default", status="running") == 1
    assert _waarde(tekst, "signaalroute_tasks_oldest_waiting_seconds", queue="default") >= 590
    assert _waarde(tekst, "signaalroute_tasks_oldest_running_seconds", queue="default") >= 590
    assert _waarde(tekst, "signaalroute_tasks_oldest_waiting_seconds", queue="spoed") == 0


def test_webhook_failures_messages_and_planner_are_reported(client, metrics_aan):
    slot = timezone.now().replace(microsecond=0)
    Planningsslot.objects.create(taak="webhooks_afleveren", slot=slot)
    tekst = _scrape(client)
    assert _waarde(tekst, "signaalroute_webhookafleveringen", status="dead_letter") == 0
    assert _waarde(tekst, "signaalroute_webhookafleveringen_failing") == 0
    assert _waarde(tekst, "signaalroute_berichten", status="klaargezet") == 0
    assert (
        _waarde(
            tekst, "signaalroute_planner_last_slot_timestamp_seconds", taak="webhooks_afleveren"
        )
        == slot.timestamp()
    )
    assert _waarde(tekst, "signaalroute_planner_last_slot_timestamp_seconds", taak="opruimen") == 0


def test_counters_are_written_only_when_changed(metrics_aan):
    tellers = metrics.Verzoektellers()
    assert not tellers.schrijven_als_gewijzigd(str(metrics_aan))
    tellers.tel(methode="GET", status=200, gebied="pagina", seconden=0.02)
    tellers.tel(methode="BREW", status=418, gebied="pagina", seconden=0.02)
    assert tellers.schrijven_als_gewijzigd(str(metrics_aan))
    assert not tellers.schrijven_als_gewijzigd(str(metrics_aan))
    (bestand,) = metrics_aan.glob("*.json")
    assert json.loads(bestand.read_text())["aantallen"] == {
        "GET|2xx|pagina": 1,
        "OTHER|4xx|pagina": 1,
    }


def test_a_process_writes_its_counters_within_a_second_without_another_request(
    metrics_aan, monkeypatch
):
    monkeypatch.setattr(metrics, "SCHRIJF_INTERVAL", 0.05)
    tellers = metrics.Verzoektellers()
    tellers.schrijver_starten(str(metrics_aan))
    tellers.schrijver_starten(str(metrics_aan))  # one thread per process
    tellers.tel(methode="POST", status=202, gebied="api", seconden=0.3)
    eind = time.monotonic() + 5
    while not list(metrics_aan.glob("*.json")) and time.monotonic() < eind:
        time.sleep(0.02)
    (bestand,) = metrics_aan.glob("*.json")
    assert json.loads(bestand.read_text())["aantallen"] == {"POST|2xx|api": 1}
