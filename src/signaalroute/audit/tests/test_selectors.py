"""Who reads which audit rows: auditors their own organisation's, platform administrators all,
everybody else nothing."""

import pytest

from signaalroute.audit.constants import Auditactie
from signaalroute.audit.selectors import auditregels_voor
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def regel_a(users, tenant_a):
    """A's worker viewed a case in municipality A."""
    zaak = VroegsignaalzaakFactory(gemeente=tenant_a)
    return auditregel_vastleggen(
        actie=Auditactie.BEKIJKEN,
        gebruiker=users["vroegsignaleerder"],
        object=zaak,
        gemeente=tenant_a,
    )


@pytest.fixture
def regel_b(users, tenant_b):
    """B's worker viewed a case in municipality B."""
    zaak = VroegsignaalzaakFactory(gemeente=tenant_b)
    return auditregel_vastleggen(
        actie=Auditactie.BEKIJKEN,
        gebruiker=users["vroegsignaleerder_b"],
        object=zaak,
        gemeente=tenant_b,
    )


@pytest.fixture
def mislukte_inlog():
    """A failed login for an unknown user name: belongs to no organisation."""
    return auditregel_vastleggen(
        actie=Auditactie.INLOGGEN_MISLUKT, gebruiker=None, gebruikersnaam="onbekend"
    )


def test_auditor_sees_audit_rows_of_own_organisation(users, regel_a, regel_b):
    assert list(auditregels_voor(users["auditor"])) == [regel_a]


def test_auditor_does_not_see_audit_rows_of_other_organisation(users, regel_b):
    assert not auditregels_voor(users["auditor"]).exists()


def test_auditor_sees_logins_of_own_colleagues(users):
    regel = auditregel_vastleggen(actie=Auditactie.INLOGGEN, gebruiker=users["coordinator"])
    assert list(auditregels_voor(users["auditor"])) == [regel]


def test_auditor_does_not_see_failed_logins_of_unknown_users(users, mislukte_inlog):
    assert not auditregels_voor(users["auditor"]).exists()


def test_platform_administrator_sees_every_audit_row(users, regel_a, regel_b, mislukte_inlog):
    assert set(auditregels_voor(users["platformbeheerder"])) == {regel_a, regel_b, mislukte_inlog}


@pytest.mark.parametrize(
    "rol",
    [
        "functioneel_beheerder",
        "coordinator",
        "vroegsignaleerder",
        "externe_uitvoerder",
        "partnergebruiker",
        "vroegsignaleerder_b",
        "partnergebruiker_b",
    ],
)
def test_other_roles_see_no_audit_rows(users, regel_a, regel_b, mislukte_inlog, rol):
    assert not auditregels_voor(users[rol]).exists()


def test_inactive_auditor_sees_nothing(users, regel_a):
    auditor = users["auditor"]
    auditor.is_active = False
    auditor.save()
    assert not auditregels_voor(auditor).exists()


def test_auditor_sees_rows_about_own_municipality_by_users_without_organisation(users, tenant_a):
    """A partner user (or the platform administrator) acting on municipality A's data belongs to
    no executing organisation; the row is about A, so A's auditor must be able to read it."""
    regel = auditregel_vastleggen(
        actie=Auditactie.AANLEVEREN, gebruiker=users["partnergebruiker"], gemeente=tenant_a
    )
    assert list(auditregels_voor(users["auditor"])) == [regel]
