"""The local double behaves like the generic API says (docs/sms-gateway.md): token, validation
with the numbering plan, idempotency per referentie, problem+json errors."""

import json

import pytest
from django.test import Client

from signaalroute.contrib.sms.models import LokaalSmsBericht

from .conftest import BERICHTEN_PAD, TOKEN

GELDIG = {
    "naar": "+31612345678",
    "afzender": "Gemeente",
    "tekst": "Wij willen graag met u in contact komen.",
    "referentie": "contactpoging-1",
}


def _post(client, body, token=TOKEN, **extra):
    if token is not None:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(BERICHTEN_PAD, data, content_type="application/json", **extra)


@pytest.fixture
def client(lokaal):
    return Client()


def test_a_new_message_is_201_and_a_repeat_is_200_with_the_same_id(client):
    eerste = _post(client, GELDIG)
    assert eerste.status_code == 201
    assert eerste.json()["status"] == "geaccepteerd"
    herhaling = _post(client, {**GELDIG, "tekst": "Een andere tekst."})
    assert herhaling.status_code == 200
    assert herhaling.json() == eerste.json()
    assert LokaalSmsBericht.objects.get().tekst == GELDIG["tekst"]  # the first one stands


def test_the_status_url_is_kept_for_the_delivery_report(client):
    _post(client, {**GELDIG, "statusUrl": "https://gemeente.example.nl/rapport/"})
    assert LokaalSmsBericht.objects.get().status_url == "https://gemeente.example.nl/rapport/"


@pytest.mark.parametrize("token", [None, "fout", ""])
def test_without_the_right_bearer_token_it_is_401(client, token):
    response = _post(client, GELDIG, token=token)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Bearer"
    assert LokaalSmsBericht.objects.count() == 0


def test_a_basic_authorization_header_is_not_a_token(client):
    response = _post(client, GELDIG, token=None, HTTP_AUTHORIZATION=f"Basic {TOKEN}")
    assert response.status_code == 401


def test_without_a_configured_token_nothing_passes(client, lokaal):
    lokaal.SMS_GATEWAY_TOKEN = ""
    assert _post(client, GELDIG, token="").status_code == 401


def test_an_invalid_message_is_400_with_invalid_params(client):
    response = _post(client, {**GELDIG, "naar": "0612345678", "tekst": "a" * 613})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    probleem = response.json()
    assert probleem["status"] == 400
    assert [p["name"] for p in probleem["invalidParams"]] == ["naar", "tekst"]
    assert "0612345678" not in response.content.decode()


def test_a_number_outside_the_numbering_plan_is_400(client):
    response = _post(client, {**GELDIG, "naar": "+31612345"})  # E.164 form, too short for NL
    assert response.status_code == 400
    assert response.json()["invalidParams"][0] == {
        "name": "naar",
        "code": "invalid",
        "reason": "Geen bestaand telefoonnummer.",
    }


@pytest.mark.parametrize("body", ["geen json", "[]", '"tekst"'])
def test_a_body_that_is_not_a_json_object_is_400(client, body):
    response = _post(client, body)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "body"


def test_a_landline_number_is_accepted_like_a_real_gateway_does(client):
    assert _post(client, {**GELDIG, "naar": "+31201234567"}).status_code == 201


def test_429_carries_retry_after(client):
    response = _post(client, {**GELDIG, "naar": "+31612349430"})
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert response["Content-Type"] == "application/problem+json"


def test_only_post(client):
    response = client.get(BERICHTEN_PAD, HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 405


def test_the_double_is_not_there_when_sms_lokaal_is_off(client, lokaal):
    lokaal.SMS_LOKAAL = False
    assert _post(client, GELDIG).status_code == 404


def test_the_url_names(lokaal):
    from django.urls import reverse

    assert reverse("sms:lokaal:berichten") == BERICHTEN_PAD


def test_machines_reach_the_double_without_a_session(settings, db):
    settings.ROOT_URLCONF = "signaalroute.contrib.sms.tests.urls"
    settings.SMS_LOKAAL = True
    settings.SMS_GATEWAY_TOKEN = TOKEN
    assert _post(Client(), GELDIG).status_code == 201
