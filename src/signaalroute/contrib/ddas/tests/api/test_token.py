"""`POST …/gegevens/token`: OAuth2 client credentials (RFC 6749 §4.4) for CBS."""

import base64

import pytest

from signaalroute.contrib.ddas.api.authentication import token_lezen

from .conftest import CLIENT_ID, GEHEIM, formulier_posten

pytestmark = pytest.mark.django_db


def aanvragen(client, url, **velden):
    velden.setdefault("grant_type", "client_credentials")
    return formulier_posten(client, url, velden)


def test_client_id_and_secret_in_the_body_give_a_short_lived_bearer_token(client, cbs):
    response = aanvragen(client, cbs["token"], client_id=CLIENT_ID, client_secret=GEHEIM)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 300
    assert body["scope"] == "read"
    assert token_lezen(body["access_token"]).client_id == CLIENT_ID
    assert response["Cache-Control"] == "no-store"


def test_http_basic_client_authentication(client, cbs):
    basic = base64.b64encode(f"{CLIENT_ID}:{GEHEIM}".encode()).decode()
    response = formulier_posten(
        client,
        cbs["token"],
        {"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert response.status_code == 200


def test_lifetime_comes_from_the_setting(client, cbs, settings):
    settings.DDAS_TOKEN_GELDIGHEID = 60
    response = aanvragen(client, cbs["token"], client_id=CLIENT_ID, client_secret=GEHEIM)
    assert response.json()["expires_in"] == 60


@pytest.mark.parametrize(
    ("client_id", "geheim"),
    [(CLIENT_ID, "fout"), ("onbekend", GEHEIM), (CLIENT_ID, ""), ("", "")],
)
def test_a_wrong_client_or_secret_is_invalid_client(client, cbs, client_id, geheim):
    response = aanvragen(client, cbs["token"], client_id=client_id, client_secret=geheim)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert response["WWW-Authenticate"].startswith("Basic")


def test_a_malformed_basic_header_is_invalid_client(client, cbs):
    response = formulier_posten(
        client,
        cbs["token"],
        {"grant_type": "client_credentials"},
        headers={"Authorization": "Basic %%%"},
    )
    assert response.status_code == 401


def test_without_configured_clients_nobody_gets_a_token(client, ddas_urls, settings):
    settings.DDAS_CLIENTS = ""
    response = aanvragen(client, ddas_urls["token"], client_id=CLIENT_ID, client_secret=GEHEIM)
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("grant_type", "fout"),
    [("", "invalid_request"), ("password", "unsupported_grant_type")],
)
def test_only_the_client_credentials_grant(client, cbs, grant_type, fout):
    response = aanvragen(
        client, cbs["token"], grant_type=grant_type, client_id=CLIENT_ID, client_secret=GEHEIM
    )
    assert response.status_code == 400
    assert response.json()["error"] == fout


def test_only_the_read_scope(client, cbs):
    response = aanvragen(
        client, cbs["token"], client_id=CLIENT_ID, client_secret=GEHEIM, scope="read write"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"
    assert (
        aanvragen(
            client, cbs["token"], client_id=CLIENT_ID, client_secret=GEHEIM, scope="read"
        ).status_code
        == 200
    )


def test_the_token_endpoint_takes_a_form_not_json(client, cbs):
    response = client.post(
        cbs["token"],
        {"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": GEHEIM},
        content_type="application/json",
    )
    assert response.status_code == 415
