"""`POST …/gegevens` (DDAS Gegevens Uitwissel API - VS): paging, validation, access."""

import datetime as dt
import json

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from freezegun import freeze_time

from signaalroute.audit.constants import Auditactie
from signaalroute.audit.models import Auditregel
from signaalroute.conftest import verified_client
from signaalroute.contrib.ddas.api.authentication import token_uitgeven
from signaalroute.contrib.ddas.mapping import formaat

from ..officieel import officiele_fouten

pytestmark = pytest.mark.django_db

PERIODE = {"aanleverperiodeStartdatum": "2025-01-01", "aanleverperiodeEinddatum": "2025-01-31"}


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    return response.json()


# --- access ------------------------------------------------------------------------------------


def test_without_a_token_401_with_bearer_challenge(client, cbs, regio):
    response = client.post(cbs["gegevens"], PERIODE, content_type="application/json")
    body = problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["Fsc-Error-Code"] == "ERROR_CODE_ACCESS_TOKEN_MISSING"
    assert body["status"] == 401


@pytest.mark.parametrize("header", ["Bearer onzin", "Bearer ", "Token abc", "Basic Y2JzOng="])
def test_a_bad_token_is_401(client, cbs, regio, header):
    response = client.post(
        cbs["gegevens"], PERIODE, content_type="application/json", headers={"Authorization": header}
    )
    problem(response, 401)
    assert response["Fsc-Error-Code"] == "ERROR_CODE_ACCESS_TOKEN_INVALID"


def test_an_expired_token_is_401(ophalen, regio):
    with freeze_time(dt.datetime.now(dt.UTC) - dt.timedelta(seconds=301)):
        oud = token_uitgeven("cbs")
    response = ophalen(PERIODE, bearer=oud)
    problem(response, 401)
    assert response["Fsc-Error-Code"] == "ERROR_CODE_ACCESS_TOKEN_EXPIRED"


def test_a_token_of_a_removed_client_is_401(ophalen, regio, settings):
    settings.DDAS_CLIENTS = settings.DDAS_CLIENTS.split(",")[1]
    problem(ophalen(PERIODE), 401)


def test_a_token_signed_for_something_else_is_401(ophalen, regio):
    from django.core import signing

    problem(ophalen(PERIODE, bearer=signing.dumps({"sub": "cbs", "scope": "read"})), 401)


def test_a_valid_token_gets_200(ophalen, regio):
    response = ophalen(PERIODE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "rol",
    ["platformbeheerder", "functioneel_beheerder", "coordinator", "vroegsignaleerder", "auditor"],
)
def test_no_staff_session_opens_the_endpoint(cbs, regio, users, rol):
    sessie = verified_client(Client(), users[rol])
    problem(sessie.post(cbs["gegevens"], PERIODE, content_type="application/json"), 401)


def test_only_post(client, cbs, token, regio):
    response = client.get(cbs["gegevens"], headers={"Authorization": f"Bearer {token}"})
    problem(response, 405)


# --- the answer ----------------------------------------------------------------------------------


def test_the_answer_is_a_valid_ddas_document_with_paging(ophalen, regio):
    body = ophalen(PERIODE).json()
    assert set(body) == {"gegevens", "paginering"}
    assert officiele_fouten(body["gegevens"], "1.2") == []
    assert body["gegevens"]["startdatumLevering"] == "2025-01-01"
    assert body["paginering"] == {
        "pageSize": 1000,
        "currentPage": 1,
        "totalPages": 1,
        "totalRecords": 7,
    }


def test_pages_of_page_size_records(ophalen, regio):
    signalen, zaken = [], []
    for page in (1, 2, 3, 4):
        body = ophalen({**PERIODE, "page": page, "pageSize": 2}).json()
        assert body["paginering"] == {
            "pageSize": 2,
            "currentPage": page,
            "totalPages": 4,
            "totalRecords": 7,
        }
        assert officiele_fouten(body["gegevens"], "1.2") == []
        for lev in body["gegevens"]["leveringen"]:
            signalen += [s["ID"] for s in lev["vroegsignalen"]]
            zaken += [z["vroegsignalen"][0]["ID"] for z in lev["vroegsignaalzaken"]]
    assert len(signalen) == len(set(signalen)) == 4
    assert len(zaken) == len(set(zaken)) == 3


def test_a_page_beyond_the_last_is_a_validation_error(ophalen, regio):
    body = problem(ophalen({**PERIODE, "page": 5, "pageSize": 2}), 400)
    assert body["invalidParams"][0]["name"] == "page"
    assert "4 pagina's" in body["invalidParams"][0]["reason"]


