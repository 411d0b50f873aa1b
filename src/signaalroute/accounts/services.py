"""Login with a mandatory second factor (TOTP)."""

from django.contrib.auth import authenticate, login, logout
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen

from .models import User


def gebruiker_inloggen(*, request: HttpRequest, username: str, password: str) -> User | None:
    """Check the password (django-axes counts failures and locks) and start a session that
    still needs its second factor."""
    user = authenticate(request, username=username, password=password)
    if user is None:
        auditregel_vastleggen(
            actie=Auditactie.INLOGGEN_MISLUKT,
            gebruiker=None,
            gebruikersnaam=username,
            omschrijving="Onjuist wachtwoord of onbekende gebruiker",
        )
        return None
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return user


def totp_apparaat(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def tweede_factor_controleren(*, request: HttpRequest, token: str) -> bool:
    user = request.user
    device = totp_apparaat(user=user)
    if device is None:
        return False
    allowed, _ = device.verify_is_allowed()
    if allowed and device.verify_token(token):
        otp_login(request, device)
        auditregel_vastleggen(actie=Auditactie.INLOGGEN, gebruiker=user, omschrijving="TOTP")
        return True
    auditregel_vastleggen(
        actie=Auditactie.INLOGGEN_MISLUKT, gebruiker=user, omschrijving="Onjuiste verificatiecode"
    )
    return False


def tweede_factor_voorbereiden(*, user: User) -> TOTPDevice:
    """An unconfirmed TOTP device for first-time set-up (re-used until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)


@transaction.atomic
def tweede_factor_bevestigen(*, request: HttpRequest, token: str) -> bool:
    user = request.user
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    auditregel_vastleggen(actie=Auditactie.TWEEDE_FACTOR_INGESTELD, gebruiker=user)
    auditregel_vastleggen(actie=Auditactie.INLOGGEN, gebruiker=user, omschrijving="TOTP")
    return True


def gebruiker_uitloggen(*, request: HttpRequest) -> None:
    if request.user.is_authenticated:
        auditregel_vastleggen(actie=Auditactie.UITLOGGEN, gebruiker=request.user)
    logout(request)
