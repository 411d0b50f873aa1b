"""Fixtures for the BRP tests: the local service over real HTTP (pytest-django's live_server)
with every request and answer checked against the OpenAPI document."""

import pytest
from django.core.cache import cache

from signaalroute.contrib.brp import client as client_module
from signaalroute.contrib.brp.lokaal import storingen

from . import contract

LOKAAL_PAD = "/api/lokaal-brp/haalcentraal/api/brp"
PERSONEN_PAD = f"{LOKAAL_PAD}/personen"


@pytest.fixture(autouse=True)
def contract_bewaking():
    """Fails a test in which the local service received or gave anything the document forbids."""
    contract.SCHENDINGEN.clear()
    yield
    assert not contract.SCHENDINGEN, "\n".join(contract.SCHENDINGEN)


@pytest.fixture(autouse=True)
def schone_staat():
    storingen.reset()
    cache.clear()
    client_module._client_voor.cache_clear()
    yield
    storingen.reset()  # wakes a slow answer still waiting, so it does not outlive the test
    cache.clear()
    client_module._client_voor.cache_clear()


@pytest.fixture
def lokaal(settings, db):
    """The local service mounted (tests/urls.py) and switched on, for Django's test client."""
    settings.ROOT_URLCONF = "signaalroute.contrib.brp.tests.urls"
    settings.BRP_LOKAAL = True
    settings.BRP_API_KEY = ""
    return settings


@pytest.fixture
def lokale_brp(lokaal, live_server):
    """The adapter's settings pointing at the local service on the live server."""
    lokaal.BRP_API_URL = live_server.url + LOKAAL_PAD
    lokaal.BRP_RETRIES = 2
    lokaal.BRP_RETRY_BACKOFF_SECONDS = 0.0
    lokaal.BRP_TIMEOUT_SECONDS = 5.0
    lokaal.BRP_CACHE_SECONDS = 3600
    return lokaal


@pytest.fixture
def verstuurd(monkeypatch):
    """The requests the adapter sent (requests.PreparedRequest), for clients made after it."""
    verzoeken = []
    oorspronkelijk = client_module.BrpClient._maak_session

    def met_hook(self):
        session = oorspronkelijk(self)
        session.hooks["response"].append(lambda response, **_: verzoeken.append(response.request))
        return session

    monkeypatch.setattr(client_module.BrpClient, "_maak_session", met_hook)
    return verzoeken
