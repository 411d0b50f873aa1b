"""The SMS gateway adapter: `POST {SMS_GATEWAY_URL}/berichten` of the generic API
(docs/sms-gateway.md).

    from signaalroute.contrib.sms.client import SmsFout, sms_gateway

    gateway = sms_gateway()  # from the SMS_* settings; None when SMS is off
    try:
        verzonden = gateway.versturen(
            naar="+31612345678", afzender="Gemeente", tekst="...",
            referentie=str(contactpoging.uuid), status_url=settings.SMS_STATUS_URL,
        )
    except SmsFout as fout:
        ...  # fout.tijdelijk: try again later with the same referentie

Sending is idempotent: the gateway answers a repeated `referentie` with the message it already
has, so every retry (here, after a timeout, a connection error, 429 or 5xx; or later by the
caller) is safe. Logs carry the referentie, the gateway's id, HTTP status, duration and attempt;
never the number or the text.
"""

from __future__ import annotations

import datetime
import email.utils
import functools
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import requests
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from signaalroute.core.exceptions import SignaalrouteError

from .constants import BERICHTEN_PAD, MAX_RETRY_AFTER_SECONDEN
from .rules import bericht_controleren

logger = logging.getLogger(__name__)


class SmsFout(SignaalrouteError):
    """Sending failed. `tijdelijk`: worth trying again later with the same `referentie`
    (timeouts, connection errors, 429, 5xx); otherwise the request or the configuration must
    change (400, 401, our own check). The message never holds the number or the text."""

    status = 502
    code = "sms_fout"
    default_message = _("De sms kon niet worden verstuurd.")

    def __init__(
        self,
        message=None,
        *,
        tijdelijk: bool,
        invalid_params: list[dict] | None = None,
        http_status: int | None = None,
        oorzaak: str = "",
        retry_na: float | None = None,
    ):
        super().__init__(message, invalid_params=invalid_params)
        self.tijdelijk = tijdelijk
        self.http_status = http_status  # the gateway's HTTP status, if it answered
        self.oorzaak = oorzaak  # "tijdslimiet", "verbinding", "tls", "status", "antwoord", ...
        self.retry_na = retry_na  # seconds the gateway asked to wait (Retry-After), if any


@dataclass(frozen=True)
class SmsVerzonden:
    """The gateway accepted the message (or already had it): its id and current status."""

    id: str
    status: str


@dataclass(frozen=True)
class SmsInstellingen:
    """Everything the client needs; `uit_settings()` reads the SMS_* settings."""

    url: str
    token: str = field(default="", repr=False)
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5

    @classmethod
    def uit_settings(cls) -> SmsInstellingen:
        return cls(
            url=settings.SMS_GATEWAY_URL,
            token=settings.SMS_GATEWAY_TOKEN,
            timeout=float(settings.SMS_TIMEOUT_SECONDS),
            retries=int(settings.SMS_RETRIES),
            backoff=float(settings.SMS_RETRY_BACKOFF_SECONDS),
        )


class SmsGateway:
    def __init__(self, instellingen: SmsInstellingen):
        self.instellingen = instellingen
        self.url = instellingen.url.rstrip("/") + BERICHTEN_PAD
        self.session = requests.Session()
        self.session.headers.update(
            {
                "Accept": "application/json",
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {instellingen.token}",
            }
        )

    def versturen(
        self, *, naar: str, afzender: str, tekst: str, referentie: str, status_url: str = ""
    ) -> SmsVerzonden:
        """Hand one message to the gateway; the same `referentie` never sends it twice."""
        fouten = bericht_controleren(
            naar=naar, afzender=afzender, tekst=tekst, referentie=referentie, status_url=status_url
        )
        if fouten:
            namen = [p["name"] for p in fouten]
            logger.warning(
                "SMS %s niet verstuurd: eigen controle (%s)",
                "-" if "referentie" in namen else referentie,  # an invalid one could be anything
                ", ".join(namen),
            )
            raise SmsFout(tijdelijk=False, invalid_params=fouten, oorzaak="eigen controle")
        verzoek: dict[str, Any] = {
            "naar": naar,
            "afzender": afzender,
            "tekst": tekst,
            "referentie": referentie,
        }
        if status_url:
            verzoek["statusUrl"] = status_url
        body = json.dumps(verzoek).encode()
        pogingen = max(1, self.instellingen.retries + 1)
        for poging in range(1, pogingen + 1):
            try:
                return self._post(body, referentie=referentie, poging=poging)
            except SmsFout as fout:
                laatste = poging == pogingen
                if not fout.tijdelijk or laatste or fout.oorzaak == "antwoord":
                    raise
                if fout.retry_na is not None and fout.retry_na > MAX_RETRY_AFTER_SECONDEN:
                    raise  # the caller schedules it; this worker does not wait that long
                time.sleep(self._wachttijd(poging, fout))
        raise AssertionError("unreachable")  # pragma: no cover

    def _wachttijd(self, poging: int, fout: SmsFout) -> float:
        if fout.retry_na is not None:
            return fout.retry_na
        return self.instellingen.backoff * (2 ** (poging - 1))

    def _post(self, body: bytes, *, referentie: str, poging: int) -> SmsVerzonden:
        begin = time.monotonic()
        try:
            response = self.session.post(
                self.url, data=body, timeout=self.instellingen.timeout, allow_redirects=False
            )
        except (requests.ConnectionError, requests.Timeout) as exc:
            oorzaak = _oorzaak(exc)
            logger.warning(
                "SMS %s: gateway niet bereikbaar (%s) na %.0f ms, poging %d",
                referentie,
                oorzaak,
                (time.monotonic() - begin) * 1000,
                poging,
            )
            raise SmsFout(tijdelijk=True, oorzaak=oorzaak) from exc
        except requests.RequestException as exc:  # an unusable URL: configuration
            logger.error("SMS %s: verzoek niet mogelijk (%s)", referentie, type(exc).__name__)
            raise SmsFout(tijdelijk=False, oorzaak="configuratie") from exc
        duur = (time.monotonic() - begin) * 1000
        if response.status_code in (200, 201):
            verzonden = _verzonden(response)
            logger.info(
                "SMS %s: HTTP %s in %.0f ms, poging %d, gateway-id %s, status %s",
                referentie,
                response.status_code,
                duur,
                poging,
                verzonden.id if verzonden else "-",
                verzonden.status if verzonden else "-",
            )
            if verzonden is None:
                raise SmsFout(tijdelijk=True, http_status=response.status_code, oorzaak="antwoord")
            return verzonden
        fout = _fout(response)
        logger.warning(
            "SMS %s: fout HTTP %s in %.0f ms, poging %d%s",
            referentie,
            response.status_code,
            duur,
            poging,
            f", Retry-After {fout.retry_na:.0f} s" if fout.retry_na is not None else "",
        )
        raise fout


