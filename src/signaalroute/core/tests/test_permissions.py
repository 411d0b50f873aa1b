"""Access to every page and endpoint: anonymous, wrong role, other municipality, other partner.

`TOEGANG` is the access table: for each named URL what each visitor gets. A test walks the URL
resolver, so a new page without a row in the table fails the suite until someone decides who may
see it. What a permitted user *sees* on a page is filtered in the selectors
(`*/tests/test_selectors.py`); the content checks here only confirm a page uses them.
"""

import datetime
import types
import uuid
from collections import defaultdict
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, resolve, reverse
from rest_framework.response import Response
from rest_framework.views import APIView

from signaalroute import urls as root_urls
from signaalroute.aanleveringen.tests.factories import AanleveringFactory, VroegsignaalFactory
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.conftest import verified_client
from signaalroute.contact.constants import Berichtstatus, Kanaal
from signaalroute.contact.models import Bericht, Printbatch
from signaalroute.contact.services import standaardsjablonen_aanmaken
from signaalroute.contrib.callcenter.tests.factories import BelrondeFactory, BelrondeimportFactory
from signaalroute.triage.beheer import concept_maken
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Doorverwijzing:
    """A 302 to a named URL."""

    url_name: str

    def __str__(self) -> str:
        return f"302-{self.url_name}"


NAAR_INLOGGEN = "302-inloggen"  # to the login page, with ?next=<the requested path>
# Placeholders in URL kwargs, filled in by the `objecten` fixture.
ZAAK_A = "<zaak_a>"  # a case in municipality A, assigned to the external executor's team
AANLEVERING_A = "<aanlevering_a>"  # a delivery of partner A
SIGNAAL_A = "<signaal_a>"  # a signal in municipality A that is not in a case
GEMEENTE_A = "<gemeente_a>"  # municipality A
REGELSET_A = "<regelset_a>"  # a triage rule set concept of municipality A
SJABLOON_A = "<sjabloon_a>"  # municipality A's letter template
PRINTBATCH_A = "<printbatch_a>"  # today's print batch of municipality A
BERICHT_A = "<bericht_a>"  # a letter to a case of municipality A, in that batch
BELRONDE_A = "<belronde_a>"  # a call round of municipality A
BELRONDEIMPORT_A = "<belrondeimport_a>"  # an imported results file of that round
IEDER_UUID = "00000000-0000-0000-0000-000000000001"  # POST-only URLs: the GET is refused first

ROLLEN = (
    "platformbeheerder",
    "functioneel_beheerder",
    "coordinator",
    "vroegsignaleerder",
    "externe_uitvoerder",
    "partnergebruiker",
    "auditor",
    "vroegsignaleerder_b",  # case handler of another municipality
    "partnergebruiker_b",  # user of another partner
    "zonder_rol",  # an account an administrator has not given a role yet
)
BEZOEKERS = ("anoniem", *ROLLEN)


def alleen(anders, **toegestaan):
    """Every visitor gets `anders`, except anonymous (login) and those named."""
    table = dict.fromkeys(ROLLEN, anders)
    table["anoniem"] = NAAR_INLOGGEN
    table.update(toegestaan)
    return table


WERKVOORRAAD = Doorverwijzing("vroegsignaalzaken:werkvoorraad")
ZAAKBEHANDELAARS_200 = alleen(
    403, coordinator=200, vroegsignaleerder=200, externe_uitvoerder=200, vroegsignaleerder_b=200
)
ZAAKACTIE = alleen(
    403, coordinator=405, vroegsignaleerder=405, externe_uitvoerder=405, vroegsignaleerder_b=405
)
INSTELLINGEN = Doorverwijzing("gemeenten:instellingen")
AANLEVERINGEN = Doorverwijzing("aanleveringen:overzicht")

