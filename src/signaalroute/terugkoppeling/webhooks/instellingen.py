"""The WEBHOOK_* settings, read in one place with their defaults (docs/configuration.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from . import rules
from .constants import (
    STANDAARD_BATCH,
    STANDAARD_MAX_POGINGEN,
    STANDAARD_MAX_RETRY_AFTER,
    STANDAARD_TIMEOUT_SECONDEN,
)

STANDAARD_API_URL = "http://127.0.0.1:8000/api/v1"


@dataclass(frozen=True)
class Instellingen:
    source: str
    api_url: str
    origin: str
    max_pogingen: int
    timeout: float
    max_retry_after: dt.timedelta
    batch: int
    lokaal: bool  # plain HTTP to this machine allowed (development, tests, the demo)

    @classmethod
    def uit_settings(cls) -> Instellingen:
        api_url = getattr(settings, "WEBHOOK_API_URL", "") or STANDAARD_API_URL
        return cls(
            source=rules.bron(
                source=getattr(settings, "WEBHOOK_SOURCE", ""),
                oin=getattr(settings, "WEBHOOK_OIN", ""),
            ),
            api_url=api_url,
            origin=getattr(settings, "WEBHOOK_ORIGIN", "") or urlsplit(api_url).hostname or "",
            max_pogingen=int(getattr(settings, "WEBHOOK_MAX_POGINGEN", STANDAARD_MAX_POGINGEN)),
            timeout=float(
                getattr(settings, "WEBHOOK_TIMEOUT_SECONDEN", STANDAARD_TIMEOUT_SECONDEN)
            ),
            max_retry_after=dt.timedelta(
                seconds=int(
                    getattr(
                        settings,
                        "WEBHOOK_MAX_RETRY_AFTER_SECONDEN",
                        STANDAARD_MAX_RETRY_AFTER.total_seconds(),
                    )
                )
            ),
            batch=int(getattr(settings, "WEBHOOK_BATCH", STANDAARD_BATCH)),
            lokaal=lokaal_toegestaan(),
        )


def lokaal_toegestaan() -> bool:
    """Plain HTTP to this machine and the local receiver: only in development (DEBUG) or when
    WEBHOOK_ONTVANGER_LOKAAL is on (tests, the demo). Never in production."""
    return bool(settings.DEBUG or getattr(settings, "WEBHOOK_ONTVANGER_LOKAAL", False))
