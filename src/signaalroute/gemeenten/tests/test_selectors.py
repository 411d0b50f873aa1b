"""`gemeenten_voor` is where tenancy starts; the settings selectors build on it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.gemeenten.selectors import (
    gemeenten_overzicht,
    gemeenten_voor,
    teams_voor,
    uitvoeringsorganisaties_voor,
)

from .factories import GemeenteFactory, TeamFactory

pytestmark = pytest.mark.django_db

ORGANISATIEROLLEN_A = [
    "functioneel_beheerder",
    "coordinator",
    "vroegsignaleerder",
    "externe_uitvoerder",
    "auditor",
]


@pytest.fixture
def tweede_gemeente_a(tenant_a):
    """Organisation A executes for two municipalities."""
    return GemeenteFactory(
        naam="Achterveld", uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie
    )


@pytest.mark.parametrize("rol", ORGANISATIEROLLEN_A)
def test_organisation_roles_see_municipalities_of_their_organisation(
    users, tenant_a, tenant_b, tweede_gemeente_a, rol
):
    assert set(gemeenten_voor(users[rol])) == {tenant_a, tweede_gemeente_a}


def test_worker_of_other_municipality_sees_only_own(users, tenant_b):
    assert list(gemeenten_voor(users["vroegsignaleerder_b"])) == [tenant_b]


@pytest.mark.parametrize("rol", ["functioneel_beheerder", "vroegsignaleerder", "auditor"])
def test_user_restricted_to_municipalities_sees_only_those(tenant_a, tweede_gemeente_a, rol):
    user = UserFactory(rol=rol, uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie)
    user.gemeenten.set([tweede_gemeente_a])
    assert list(gemeenten_voor(user)) == [tweede_gemeente_a]


def test_restriction_to_municipality_of_other_organisation_opens_nothing(tenant_a, tenant_b):
    user = UserFactory(rol=Rol.COORDINATOR, uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie)
    user.gemeenten.set([tenant_b])
    assert not gemeenten_voor(user).exists()


def test_platform_administrator_sees_every_municipality(users, tenant_a, tenant_b):
    assert set(gemeenten_voor(users["platformbeheerder"])) == {tenant_a, tenant_b}


@pytest.mark.parametrize("rol", ["partnergebruiker", "partnergebruiker_b"])
def test_partner_users_see_no_municipalities(users, rol):
    assert not gemeenten_voor(users[rol]).exists()


def test_anonymous_and_inactive_users_see_no_municipalities(users):
    assert not gemeenten_voor(AnonymousUser()).exists()
    user = users["coordinator"]
    user.is_active = False
    user.save()
    assert not gemeenten_voor(user).exists()


def test_user_without_role_sees_no_municipalities(tenant_a):
    user = UserFactory(rol="", uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie)
    assert not gemeenten_voor(user).exists()


# --- The settings page's selectors ------------------------------------------------------------


def test_functional_admin_sees_only_own_organisation(users, tenant_a, tenant_b):
    user = users["functioneel_beheerder"]
    assert list(uitvoeringsorganisaties_voor(user)) == [tenant_a.uitvoeringsorganisatie]
    assert list(gemeenten_overzicht(user)) == [tenant_a]


def test_functional_admin_sees_only_teams_of_own_organisation(users, tenant_b):
    TeamFactory(uitvoeringsorganisatie=tenant_b.uitvoeringsorganisatie, naam="Team Beekstad")
    assert [t.naam for t in teams_voor(users["functioneel_beheerder"])] == ["Wijkteam Noord"]


def test_platform_administrator_sees_every_organisation_and_team(users, tenant_a, tenant_b):
    TeamFactory(uitvoeringsorganisatie=tenant_b.uitvoeringsorganisatie, naam="Team Beekstad")
    user = users["platformbeheerder"]
    assert set(uitvoeringsorganisaties_voor(user)) == {
        tenant_a.uitvoeringsorganisatie,
        tenant_b.uitvoeringsorganisatie,
    }
    assert {t.naam for t in teams_voor(user)} == {"Wijkteam Noord", "Team Beekstad"}


@pytest.mark.parametrize("rol", ["partnergebruiker", "partnergebruiker_b"])
def test_partner_users_see_no_organisations_or_teams(users, rol):
    assert not uitvoeringsorganisaties_voor(users[rol]).exists()
    assert not teams_voor(users[rol]).exists()
