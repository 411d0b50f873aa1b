"""Shared pytest fixtures: users of every role in two separate tenants."""

import pytest

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.gemeenten.tests.factories import GemeenteFactory, TeamFactory
from signaalroute.signaalpartners.tests.factories import SignaalpartnerFactory


@pytest.fixture(autouse=True)
def brp_uit(settings):
    """The BRP is off unless a test points the adapter at the local BRP service on a live
    server (`contrib/brp/tests/conftest.py`, fixture `lokale_brp`): the checks after intake
    then skip the BRP step instead of calling a server that is not there."""
    settings.BRP_API_URL = ""


@pytest.fixture(autouse=True)
def sms_uit(settings):
    """SMS is off unless a test points the adapter at the local double (contrib/sms/tests)."""
    settings.SMS_GATEWAY_URL = ""


@pytest.fixture
def tenant_a(db):
    gemeente = GemeenteFactory(naam="Aadorp")
    return gemeente


@pytest.fixture
def tenant_b(db):
    return GemeenteFactory(naam="Beekstad")


@pytest.fixture
def users(tenant_a, tenant_b):
    """One user per role in tenant A, plus a case handler and a partner user elsewhere."""
    org_a = tenant_a.uitvoeringsorganisatie
    team_a = TeamFactory(uitvoeringsorganisatie=org_a, naam="Wijkteam Noord", extern=True)
    partner_a = SignaalpartnerFactory()
    partner_b = SignaalpartnerFactory()
    return {
        "platformbeheerder": UserFactory(
            rol=Rol.PLATFORMBEHEERDER, is_staff=True, is_superuser=True
        ),
        "functioneel_beheerder": UserFactory(
            rol=Rol.FUNCTIONEEL_BEHEERDER, uitvoeringsorganisatie=org_a
        ),
        "coordinator": UserFactory(rol=Rol.COORDINATOR, uitvoeringsorganisatie=org_a),
        "vroegsignaleerder": UserFactory(rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=org_a),
        "externe_uitvoerder": UserFactory(
            rol=Rol.EXTERNE_UITVOERDER, uitvoeringsorganisatie=org_a, team=team_a
        ),
        "partnergebruiker": UserFactory(rol=Rol.PARTNERGEBRUIKER, signaalpartner=partner_a),
        "auditor": UserFactory(rol=Rol.AUDITOR, uitvoeringsorganisatie=org_a),
        "vroegsignaleerder_b": UserFactory(
            rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=tenant_b.uitvoeringsorganisatie
        ),
        "partnergebruiker_b": UserFactory(rol=Rol.PARTNERGEBRUIKER, signaalpartner=partner_b),
    }


def verified_client(client, user):
    """A test client logged in with password and second factor done."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or (
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    )
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def login_as(client):
    def _login(user):
        return verified_client(client, user)

    return _login
