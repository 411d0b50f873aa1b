"""Tenant isolation of cases: who sees which `Vroegsignaalzaak`, and the case page's audit."""

import datetime

import pytest
from django.urls import reverse

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.models import Auditregel
from signaalroute.core.exceptions import NietGevonden
from signaalroute.gemeenten.tests.factories import GemeenteFactory, TeamFactory
from signaalroute.vroegsignaalzaken.constants import Zaakfase
from signaalroute.vroegsignaalzaken.selectors import (
    Werklijstfilter,
    werklijst,
    zaak_ophalen,
    zaken_per_gemeente,
    zaken_voor,
)

from .factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_extern(users):
    return users["externe_uitvoerder"].team


@pytest.fixture
def zaak_a(tenant_a, team_extern):
    """A case in municipality A, assigned to the external team."""
    return VroegsignaalzaakFactory(gemeente=tenant_a, team=team_extern)


@pytest.fixture
def zaak_a_ander_team(tenant_a):
    """A case in municipality A, assigned to another team of the same organisation."""
    team = TeamFactory(uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie, naam="Team Zuid")
    return VroegsignaalzaakFactory(gemeente=tenant_a, team=team)


@pytest.fixture
def zaak_b(tenant_b):
    return VroegsignaalzaakFactory(gemeente=tenant_b)


# --- zaken_voor -------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["coordinator", "vroegsignaleerder"])
def test_case_handlers_see_cases_of_their_municipality(users, zaak_a, zaak_a_ander_team, rol):
    assert set(zaken_voor(users[rol])) == {zaak_a, zaak_a_ander_team}


def test_worker_of_other_municipality_does_not_see_case(users, zaak_a, zaak_b):
    assert list(zaken_voor(users["vroegsignaleerder_b"])) == [zaak_b]


def test_case_handlers_do_not_see_cases_of_other_municipality(users, zaak_b):
    assert not zaken_voor(users["coordinator"]).exists()
    assert not zaken_voor(users["vroegsignaleerder"]).exists()


def test_external_executor_sees_only_cases_of_their_team(users, zaak_a, zaak_a_ander_team):
    assert list(zaken_voor(users["externe_uitvoerder"])) == [zaak_a]


def test_external_executor_does_not_see_unassigned_cases(users, tenant_a):
    VroegsignaalzaakFactory(gemeente=tenant_a, team=None)
    assert not zaken_voor(users["externe_uitvoerder"]).exists()


def test_external_executor_does_not_see_case_of_own_team_in_other_municipality(
    users, team_extern, tenant_b
):
    # A mistaken assignment across tenants must not open the other municipality's case.
    VroegsignaalzaakFactory(gemeente=tenant_b, team=team_extern)
    assert not zaken_voor(users["externe_uitvoerder"]).exists()


def test_external_executor_without_team_sees_nothing(users, zaak_a):
    # The database requires a team; a team removed later must not widen access.
    user = users["externe_uitvoerder"]
    user.team_id = None
    assert not zaken_voor(user).exists()


@pytest.fixture
def tweede_gemeente_a(tenant_a):
    """Organisation A executes for two municipalities."""
    org = tenant_a.uitvoeringsorganisatie
    return GemeenteFactory(naam="Achterveld", uitvoeringsorganisatie=org)


def test_user_restricted_to_municipalities_sees_only_those(tenant_a, tweede_gemeente_a, zaak_b):
    zaak_hier = VroegsignaalzaakFactory(gemeente=tweede_gemeente_a)
    VroegsignaalzaakFactory(gemeente=tenant_a)
    user = UserFactory(
        rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie
    )
    user.gemeenten.set([tweede_gemeente_a])
    assert list(zaken_voor(user)) == [zaak_hier]


def test_unrestricted_user_sees_every_municipality_of_the_organisation(
    users, tenant_a, tweede_gemeente_a
):
    zaken = {
        VroegsignaalzaakFactory(gemeente=tenant_a),
        VroegsignaalzaakFactory(gemeente=tweede_gemeente_a),
    }
    assert set(zaken_voor(users["vroegsignaleerder"])) == zaken


def test_restriction_to_municipality_of_other_organisation_opens_nothing(tenant_a, zaak_b):
    user = UserFactory(
        rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie
    )
    user.gemeenten.set([zaak_b.gemeente])
    assert not zaken_voor(user).exists()


@pytest.mark.parametrize(
    "rol",
    [
        "platformbeheerder",
        "functioneel_beheerder",
        "auditor",
        "partnergebruiker",
        "partnergebruiker_b",
    ],
)
def test_roles_that_do_not_handle_cases_see_no_case_data(users, zaak_a, zaak_b, rol):
    user = users[rol]
    assert not zaken_voor(user).exists()
    assert not werklijst(user, Werklijstfilter()).exists()
    with pytest.raises(NietGevonden):
        zaak_ophalen(user=user, uuid=zaak_a.uuid)


def test_partner_that_delivered_the_signal_still_sees_no_case(users, zaak_a):
    partner = users["partnergebruiker"].signaalpartner
    VroegsignaalFactory(
        aanlevering__signaalpartner=partner, gemeente=zaak_a.gemeente, vroegsignaalzaak=zaak_a
    )
    assert not zaken_voor(users["partnergebruiker"]).exists()


def test_inactive_case_handler_sees_nothing(users, zaak_a):
    user = users["coordinator"]
    user.is_active = False
    user.save()
    assert not zaken_voor(user).exists()


# --- werkvoorraad -----------------------------------------------------------------------------


