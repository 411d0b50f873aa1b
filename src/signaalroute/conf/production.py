"""Production: refuses to start when a required setting is missing or unsafe.

All problems are reported at once. Half-configured integrations (OIDC, BRP, SMS) are refused by
the start-up checks (`core/checks.py`, `contrib/*/checks.py`; run `check --deploy`).
Behind a TLS-terminating reverse proxy: HTTPS redirect, HSTS, secure cookies, trust in
`X-Forwarded-Proto`. Logs are JSON lines without personal data (`core/logging.py`).
docs/deployment.md, docs/configuration.md
"""

import math
import os
from collections import Counter
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from signaalroute.core.logging import json_logging

# Request counters of the gunicorn processes (core/metrics.py); a variable set wins.
os.environ.setdefault("METRICS_DIR", str(Path(__file__).resolve().parents[3] / "var" / "metrics"))

from .base import *  # noqa: E402,F403
from .base import (  # noqa: E402
    ALLOWED_HOSTS,
    BRP_LOKAAL,
    CSRF_TRUSTED_ORIGINS,
    DATABASES,
    DEBUG,
    LOG_LEVEL,
    METRICS_TOKEN,
    SECRET_KEY,
    SECURE_COOKIES,
    SMS_LOKAAL,
    STORAGES,
    TASKS_BACKEND,
    WEBHOOK_API_URL,
    WEBHOOK_ONTVANGER_LOKAAL,
)

SLEUTEL_MIN_LENGTE = 50
SLEUTEL_MIN_BITS = 200  # a Django or `secrets.token_urlsafe(50)` key has 210-360
METRICS_TOKEN_MIN_LENGTE = 32
BEKENDE_SLEUTELS = ("insecure", "changeme", "secret-key", "dev-only", "ci-only")


def geschatte_bits(sleutel: str) -> float:
    """Entropy estimate of a key from its own character frequencies (bits)."""
    aantallen = Counter(sleutel)
    n = len(sleutel)
    return -sum(a / n * math.log2(a / n) for a in aantallen.values()) * n if n else 0.0


def problemen() -> list[str]:
    """What keeps this configuration from running in production, in plain words."""
    fouten = []
    if not SECRET_KEY:
        fouten.append("SECRET_KEY must be set in production.")
    elif (
        len(SECRET_KEY) < SLEUTEL_MIN_LENGTE
        or geschatte_bits(SECRET_KEY) < SLEUTEL_MIN_BITS
        or any(woord in SECRET_KEY.lower() for woord in BEKENDE_SLEUTELS)
    ):
        fouten.append(
            f"SECRET_KEY is too weak: at least {SLEUTEL_MIN_LENGTE} random characters, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    if DEBUG:
        fouten.append("DEBUG must be off in production.")
    if not os.environ.get("ALLOWED_HOSTS") or not ALLOWED_HOSTS:
        fouten.append("ALLOWED_HOSTS must be set in production (the public host names).")
    elif "*" in ALLOWED_HOSTS:
        fouten.append("ALLOWED_HOSTS must name the hosts; '*' is refused in production.")
    engine = DATABASES["default"]["ENGINE"]
    if not os.environ.get("DATABASE_URL") or engine != "django.db.backends.postgresql":
        fouten.append("DATABASE_URL must be set to a PostgreSQL database (postgres://...).")
    if not CSRF_TRUSTED_ORIGINS or any(
        not origin.startswith("https://") for origin in CSRF_TRUSTED_ORIGINS
    ):
        fouten.append(
            "CSRF_TRUSTED_ORIGINS must list the public origin(s) as https://host in production."
        )
    if not SECURE_COOKIES:
        fouten.append("SECURE_COOKIES must be on in production (cookies over HTTPS only).")
    for naam, aan in (
        ("BRP_LOKAAL", BRP_LOKAAL),
        ("SMS_LOKAAL", SMS_LOKAAL),
        ("WEBHOOK_ONTVANGER_LOKAAL", WEBHOOK_ONTVANGER_LOKAAL),
    ):
        if aan:
            fouten.append(f"{naam} is a local double for demo and tests: switch it off.")
    if TASKS_BACKEND not in ("database", "rq"):
        fouten.append(
            "TASKS_BACKEND must be 'database' or 'rq' in production ('immediate' runs tasks "
            "inside web requests)."
        )
    if METRICS_TOKEN and len(METRICS_TOKEN) < METRICS_TOKEN_MIN_LENGTE:
        fouten.append(
            f"METRICS_TOKEN must be at least {METRICS_TOKEN_MIN_LENGTE} characters (or empty: "
            "/metrics off)."
        )
    if not WEBHOOK_API_URL.startswith("https://"):
        fouten.append(
            "WEBHOOK_API_URL must be the public https:// URL of the API (partners follow it "
            "from every webhook event)."
        )
    return fouten


_fouten = problemen()
if _fouten:
    raise ImproperlyConfigured(
        "Production refuses to start:\n" + "\n".join(f"- {fout}" for fout in _fouten)
    )

# --- HTTPS behind a TLS-terminating reverse proxy ---------------------------------------------
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_SSL_REDIRECT = True
# Probes and the Prometheus scrape may reach gunicorn directly on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid", r"^metrics$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A connection that PostgreSQL closed (restart, fail-over) is replaced, not reused.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "signaalroute.core.staticfiles.StatischeBestandenOpslag"},
}

# --- JSON logs without personal data, with the request id --------------------------------------
LOGGING = json_logging(LOG_LEVEL)
