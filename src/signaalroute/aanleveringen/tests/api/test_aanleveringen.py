"""Partner API: POST /api/v1/aanleveringen and GET /api/v1/aanleveringen/{uuid}."""

import pytest
from rest_framework.test import APIClient

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.signaalpartners.constants import Scope
from signaalroute.signaalpartners.services import partnersleutel_aanmaken, partnersleutel_intrekken
from signaalroute.signaalpartners.tests.factories import SignaalpartnerFactory

from ..intake import datum, regio, rommelig_bestand

pytestmark = pytest.mark.django_db
URL = "/api/v1/aanleveringen"
LEES_EN_SCHRIJF = (Scope.AANLEVERINGEN_SCHRIJVEN, Scope.AANLEVERINGEN_LEZEN)


def client_voor(partner, scopes=LEES_EN_SCHRIJF):
    sleutel, geheim = partnersleutel_aanmaken(
        signaalpartner=partner, naam="test", scopes=list(scopes)
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {geheim}")
    client.sleutel = sleutel
    return client


def signaal(**extra):
    return {
        "klantnummer": "K1",
        "achternaam": "Jansen",
        "voorletters": "J.",
        "geboortedatum": "1985-04-12",
        "postcode": "7401AB",
        "huisnummer": 12,
        "bedrag": "450,00",
        "ontstaansdatum": datum(60),
        **extra,
    }


@pytest.fixture
def verhuurder():
    return regio()[2]


def test_json_batch_is_processed_at_once_with_per_row_results(verhuurder):
    client = client_voor(verhuurder)
    batch = {"signalen": [signaal(), signaal(klantnummer="K2", postcode="1")]}
    response = client.post(URL, batch, format="json")
    assert response.status_code == 201, response.content
    assert response["API-Version"]
    body = response.json()
    assert response["Location"].endswith(body["uuid"])
    assert body["status"] == "verwerkt"
    assert body["aantallen"] == {
        "total": 2,
        "accepted": 1,
        "warnings": 0,
        "rejected": 1,
        "emptyRowsSkipped": 0,
    }
    assert body["perGemeente"] == {"9901": 1}
    [afgewezen] = body["regels"]
    assert afgewezen["regelnummer"] == 2
    assert afgewezen["meldingen"][0]["code"] == "postcode_ongeldig"
    assert Vroegsignaal.objects.get().bedrag == 45000


def test_the_same_result_through_api_file_upload_and_command_line(
    verhuurder, django_capture_on_commit_callbacks
):
    client = client_voor(verhuurder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, rommelig_bestand(), content_type="text/csv", HTTP_IDEMPOTENCY_KEY="run-1"
        )
    assert response.status_code == 202
    detail = client.get(response["Location"]).json()
    assert detail["status"] == "verwerkt"
    assert detail["aantallen"]["total"] == 8
    assert detail["aantallen"]["rejected"] == 3
    assert [r["regelnummer"] for r in detail["regels"] if r["status"] == "afgewezen"] == [5, 6, 7]


def test_idempotency_key_replays_the_earlier_answer(verhuurder):
    client = client_voor(verhuurder)
    batch = {"signalen": [signaal()]}
    eerste = client.post(URL, batch, format="json", HTTP_IDEMPOTENCY_KEY="abc")
    tweede = client.post(URL, batch, format="json", HTTP_IDEMPOTENCY_KEY="abc")
    assert tweede.json()["uuid"] == eerste.json()["uuid"]
    assert Vroegsignaal.objects.count() == 1
    anders = client.post(
        URL, {"signalen": [signaal(bedrag="1")]}, format="json", HTTP_IDEMPOTENCY_KEY="abc"
    )
    assert anders.status_code == 409
    assert anders["Content-Type"] == "application/problem+json"


def test_same_file_twice_is_a_conflict_naming_the_earlier_delivery(verhuurder):
    client = client_voor(verhuurder)
    client.post(URL, rommelig_bestand(), content_type="text/csv")
    response = client.post(URL, rommelig_bestand(), content_type="text/csv")
    assert response.status_code == 409
    assert response.json()["code"] == "dubbele_aanlevering"


def test_unknown_fields_are_all_reported_together_as_problem_json(verhuurder):
    client = client_voor(verhuurder)
    batch = {"signalen": [signaal(kleur="blauw"), signaal(), signaal(maat="L", gewicht=3)]}
    response = client.post(URL, batch, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    namen = {p["name"] for p in response.json()["invalidParams"]}
    assert namen == {"signalen.0.kleur", "signalen.2.maat", "signalen.2.gewicht"}
    assert not Vroegsignaal.objects.exists()


def test_empty_or_malformed_batches_are_refused(verhuurder):
    client = client_voor(verhuurder)
    assert client.post(URL, {"signalen": []}, format="json").status_code == 400
    assert client.post(URL, {"iets": 1}, format="json").status_code == 400
    assert client.post(URL, "{kapot", content_type="application/json").status_code == 400
    assert client.post(URL, b"", content_type="text/csv").status_code == 400


def test_multipart_upload_without_file_is_a_clear_error(verhuurder):
    response = client_voor(verhuurder).post(URL, {"iets": "x"}, format="multipart")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "bestand"


def test_requests_without_valid_credentials_are_refused(verhuurder):
    assert APIClient().post(URL, {"signalen": [signaal()]}, format="json").status_code == 401
    anoniem = APIClient()
    anoniem.credentials(HTTP_AUTHORIZATION="Bearer sr_0000_nep")
    response = anoniem.get(URL)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_revoked_credential_no_longer_works(verhuurder):
    client = client_voor(verhuurder)
    partnersleutel_intrekken(sleutel=client.sleutel)
    assert client.get(URL).status_code == 401


def test_scopes_are_enforced_per_action(verhuurder):
    alleen_lezen = client_voor(verhuurder, scopes=[Scope.AANLEVERINGEN_LEZEN])
    assert alleen_lezen.post(URL, {"signalen": [signaal()]}, format="json").status_code == 403
    assert alleen_lezen.get(URL).status_code == 200
    alleen_schrijven = client_voor(verhuurder, scopes=[Scope.AANLEVERINGEN_SCHRIJVEN])
    assert alleen_schrijven.get(URL).status_code == 403


def test_a_partner_never_sees_another_partners_deliveries(verhuurder):
    eigen = client_voor(verhuurder)
    uuid = eigen.post(URL, {"signalen": [signaal()]}, format="json").json()["uuid"]
    ander = client_voor(SignaalpartnerFactory())
    assert ander.get(f"{URL}/{uuid}").status_code == 404
    assert ander.get(URL).json()["results"] == []
    assert [a["uuid"] for a in eigen.get(URL).json()["results"]] == [uuid]


def test_staff_sessions_cannot_use_the_partner_api(verhuurder, users, login_as, client):
    login_as(users["partnergebruiker"])
    assert client.get(URL).status_code in (401, 403)
