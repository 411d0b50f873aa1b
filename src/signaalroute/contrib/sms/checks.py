"""Start-up checks of the SMS gateway: off until SMS_GATEWAY_URL is set, refused when
half-configured. Run with `manage.py check` (and migrate, runserver); `check --deploy` also
refuses the local double."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

HINT = "Zie docs/configuration.md, onderdeel SMS-gateway."
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
# Settings that only mean something with an SMS_GATEWAY_URL.
KOPPELINGSINSTELLINGEN = ("SMS_GATEWAY_TOKEN", "SMS_GATEWAY_WEBHOOK_SECRET", "SMS_STATUS_URL")


def _fout(nummer: int, tekst: str, hint: str = HINT) -> Error:
    return Error(tekst, hint=hint, id=f"signaalroute.sms.E{nummer:03d}")


def _url_fouten(naam: str, url: str, nummer: int) -> list[Error]:
    delen = urlsplit(url)
    if delen.scheme not in ("http", "https") or not delen.hostname:
        return [_fout(nummer, f"{naam} is not an http(s) URL.")]
    if delen.scheme == "http" and delen.hostname not in LOOPBACK:
        return [_fout(nummer + 1, f"{naam} uses plain HTTP: phone numbers must travel over HTTPS.")]
    return []


@register()
def sms_configuratie(app_configs, **kwargs):
    url = settings.SMS_GATEWAY_URL
    if not url:
        return [
            _fout(1, f"{naam} is set but SMS_GATEWAY_URL is empty: the SMS gateway is off.")
            for naam in KOPPELINGSINSTELLINGEN
            if getattr(settings, naam, "")
        ]
    errors = _url_fouten("SMS_GATEWAY_URL", url, 2)
    if not settings.SMS_GATEWAY_TOKEN:
        errors.append(_fout(4, "SMS_GATEWAY_URL is set without SMS_GATEWAY_TOKEN."))
    if not settings.SMS_GATEWAY_WEBHOOK_SECRET:
        errors.append(
            _fout(
                5,
                "SMS_GATEWAY_URL is set without SMS_GATEWAY_WEBHOOK_SECRET: delivery reports "
                "could not be verified.",
            )
        )
    lokale_waarden = {settings.SMS_LOKAAL_TOKEN, settings.SMS_LOKAAL_WEBHOOK_SECRET}
    gebruikt = {settings.SMS_GATEWAY_TOKEN, settings.SMS_GATEWAY_WEBHOOK_SECRET}
    if urlsplit(url).hostname not in LOOPBACK and lokale_waarden & gebruikt:
        errors.append(_fout(6, "The SMS gateway uses the local double's public token or secret."))
    if settings.SMS_STATUS_URL:
        errors += _url_fouten("SMS_STATUS_URL", settings.SMS_STATUS_URL, 7)
    else:
        errors.append(
            Warning(
                "SMS_STATUS_URL is empty: the gateway is not asked for delivery reports.",
                hint=HINT,
                id="signaalroute.sms.W001",
            )
        )
    if settings.SMS_TIMEOUT_SECONDS <= 0 or settings.SMS_RETRIES < 0:
        errors.append(_fout(10, "SMS_TIMEOUT_SECONDS must be > 0 and SMS_RETRIES >= 0."))
    if settings.SMS_RETRY_BACKOFF_SECONDS < 0:
        errors.append(_fout(11, "SMS_RETRY_BACKOFF_SECONDS must be >= 0."))
    return errors


@register(Tags.security, deploy=True)
def sms_lokaal_niet_in_productie(app_configs, **kwargs):
    if not settings.SMS_LOKAAL:
        return []
    return [
        _fout(
            20,
            "SMS_LOKAAL is on: a local SMS gateway double is served that accepts messages "
            "with a publicly known token.",
            "Zet SMS_LOKAAL uit in productie en stel SMS_GATEWAY_URL in.",
        )
    ]
