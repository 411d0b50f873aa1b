"""Partner API: GET /api/v1/terugkoppelingen (cursor feed), GET /api/v1/terugkoppelingen/{uuid},
GET /api/v1/onjuiste-contactgegevens. Tenancy by credential, the hidden reason, cursor paging,
and every response validated against the OpenAPI document generated from the code."""

import copy
import datetime as dt
import types
import uuid

import pytest
from django.urls import include, path
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from rest_framework.test import APIClient

from signaalroute import api_urls
from signaalroute import urls as root_urls
from signaalroute.aanleveringen.tests.factories import AanleveringFactory, VroegsignaalFactory
from signaalroute.gemeenten.tests.factories import GemeenteFactory
from signaalroute.signaalpartners.constants import Scope
from signaalroute.signaalpartners.services import partnersleutel_aanmaken
from signaalroute.signaalpartners.tests.factories import SignaalpartnerFactory
from signaalroute.terugkoppeling.constants import Terugkoppelcode as T
from signaalroute.terugkoppeling.constants import Terugkoppelmoment as M
from signaalroute.terugkoppeling.models import Terugkoppeling
from signaalroute.terugkoppeling.services import terugkoppelingen_bijwerken
from signaalroute.vroegsignaalzaken.constants import (
    Contactgegevenbron,
    Contactgegevensoort,
    Eindresultaat,
    Ongeldigreden,
    Signaalstatus,
    Zaakfase,
)
from signaalroute.vroegsignaalzaken.models import Contactgegeven
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

# --- URLs until integration: the root urlconf plus this app's includes where still missing ---


def _module_naam(patroon) -> str:
    naam = getattr(patroon, "urlconf_name", None)
    naam = getattr(naam, "__name__", naam)
    return naam if isinstance(naam, str) else ""


def _aanvullen(patronen, nodig):
    aanwezig = {_module_naam(p) for p in patronen}
    return [p for module, p in nodig if module not in aanwezig]


_API = "signaalroute.terugkoppeling.api.urls"
_PORTAAL = "signaalroute.terugkoppeling.urls"
_GEGEVENS = "signaalroute.signaalpartners.urls_partner"

TEST_URLCONF = types.ModuleType("terugkoppeling_test_urls")
TEST_URLCONF.urlpatterns = [
    *_aanvullen(
        root_urls.urlpatterns,
        [
            (_PORTAAL, path("partner/terugkoppeling/", include(_PORTAAL))),
            (_GEGEVENS, path("partner/gegevens/", include(_GEGEVENS))),
        ],
    ),
    # The api namespace again, with this app's endpoints: the first include of a namespace
    # is the one `reverse` uses.
    path(
        "api/v1/",
        include(
            (
                [
                    *api_urls.urlpatterns,
                    *_aanvullen(api_urls.urlpatterns, [(_API, path("", include(_API)))]),
                ],
                "api",
            )
        ),
    ),
    *root_urls.urlpatterns,
]


@pytest.fixture(autouse=True)
def _urls(settings):
    settings.ROOT_URLCONF = TEST_URLCONF


# --- the OpenAPI document and validating against it -----------------------------------------

_DOCUMENT = None


