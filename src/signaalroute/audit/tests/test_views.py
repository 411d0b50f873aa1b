"""The auditor's log page: search, pagination, CSV export and the chain check."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.models import Auditregel
from signaalroute.audit.services import auditregel_vastleggen, bsn_pseudoniem, logboek_verzegelen
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db

BSN = "111222333"


@pytest.fixture
def zaak_met_bsn(tenant_a):
    zaak = VroegsignaalzaakFactory(gemeente=tenant_a)
    VroegsignaalFactory(gemeente=tenant_a, vroegsignaalzaak=zaak, bsn=BSN)
    return zaak


@pytest.fixture
def regels(users, tenant_a, zaak_met_bsn):
    andere = VroegsignaalzaakFactory(gemeente=tenant_a)
    return {
        "bsn": auditregel_vastleggen(
            actie=Auditactie.BEKIJKEN,
            gebruiker=users["vroegsignaleerder"],
            object=zaak_met_bsn,
            gemeente=tenant_a,
            omschrijving="Zaak bekeken",
        ),
        "ander": auditregel_vastleggen(
            actie=Auditactie.WIJZIGEN,
            gebruiker=users["coordinator"],
            object=andere,
            gemeente=tenant_a,
            omschrijving='=HYPERLINK("x")',
        ),
    }


def test_search_by_bsn_is_posted_and_redirects_with_the_pseudonym_only(login_as, users, regels):
    client = login_as(users["auditor"])
    antwoord = client.post(reverse("audit:logboek"), {"bsn": BSN})
    assert antwoord.status_code == 302
    assert BSN not in antwoord.url
    assert bsn_pseudoniem(BSN) in antwoord.url
    pagina = client.get(antwoord.url)
    gevonden = list(pagina.context["regels"])
    # The case view, and the search itself (also a processing about this person).
    assert regels["bsn"] in gevonden and regels["ander"] not in gevonden
    assert {r.omschrijving for r in gevonden} == {"Zaak bekeken", "Logboek doorzocht op betrokkene"}
    assert BSN not in pagina.content.decode()


def test_search_by_bsn_is_itself_recorded(login_as, users, regels):
    login_as(users["auditor"]).post(reverse("audit:logboek"), {"bsn": BSN})
    zoekregel = Auditregel.objects.get(omschrijving="Logboek doorzocht op betrokkene")
    assert zoekregel.betrokkenen == bsn_pseudoniem(BSN)
    assert zoekregel.verwerkingsactiviteit == "toezicht"


def test_invalid_bsn_is_refused(login_as, users, regels):
    antwoord = login_as(users["auditor"]).post(reverse("audit:logboek"), {"bsn": "12"})
    assert antwoord.status_code == 200
    assert "9 cijfers" in antwoord.content.decode()


def test_search_by_user_action_and_object(login_as, users, regels, zaak_met_bsn):
    client = login_as(users["auditor"])
    url = reverse("audit:logboek")
    assert list(
        client.get(url, {"gebruiker": users["coordinator"].username}).context["regels"]
    ) == [regels["ander"]]
    assert list(client.get(url, {"actie": "bekijken"}).context["regels"]) == [regels["bsn"]]
    assert list(client.get(url, {"object": str(zaak_met_bsn.uuid)}).context["regels"]) == [
        regels["bsn"]
    ]


def test_search_by_period(login_as, users, regels):
    client = login_as(users["auditor"])
    vandaag = datetime.date.today()
    gisteren = (vandaag - datetime.timedelta(days=1)).isoformat()
    assert len(client.get(reverse("audit:logboek"), {"van": vandaag}).context["regels"]) == 2
    assert not client.get(reverse("audit:logboek"), {"tot": gisteren}).context["regels"]


def test_search_by_municipality_is_limited_to_own_municipalities(login_as, users, regels, tenant_b):
    antwoord = login_as(users["auditor"]).get(
        reverse("audit:logboek"), {"gemeente": str(tenant_b.uuid)}
    )
    assert "gemeente" in antwoord.context["form"].errors


def test_auditor_of_other_organisation_finds_nothing_by_bsn(login_as, users, regels, tenant_b):
    from signaalroute.accounts.constants import Rol
    from signaalroute.accounts.tests.factories import UserFactory

    auditor_b = UserFactory(rol=Rol.AUDITOR, uitvoeringsorganisatie=tenant_b.uitvoeringsorganisatie)
    client = login_as(auditor_b)
    antwoord = client.post(reverse("audit:logboek"), {"bsn": BSN})
    gevonden = list(client.get(antwoord.url).context["regels"])
    assert regels["bsn"] not in gevonden


def test_pages_keep_the_filters(login_as, users, tenant_a):
    for _ in range(55):
        auditregel_vastleggen(actie=Auditactie.INLOGGEN, gebruiker=users["coordinator"])
    antwoord = login_as(users["auditor"]).get(reverse("audit:logboek"), {"actie": "inloggen"})
    assert antwoord.context["regels"].paginator.num_pages == 2
    assert "pagina=2&amp;actie=inloggen" in antwoord.content.decode()


def test_export_is_formula_safe_and_recorded(login_as, users, regels):
    antwoord = login_as(users["auditor"]).get(reverse("audit:exporteren"), {"actie": "wijzigen"})
    inhoud = antwoord.content.decode("utf-8-sig")
    assert antwoord["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK" in inhoud
    assert len(inhoud.strip().splitlines()) == 2
    assert Auditregel.objects.filter(
        actie=Auditactie.EXPORTEREN, gebruiker=users["auditor"]
    ).exists()


def test_chain_check_shows_intact(login_as, users, regels):
    antwoord = login_as(users["auditor"]).post(reverse("audit:keten_controleren"))
    assert antwoord.status_code == 200
    assert "De keten is intact" in antwoord.content.decode()


def test_chain_check_shows_the_broken_row(login_as, users, regels):
    logboek_verzegelen()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditregel SET omschrijving = 'weg' WHERE volgnummer = 1")
    antwoord = login_as(users["auditor"]).post(reverse("audit:keten_controleren"))
    assert "verbroken bij volgnummer 1" in antwoord.content.decode()


@pytest.mark.parametrize("rol", ["vroegsignaleerder", "functioneel_beheerder", "partnergebruiker"])
def test_other_roles_cannot_search_export_or_check(login_as, users, rol):
    client = login_as(users[rol])
    assert client.post(reverse("audit:logboek"), {"bsn": BSN}).status_code == 403
    assert client.get(reverse("audit:exporteren")).status_code == 403
    assert client.post(reverse("audit:keten_controleren")).status_code == 403


def test_chain_check_refuses_get(login_as, users):
    assert login_as(users["auditor"]).get(reverse("audit:keten_controleren")).status_code == 405
