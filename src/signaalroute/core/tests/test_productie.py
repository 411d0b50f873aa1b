"""The production shape: refusing unsafe configurations, JSON logs without personal data, the
request id."""

import json
import logging
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from signaalroute.core.logging import (
    GEMASKEERD,
    JsonFormatter,
    RequestIdFilter,
    RequestIdMiddleware,
    maskeren,
)

REPO = Path(__file__).resolve().parents[4]
GOED = {
    "SECRET_KEY": "q7Vd0-3kLx9mZp2RtY8wNc4bHf6jUe1sAg5oKi_TnWv0rE2yPu7lMz3XoCq9BdFhJ",
    "ALLOWED_HOSTS": "signaalroute.example.nl",
    "DATABASE_URL": "postgres://signaalroute@db.example.nl:5432/signaalroute",
    "CSRF_TRUSTED_ORIGINS": "https://signaalroute.example.nl",
    "WEBHOOK_API_URL": "https://signaalroute.example.nl/api/v1",
}
# Variables of ours that the test process may have set; production must not see them.
ONZE = {"DEBUG", "SECURE_COOKIES", "TASKS_BACKEND", "METRICS_TOKEN", "DJANGO_SETTINGS_MODULE"}
ONZE |= {"BRP_LOKAAL", "SMS_LOKAAL", "WEBHOOK_ONTVANGER_LOKAAL", *GOED}

SCRIPT = """
import logging, logging.config
import signaalroute.conf.production as p
logging.config.dictConfig(p.LOGGING)
logging.getLogger("signaalroute.proef").warning(
    "aanlevering verwerkt voor jan@example.nl", extra={"bsn": "111222333", "aantal": 3}
)
"""


def _production(**anders) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ONZE}
    env.update({**GOED, **anders, "PYTHONPATH": str(REPO / "src")})
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=False
    )


WEIGERINGEN = {
    "zonder sleutel": ({"SECRET_KEY": None}, "SECRET_KEY must be set"),
    "korte sleutel": ({"SECRET_KEY": "k3Y!" * 10}, "SECRET_KEY is too weak"),
    "eentonige sleutel": ({"SECRET_KEY": "x" * 60}, "SECRET_KEY is too weak"),
    "ontwikkelsleutel": (
        {"SECRET_KEY": "dev-only-insecure-key-do-not-use-in-production"},
        "SECRET_KEY is too weak",
    ),
    "debug": ({"DEBUG": "true"}, "DEBUG must be off"),
    "zonder hosts": ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS must be set"),
    "elke host": ({"ALLOWED_HOSTS": "*"}, "'*' is refused"),
    "sqlite": ({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, "DATABASE_URL must be set"),
    "zonder database": ({"DATABASE_URL": None}, "DATABASE_URL must be set"),
    "csrf over http": (
        {"CSRF_TRUSTED_ORIGINS": "http://signaalroute.example.nl"},
        "CSRF_TRUSTED_ORIGINS",
    ),
    "cookies over http": ({"SECURE_COOKIES": "false"}, "SECURE_COOKIES must be on"),
    "lokale brp": ({"BRP_LOKAAL": "true"}, "BRP_LOKAAL is a local double"),
    "lokale sms": ({"SMS_LOKAAL": "true"}, "SMS_LOKAAL is a local double"),
    "lokale webhookontvanger": (
        {"WEBHOOK_ONTVANGER_LOKAAL": "true"},
        "WEBHOOK_ONTVANGER_LOKAAL is a local double",
    ),
    "taken in het verzoek": ({"TASKS_BACKEND": "immediate"}, "TASKS_BACKEND must be"),
    "kort metrics-token": ({"METRICS_TOKEN": "kort"}, "METRICS_TOKEN must be at least"),
    "webhooks naar localhost": (
        {"WEBHOOK_API_URL": "http://127.0.0.1:8000/api/v1"},
        "WEBHOOK_API_URL must be",
    ),
}


def test_production_starts_with_a_complete_configuration_and_logs_json_without_personal_data():
    result = _production()
    assert result.returncode == 0, result.stderr
    regel = json.loads(result.stderr.strip().splitlines()[-1])
    assert regel["level"] == "WARNING"
    assert regel["logger"] == "signaalroute.proef"
    assert regel["message"] == f"aanlevering verwerkt voor {GEMASKEERD}"
    assert regel["aantal"] == 3
    assert "bsn" not in regel and regel["omitted"] == ["bsn"]
    assert "111222333" not in result.stderr


def test_production_refuses_every_unsafe_or_missing_setting():
    with ThreadPoolExecutor(max_workers=6) as pool:
        uitkomsten = dict(
            zip(
                WEIGERINGEN,
                pool.map(lambda geval: _production(**geval[0]), WEIGERINGEN.values()),
                strict=True,
            )
        )
    for naam, (_, melding) in WEIGERINGEN.items():
        result = uitkomsten[naam]
        assert result.returncode != 0, naam
        assert "Production refuses to start" in result.stderr, naam
        assert melding in result.stderr, naam


def test_production_lists_all_problems_at_once():
    result = _production(SECRET_KEY=None, DEBUG="true", SMS_LOKAAL="true")
    for melding in ("SECRET_KEY must be set", "DEBUG must be off", "SMS_LOKAAL"):
        assert melding in result.stderr


# --- The JSON formatter --------------------------------------------------------------------------


def _record(msg="hallo", *args, exc_info=None, **extra) -> logging.LogRecord:
    record = logging.LogRecord("signaalroute.proef", logging.INFO, __file__, 1, msg, args, exc_info)
    record.__dict__.update(extra)
    return record


def test_json_formatter_writes_the_standard_fields():
    regel = json.loads(JsonFormatter().format(_record("%s regels", 12)))
    assert set(regel) == {"time", "level", "logger", "message", "request_id", "pid"}
    assert regel["message"] == "12 regels"
    assert regel["level"] == "INFO"
    assert regel["time"].endswith("+00:00")
    assert regel["pid"] == os.getpid()


def test_json_formatter_leaves_out_personal_data_fields():
    record = _record(
        "signaal", achternaam="Jansen", postcode="1234AB", Email="j@example.nl", aanlevering="x"
    )
    regel = json.loads(JsonFormatter().format(record))
    assert regel["aanlevering"] == "x"
    assert regel["omitted"] == ["Email", "achternaam", "postcode"]
    tekst = json.dumps(regel)
    assert "Jansen" not in tekst and "1234AB" not in tekst and "j@example.nl" not in tekst


def test_json_formatter_masks_personal_data_inside_values():
    record = _record("x", details={"telefoonnummer": "0612345678", "aantal": 2}, lijst=["a@b.nl"])
    regel = json.loads(JsonFormatter().format(record))
    assert regel["details"] == {"telefoonnummer": GEMASKEERD, "aantal": 2}
    assert regel["lijst"] == [GEMASKEERD]


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("mail j.jansen@voorbeeld.nl nu", f"mail {GEMASKEERD} nu"),
        ("bel 06-12345678", f"bel {GEMASKEERD}"),
        ("bel +31 6 12345678.", f"bel {GEMASKEERD}."),
        ("bsn 111222333", f"bsn {GEMASKEERD}"),
        ("factuur 123456789", f"factuur {GEMASKEERD}"),  # cannot be told from a BSN
        ("aanlevering 3f2b0c7e-1d2a-4b5c-9d8e-123456789012", None),  # a UUID stays
        ("1200 regels in 3,5 s", None),
    ],
)
def test_masking_of_free_text(tekst, verwacht):
    assert maskeren(tekst) == (verwacht or tekst)