def _oorzaak(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.exceptions.SSLError):
        return "tls"
    if isinstance(exc, requests.Timeout):
        return "tijdslimiet"
    return "verbinding"


def _verzonden(response: requests.Response) -> SmsVerzonden | None:
    """The gateway's `{"id", "status"}`, or None when the answer does not have that form."""
    try:
        body = response.json()
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    ident, status = body.get("id"), body.get("status")
    if not isinstance(ident, str) or not ident or not isinstance(status, str) or not status:
        return None
    return SmsVerzonden(id=ident[:100], status=status[:50])


def _retry_after(waarde: str | None) -> float | None:
    """`Retry-After` in seconds (delta-seconds or an HTTP date), or None."""
    if not waarde:
        return None
    waarde = waarde.strip()
    if waarde.isdigit():
        return float(waarde)
    try:
        moment = email.utils.parsedate_to_datetime(waarde)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return max(0.0, (moment - datetime.datetime.now(datetime.UTC)).total_seconds())


def _invalid_params(response: requests.Response) -> list[dict]:
    """The gateway's `invalidParams`, reduced to name, code and reason (strings, bounded)."""
    try:
        probleem = response.json()
    except ValueError:
        return []
    params = probleem.get("invalidParams") if isinstance(probleem, dict) else None
    if not isinstance(params, list):
        return []
    return [
        {key: str(param.get(key, ""))[:200] for key in ("name", "code", "reason")}
        for param in params
        if isinstance(param, dict)
    ]


def _fout(response: requests.Response) -> SmsFout:
    status = response.status_code
    tijdelijk = status in (408, 429) or status >= 500
    return SmsFout(
        tijdelijk=tijdelijk,
        http_status=status,
        oorzaak="status",
        invalid_params=_invalid_params(response) if status == 400 else None,
        retry_na=_retry_after(response.headers.get("Retry-After")) if tijdelijk else None,
    )


# --- Delivery reports: signature --------------------------------------------------------------

HANDTEKENING_SCHEMA = "sha256"


def rapport_ondertekenen(body: bytes, secret: str) -> str:
    """The `X-Signature` header of a delivery report: `sha256=<hex HMAC-SHA256 of the body>`."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"{HANDTEKENING_SCHEMA}={digest}"


def rapport_controleren(body: bytes, header: str | None, secret: str) -> bool:
    """Whether `header` is the signature of exactly this raw body, compared in constant time.
    False without a secret: an unconfigured receiver accepts nothing."""
    if not secret or not header:
        return False
    schema, _, digest = header.strip().partition("=")
    if schema.lower() != HANDTEKENING_SCHEMA:
        return False
    verwacht = rapport_ondertekenen(body, secret).partition("=")[2]
    return hmac.compare_digest(digest.lower().encode(), verwacht.encode())


# --- Entry point ------------------------------------------------------------------------------


def sms_gateway() -> SmsGateway | None:
    """The gateway for the current settings (one session per configuration); None when
    SMS_GATEWAY_URL is empty (SMS off)."""
    instellingen = SmsInstellingen.uit_settings()
    if not instellingen.url:
        return None
    return _gateway_voor(instellingen)


@functools.lru_cache(maxsize=8)
def _gateway_voor(instellingen: SmsInstellingen) -> SmsGateway:
    return SmsGateway(instellingen)
