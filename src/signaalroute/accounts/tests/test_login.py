"""The login flow: password, then a mandatory TOTP code; lockout after repeated failures."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from signaalroute.accounts.constants import Rol
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.models import Auditregel

from .factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def worker(tenant_a):
    user = UserFactory(
        rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie
    )
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("vroegsignaalzaken:werkvoorraad"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_password_alone_does_not_open_the_application(client, worker):
    response = client.post(
        reverse("accounts:login"), {"username": worker.username, "password": TEST_PASSWORD}
    )
    assert response.url == reverse("accounts:verificatie")
    response = client.get(reverse("vroegsignaalzaken:werkvoorraad"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:verificatie")


def test_password_and_totp_code_lead_to_the_role_start_page(client, worker):
    client.post(reverse("accounts:login"), {"username": worker.username, "password": TEST_PASSWORD})
    device = TOTPDevice.objects.get(user=worker)
    response = client.post(reverse("accounts:verificatie"), {"token": current_code(device)})
    assert response.url == reverse("core:start")
    response = client.get(reverse("core:start"))
    assert response.url == reverse("vroegsignaalzaken:werkvoorraad")
    assert client.get(response.url).status_code == 200
    assert Auditregel.objects.filter(gebruiker=worker, actie=Auditactie.INLOGGEN).exists()


def test_wrong_totp_code_is_refused_in_dutch(client, worker):
    client.post(reverse("accounts:login"), {"username": worker.username, "password": TEST_PASSWORD})
    response = client.post(reverse("accounts:verificatie"), {"token": "000000"})
    assert response.status_code == 200
    assert "onjuist of verlopen" in response.content.decode()
    assert client.get(reverse("core:start")).status_code == 302


def test_wrong_password_shows_a_dutch_error_and_is_audited(client, worker):
    response = client.post(
        reverse("accounts:login"), {"username": worker.username, "password": "fout"}
    )
    assert "Gebruikersnaam of wachtwoord is onjuist" in response.content.decode()
    regel = Auditregel.objects.get(actie=Auditactie.INLOGGEN_MISLUKT)
    assert regel.gebruikersnaam == worker.username


def test_account_is_locked_after_repeated_failures(client, worker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": worker.username, "password": "fout"})
    response = client.post(
        reverse("accounts:login"), {"username": worker.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()


def test_first_login_without_device_sets_up_totp(client, tenant_a):
    user = UserFactory(rol=Rol.COORDINATOR, uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie)
    client.post(reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD})
    response = client.get(reverse("accounts:verificatie"))
    assert response.url == reverse("accounts:tweede_factor_instellen")
    page = client.get(response.url)
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(
        reverse("accounts:tweede_factor_instellen"), {"token": current_code(device)}
    )
    assert response.url == reverse("core:start")
    device.refresh_from_db()
    assert device.confirmed


def test_logout_ends_the_session(client, worker, login_as):
    login_as(worker)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:start")).status_code == 302


def test_open_redirect_after_login_is_refused(client, worker):
    client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"username": worker.username, "password": TEST_PASSWORD},
    )
    device = TOTPDevice.objects.get(user=worker)
    response = client.post(reverse("accounts:verificatie"), {"token": current_code(device)})
    assert response.url == reverse("core:start")
