"""Tenant isolation of deliveries and signals: partners see their own, case handlers only the
signals of cases they may see, everybody else nothing."""

import pytest

from signaalroute.aanleveringen.selectors import (
    aanlevering_ophalen,
    aanlevering_overzicht,
    aanleveringen_voor,
    vroegsignalen_voor,
)
from signaalroute.core.exceptions import NietGevonden
from signaalroute.gemeenten.tests.factories import TeamFactory
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

from .factories import AanleveringFactory, VroegsignaalFactory

pytestmark = pytest.mark.django_db

NIET_PARTNERS = [
    "platformbeheerder",
    "functioneel_beheerder",
    "coordinator",
    "vroegsignaleerder",
    "externe_uitvoerder",
    "auditor",
    "vroegsignaleerder_b",
]


@pytest.fixture
def partner_a(users):
    return users["partnergebruiker"].signaalpartner


@pytest.fixture
def partner_b(users):
    return users["partnergebruiker_b"].signaalpartner


@pytest.fixture
def aanlevering_a(partner_a):
    return AanleveringFactory(signaalpartner=partner_a)


@pytest.fixture
def aanlevering_b(partner_b):
    return AanleveringFactory(signaalpartner=partner_b)


@pytest.fixture
def zaak_a(users, tenant_a):
    return VroegsignaalzaakFactory(gemeente=tenant_a, team=users["externe_uitvoerder"].team)


@pytest.fixture
def signaal_a(aanlevering_a, zaak_a):
    """Partner A's signal about a household in municipality A, with a case."""
    return VroegsignaalFactory(
        aanlevering=aanlevering_a, gemeente=zaak_a.gemeente, vroegsignaalzaak=zaak_a
    )


@pytest.fixture
def signaal_b(aanlevering_b, tenant_b):
    """Partner B's signal about a household in municipality B, with a case."""
    zaak = VroegsignaalzaakFactory(gemeente=tenant_b)
    return VroegsignaalFactory(aanlevering=aanlevering_b, gemeente=tenant_b, vroegsignaalzaak=zaak)


# --- Deliveries -------------------------------------------------------------------------------


def test_partner_sees_own_deliveries(users, aanlevering_a, aanlevering_b):
    assert list(aanleveringen_voor(users["partnergebruiker"])) == [aanlevering_a]
    assert list(aanlevering_overzicht(users["partnergebruiker"])) == [aanlevering_a]


def test_partner_does_not_see_deliveries_of_other_partner(users, aanlevering_a, aanlevering_b):
    assert list(aanleveringen_voor(users["partnergebruiker_b"])) == [aanlevering_b]


def test_partner_sees_own_deliveries_whatever_municipality(users, partner_a, tenant_a, tenant_b):
    aanlevering = AanleveringFactory(signaalpartner=partner_a)
    VroegsignaalFactory(aanlevering=aanlevering, gemeente=tenant_a)
    VroegsignaalFactory(aanlevering=aanlevering, gemeente=tenant_b)
    assert list(aanleveringen_voor(users["partnergebruiker"])) == [aanlevering]


def test_partner_fetches_own_delivery(users, aanlevering_a):
    assert aanlevering_ophalen(user=users["partnergebruiker"], uuid=aanlevering_a.uuid) == (
        aanlevering_a
    )


@pytest.mark.parametrize("rol", ["partnergebruiker_b", *NIET_PARTNERS])
def test_delivery_of_partner_a_is_not_found_for_anyone_else(users, aanlevering_a, rol):
    with pytest.raises(NietGevonden):
        aanlevering_ophalen(user=users[rol], uuid=aanlevering_a.uuid)


@pytest.mark.parametrize("rol", NIET_PARTNERS)
def test_staff_roles_see_no_deliveries(users, aanlevering_a, aanlevering_b, rol):
    assert not aanleveringen_voor(users[rol]).exists()


def test_inactive_partner_user_sees_nothing(users, aanlevering_a):
    user = users["partnergebruiker"]
    user.is_active = False
    user.save()
    assert not aanleveringen_voor(user).exists()
    assert not vroegsignalen_voor(user).exists()


# --- Signals ----------------------------------------------------------------------------------


def test_partner_sees_only_own_signals(users, signaal_a, signaal_b):
    assert list(vroegsignalen_voor(users["partnergebruiker"])) == [signaal_a]
    assert list(vroegsignalen_voor(users["partnergebruiker_b"])) == [signaal_b]


@pytest.mark.parametrize("rol", ["coordinator", "vroegsignaleerder", "externe_uitvoerder"])
def test_case_handler_sees_signals_of_visible_cases(users, signaal_a, signaal_b, rol):
    assert list(vroegsignalen_voor(users[rol])) == [signaal_a]


def test_worker_of_other_municipality_does_not_see_signals(users, signaal_a, signaal_b):
    assert list(vroegsignalen_voor(users["vroegsignaleerder_b"])) == [signaal_b]


def test_case_handler_does_not_see_signals_without_case(users, aanlevering_a, tenant_a):
    VroegsignaalFactory(aanlevering=aanlevering_a, gemeente=tenant_a, vroegsignaalzaak=None)
    assert not vroegsignalen_voor(users["coordinator"]).exists()


def test_external_executor_does_not_see_signals_of_other_team(users, aanlevering_a, tenant_a):
    team = TeamFactory(uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie)
    zaak = VroegsignaalzaakFactory(gemeente=tenant_a, team=team)
    VroegsignaalFactory(aanlevering=aanlevering_a, gemeente=tenant_a, vroegsignaalzaak=zaak)
    assert not vroegsignalen_voor(users["externe_uitvoerder"]).exists()


@pytest.mark.parametrize("rol", ["platformbeheerder", "functioneel_beheerder", "auditor"])
def test_administrators_and_auditors_see_no_signals(users, signaal_a, signaal_b, rol):
    assert not vroegsignalen_voor(users[rol]).exists()
