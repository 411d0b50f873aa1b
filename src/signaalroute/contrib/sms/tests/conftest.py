"""Fixtures for the SMS tests: the local double over real HTTP (pytest-django's live_server)
for the adapter, and over Django's test client for the double itself."""

import pytest

from signaalroute.contrib.sms import client as client_module
from signaalroute.contrib.sms.lokaal import storingen

from . import urls as proef_urls

LOKAAL_PAD = "/sms/lokaal"
BERICHTEN_PAD = f"{LOKAAL_PAD}/berichten"
TOKEN = "proef-token"
GEHEIM = proef_urls.GEHEIM


@pytest.fixture(autouse=True)
def sms_schoon(settings):
    """SMS off, no failure counters, no cached sessions, no received reports."""
    settings.SMS_LOKAAL = False
    settings.SMS_GATEWAY_URL = ""
    settings.SMS_GATEWAY_TOKEN = ""
    settings.SMS_GATEWAY_WEBHOOK_SECRET = ""
    settings.SMS_STATUS_URL = ""
    storingen.reset()
    client_module._gateway_voor.cache_clear()
    proef_urls.ONTVANGEN.clear()
    yield
    storingen.reset()  # wakes a slow answer still waiting, so it does not outlive the test
    client_module._gateway_voor.cache_clear()


@pytest.fixture
def lokaal(settings, db):
    """The double mounted (tests/urls.py) and switched on, for Django's test client."""
    settings.ROOT_URLCONF = "signaalroute.contrib.sms.tests.urls"
    settings.SMS_LOKAAL = True
    settings.SMS_GATEWAY_TOKEN = TOKEN
    settings.SMS_GATEWAY_WEBHOOK_SECRET = GEHEIM
    return settings


@pytest.fixture
def lokale_gateway(lokaal, live_server, monkeypatch):
    """The adapter's settings pointing at the double on the live server.

    The adapters' sessions are closed afterwards: a kept-alive connection would hold a live
    server thread open until the end of the run, when the database is no longer shared."""
    sessies = []
    oorspronkelijk = client_module.SmsGateway.__init__

    def bijhouden(self, instellingen):
        oorspronkelijk(self, instellingen)
        sessies.append(self.session)

    monkeypatch.setattr(client_module.SmsGateway, "__init__", bijhouden)
    lokaal.SMS_GATEWAY_URL = live_server.url + LOKAAL_PAD
    lokaal.SMS_STATUS_URL = live_server.url + proef_urls.RAPPORTEN_PAD
    lokaal.SMS_RETRIES = 2
    lokaal.SMS_RETRY_BACKOFF_SECONDS = 0.0
    lokaal.SMS_TIMEOUT_SECONDS = 1.0
    yield lokaal
    storingen.reset()  # a slow answer finishes before the database is torn down
    for sessie in sessies:
        sessie.close()
