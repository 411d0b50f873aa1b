"""Pure rules of the webhook delivery: the CloudEvent, the signature, what an answer means,
when to try again, which endpoints are allowed. No ORM, no network."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import email.utils
import hashlib
import hmac
import ipaddress
import json
import secrets
from urllib.parse import urlsplit

from .constants import (
    DATACONTENTTYPE,
    EVENTTYPE,
    GEHEIM_BYTES,
    GEHEIM_VOORVOEGSEL,
    HANDTEKENING_VERSIE,
    JITTER,
    MAX_URL,
    SPECVERSION,
    TERUGKOPPELING_PAD,
    WACHTTIJDEN,
    Uitkomst,
)

LOKALE_NAMEN = frozenset({"localhost", "127.0.0.1", "::1"})


# --- The event ----------------------------------------------------------------------------


def bron(*, source: str = "", oin: str = "") -> str:
    """The `source` attribute: the configured one, else the NL GOV URN with our OIN."""
    if source:
        return source
    if oin:
        return f"urn:nld:oin:{oin}:systeem:signaalroute"
    return "urn:nld:systeem:signaalroute"


def volgnummer(cursor: int) -> str:
    """The `sequence` attribute: the partner API's feedback cursor, zero-padded so that the
    strings sort as the numbers do (the extension asks for lexicographic order)."""
    return f"{cursor:020d}"


def cloudevent(
    *,
    terugkoppeling: str,
    cursor: int,
    code: str,
    moment: str,
    betalingspauze_tot: dt.date | None,
    tijd: dt.datetime,
    source: str,
    api_url: str,
) -> dict:
    """One feedback change as a CloudEvent (NL GOV profile), JSON event format.

    Only what a partner may know (BRIEF §6), and no personal data: the feedback row's UUID,
    the coarse code, why now, and the collection pause. `id` is the row's UUID, which
    identifies this occurrence persistently (the profile's rule when such an id exists), so
    retries and redeliveries carry the same id; `subject` names the resource that `dataref`
    points to; `time` is when the change was recorded."""
    return {
        "specversion": SPECVERSION,
        "type": EVENTTYPE,
        "source": source,
        "id": terugkoppeling,
        "time": tijd.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "subject": terugkoppeling,
        "datacontenttype": DATACONTENTTYPE,
        "dataref": api_url.rstrip("/") + TERUGKOPPELING_PAD.format(uuid=terugkoppeling),
        "sequence": volgnummer(cursor),
        "data": {
            "terugkoppeling": terugkoppeling,
            "code": code,
            "moment": moment,
            "betalingspauzeTot": betalingspauze_tot.isoformat() if betalingspauze_tot else None,
        },
    }


def body(event: dict) -> bytes:
    """The exact bytes that are sent and signed (compact JSON, UTF-8)."""
    return json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()


# --- Signature (Standard Webhooks) --------------------------------------------------------


def geheim_maken() -> str:
    """A new signing secret: `whsec_` + base64 of 32 random bytes."""
    return GEHEIM_VOORVOEGSEL + base64.b64encode(secrets.token_bytes(GEHEIM_BYTES)).decode()


def _sleutel(geheim: str) -> bytes:
    if not geheim.startswith(GEHEIM_VOORVOEGSEL):
        raise ValueError("geen webhookgeheim")
    return base64.b64decode(geheim[len(GEHEIM_VOORVOEGSEL) :], validate=True)


def ondertekenen(*, geheim: str, bericht_id: str, tijdstempel: int, inhoud: bytes) -> str:
    """The `webhook-signature` header: `v1,` + base64 HMAC-SHA256 over
    `{webhook-id}.{webhook-timestamp}.{body}` with the decoded secret as key."""
    te_tekenen = f"{bericht_id}.{tijdstempel}.".encode() + inhoud
    digest = hmac.new(_sleutel(geheim), te_tekenen, hashlib.sha256).digest()
    return f"{HANDTEKENING_VERSIE},{base64.b64encode(digest).decode()}"


def handtekening_controleren(
    *,
    geheim: str,
    bericht_id: str,
    tijdstempel: str,
    inhoud: bytes,
    header: str,
    nu: dt.datetime,
    tolerantie: dt.timedelta,
) -> bool:
    """What a receiver does: the timestamp is close to its clock and one of the
    space-separated `v1,` signatures matches, compared in constant time."""
    if not (geheim and bericht_id and tijdstempel and header) or not tijdstempel.isdigit():
        return False
    moment = dt.datetime.fromtimestamp(int(tijdstempel), dt.UTC)
    if abs(nu - moment) > tolerantie:
        return False
    try:
        verwacht = ondertekenen(
            geheim=geheim, bericht_id=bericht_id, tijdstempel=int(tijdstempel), inhoud=inhoud
        )
    except (ValueError, binascii.Error):
        return False
    return any(
        hmac.compare_digest(deel.encode(), verwacht.encode()) for deel in header.split(" ") if deel
    )


# --- Answers and retries --------------------------------------------------------------------


def uitkomst(http_status: int) -> str:
    """2xx delivered; 410 the receiver is gone for good; 429 wait as asked; anything else
    (other 4xx, 5xx, redirects) try again later."""
    if 200 <= http_status < 300:
        return Uitkomst.AFGELEVERD
    if http_status == 410:
        return Uitkomst.WEG
    if http_status == 429:
        return Uitkomst.TE_VEEL_VERZOEKEN
    return Uitkomst.OPNIEUW


def wachttijd(pogingen: int, willekeur: float) -> dt.timedelta:
    """The wait after `pogingen` failed attempts (1, 2, ...): 1 min, 5 min, 30 min, 2 h,
    12 h, then 24 h, each +/- 10 % by `willekeur` (0 <= willekeur < 1)."""
    basis = WACHTTIJDEN[min(max(pogingen, 1), len(WACHTTIJDEN)) - 1]
    return basis * (1 + JITTER * (2 * willekeur - 1))


def retry_after(
    waarde: str | None, *, nu: dt.datetime, maximum: dt.timedelta
) -> dt.timedelta | None:
    """`Retry-After` (delay-seconds or an HTTP date) as a wait between 0 and `maximum`; None
    when absent or unreadable."""
    if not waarde:
        return None
    waarde = waarde.strip()
    if waarde.isdigit():
        wacht = dt.timedelta(seconds=int(waarde))
    else:
        try:
            moment = email.utils.parsedate_to_datetime(waarde)
        except (TypeError, ValueError, IndexError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        wacht = max(dt.timedelta(0), moment - nu)
    return min(wacht, maximum)


def foutmelding(tekst: str, maximum: int = 200) -> str:
    """A short error text for the delivery row: one line, bounded. Callers pass only our own
    words (status, exception class), never the receiver's body."""
    return " ".join(tekst.split())[:maximum]


# --- Endpoints ------------------------------------------------------------------------------


def is_lokaal(host: str) -> bool:
    return (host or "").lower().strip("[]") in LOKALE_NAMEN


def url_fouten(url: str, *, lokaal_toegestaan: bool) -> list[str]:
    """Why an endpoint URL is not acceptable (Dutch), empty when it is: HTTPS only, no
    credentials in the URL, no IP addresses of private or special networks; plain HTTP to
    this machine only in development and tests (`lokaal_toegestaan`)."""
    if len(url) > MAX_URL:
        return [f"Het adres is langer dan {MAX_URL} tekens."]
    try:
        delen = urlsplit(url)
        host = delen.hostname or ""
        delen.port  # noqa: B018 - raises on an invalid port
    except ValueError:
        return ["Dit is geen geldig adres."]
    if delen.scheme not in ("https", "http") or not host:
        return ["Geef een volledig adres, beginnend met https://."]
    if delen.username or delen.password:
        return ["Zet geen gebruikersnaam of wachtwoord in het adres."]
    if delen.fragment:
        return ["Het adres mag geen #-deel hebben."]
    if is_lokaal(host):
        if lokaal_toegestaan:
            return []
        return ["Een adres op deze machine is alleen toegestaan bij ontwikkelen en testen."]
    if delen.scheme != "https":
        return ["Alleen https:// is toegestaan."]
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return []
    if not adres_toegestaan(ip, lokaal_toegestaan=False):
        return ["Dit IP-adres hoort bij een intern of bijzonder netwerk."]
    return []


def adres_toegestaan(
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address, *, lokaal_toegestaan: bool
) -> bool:
    """Whether we may connect to `ip`: public addresses only, so a subscription cannot make
    the server call into its own network; loopback when local delivery is allowed."""
    if ip.is_loopback:
        return lokaal_toegestaan
    return ip.is_global and not ip.is_multicast