# url name -> (kwargs, {visitor: expected status or redirect})
TOEGANG = {
    "core:start": (
        {},
        alleen(
            403,
            platformbeheerder=INSTELLINGEN,
            functioneel_beheerder=INSTELLINGEN,
            coordinator=Doorverwijzing("vroegsignaalzaken:overzicht"),
            vroegsignaleerder=WERKVOORRAAD,
            externe_uitvoerder=WERKVOORRAAD,
            partnergebruiker=AANLEVERINGEN,
            auditor=Doorverwijzing("audit:logboek"),
            vroegsignaleerder_b=WERKVOORRAAD,
            partnergebruiker_b=AANLEVERINGEN,
        ),
    ),
    # Health check for the load balancer: open, says nothing but "ok".
    "core:gezondheid": ({}, dict.fromkeys(BEZOEKERS, 200)),
    "vroegsignaalzaken:werkvoorraad": (
        {},
        alleen(
            403,
            coordinator=200,
            vroegsignaleerder=200,
            externe_uitvoerder=200,
            vroegsignaleerder_b=200,
        ),
    ),
    "vroegsignaalzaken:overzicht": ({}, alleen(403, coordinator=200)),
    "vroegsignaalzaken:detail": (
        {"uuid": ZAAK_A},
        alleen(
            403,
            coordinator=200,
            vroegsignaleerder=200,
            externe_uitvoerder=200,
            vroegsignaleerder_b=404,
        ),
    ),
    # Actions on the case page, POST only: a GET by a case handler is 405, before the case is
    # looked up (a POST for a case of another municipality is a 404: test_views_zaak.py).
    **{
        f"vroegsignaalzaken:zaak_{actie}": ({"uuid": ZAAK_A}, ZAAKACTIE)
        for actie in (
            "oppakken",
            "contactpoging",
            "snelkeuze",
            "afsluiten",
            "heropenen",
            "overdracht",
            "nazorg_plannen",
            "nazorg_afronden",
            "medebehandelaars",
            "contactgegeven",
            "contactgegeven_onjuist",
        )
    },
    # Deadlines and notifications of the case handler's own cases.
    "vroegsignaalzaken:termijnen": ({}, ZAAKBEHANDELAARS_200),
    "vroegsignaalzaken:meldingen": ({}, ZAAKBEHANDELAARS_200),
    "vroegsignaalzaken:meldingen_gelezen": ({}, ZAAKACTIE),
    # Deadline settings: functional administrators edit, coordinators read.
    "vroegsignaalzaken:termijninstellingen": (
        {},
        alleen(403, functioneel_beheerder=200, coordinator=200),
    ),
    # POST only (bulk claim / assign on the work list).
    "vroegsignaalzaken:toewijzen": (
        {},
        alleen(
            403,
            coordinator=405,
            vroegsignaleerder=405,
            externe_uitvoerder=405,
            vroegsignaleerder_b=405,
        ),
    ),
    # Signals outside a case: the municipality's case handlers, not external executors.
    "vroegsignaalzaken:signalen": (
        {},
        alleen(403, coordinator=200, vroegsignaleerder=200, vroegsignaleerder_b=200),
    ),
    "vroegsignaalzaken:signaal": (
        {"uuid": SIGNAAL_A},
        alleen(403, coordinator=200, vroegsignaleerder=200, vroegsignaleerder_b=404),
    ),
    # POST only: a GET by a permitted role is 405, before the signal is looked up.
    "vroegsignaalzaken:signaalstatus": (
        {"uuid": SIGNAAL_A},
        alleen(403, coordinator=405, vroegsignaleerder=405, vroegsignaleerder_b=405),
    ),
    "aanleveringen:overzicht": (
        {},
        alleen(403, partnergebruiker=200, partnergebruiker_b=200),
    ),
    "aanleveringen:nieuw": ({}, alleen(403, partnergebruiker=200, partnergebruiker_b=200)),
    "aanleveringen:formaat": (
        {},
        alleen(
            403,
            partnergebruiker=200,
            partnergebruiker_b=200,
            functioneel_beheerder=200,
            coordinator=200,
        ),
    ),
    # Staff see only the lists their municipalities imported; partner A's delivery is not one.
    "aanleveringen:detail": (
        {"uuid": AANLEVERING_A},
        alleen(
            403,
            partnergebruiker=200,
            partnergebruiker_b=404,
            coordinator=404,
            functioneel_beheerder=404,
        ),
    ),
    "aanleveringen:lijst_import": ({}, alleen(403, coordinator=200, functioneel_beheerder=200)),
    # POST only: a GET by a partner user is 405, before the delivery is looked up.
    "aanleveringen:bevestigen": (
        {"uuid": AANLEVERING_A},
        alleen(403, partnergebruiker=405, partnergebruiker_b=405),
    ),
    "aanleveringen:rapport": (
        {"uuid": AANLEVERING_A, "formaat": "csv"},
        alleen(
            403,
            partnergebruiker=200,
            partnergebruiker_b=404,
            coordinator=404,
            functioneel_beheerder=404,
        ),
    ),
    "matching:controlebakje": (
        {},
        alleen(403, coordinator=200, vroegsignaleerder=200, vroegsignaleerder_b=200),
    ),
    # POST only: a GET by a permitted role is 405, before anything is looked up.
    "matching:beoordelen": (
        {"uuid": AANLEVERING_A},
        alleen(403, coordinator=405, vroegsignaleerder=405, vroegsignaleerder_b=405),
    ),
    # Triage: functional administrators edit, coordinators read (rule sets, simulation, capacity).
    "triage:overzicht": ({}, alleen(403, functioneel_beheerder=200, coordinator=200)),
    "triage:gemeente": (
        {"gemeente": GEMEENTE_A},
        alleen(403, functioneel_beheerder=200, coordinator=200),
    ),
    "triage:capaciteit": (
        {"gemeente": GEMEENTE_A},
        alleen(403, functioneel_beheerder=200, coordinator=200),
    ),
    "triage:importeren": ({"gemeente": GEMEENTE_A}, alleen(403, functioneel_beheerder=200)),
    # POST only: a GET by the functional administrator is 405, before anything is looked up.
    "triage:concept_nieuw": ({"gemeente": GEMEENTE_A}, alleen(403, functioneel_beheerder=405)),
    "triage:capaciteit_verwijderen": (
        {"gemeente": GEMEENTE_A},
        alleen(403, functioneel_beheerder=405),
    ),
    "triage:regelset": (
        {"uuid": REGELSET_A},
        alleen(403, functioneel_beheerder=200, coordinator=200),
    ),
    "triage:exporteren": (
        {"uuid": REGELSET_A},
        alleen(403, functioneel_beheerder=200, coordinator=200),
    ),
    "triage:simulatie": (
        {"uuid": REGELSET_A},
        alleen(403, functioneel_beheerder=200, coordinator=200),
    ),
    "triage:regel_toevoegen": ({"uuid": REGELSET_A}, alleen(403, functioneel_beheerder=200)),
    "triage:regel_wijzigen": (
        {"uuid": REGELSET_A, "nummer": 1},
        alleen(403, functioneel_beheerder=200),
    ),
    "triage:terugval": ({"uuid": REGELSET_A}, alleen(403, functioneel_beheerder=200)),
    "triage:activeren": ({"uuid": REGELSET_A}, alleen(403, functioneel_beheerder=200)),
    "triage:instellingen": ({"uuid": REGELSET_A}, alleen(403, functioneel_beheerder=405)),
    "triage:regel_verwijderen": (
        {"uuid": REGELSET_A, "nummer": 1},
        alleen(403, functioneel_beheerder=405),
    ),
    "triage:regel_verplaatsen": (
        {"uuid": REGELSET_A, "nummer": 1},
        alleen(403, functioneel_beheerder=405),
    ),
    # Check and matching settings: functional administrators edit, coordinators read.
    "matching:instellingen_overzicht": (
        {},
        alleen(403, functioneel_beheerder=200, coordinator=200),
    ),
    "matching:instellingen": (
        {"uuid": GEMEENTE_A},
        alleen(403, functioneel_beheerder=200, coordinator=200),
    ),
    "gemeenten:instellingen": (
        {},
        alleen(403, platformbeheerder=200, functioneel_beheerder=200),
    ),
    "signaalpartners:aanleverbewaking": (
        {},
        alleen(403, coordinator=200, functioneel_beheerder=200),
    ),
    "signaalpartners:aanleverbewaking_export": (
        {},
        alleen(403, coordinator=200, functioneel_beheerder=200),
    ),
    # Outreach (contact): functional administrators edit texts and house style, coordinators
    # read them and send; letters and batches are case data of the municipality.
    "contact:overzicht": ({}, alleen(403, functioneel_beheerder=200, coordinator=200)),
    "contact:gemeente": (
        {"gemeente": GEMEENTE_A},
        alleen(403, functioneel_beheerder=200, coordinator=200),
    ),
    "contact:huisstijl": ({"gemeente": GEMEENTE_A}, alleen(403, functioneel_beheerder=200)),
    "contact:sjabloon_bewerken": (
        {"gemeente": GEMEENTE_A, "kanaal": "brief"},
        alleen(403, functioneel_beheerder=200),
    ),
    "contact:sjabloon": (
        {"uuid": SJABLOON_A},
        alleen(403, functioneel_beheerder=200, coordinator=200),
    ),
    "contact:sjabloon_pdf": (
        {"uuid": SJABLOON_A},
        alleen(403, functioneel_beheerder=200, coordinator=200),
    ),
    "contact:sjabloon_activeren": ({"uuid": SJABLOON_A}, alleen(403, functioneel_beheerder=405)),
    "contact:versturen": ({}, alleen(403, coordinator=200)),
    "contact:printbatch": (
        {"uuid": PRINTBATCH_A},
        alleen(403, coordinator=200, vroegsignaleerder=200, vroegsignaleerder_b=404),
    ),
    "contact:printbatch_pdf": (
        {"uuid": PRINTBATCH_A},
        alleen(403, coordinator=200, vroegsignaleerder=200, vroegsignaleerder_b=404),
    ),
    "contact:bericht_pdf": (
        {"uuid": BERICHT_A},
        alleen(403, coordinator=200, vroegsignaleerder=200, vroegsignaleerder_b=404),
    ),
    "contact:bericht_controleren": ({"uuid": BERICHT_A}, alleen(403, coordinator=405)),
    "contact:zaak_versturen": (
        {},
        alleen(403, coordinator=405, vroegsignaleerder=405, vroegsignaleerder_b=405),
    ),
    "contact:brief_retour": (
        {},
        alleen(403, coordinator=405, vroegsignaleerder=405, vroegsignaleerder_b=405),
    ),
    # Callcenter rounds: coordinators make them and exchange the files (personal data of many
    # households); case workers read what the callcenter recorded.
    "callcenter:overzicht": (
        {},
        alleen(403, coordinator=200, vroegsignaleerder=200, vroegsignaleerder_b=200),
    ),
    "callcenter:nieuw": ({}, alleen(403, coordinator=200)),
    "callcenter:detail": (
        {"uuid": BELRONDE_A},
        alleen(403, coordinator=200, vroegsignaleerder=200, vroegsignaleerder_b=404),
    ),
    "callcenter:bellijst": ({"uuid": BELRONDE_A}, alleen(403, coordinator=200)),
    "callcenter:importeren": ({"uuid": BELRONDE_A}, alleen(403, coordinator=405)),
    "callcenter:import_detail": (
        {"uuid": BELRONDEIMPORT_A},
        alleen(403, coordinator=200, vroegsignaleerder=200, vroegsignaleerder_b=404),
    ),
    "callcenter:afwijzingen": ({"uuid": BELRONDEIMPORT_A}, alleen(403, coordinator=200)),
    # Feedback to partners (terugkoppeling): a partner user's own signals only.
    "terugkoppeling:overzicht": ({}, alleen(403, partnergebruiker=200, partnergebruiker_b=200)),
    "terugkoppeling:export": (
        {"formaat": "csv"},
        alleen(403, partnergebruiker=200, partnergebruiker_b=200),
    ),
    "terugkoppeling:contactgegevens": (
        {},
        alleen(403, partnergebruiker=200, partnergebruiker_b=200),
    ),
    "terugkoppeling:contactgegevens_export": (
        {"formaat": "csv"},
        alleen(403, partnergebruiker=200, partnergebruiker_b=200),
    ),
    "terugkoppeling:schuldontwikkeling": (
        {},
        alleen(403, partnergebruiker=200, partnergebruiker_b=200),
    ),
    "terugkoppeling:schuldontwikkeling_batch": (
        {"uuid": "00000000-0000-0000-0000-000000000000"},
        alleen(403, partnergebruiker=404, partnergebruiker_b=404),
    ),
    "terugkoppeling:schuldontwikkeling_afwijzingen": (
        {"uuid": "00000000-0000-0000-0000-000000000000", "formaat": "csv"},
        alleen(403, partnergebruiker=404, partnergebruiker_b=404),
    ),
    # Partner directory: the partner maintains its own published details.
    "partnergegevens:overzicht": ({}, alleen(403, partnergebruiker=200, partnergebruiker_b=200)),
    "partnergegevens:bewerken": ({}, alleen(403, partnergebruiker=200, partnergebruiker_b=200)),
    "partnergegevens:contactpersoon_nieuw": (
        {},
        alleen(403, partnergebruiker=200, partnergebruiker_b=200),
    ),
    "partnergegevens:contactpersoon": (
        {"uuid": "00000000-0000-0000-0000-000000000000"},
        alleen(403, partnergebruiker=404, partnergebruiker_b=404),
    ),
    "partnergegevens:contactpersoon_verwijderen": (
        {"uuid": "00000000-0000-0000-0000-000000000000"},
        alleen(403, partnergebruiker=405, partnergebruiker_b=405),
    ),
    # Reporting: management information for coordinators and functional administrators;
    # the platform administrator sees aggregates over all municipalities only.
    "rapportages:overzicht": ({}, alleen(403, coordinator=200, functioneel_beheerder=200)),
    "rapportages:export": (
        {"tabel": "resultaten", "formaat": "csv"},
        alleen(403, coordinator=200, functioneel_beheerder=200),
    ),
    "rapportages:gemeente": (
        {"gemeente": GEMEENTE_A},
        alleen(403, coordinator=200, functioneel_beheerder=200),
    ),
    "rapportages:gemeente_export": (
        {"gemeente": GEMEENTE_A, "tabel": "resultaten", "formaat": "xlsx"},
        alleen(403, coordinator=200, functioneel_beheerder=200),
    ),
    "rapportages:platform": ({}, alleen(403, platformbeheerder=200)),
    "rapportages:platform_export": (
        {"tabel": "resultaten", "formaat": "csv"},
        alleen(403, platformbeheerder=200),
    ),
    "rapportages:maandrapport": (
        {"gemeente": GEMEENTE_A, "jaar": 2025, "maand": 3},
        alleen(403, coordinator=200, functioneel_beheerder=200),
    ),
    "rapportages:jaarevaluatie": (
        {"gemeente": GEMEENTE_A, "jaar": 2025},
        alleen(403, coordinator=200, functioneel_beheerder=200),
    ),
    "rapportages:jaarevaluatie_export": (
        {"gemeente": GEMEENTE_A, "jaar": 2025, "tabel": "deur_dicht", "formaat": "csv"},
        alleen(403, coordinator=200, functioneel_beheerder=200),
    ),
    # The processing log: auditors search and export it and verify its hash chain; retention
    # reports for administrators and auditors, retention settings for the functional admin.
    "audit:exporteren": ({}, alleen(403, platformbeheerder=200, auditor=200)),
    "audit:keten_controleren": ({}, alleen(403, platformbeheerder=405, auditor=405)),
    "bewaartermijnen:rapporten": (
        {},
        alleen(403, platformbeheerder=200, functioneel_beheerder=200, auditor=200),
    ),
    "bewaartermijnen:instellingen": ({}, alleen(403, functioneel_beheerder=200)),
    # Webhooks: partner users manage their own partner's subscriptions.
    "webhooks:overzicht": ({}, alleen(403, partnergebruiker=200, partnergebruiker_b=200)),
    "webhooks:nieuw": ({}, alleen(403, partnergebruiker=200, partnergebruiker_b=200)),
    "webhooks:dead_letters": ({}, alleen(403, partnergebruiker=200, partnergebruiker_b=200)),
    "webhooks:beeindigen": (
        {"uuid": IEDER_UUID},
        alleen(403, partnergebruiker=405, partnergebruiker_b=405),
    ),
    "webhooks:opnieuw_afleveren": (
        {"uuid": IEDER_UUID},
        alleen(403, partnergebruiker=405, partnergebruiker_b=405),
    ),
    "audit:logboek": ({}, alleen(403, platformbeheerder=200, auditor=200)),
    # Django admin: staff only; everyone else is sent to the admin's own login page.
    "admin:index": ({}, alleen(Doorverwijzing("admin:login"), platformbeheerder=200)),
    # The set-up pages grouped on one page (each page has its own row and access).
    "core:inrichting": (
        {},
        alleen(403, coordinator=200, functioneel_beheerder=200, platformbeheerder=200),
    ),
    # Readiness: open to every visitor (load balancers), says nothing personal.
    "core:gereed": ({}, dict.fromkeys(BEZOEKERS, 200)),
    # Prometheus metrics: only with the bearer token METRICS_TOKEN (empty in CI: off, 404);
    # a session never opens it.
    "core:metrics": ({}, dict.fromkeys(BEZOEKERS, 404)),
    # The OpenAPI document is the published contract (committed in the repository): public.
    "openapi": ({}, dict.fromkeys(BEZOEKERS, 200)),
}