def test_an_exception_is_logged_as_class_and_stack_without_its_message():
    try:
        raise ValueError("sleutel (bsn)=(111222333) bestaat al")
    except ValueError:
        record = _record("mislukt", exc_info=sys.exc_info())
    regel = json.loads(JsonFormatter().format(record))
    assert regel["exc_type"] == "builtins.ValueError"
    assert any("test_productie.py" in frame for frame in regel["stack"])
    assert "111222333" not in json.dumps(regel)


# --- The request id -----------------------------------------------------------------------------


class _Verzamelaar(logging.Handler):
    def __init__(self):
        super().__init__()
        self.regels = []
        self.addFilter(RequestIdFilter())
        self.setFormatter(JsonFormatter())

    def emit(self, record):
        self.regels.append(json.loads(self.format(record)))


def test_request_id_is_made_returned_and_on_every_log_line(rf):
    verzamelaar = _Verzamelaar()
    logger = logging.getLogger("signaalroute.proef.request")
    logger.addHandler(verzamelaar)
    logger.setLevel(logging.INFO)

    def view(request):
        logger.info("binnen het verzoek")
        from django.http import HttpResponse

        return HttpResponse("ok")

    try:
        response = RequestIdMiddleware(view)(rf.get("/"))
        meegegeven = RequestIdMiddleware(view)(
            rf.get("/", HTTP_X_REQUEST_ID="nginx-0123456789abcdef")
        )
        onzin = RequestIdMiddleware(view)(rf.get("/", HTTP_X_REQUEST_ID="<script>"))
        logger.info("buiten")
    finally:
        logger.removeHandler(verzamelaar)
    assert len(response["X-Request-ID"]) == 32
    assert verzamelaar.regels[0]["request_id"] == response["X-Request-ID"]
    assert meegegeven["X-Request-ID"] == "nginx-0123456789abcdef"
    assert verzamelaar.regels[1]["request_id"] == "nginx-0123456789abcdef"
    assert onzin["X-Request-ID"] != "<script>"
    assert verzamelaar.regels[3]["request_id"] == ""


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    assert len(client.get("/gezondheid")["X-Request-ID"]) == 32


def test_gunicorn_configuration_loads():
    gunicorn_config = pytest.importorskip("gunicorn.config")
    cfg = gunicorn_config.Config()
    pad = REPO / "src" / "signaalroute" / "conf" / "gunicorn.conf.py"
    namespace: dict = {"__file__": str(pad)}
    exec(compile(pad.read_text(), str(pad), "exec"), namespace)  # noqa: S102
    for naam in ("bind", "timeout", "forwarded_allow_ips", "max_requests", "logconfig_dict"):
        cfg.set(naam, namespace[naam])
    assert cfg.timeout == 120
    assert callable(namespace["child_exit"]) and callable(namespace["on_starting"])