def _nullable_omzetten(schema):
    """OpenAPI 3.0 `nullable` as JSON Schema (what jsonschema understands)."""
    if isinstance(schema, list):
        return [_nullable_omzetten(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {k: _nullable_omzetten(v) for k, v in schema.items()}
    if schema.pop("nullable", False):
        if "type" in schema:
            schema["type"] = [schema["type"], "null"]
            if "enum" in schema:
                schema["enum"] = [*schema["enum"], None]
        else:
            return {"anyOf": [schema, {"type": "null"}]}
    return schema


def openapi_document() -> dict:
    global _DOCUMENT
    if _DOCUMENT is None:
        generator = SchemaGenerator(urlconf=TEST_URLCONF)
        _DOCUMENT = generator.get_schema(request=None, public=True)
    return _DOCUMENT


def valideer(response, pad: str, methode: str = "get") -> None:
    """Validate a response body against the schema of `pad` (as in the document) and status."""
    document = openapi_document()
    operatie = document["paths"][pad][methode]
    antwoord = operatie["responses"][str(response.status_code)]
    schema = antwoord["content"]["application/json"]["schema"]
    volledig = _nullable_omzetten(copy.deepcopy(document))
    resource = Resource.from_contents(volledig, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:openapi", resource)
    schema = _nullable_omzetten(copy.deepcopy(schema))
    schema = _refs_verankeren(schema)
    validator = Draft202012Validator(schema, registry=registry)
    fouten = sorted(validator.iter_errors(response.json()), key=str)
    assert not fouten, [f"{list(f.path)}: {f.message}" for f in fouten]


def _refs_verankeren(schema):
    if isinstance(schema, list):
        return [_refs_verankeren(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    return {
        k: (f"urn:openapi{v}" if k == "$ref" and v.startswith("#") else _refs_verankeren(v))
        for k, v in schema.items()
    }


# --- fixtures --------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db
URL = "/api/v1/terugkoppelingen"
CONTACT_URL = "/api/v1/onjuiste-contactgegevens"
GEHEIM = "Inwoner zit in detentie (intern, nooit delen)"


def client_voor(partner, scopes=(Scope.TERUGKOPPELING_LEZEN,)):
    _, geheim = partnersleutel_aanmaken(signaalpartner=partner, naam="test", scopes=list(scopes))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {geheim}")
    return client


def signaal_van(partner, gemeente, **extra):
    return VroegsignaalFactory(
        aanlevering=AanleveringFactory(signaalpartner=partner), gemeente=gemeente, **extra
    )


def rij(signaal, code=T.OPGEPAKT, moment=M.OPGEPAKT, **extra):
    return Terugkoppeling.objects.create(
        vroegsignaal=signaal,
        signaalpartner=signaal.signaalpartner,
        gemeente=signaal.gemeente,
        code=code,
        moment=moment,
        **extra,
    )


def andere_reden(signaal):
    """Close the signal's case as 'niet opgepakt: andere reden' with an internal reason, and
    derive the feedback as the case services do."""
    zaak = VroegsignaalzaakFactory(
        gemeente=signaal.gemeente,
        fase=Zaakfase.AFGESLOTEN,
        eindresultaat=Eindresultaat.NIET_OPGEPAKT_ANDERE_REDEN,
        reden_intern=GEHEIM,
    )
    signaal.vroegsignaalzaak = zaak
    signaal.status = Signaalstatus.NIET_OPGEPAKT_ANDERE_REDEN
    signaal.save()
    [terugkoppeling] = terugkoppelingen_bijwerken([signaal])
    return terugkoppeling


@pytest.fixture
def partners():
    return SignaalpartnerFactory(), SignaalpartnerFactory()


@pytest.fixture
def gemeenten():
    return GemeenteFactory(), GemeenteFactory()


# --- feed -----------------------------------------------------------------------------------


def test_feed_returns_only_the_partners_own_rows_in_id_order_across_municipalities(
    partners, gemeenten
):
    a, b = partners
    eigen = [rij(signaal_van(a, gemeenten[0])), rij(signaal_van(a, gemeenten[1]))]
    rij(signaal_van(b, gemeenten[0]))  # another partner, same municipality
    response = client_voor(a).get(URL)
    assert response.status_code == 200, response.content
    assert response["API-Version"]
    valideer(response, URL)
    body = response.json()
    assert [r["uuid"] for r in body["resultaten"]] == [str(r.uuid) for r in eigen]
    assert {r["gemeente"] for r in body["resultaten"]} == {g.cbs_code for g in gemeenten}
    assert body["volgende"] == eigen[-1].pk
    assert body["meer"] is False


def test_row_has_the_documented_camel_case_fields(partners, gemeenten):
    a, _ = partners
    signaal = signaal_van(a, gemeenten[0], klantnummer="K-123")
    pauze = dt.date.today() + dt.timedelta(days=30)
    rij(signaal, code=T.HULP_GEACCEPTEERD, moment=M.HULP_GEACCEPTEERD, betalingspauze_tot=pauze)
    [gegeven] = client_voor(a).get(URL).json()["resultaten"]
    assert set(gegeven) == {
        "uuid",
        "signaal",
        "klantnummer",
        "signaaldatum",
        "gemeente",
        "code",
        "omschrijving",
        "moment",
        "betalingspauzeTot",
        "aangemaaktOp",
    }
    assert gegeven["signaal"] == str(signaal.uuid)
    assert gegeven["klantnummer"] == "K-123"
    assert gegeven["code"] == "hulp_geaccepteerd"
    assert gegeven["betalingspauzeTot"] == pauze.isoformat()


def test_cursor_pages_through_all_rows_without_gaps_or_repeats(partners, gemeenten):
    a, b = partners
    rijen = []
    for i in range(7):
        rijen.append(rij(signaal_van(a, gemeenten[i % 2])))
        rij(signaal_van(b, gemeenten[0]))  # interleaved ids of another partner
    client = client_voor(a)
    gezien, na, rondes = [], 0, 0
    while True:
        response = client.get(URL, {"na": na, "limit": 3})
        valideer(response, URL)
        body = response.json()
        gezien += [r["uuid"] for r in body["resultaten"]]
        na = body["volgende"]
        rondes += 1
        if not body["meer"]:
            break
    assert gezien == [str(r.uuid) for r in rijen]
    assert rondes == 3
    # Nothing new: the same cursor comes back, so a polling client keeps its place.
    leeg = client.get(URL, {"na": na}).json()
    assert leeg == {"resultaten": [], "volgende": na, "meer": False}
    nieuw = rij(signaal_van(a, gemeenten[0]))
    assert [r["uuid"] for r in client.get(URL, {"na": na}).json()["resultaten"]] == [
        str(nieuw.uuid)
    ]


@pytest.mark.parametrize(
    ("params", "naam"),
    [({"na": "abc"}, "na"), ({"limit": "0"}, "limit"), ({"limit": "5000"}, "limit")],
)
def test_invalid_cursor_or_limit_is_problem_json(partners, params, naam):
    response = client_voor(partners[0]).get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["invalidParams"][0]["name"] == naam


# --- one row --------------------------------------------------------------------------------


def test_detail_by_uuid_and_another_partners_row_is_404(partners, gemeenten):
    a, b = partners
    eigen = rij(signaal_van(a, gemeenten[0]))
    ander = rij(signaal_van(b, gemeenten[0]))
    client = client_voor(a)
    response = client.get(f"{URL}/{eigen.uuid}")
    assert response.status_code == 200
    valideer(response, URL + "/{uuid}")
    assert response.json()["uuid"] == str(eigen.uuid)
    for onbekend in (ander.uuid, uuid.uuid4()):
        response = client.get(f"{URL}/{onbekend}")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/problem+json")


# --- the hidden reason ----------------------------------------------------------------------


def test_andere_reden_is_niet_opgepakt_and_the_internal_reason_never_appears(partners, gemeenten):
    a, _ = partners
    terugkoppeling = andere_reden(signaal_van(a, gemeenten[0]))
    assert terugkoppeling.code == T.NIET_OPGEPAKT
    client = client_voor(a)
    for response in (client.get(URL), client.get(f"{URL}/{terugkoppeling.uuid}")):
        tekst = response.content.decode()
        assert "Niet opgepakt" in tekst
        assert GEHEIM not in tekst
        assert "andere_reden" not in tekst
        assert "andere reden" not in tekst.lower()


# --- credentials ----------------------------------------------------------------------------


def test_feed_needs_the_scope_and_a_credential(partners):
    a, _ = partners
    zonder_scope = client_voor(a, scopes=(Scope.AANLEVERINGEN_LEZEN,))
    for client, status in ((zonder_scope, 403), (APIClient(), 401)):
        for url in (URL, CONTACT_URL, f"{URL}/{uuid.uuid4()}"):
            response = client.get(url)
            assert response.status_code in (status, 403 if status == 401 else status), url
            assert response["Content-Type"].startswith("application/problem+json")


def test_a_browser_session_does_not_open_the_feed(client, users, login_as):
    for naam in ("partnergebruiker", "coordinator"):
        response = login_as(users[naam]).get(URL)
        assert response.status_code in (401, 403)


# --- wrong contact details ------------------------------------------------------------------


def onjuist(signaal, soort=Contactgegevensoort.TELEFOON, waarde="0612345678", op=None):
    zaak = signaal.vroegsignaalzaak or VroegsignaalzaakFactory(gemeente=signaal.gemeente)
    if signaal.vroegsignaalzaak_id is None:
        signaal.vroegsignaalzaak = zaak
        signaal.save()
    return Contactgegeven.objects.create(
        vroegsignaalzaak=zaak,
        vroegsignaal=signaal,
        soort=soort,
        waarde=waarde,
        bron=Contactgegevenbron.SIGNAALPARTNER,
        geldig=False,
        ongeldig_reden=Ongeldigreden.ANDER_PERSOON,
        ongeldig_gemeld_op=op or timezone.now(),
    )


def test_wrong_contact_details_of_own_signals_only_with_cursor(partners, gemeenten):
    a, b = partners
    nu = timezone.now()
    eigen = [
        onjuist(signaal_van(a, gemeenten[0], klantnummer="K1"), op=nu - dt.timedelta(hours=3)),
        onjuist(
            signaal_van(a, gemeenten[1], klantnummer="K2"),
            soort=Contactgegevensoort.EMAIL,
            waarde="fout@example.org",
            op=nu - dt.timedelta(hours=2),
        ),
        onjuist(
            signaal_van(a, gemeenten[0], klantnummer="K3"),
            soort=Contactgegevensoort.ADRES,
            waarde="Dorpsstraat 1, 1234AB Aadorp",
            op=nu - dt.timedelta(hours=2),
        ),
    ]
    onjuist(signaal_van(b, gemeenten[0]), waarde="0699999999")  # another partner's
    # A valid detail and one the municipality added itself are not feedback.
    geldig = onjuist(signaal_van(a, gemeenten[0]), waarde="0611111111")
    Contactgegeven.objects.filter(pk=geldig.pk).update(geldig=True)
    client = client_voor(a)
    eerste = client.get(CONTACT_URL, {"limit": 2})
    assert eerste.status_code == 200
    valideer(eerste, CONTACT_URL)
    body = eerste.json()
    assert body["meer"] is True
    tweede = client.get(CONTACT_URL, {"na": body["volgende"], "limit": 2}).json()
    assert tweede["meer"] is False
    rijen = body["resultaten"] + tweede["resultaten"]
    assert [r["uuid"] for r in rijen] == [str(g.uuid) for g in eigen]
    assert [r["klantnummer"] for r in rijen] == ["K1", "K2", "K3"]
    assert rijen[1] | {"gemeldOp": None} == {
        "uuid": str(eigen[1].uuid),
        "signaal": str(eigen[1].vroegsignaal.uuid),
        "klantnummer": "K2",
        "signaaldatum": eigen[1].vroegsignaal.signaaldatum.isoformat(),
        "gemeente": gemeenten[1].cbs_code,
        "soortGegeven": "email",
        "waarde": "fout@example.org",
        "reden": "ander_persoon",
        "redenOmschrijving": "Hoort bij iemand anders",
        "gemeldOp": None,
    }
    assert "0699999999" not in eerste.content.decode() + str(tweede)
    # A detail reported wrong later, on an older signal, still comes after the cursor.
    later = onjuist(signaal_van(a, gemeenten[0]), waarde="0622222222")
    derde = client.get(CONTACT_URL, {"na": tweede["volgende"]}).json()
    assert [r["uuid"] for r in derde["resultaten"]] == [str(later.uuid)]


def test_invalid_contact_cursor_is_problem_json(partners):
    response = client_voor(partners[0]).get(CONTACT_URL, {"na": "niet-een-cursor"})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "na"


# --- the document ---------------------------------------------------------------------------


def test_openapi_document_describes_the_endpoints_camel_case_and_secured():
    document = openapi_document()
    for pad in (URL, URL + "/{uuid}", CONTACT_URL, "/api/v1/schuldontwikkelingen"):
        assert pad in document["paths"], pad
        for operatie in document["paths"][pad].values():
            assert {"partnersleutel": []} in operatie["security"]
    velden = document["components"]["schemas"]["Terugkoppeling"]["properties"]
    assert "betalingspauzeTot" in velden and "aangemaaktOp" in velden
    assert not [naam for naam in velden if "_" in naam]
