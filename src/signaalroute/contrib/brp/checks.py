"""Start-up checks of the BRP integration: off until BRP_API_URL is set, refused when
half-configured. Run with `manage.py check` (and migrate, runserver); `check --deploy` also
refuses the local service with fictitious persons."""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

HINT = "Zie docs/configuration.md, onderdeel BRP."
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
_HEADERNAAM = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")  # an HTTP token
# Settings that only mean something with a BRP_API_URL.
KOPPELINGSINSTELLINGEN = (
    "BRP_API_KEY",
    "BRP_CLIENT_CERT",
    "BRP_CLIENT_KEY",
    "BRP_CA_BUNDLE",
    "BRP_DOELBINDING",
    "BRP_VERWERKING",
    "BRP_OIN",
)


def _fout(nummer: int, tekst: str, hint: str = HINT) -> Error:
    return Error(tekst, hint=hint, id=f"signaalroute.brp.E{nummer:03d}")


def _is_lokaal(url: str) -> bool:
    return settings.BRP_LOKAAL and urlsplit(url).hostname in LOOPBACK


@register()
def brp_configuratie(app_configs, **kwargs):
    url = settings.BRP_API_URL
    if not url:
        return [
            _fout(1, f"{naam} is set but BRP_API_URL is empty: the BRP integration is off.")
            for naam in KOPPELINGSINSTELLINGEN
            if getattr(settings, naam, "")
        ]
    errors = []
    delen = urlsplit(url)
    if delen.scheme not in ("http", "https") or not delen.hostname:
        errors.append(_fout(2, "BRP_API_URL is not an http(s) URL."))
    elif delen.scheme == "http" and delen.hostname not in LOOPBACK:
        errors.append(
            _fout(3, "BRP_API_URL uses plain HTTP: personal data must travel over HTTPS.")
        )
    if bool(settings.BRP_CLIENT_CERT) != bool(settings.BRP_CLIENT_KEY):
        errors.append(
            _fout(4, "Set both BRP_CLIENT_CERT and BRP_CLIENT_KEY for mutual TLS, or neither.")
        )
    for naam in ("BRP_CLIENT_CERT", "BRP_CLIENT_KEY", "BRP_CA_BUNDLE"):
        pad = getattr(settings, naam)
        if pad and not os.access(pad, os.R_OK):
            errors.append(_fout(5, f"{naam} points to a file that cannot be read."))
    mtls = settings.BRP_CLIENT_CERT and settings.BRP_CLIENT_KEY
    if not settings.BRP_API_KEY and not mtls and not _is_lokaal(url):
        errors.append(
            _fout(6, "BRP_API_URL is set without BRP_API_KEY or a client certificate (mTLS).")
        )
    if settings.BRP_API_KEY and not settings.BRP_API_KEY_HEADER:
        errors.append(_fout(7, "BRP_API_KEY is set but BRP_API_KEY_HEADER is empty."))
    for naam in (
        "BRP_API_KEY_HEADER",
        "BRP_DOELBINDING_HEADER",
        "BRP_VERWERKING_HEADER",
        "BRP_OIN_HEADER",
        "BRP_GEBRUIKER_HEADER",
    ):
        waarde = getattr(settings, naam)
        if waarde and not _HEADERNAAM.match(waarde):
            errors.append(_fout(8, f"{naam} is not a valid HTTP header name."))
    if settings.BRP_OIN and not re.fullmatch(r"\d{20}", settings.BRP_OIN):
        errors.append(_fout(9, "BRP_OIN is not an OIN (20 digits)."))
    if settings.BRP_TIMEOUT_SECONDS <= 0 or settings.BRP_RETRIES < 0:
        errors.append(_fout(10, "BRP_TIMEOUT_SECONDS must be > 0 and BRP_RETRIES >= 0."))
    if settings.BRP_RETRY_BACKOFF_SECONDS < 0 or settings.BRP_CACHE_SECONDS < 0:
        errors.append(_fout(11, "BRP_RETRY_BACKOFF_SECONDS and BRP_CACHE_SECONDS must be >= 0."))
    return errors


@register(Tags.security, deploy=True)
def brp_lokaal_niet_in_productie(app_configs, **kwargs):
    if not settings.BRP_LOKAAL:
        return []
    return [
        _fout(
            20,
            "BRP_LOKAAL is on: a local BRP with fictitious persons is served without login.",
            "Zet BRP_LOKAAL uit in productie en stel BRP_API_URL in.",
        )
    ]