def test_one_organisation_gets_only_its_own_municipalities(ophalen, regio):
    for organisatie in ("gemeente-b", "GEMEENTE BEEKSTAD", "1002", "GM1002", "Beekstad"):
        body = ophalen({**PERIODE, "aanleverende_organisatie": organisatie}).json()
        leveringen = body["gegevens"]["leveringen"]
        assert [lev["gemeentecode"] for lev in leveringen] == ["1002"], organisatie
        assert str(regio.binnen["bsn"].uuid) not in json.dumps(body)
    body = ophalen({**PERIODE, "aanleverende_organisatie": "40123456"}).json()
    assert [lev["gemeentecode"] for lev in body["gegevens"]["leveringen"]] == ["1001"]


def test_an_unknown_organisation_is_a_validation_error(ophalen, regio):
    body = problem(ophalen({**PERIODE, "aanleverende_organisatie": "Elders"}), 400)
    assert body["invalidParams"][0]["name"] == "aanleverende_organisatie"


def test_a_municipality_that_left_is_not_delivered(ophalen, regio):
    body = problem(ophalen({**PERIODE, "aanleverende_organisatie": "1003"}), 400)
    assert body["invalidParams"][0]["name"] == "aanleverende_organisatie"


@freeze_time("2025-02-10 09:00")
def test_without_dates_the_previous_month(ophalen, regio):
    gegevens = ophalen({}).json()["gegevens"]
    assert (gegevens["startdatumLevering"], gegevens["einddatumLevering"]) == (
        "2025-01-01",
        "2025-01-31",
    )


@pytest.mark.parametrize(
    ("body", "naam"),
    [
        ({**PERIODE, "versie": "0.9"}, "versie"),
        ({"aanleverperiodeStartdatum": "2025-01-01"}, "aanleverperiodeEinddatum"),
        ({"aanleverperiodeEinddatum": "2025-01-31"}, "aanleverperiodeStartdatum"),
        ({**PERIODE, "aanleverperiodeEinddatum": "2024-12-31"}, "aanleverperiodeEinddatum"),
        ({**PERIODE, "aanleverperiodeStartdatum": "01-01-2025"}, "aanleverperiodeStartdatum"),
        ({**PERIODE, "page": 0}, "page"),
        ({**PERIODE, "pageSize": 25001}, "pageSize"),
        ({**PERIODE, "pageSize": "veel"}, "pageSize"),
        ({**PERIODE, "aanleverende_organisatie": ""}, "aanleverende_organisatie"),
    ],
)
def test_invalid_requests_are_problem_json_with_invalid_params(ophalen, regio, body, naam):
    problem_body = problem(ophalen(body), 400)
    assert problem_body["code"] == "validatiefout"
    assert [param["name"] for param in problem_body["invalidParams"]] == [naam]


def test_a_body_that_is_not_an_object_is_refused(ophalen, regio):
    problem(ophalen([1, 2]), 400)


def test_every_levering_sent_is_in_the_audit_log(ophalen, regio):
    ophalen({**PERIODE, "page": 1, "pageSize": 2})
    regels = Auditregel.objects.filter(actie=Auditactie.EXPORTEREN)
    assert [(r.gemeente.cbs_code, r.gebruikersnaam) for r in regels] == [("1001", "cbs:cbs")]
    assert regels[0].omschrijving.endswith("2 vroegsignalen, 0 vroegsignaalzaken (pagina 1/4)")


def test_an_invalid_document_never_leaves(ophalen, regio, monkeypatch):
    monkeypatch.setitem(formaat("1.2").signaalstatus, "opgepakt", "Bijna opgepakt")
    body = problem(ophalen(PERIODE), 500)
    assert body["code"] == "ddas_ongeldig"
    assert "Bijna" not in json.dumps(body)
    assert not Auditregel.objects.filter(actie=Auditactie.EXPORTEREN).exists()


def test_the_endpoints_are_in_the_openapi_document(cbs):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    (pad,) = [p for p in schema["paths"] if p.endswith("/gegevens")]
    operatie = schema["paths"][pad]["post"]
    assert operatie["operationId"] == "postGegevens"
    assert operatie["security"] == [{"ddasOAuth2": ["read"]}]
    assert set(operatie["responses"]) >= {"200", "400", "401"}
    assert "GegevensRequest" in schema["components"]["schemas"]
    assert "Paginering" in schema["components"]["schemas"]
    flows = schema["components"]["securitySchemes"]["ddasOAuth2"]["flows"]
    assert flows["clientCredentials"]["tokenUrl"] == cbs["token"]
    (token_pad,) = [p for p in schema["paths"] if p.endswith("/gegevens/token")]
    assert "security" not in schema["paths"][token_pad]["post"] or schema["paths"][token_pad][
        "post"
    ]["security"] in ([], [{}])