# Named URLs deliberately not in TOEGANG, with the reason.
NIET_IN_TABEL = {
    "accounts": "login, verification, TOTP set-up and logout: covered by accounts/tests",
    "admin": "admin:index is in the table; every other admin page: test_admin_pages_*",
    "api": "partner API, machine credentials only: test_partner_api_refuses_every_session",
    "lokaal_brp": "local BRP service (BRP_LOKAAL only), machine API with fictitious persons: contrib/brp/tests/test_lokaal.py",
    "ddas": "CBS pull API, OAuth2 client credentials only: contrib/ddas/tests/api/",
    "sms": "local SMS gateway double (SMS_LOKAAL only), bearer token: contrib/sms/tests/test_lokaal.py",
    "webhookontvanger": "local webhook test receiver (WEBHOOK_ONTVANGER_LOKAAL only): terugkoppeling/tests/test_webhooks_ontvanger.py",
}
NIET_IN_TABEL_NAMEN = {
    # the SMS gateway's signed delivery reports (HMAC, no session): contact/tests/test_views.py
    "contact:sms_statusrapporten",
    # mozilla-django-oidc, only mounted when OIDC_ENABLED
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "oidc_logout",
}


def _patronen(resolver, namespace="", prefix="", kwargnamen=()):
    """Yield (full name or None, route, namespace, kwarg names) for every URL pattern."""
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        namen = (*kwargnamen, *pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _patronen(pattern, full_ns, route, namen)
        elif isinstance(pattern, URLPattern):
            name = None
            if pattern.name is not None:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, route, namespace, namen


def _te_testen_urls():
    names, unnamed = set(), []
    for name, route, namespace, _ in _patronen(get_resolver()):
        if namespace.split(":")[0] in NIET_IN_TABEL and name != "admin:index":
            continue
        if name is None:
            unnamed.append(route)
        elif name not in NIET_IN_TABEL_NAMEN:
            names.add(name)
    return names, unnamed


def test_every_named_page_has_a_row_in_the_access_table():
    names, _ = _te_testen_urls()
    assert names - TOEGANG.keys() == set(), "new page(s): add them to TOEGANG"
    assert TOEGANG.keys() - names == set(), "TOEGANG lists pages that no longer exist"


def test_every_page_has_a_name_so_the_access_table_can_see_it():
    _, unnamed = _te_testen_urls()
    assert unnamed == []


def test_every_row_in_the_access_table_covers_every_visitor():
    for name, (_, verwacht) in TOEGANG.items():
        assert set(verwacht) == set(BEZOEKERS), name


ZONDER_ROL_VEREIST = {
    "core:start": "sends each role to its start page",
    "core:gereed": "readiness check",
    "core:metrics": "Prometheus, bearer token",
    "core:gezondheid": "open health check",
    "admin:index": "Django admin: is_staff",
    "openapi": "public contract",
}


@pytest.mark.parametrize("url_name", sorted(TOEGANG.keys() - ZONDER_ROL_VEREIST.keys()))
def test_page_view_declares_the_roles_the_access_table_lets_in(url_name):
    """`rol_vereist` and the table agree: a role let in by the decorator but not in the table
    (or the other way round) is a decision nobody wrote down."""
    kwargs, verwacht = TOEGANG[url_name]
    view = resolve(_url(url_name, kwargs, ELK_OBJECT)).func
    assert hasattr(view, "rollen"), f"{url_name} has no @rol_vereist"
    toegelaten = {
        naam.removesuffix("_b")
        for naam, uitkomst in verwacht.items()
        if uitkomst != 403 and not isinstance(uitkomst, Doorverwijzing | str)
    }
    assert set(view.rollen) == toegelaten


@pytest.fixture
def zaak_a(users, tenant_a):
    return VroegsignaalzaakFactory(gemeente=tenant_a, team=users["externe_uitvoerder"].team)


@pytest.fixture
def bezoeker(client, users):
    """A test client for a visitor name from BEZOEKERS, past both login steps."""

    def _bezoeker(naam: str) -> Client:
        if naam == "anoniem":
            return client
        if naam == "zonder_rol":
            return verified_client(client, UserFactory(rol=""))
        return verified_client(client, users[naam])

    return _bezoeker


@pytest.fixture
def aanlevering_a(users):
    return AanleveringFactory(signaalpartner=users["partnergebruiker"].signaalpartner)


@pytest.fixture
def signaal_a(tenant_a, aanlevering_a):
    return VroegsignaalFactory(gemeente=tenant_a, aanlevering=aanlevering_a)


@pytest.fixture
def regelset_a(tenant_a):
    return concept_maken(gemeente=tenant_a, door=None)


@pytest.fixture
def contact_a(tenant_a):
    """A letter template, today's print batch and a letter in it, of municipality A."""
    standaardsjablonen_aanmaken(gemeente=tenant_a)
    sjabloon = tenant_a.berichtsjablonen.get(kanaal=Kanaal.BRIEF)
    printbatch = Printbatch.objects.create(gemeente=tenant_a, datum=datetime.date.today())
    bericht = Bericht.objects.create(
        vroegsignaalzaak=VroegsignaalzaakFactory(gemeente=tenant_a),
        kanaal=Kanaal.BRIEF,
        sjabloon=sjabloon,
        ontvanger="Dorpsstraat 1, 1234 AB Aadorp",
        inhoud="Beste bewoner",
        opmaak='<section class="brief"><p>Beste bewoner</p></section>',
        status=Berichtstatus.VERZONDEN,
        idempotentiesleutel="toegang",
        printbatch=printbatch,
    )
    return {SJABLOON_A: sjabloon.uuid, PRINTBATCH_A: printbatch.uuid, BERICHT_A: bericht.uuid}


@pytest.fixture
def objecten(zaak_a, aanlevering_a, signaal_a, tenant_a, regelset_a, contact_a):
    belronde = BelrondeFactory(gemeente=tenant_a)
    return {
        ZAAK_A: zaak_a.uuid,
        AANLEVERING_A: aanlevering_a.uuid,
        SIGNAAL_A: signaal_a.uuid,
        GEMEENTE_A: tenant_a.uuid,
        REGELSET_A: regelset_a.uuid,
        BELRONDE_A: belronde.uuid,
        BELRONDEIMPORT_A: BelrondeimportFactory(belronde=belronde).uuid,
        **contact_a,
    }


ELK_OBJECT = defaultdict(uuid.uuid4)


def _url(name, kwargs, objecten):
    return reverse(
        name,
        kwargs={k: objecten[v] if str(v).startswith("<") else v for k, v in kwargs.items()},
    )


def _controleer(response, verwacht, url):
    if verwacht == NAAR_INLOGGEN:
        assert response.status_code == 302
        assert response.url == f"{reverse('accounts:login')}?next={url}"
    elif isinstance(verwacht, Doorverwijzing):
        assert response.status_code == 302
        assert response.url.split("?")[0] == reverse(verwacht.url_name)
    else:
        assert response.status_code == verwacht


ACCESS_CASES = [
    pytest.param(name, naam, id=f"{name}-{naam}-{TOEGANG[name][1][naam]}")
    for name in TOEGANG
    for naam in BEZOEKERS
]


@pytest.mark.parametrize(("url_name", "naam"), ACCESS_CASES)
def test_page_access_per_role(bezoeker, objecten, url_name, naam):
    kwargs, verwacht = TOEGANG[url_name]
    url = _url(url_name, kwargs, objecten)
    response = bezoeker(naam).get(url)
    _controleer(response, verwacht[naam], url)


OPEN_ZONDER_TWEEDE_FACTOR = {"core:gezondheid", "core:gereed", "core:metrics", "openapi"}
PASSWORD_ONLY_CASES = [
    pytest.param(name, naam, id=f"{name}-{naam}")
    for name in TOEGANG
    if name not in OPEN_ZONDER_TWEEDE_FACTOR
    for naam in ROLLEN
    if naam != "zonder_rol"
]


@pytest.mark.parametrize(("url_name", "naam"), PASSWORD_ONLY_CASES)
def test_password_without_totp_is_sent_to_verification_on_every_page(
    client, users, objecten, url_name, naam
):
    client.force_login(users[naam], backend="django.contrib.auth.backends.ModelBackend")
    kwargs, _ = TOEGANG[url_name]
    response = client.get(_url(url_name, kwargs, objecten))
    assert response.status_code == 302
    assert response.url == reverse("accounts:verificatie")


def test_inactive_user_is_treated_as_anonymous(client, users):
    user = users["coordinator"]
    verified_client(client, user)
    user.is_active = False
    user.save()
    response = client.get(reverse("vroegsignaalzaken:overzicht"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_forbidden_page_is_dutch(bezoeker):
    response = bezoeker("partnergebruiker").get(reverse("vroegsignaalzaken:werkvoorraad"))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_unknown_case_uuid_gives_404_to_a_case_handler(bezoeker):
    url = reverse(
        "vroegsignaalzaken:detail", kwargs={"uuid": "00000000-0000-4000-8000-000000000000"}
    )
    response = bezoeker("coordinator").get(url)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


# --- Other municipality / other partner: the page shows only the visitor's own data -----------


def test_worker_of_other_municipality_does_not_see_case_in_werkvoorraad(bezoeker, users, zaak_a):
    zaak_a.behandelaar = users["vroegsignaleerder"]
    zaak_a.save()
    response = bezoeker("vroegsignaleerder_b").get(reverse("vroegsignaalzaken:werkvoorraad"))
    assert zaak_a.referentie not in response.content.decode()


def test_worker_sees_own_case_in_werkvoorraad(bezoeker, users, zaak_a):
    zaak_a.behandelaar = users["vroegsignaleerder"]
    zaak_a.save()
    response = bezoeker("vroegsignaleerder").get(reverse("vroegsignaalzaken:werkvoorraad"))
    assert zaak_a.referentie in response.content.decode()


def test_coordinator_overview_lists_only_own_municipalities(bezoeker, tenant_a, tenant_b):
    response = bezoeker("coordinator").get(reverse("vroegsignaalzaken:overzicht"))
    html = response.content.decode()
    assert tenant_a.naam in html
    assert tenant_b.naam not in html


def test_partner_does_not_see_deliveries_of_other_partner(bezoeker, users):
    AanleveringFactory(
        signaalpartner=users["partnergebruiker"].signaalpartner, bestandsnaam="van-partner-a.csv"
    )
    AanleveringFactory(
        signaalpartner=users["partnergebruiker_b"].signaalpartner,
        bestandsnaam="van-partner-b.csv",
    )
    html = bezoeker("partnergebruiker_b").get(reverse("aanleveringen:overzicht")).content.decode()
    assert "van-partner-b.csv" in html
    assert "van-partner-a.csv" not in html


def test_partner_cannot_deliver_a_file_of_other_partner(bezoeker, aanlevering_a):
    status_voor = aanlevering_a.status
    url = reverse("aanleveringen:bevestigen", kwargs={"uuid": aanlevering_a.uuid})
    response = bezoeker("partnergebruiker_b").post(url)
    assert response.status_code == 404
    aanlevering_a.refresh_from_db()
    assert aanlevering_a.status == status_voor


def test_functional_admin_settings_show_only_own_municipalities(bezoeker, tenant_a, tenant_b):
    html = bezoeker("functioneel_beheerder").get(reverse("gemeenten:instellingen")).content.decode()
    assert tenant_a.naam in html
    assert tenant_b.naam not in html


# --- Django admin: staff only on every admin page ---------------------------------------------

ADMIN_URLS = sorted(
    name
    for name, route, namespace, _ in _patronen(get_resolver())
    if namespace == "admin"
    and name not in (None, "admin:login", "admin:logout")
    and "<" not in route  # pages that need an object id are guarded by the same admin_view
)


@pytest.mark.parametrize("url_name", ADMIN_URLS)
def test_admin_pages_are_closed_to_non_staff(bezoeker, url_name):
    url = reverse(url_name)
    assert bezoeker("anoniem").get(url).url == f"{reverse('accounts:login')}?next={url}"
    for naam in ROLLEN:
        if naam == "platformbeheerder":
            continue
        response = bezoeker(naam).get(url)
        assert response.status_code == 302, naam
        assert response.url.split("?")[0] == reverse("admin:login"), naam


PERSOONSGEGEVENS_MODELLEN = {
    "aanleveringen.Vroegsignaal",
    "vroegsignaalzaken.Vroegsignaalzaak",
    "vroegsignaalzaken.Contactpoging",
    "vroegsignaalzaken.Signaalstatuswijziging",
    "vroegsignaalzaken.Zaakwijziging",
}


def test_admin_shows_no_case_data_to_the_platform_administrator():
    geregistreerd = {model._meta.label for model in admin.site._registry}
    assert geregistreerd & PERSOONSGEGEVENS_MODELLEN == set()


# --- Back-office API: a session without the second factor is not a login ----------------------


class _Proefview(APIView):
    """Stands in for any back-office endpoint: default authentication and permissions."""

    def get(self, request):
        return Response({"gebruiker": request.user.username})


_PROEF_URLCONF = types.ModuleType("signaalroute_proef_urls")
_PROEF_URLCONF.urlpatterns = [
    *root_urls.urlpatterns,
    path("api/v1/proef", _Proefview.as_view()),
]


@pytest.fixture
def proef_api(settings):
    settings.ROOT_URLCONF = _PROEF_URLCONF
    return "/api/v1/proef"


def test_back_office_api_refuses_anonymous(client, proef_api):
    assert client.get(proef_api).status_code in (401, 403)


def test_back_office_api_accepts_a_session_past_both_login_steps(client, users, proef_api):
    verified_client(client, users["coordinator"])
    assert client.get(proef_api).status_code == 200


def test_back_office_api_refuses_a_session_without_second_factor(client, users, proef_api):
    """The middleware leaves /api/ to DRF; DRF's SessionAuthentication must not accept a
    session that entered a password but no TOTP code."""
    client.force_login(users["coordinator"], backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(proef_api)
    assert response.status_code in (401, 403), response.content


# --- Partner API: machine credentials only; no browser session opens it ----------------------

# The back-office API for case workers (a session past both login steps) and who may use it.
BACK_OFFICE_API = {
    "api:werkvoorraad-list": alleen(
        403, coordinator=200, vroegsignaleerder=200, externe_uitvoerder=200, vroegsignaleerder_b=200
    ),
}
API_URLS = sorted(
    (name, namen)
    for name, _, namespace, namen in _patronen(get_resolver())
    if namespace == "api" and name is not None and name not in BACK_OFFICE_API
)


@pytest.mark.parametrize("url_name", sorted(BACK_OFFICE_API))
def test_back_office_api_per_role(bezoeker, url_name):
    for naam, verwacht in BACK_OFFICE_API[url_name].items():
        response = bezoeker(naam).get(reverse(url_name))
        if verwacht == NAAR_INLOGGEN:
            assert response.status_code in (401, 403), naam
        else:
            assert response.status_code == verwacht, naam
        if response.status_code >= 400:
            assert response["Content-Type"].startswith("application/problem+json"), naam


@pytest.mark.parametrize(("url_name", "kwargnamen"), API_URLS, ids=[n for n, _ in API_URLS])
def test_partner_api_refuses_every_session(bezoeker, url_name, kwargnamen):
    url = reverse(url_name, kwargs={k: uuid.uuid4() for k in kwargnamen})
    for naam in BEZOEKERS:
        response = bezoeker(naam).get(url)
        assert response.status_code in (401, 403), naam
        assert response["Content-Type"].startswith("application/problem+json"), naam
