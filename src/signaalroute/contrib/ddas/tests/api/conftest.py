"""The DDAS-VS API under test: mounted as the root URLconf mounts it, or, until it does, in a
test URLconf that adds `api/ddas/` to the root one. A configured CBS client."""

import hashlib
import types
from urllib.parse import urlencode

import pytest
from django.urls import NoReverseMatch, include, path, reverse

from signaalroute import urls as root_urls

CLIENT_ID = "cbs"
GEHEIM = "een-lang-willekeurig-geheim-van-cbs-0123456789abcdef"

_TEST_URLCONF = types.ModuleType("signaalroute_ddas_test_urls")
_TEST_URLCONF.urlpatterns = [
    *root_urls.urlpatterns,
    path("api/ddas/", include("signaalroute.contrib.ddas.urls")),
]


@pytest.fixture
def ddas_urls(settings):
    try:
        reverse("ddas:gegevens")
    except NoReverseMatch:
        settings.ROOT_URLCONF = _TEST_URLCONF
    return {"gegevens": reverse("ddas:gegevens"), "token": reverse("ddas:token")}


@pytest.fixture
def cbs(settings, ddas_urls):
    andere = hashlib.sha256(b"geheim-van-een-andere-afnemer").hexdigest()
    settings.DDAS_CLIENTS = (
        f"{CLIENT_ID}:{hashlib.sha256(GEHEIM.encode()).hexdigest()}, test-afnemer:{andere}"
    )
    return ddas_urls


FORMULIER = "application/x-www-form-urlencoded"


def formulier_posten(client, url, velden, **kwargs):
    """POST as an OAuth2 client does: a URL-encoded form."""
    return client.post(url, urlencode(velden), content_type=FORMULIER, **kwargs)


@pytest.fixture
def token(client, cbs):
    response = formulier_posten(
        client,
        cbs["token"],
        {"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": GEHEIM},
    )
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


@pytest.fixture
def ophalen(client, cbs, token):
    """POST the JSON body to /gegevens with a valid token."""

    def _ophalen(body, *, bearer=None):
        return client.post(
            cbs["gegevens"],
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {bearer or token}"},
        )

    return _ophalen