def test_werkvoorraad_of_worker_holds_own_cases_and_unassigned_cases_of_own_team(tenant_a):
    org = tenant_a.uitvoeringsorganisatie
    team = TeamFactory(uitvoeringsorganisatie=org)
    worker = UserFactory(rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=org, team=team)
    collega = UserFactory(rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=org, team=team)
    eigen = VroegsignaalzaakFactory(gemeente=tenant_a, behandelaar=worker)
    van_team = VroegsignaalzaakFactory(gemeente=tenant_a, team=team)
    VroegsignaalzaakFactory(gemeente=tenant_a, team=team, behandelaar=collega)
    VroegsignaalzaakFactory(gemeente=tenant_a)  # nobody's: in the coordinator's overview only
    assert set(werklijst(worker, Werklijstfilter())) == {eigen, van_team}


def test_werkvoorraad_leaves_out_closed_cases(users, tenant_a):
    open_zaak = VroegsignaalzaakFactory(gemeente=tenant_a)
    VroegsignaalzaakFactory(gemeente=tenant_a, fase=Zaakfase.AFGESLOTEN)
    assert list(werklijst(users["coordinator"], Werklijstfilter())) == [open_zaak]


def test_werkvoorraad_of_other_municipality_is_empty_for_worker_b(users, tenant_a):
    VroegsignaalzaakFactory(gemeente=tenant_a, behandelaar=users["vroegsignaleerder"])
    assert not werklijst(users["vroegsignaleerder_b"], Werklijstfilter()).exists()


def test_werkvoorraad_of_external_executor_holds_only_team_cases(users, zaak_a, zaak_a_ander_team):
    assert list(werklijst(users["externe_uitvoerder"], Werklijstfilter())) == [zaak_a]


# --- zaak_ophalen and zaken_per_gemeente ------------------------------------------------------


def test_case_of_other_municipality_is_not_found(users, zaak_a):
    with pytest.raises(NietGevonden):
        zaak_ophalen(user=users["vroegsignaleerder_b"], uuid=zaak_a.uuid)


def test_case_of_other_team_is_not_found_for_external_executor(users, zaak_a_ander_team):
    with pytest.raises(NietGevonden):
        zaak_ophalen(user=users["externe_uitvoerder"], uuid=zaak_a_ander_team.uuid)


def test_coordinator_overview_counts_only_own_municipalities(users, tenant_a, zaak_a, zaak_b):
    VroegsignaalzaakFactory(gemeente=tenant_a, fase=Zaakfase.AFGESLOTEN)
    rijen = {g.naam: g for g in zaken_per_gemeente(users["coordinator"])}
    assert set(rijen) == {tenant_a.naam}
    assert rijen[tenant_a.naam].open_zaken == 1


# --- The case page ----------------------------------------------------------------------------


@pytest.fixture
def zaak_met_signaal(zaak_a):
    zaak_a.referentie = "VS-TEST-AUDIT"
    zaak_a.postcode = "9876ZX"
    zaak_a.huisnummer = 321
    zaak_a.save()
    VroegsignaalFactory(
        vroegsignaalzaak=zaak_a,
        gemeente=zaak_a.gemeente,
        voornamen="Wilhelmina",
        achternaam="Zwanenburg",
        geboortedatum=datetime.date(1971, 3, 14),
        bsn="111222333",
        postcode="9876ZX",
        huisnummer=321,
        telefoonnummer="0612345678",
        email="w.zwanenburg@example.nl",
    )
    return zaak_a


def test_worker_of_other_municipality_gets_404_for_case(client, login_as, users, zaak_a):
    login_as(users["vroegsignaleerder_b"])
    response = client.get(reverse("vroegsignaalzaken:detail", kwargs={"uuid": zaak_a.uuid}))
    assert response.status_code == 404


def test_external_executor_gets_404_for_case_of_other_team(
    client, login_as, users, zaak_a_ander_team
):
    login_as(users["externe_uitvoerder"])
    url = reverse("vroegsignaalzaken:detail", kwargs={"uuid": zaak_a_ander_team.uuid})
    assert client.get(url).status_code == 404


def test_refused_case_view_writes_no_viewing_audit_row(client, login_as, users, zaak_a):
    login_as(users["vroegsignaleerder_b"])
    client.get(reverse("vroegsignaalzaken:detail", kwargs={"uuid": zaak_a.uuid}))
    assert not Auditregel.objects.filter(actie=Auditactie.BEKIJKEN).exists()


def test_viewing_a_case_is_audited(client, login_as, users, zaak_met_signaal):
    worker = users["vroegsignaleerder"]
    login_as(worker)
    response = client.get(
        reverse("vroegsignaalzaken:detail", kwargs={"uuid": zaak_met_signaal.uuid})
    )
    assert response.status_code == 200
    regel = Auditregel.objects.get(actie=Auditactie.BEKIJKEN)
    assert regel.gebruiker == worker
    assert regel.object_uuid == zaak_met_signaal.uuid
    assert regel.objecttype == "vroegsignaalzaken.Vroegsignaalzaak"
    assert regel.gemeente == zaak_met_signaal.gemeente
    assert regel.uitvoeringsorganisatie == zaak_met_signaal.gemeente.uitvoeringsorganisatie


def test_audit_row_of_case_view_holds_no_personal_data(client, login_as, users, zaak_met_signaal):
    login_as(users["vroegsignaleerder"])
    client.get(reverse("vroegsignaalzaken:detail", kwargs={"uuid": zaak_met_signaal.uuid}))
    regel = Auditregel.objects.get(actie=Auditactie.BEKIJKEN)
    tekst = f"{regel.omschrijving} {regel.objecttype}".lower()
    for persoonsgegeven in [
        "wilhelmina",
        "zwanenburg",
        "1971",
        "14-03",
        "111222333",
        "9876",
        "321",
        "0612345678",
        "example.nl",
    ]:
        assert persoonsgegeven not in tekst
