"""The HTTP side of webhooks: the validation handshake and one delivery request.

Requests go only to public addresses (checked after DNS resolution, so a subscription cannot
make the server call into its own network), never follow redirects, and have a timeout. Logs
carry the event id, the subscription's UUID, the host, status, duration and attempt; never
the body, the secret, the token or the full URL (which may hold a key in its query)."""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from . import rules
from .constants import (
    CLOUDEVENTS_JSON,
    HEADER_ALLOWED_ORIGIN,
    HEADER_ID,
    HEADER_REQUEST_ORIGIN,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
)
from .instellingen import Instellingen

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Antwoord:
    """The outcome of one request: the receiver's status, or none and the kind of failure."""

    http_status: int | None
    fout: str = ""
    retry_after: str | None = None
    duur_ms: float = 0.0


class AdresGeweigerd(Exception):
    pass


def _adres_controleren(url: str, instellingen: Instellingen) -> None:
    """Refuse hosts that resolve to a private, loopback (unless local delivery is on) or
    other special address."""
    host = urlsplit(url).hostname or ""
    if rules.is_lokaal(host) and instellingen.lokaal:
        return
    try:
        adressen = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError) as exc:
        raise AdresGeweigerd("naam onbekend") from exc
    for adres in adressen:
        ip = ipaddress.ip_address(adres.split("%")[0])
        if not rules.adres_toegestaan(ip, lokaal_toegestaan=instellingen.lokaal):
            raise AdresGeweigerd("intern adres")


def _host(url: str) -> str:
    return urlsplit(url).hostname or "-"


def afleveren(
    sessie: requests.Session,
    *,
    url: str,
    inhoud: bytes,
    bericht_id: str,
    geheim: str,
    bearer_token: str,
    instellingen: Instellingen,
    abonnement: str,
    poging: int,
) -> Antwoord:
    """POST one event in structured mode, signed now (a fresh timestamp on every attempt)."""
    tijdstempel = int(time.time())
    headers = {
        "Content-Type": CLOUDEVENTS_JSON,
        "User-Agent": "Signaalroute-webhooks/1",
        HEADER_ID: bericht_id,
        HEADER_TIMESTAMP: str(tijdstempel),
        HEADER_SIGNATURE: rules.ondertekenen(
            geheim=geheim, bericht_id=bericht_id, tijdstempel=tijdstempel, inhoud=inhoud
        ),
        HEADER_REQUEST_ORIGIN: instellingen.origin,
    }
    if bearer_token:
        headers["Authorization"] = f"Bearer {bearer_token}"
    begin = time.monotonic()
    try:
        _adres_controleren(url, instellingen)
        response = sessie.post(
            url,
            data=inhoud,
            headers=headers,
            timeout=instellingen.timeout,
            allow_redirects=False,
        )
    except AdresGeweigerd as exc:
        antwoord = Antwoord(None, fout=f"Adres geweigerd: {exc}")
    except requests.Timeout:
        antwoord = Antwoord(None, fout="Geen antwoord binnen de tijdslimiet")
    except requests.exceptions.SSLError:
        antwoord = Antwoord(None, fout="TLS-fout")
    except requests.ConnectionError:
        antwoord = Antwoord(None, fout="Geen verbinding")
    except requests.RequestException as exc:
        antwoord = Antwoord(None, fout=f"Verzoek niet mogelijk ({type(exc).__name__})")
    else:
        antwoord = Antwoord(
            response.status_code,
            fout="" if 200 <= response.status_code < 300 else f"HTTP {response.status_code}",
            retry_after=response.headers.get("Retry-After"),
        )
        response.close()
    duur = (time.monotonic() - begin) * 1000
    logger.info(
        "webhook %s naar abonnement %s (%s): %s in %.0f ms, poging %d",
        bericht_id,
        abonnement,
        _host(url),
        antwoord.http_status or antwoord.fout,
        duur,
        poging,
    )
    return Antwoord(antwoord.http_status, antwoord.fout, antwoord.retry_after, duur)


def handdruk(url: str, instellingen: Instellingen) -> str:
    """The abuse-protection handshake of the CloudEvents webhook spec: `OPTIONS` with
    `WebHook-Request-Origin`; the endpoint agrees by answering 2xx with
    `WebHook-Allowed-Origin` set to our origin or `*`. Returns why it failed ("" = agreed)."""
    try:
        _adres_controleren(url, instellingen)
        response = requests.options(
            url,
            headers={HEADER_REQUEST_ORIGIN: instellingen.origin, "Connection": "close"},
            timeout=instellingen.timeout,
            allow_redirects=False,
        )
    except AdresGeweigerd:
        return "Dit adres is niet bereikbaar vanaf Signaalroute of hoort bij een intern netwerk."
    except requests.RequestException as exc:
        logger.info("webhook-handdruk met %s mislukt: %s", _host(url), type(exc).__name__)
        return "Uw ontvanger gaf geen antwoord op het OPTIONS-verzoek."
    toegestaan = response.headers.get(HEADER_ALLOWED_ORIGIN, "").strip()
    response.close()
    logger.info("webhook-handdruk met %s: HTTP %s", _host(url), response.status_code)
    if not 200 <= response.status_code < 300:
        return f"Uw ontvanger antwoordde HTTP {response.status_code} op het OPTIONS-verzoek."
    if toegestaan not in ("*", instellingen.origin):
        return (
            f"Uw ontvanger gaf in het antwoord op OPTIONS geen {HEADER_ALLOWED_ORIGIN}: "
            f"{instellingen.origin} (of *)."
        )
    return ""
