"""Receivers for the webhook tests, over real HTTP: a scriptable receiver in a thread (any
status, Retry-After, handshake or not) and the local Django receiver (`webhooks/lokaal.py`)
on the live server. Also the URL conf the webhook tests mount, and the local receiver's own
tests. Other test_webhooks_* modules import the fixtures from here."""

from __future__ import annotations

import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import include, path

from signaalroute import urls as root_urls
from signaalroute.accounts import middleware
from signaalroute.terugkoppeling.webhooks import lokaal, rules
from signaalroute.terugkoppeling.webhooks.constants import HEADER_ALLOWED_ORIGIN

# The URL conf of these tests: the site plus the partner pages and the local receiver, as
# signaalroute.urls mounts them (tests select it with `settings.ROOT_URLCONF = __name__`).
urlpatterns = [
    path("partner/webhooks/", include("signaalroute.terugkoppeling.webhooks.urls")),
    path(
        "api/lokale-webhookontvanger/",
        include("signaalroute.terugkoppeling.webhooks.lokaal_urls"),
    ),
    *root_urls.urlpatterns,
]
URLCONF = __name__
API_URL = "https://signaalroute.test/api/v1"


class Proefontvanger:
    """An HTTP server in a thread that records every request and answers POSTs from a
    script (`antwoorden`: (status, headers) in turn; 204 when empty)."""

    def __init__(self):
        self.verzoeken: list[dict] = []
        self.antwoorden: deque[tuple[int, dict]] = deque()
        self.handdruk = True
        ontvanger = self

        class Handler(BaseHTTPRequestHandler):
            def _vastleggen(self):
                lengte = int(self.headers.get("Content-Length") or 0)
                ontvanger.verzoeken.append(
                    {
                        "methode": self.command,
                        "pad": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": self.rfile.read(lengte) if lengte else b"",
                    }
                )

            def do_OPTIONS(self):  # noqa: N802 - http.server's naming
                self._vastleggen()
                if not ontvanger.handdruk:
                    self.send_response(405)
                else:
                    self.send_response(200)
                    self.send_header(
                        HEADER_ALLOWED_ORIGIN, self.headers.get("WebHook-Request-Origin", "")
                    )
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self):  # noqa: N802
                self._vastleggen()
                status, headers = (
                    ontvanger.antwoorden.popleft() if ontvanger.antwoorden else (204, {})
                )
                self.send_response(status)
                for sleutel, waarde in headers.items():
                    self.send_header(sleutel, waarde)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, pad: str = "/webhooks") -> str:
        return f"http://127.0.0.1:{self.server.server_port}{pad}"

    @property
    def posts(self) -> list[dict]:
        return [v for v in self.verzoeken if v["methode"] == "POST"]

    def verwacht(self, *antwoorden: tuple[int, dict] | int) -> None:
        for antwoord in antwoorden:
            self.antwoorden.append((antwoord, {}) if isinstance(antwoord, int) else antwoord)


@pytest.fixture(name="webhookinstellingen")
def webhookinstellingen_fixture(settings):
    settings.WEBHOOK_ONTVANGER_LOKAAL = True
    settings.WEBHOOK_API_URL = API_URL
    settings.WEBHOOK_SOURCE = "urn:nld:oin:00000001234567890000:systeem:signaalroute"
    settings.WEBHOOK_MAX_POGINGEN = 3
    settings.WEBHOOK_TIMEOUT_SECONDEN = 2
    settings.ROOT_URLCONF = URLCONF
    return settings


@pytest.fixture(name="ontvanger")
def ontvanger_fixture(webhookinstellingen):
    proef = Proefontvanger()
    proef.thread.start()
    yield proef
    proef.server.shutdown()
    proef.server.server_close()


@pytest.fixture(name="lokale_ontvanger")
def lokale_ontvanger_fixture(webhookinstellingen, live_server, monkeypatch):
    """The local Django receiver on the live server; its path is open to machines as /api/
    is (`accounts/middleware.py`)."""
    assert "/api/lokale-webhookontvanger/".startswith(middleware.OPEN_PREFIXES)
    lokaal.wissen()
    yield live_server.url + "/api/lokale-webhookontvanger"
    lokaal.wissen()


# --- The local receiver itself ------------------------------------------------------------


def test_local_receiver_is_off_without_the_setting(client, webhookinstellingen):
    webhookinstellingen.WEBHOOK_ONTVANGER_LOKAAL = False
    webhookinstellingen.DEBUG = False
    response = client.generic("OPTIONS", "/api/lokale-webhookontvanger/demo")
    assert response.status_code == 404


def test_local_receiver_answers_the_handshake(client, webhookinstellingen):
    response = client.generic(
        "OPTIONS",
        "/api/lokale-webhookontvanger/demo",
        headers={"WebHook-Request-Origin": "signaalroute.test"},
    )
    assert response.status_code == 200
    assert response[HEADER_ALLOWED_ORIGIN] == "signaalroute.test"


@pytest.mark.django_db
def test_local_receiver_refuses_an_unsigned_or_plain_json_message(client, webhookinstellingen):
    pad = "/api/lokale-webhookontvanger/demo"
    response = client.post(pad, b"{}", content_type="application/cloudevents+json")
    assert response.status_code == 401
    response = client.post(pad, b"{}", content_type="application/json")
    assert response.status_code == 415
    assert lokaal.ontvangen("demo") == []


@pytest.mark.django_db
def test_local_receiver_keeps_a_correctly_signed_message(client, webhookinstellingen):
    from signaalroute.signaalpartners.tests.factories import SignaalpartnerFactory
    from signaalroute.terugkoppeling.webhooks.models import Webhookabonnement

    lokaal.wissen()
    geheim = rules.geheim_maken()
    Webhookabonnement.objects.create(
        signaalpartner=SignaalpartnerFactory(),
        url="http://testserver/api/lokale-webhookontvanger/demo",
        geheim=geheim,
    )
    inhoud = b'{"id":"e1","type":"t"}'
    import time

    tijdstempel = int(time.time())
    response = client.post(
        "/api/lokale-webhookontvanger/demo",
        inhoud,
        content_type="application/cloudevents+json; charset=utf-8",
        headers={
            "webhook-id": "e1",
            "webhook-timestamp": str(tijdstempel),
            "webhook-signature": rules.ondertekenen(
                geheim=geheim, bericht_id="e1", tijdstempel=tijdstempel, inhoud=inhoud
            ),
        },
    )
    assert response.status_code == 204
    assert [o["event"]["id"] for o in lokaal.ontvangen("demo")] == ["e1"]
    assert (
        client.get("/api/lokale-webhookontvanger/demo").json()["ontvangen"][0]["webhookId"] == "e1"
    )
    lokaal.wissen()
