"""The BRP adapter: `POST /personen` of the Haal Centraal BRP Personen API v2.

    from signaalroute.contrib.brp.client import brp_client

    client = brp_client()  # from the BRP_* settings; BrpNietGeconfigureerd when BRP is off
    bewoners = client.zoek_op_adres(postcode="7401AB", huisnummer=12)
    persoon = client.raadpleeg(bsn=bewoners[0].bsn, voor_adres=("7401AB", 12))
    elders = client.zoek_op_naam_en_geboortedatum(  # no BSN: moved, left or died?
        geslachtsnaam="Meer", geboortedatum=datetime.date(1956, 11, 15)
    )

Requests go through one `requests.Session` per configuration with urllib3 `Retry`: back-off on
429/502/503/504, timeouts and connection errors (POST /personen only reads, so repeating it is
safe). Every answer is mapped to `gegevens.BrpPersoon` here; errors become `exceptions.BrpFout`
subclasses. Logs carry the query type, status, duration, number of attempts and a keyed hash
of the request: never a BSN, name or address.
"""

from __future__ import annotations

import datetime
import functools
import json
import logging
import re
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .cache import BrpCache
from .constants import (
    HERHAAL_BIJ_STATUS,
    MAX_BSNS_PER_VERZOEK,
    RAADPLEEG_MET_BURGERSERVICENUMMER,
    RAADPLEEG_VELDEN,
    ZOEK_MET_GESLACHTSNAAM_EN_GEBOORTEDATUM,
    ZOEK_MET_POSTCODE_EN_HUISNUMMER,
    ZOEK_VELDEN,
)
from .exceptions import (
    BrpFout,
    BrpGeenToegang,
    BrpNietBeschikbaar,
    BrpNietGeconfigureerd,
    BrpOngeldigAntwoord,
    BrpOngeldigVerzoek,
)
from .gegevens import BrpPersoon, normaliseer_postcode
from .mapping import persoon_uit_api

logger = logging.getLogger(__name__)

# The request patterns of the OpenAPI document, checked before anything leaves the building.
_PATRONEN = {
    "burgerservicenummer": re.compile(r"^[0-9]{9}$"),
    "postcode": re.compile(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$"),
    "huisletter": re.compile(r"^[a-zA-Z]$"),
    "huisnummertoevoeging": re.compile(r"^[a-zA-Z0-9 \-]{1,4}$"),
    "gemeenteVanInschrijving": re.compile(r"^[0-9]{4}$"),
    "geslachtsnaam": re.compile(r"^[a-zA-Z0-9À-ž \.\-\']{1,200}$|^[a-zA-Z0-9À-ž \.\-\']{3,199}\*$"),
    "voorvoegsel": re.compile(r"^[a-zA-Z \']{1,10}$"),
    "voornamen": re.compile(r"^[a-zA-Z0-9À-ž \.\-\']{1,199}\*?$"),
}
_MAX_RETRY_AFTER = 10.0  # seconds; a gateway asking for longer gets its error instead


class _BrpRetry(Retry):
    """urllib3 Retry that honours `Retry-After`, but never waits longer than 10 seconds."""

    def get_retry_after(self, response):
        wachten = super().get_retry_after(response)
        return None if wachten is None else min(wachten, _MAX_RETRY_AFTER)


@dataclass(frozen=True)
class BrpInstellingen:
    """Everything the client needs; `uit_settings()` reads the BRP_* settings."""

    api_url: str
    api_key: str = field(default="", repr=False)
    api_key_header: str = "X-API-KEY"
    client_cert: str = ""
    client_key: str = ""
    ca_bundle: str = ""
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 0.5
    cache_seconden: int = 3600
    # Fixed headers the gateway wants (doelbinding, verwerking, OIN): (name, value) pairs.
    headers: tuple[tuple[str, str], ...] = ()
    gebruiker_header: str = "x-gebruiker"
    gebruiker: str = "signaalroute"

    @classmethod
    def uit_settings(cls) -> BrpInstellingen:
        return cls(
            api_url=settings.BRP_API_URL,
            api_key=settings.BRP_API_KEY,
            api_key_header=settings.BRP_API_KEY_HEADER,
            client_cert=settings.BRP_CLIENT_CERT,
            client_key=settings.BRP_CLIENT_KEY,
            ca_bundle=settings.BRP_CA_BUNDLE,
            timeout=float(settings.BRP_TIMEOUT_SECONDS),
            retries=int(settings.BRP_RETRIES),
            backoff=float(settings.BRP_RETRY_BACKOFF_SECONDS),
            cache_seconden=int(settings.BRP_CACHE_SECONDS),
            headers=(
                (settings.BRP_DOELBINDING_HEADER, settings.BRP_DOELBINDING),
                (settings.BRP_VERWERKING_HEADER, settings.BRP_VERWERKING),
                (settings.BRP_OIN_HEADER, settings.BRP_OIN),
            ),
            gebruiker_header=settings.BRP_GEBRUIKER_HEADER,
            gebruiker=settings.BRP_GEBRUIKER,
        )


class BrpClient:
    def __init__(self, instellingen: BrpInstellingen, *, cache: BrpCache | None = None):
        if not instellingen.api_url:
            raise BrpNietGeconfigureerd()
        self.instellingen = instellingen
        self.url = instellingen.api_url.rstrip("/") + "/personen"
        self.cache = cache or BrpCache(seconden=instellingen.cache_seconden)
        self.session = self._maak_session()

    def _maak_session(self) -> requests.Session:
        ins = self.instellingen
        retry = _BrpRetry(
            total=ins.retries,
            connect=ins.retries,
            read=ins.retries,
            status=ins.retries,
            other=0,
            allowed_methods=frozenset({"POST"}),
            status_forcelist=HERHAAL_BIJ_STATUS,
            backoff_factor=ins.backoff,
            backoff_jitter=ins.backoff / 2,
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        session.headers.update(
            {"Accept": "application/json", "Content-Type": "application/json; charset=utf-8"}
        )
        if ins.api_key and ins.api_key_header:
            session.headers[ins.api_key_header] = ins.api_key
        for naam, waarde in ins.headers:
            if naam and waarde:
                session.headers[naam] = waarde
        if ins.client_cert:
            session.cert = (ins.client_cert, ins.client_key) if ins.client_key else ins.client_cert
        session.verify = ins.ca_bundle or True
        return session

    # --- The three questions matching asks ----------------------------------------------------

    def zoek_op_adres(
        self,
        *,
        postcode: str,
        huisnummer: int,
        huisletter: str = "",
        huisnummertoevoeging: str = "",
        inclusief_overleden: bool = True,
        gemeente_van_inschrijving: str = "",
        gebruiker: str = "",
    ) -> list[BrpPersoon]:
        """Who the register has living at this address (`ZoekMetPostcodeEnHuisnummer`).

        Without a letter or addition every person at the house number is found (12, 12A,
        12-2, ...). Deceased residents are included by default, so matching can tell "died"
        from "not a resident"; they come with `overleden=True`.
        """
        verzoek: dict[str, Any] = {
            "type": ZOEK_MET_POSTCODE_EN_HUISNUMMER,
            "fields": list(ZOEK_VELDEN),
            "postcode": normaliseer_postcode(postcode),
            "huisnummer": huisnummer,
        }
        if huisletter.strip():
            verzoek["huisletter"] = huisletter.strip()
        if huisnummertoevoeging.strip():
            verzoek["huisnummertoevoeging"] = huisnummertoevoeging.strip()
        if inclusief_overleden:
            verzoek["inclusiefOverledenPersonen"] = True
        if gemeente_van_inschrijving:
            verzoek["gemeenteVanInschrijving"] = gemeente_van_inschrijving
        _controleer(verzoek)
        antwoord = self.personen(
            verzoek, gebruiker=gebruiker, voor_adres=(verzoek["postcode"], huisnummer)
        )
        return [persoon_uit_api(p, beperkt=True) for p in antwoord.get("personen") or []]

    def zoek_op_naam_en_geboortedatum(
        self,
        *,
        geslachtsnaam: str,
        geboortedatum: datetime.date,
        voorvoegsel: str = "",
        voornamen: str = "",
        inclusief_overleden: bool = True,
        gemeente_van_inschrijving: str = "",
        voor_adres: tuple[str, int] | None = None,
        gebruiker: str = "",
    ) -> list[BrpPersoon]:
        """Who the register knows by this surname (without voorvoegsel; a trailing `*` after at
        least 3 letters is a wildcard) and full birth date (`ZoekMetGeslachtsnaamEnGeboortedatum`),
        wherever they live, deceased included by default: to find a person who moved away when
        the signal has no BSN. `gemeente_van_inschrijving` limits it to one municipality;
        `voorvoegsel` and `voornamen` (wildcard allowed) narrow it further. The register
        compares text without regard to case.

        `voor_adres` lists the cached answer under the signal's address, as for `raadpleeg()`.
        """
        verzoek: dict[str, Any] = {
            "type": ZOEK_MET_GESLACHTSNAAM_EN_GEBOORTEDATUM,
            "fields": list(ZOEK_VELDEN),
            "geslachtsnaam": geslachtsnaam.strip(),
            "geboortedatum": datetime.date(
                geboortedatum.year, geboortedatum.month, geboortedatum.day
            ).isoformat(),
        }
        if inclusief_overleden:
            verzoek["inclusiefOverledenPersonen"] = True
        if voorvoegsel.strip():
            verzoek["voorvoegsel"] = voorvoegsel.strip()
        if voornamen.strip():
            verzoek["voornamen"] = " ".join(voornamen.split())
        if gemeente_van_inschrijving:
            verzoek["gemeenteVanInschrijving"] = gemeente_van_inschrijving
        _controleer(verzoek)
        antwoord = self.personen(verzoek, gebruiker=gebruiker, voor_adres=voor_adres)
        return [persoon_uit_api(p, beperkt=True) for p in antwoord.get("personen") or []]

    def raadpleeg(
        self, *, bsn: str, voor_adres: tuple[str, int] | None = None, gebruiker: str = ""
    ) -> BrpPersoon | None:
        """Everything matching needs about one person (`RaadpleegMetBurgerservicenummer`),
        including residence, death and partner; `None` when the register does not know the BSN.

        `voor_adres` (postcode, house number) lists the cached answer under the case's address,
        so that `brp_cache_vergeten()` for that address drops it too.
        """
        personen = self.raadpleeg_meerdere(bsns=[bsn], voor_adres=voor_adres, gebruiker=gebruiker)
        return personen[0] if personen else None

    def raadpleeg_meerdere(
        self,
        *,
        bsns: Sequence[str],
        voor_adres: tuple[str, int] | None = None,
        gebruiker: str = "",
    ) -> list[BrpPersoon]:
        """Several persons at once, 20 per request (the API's maximum)."""
        uniek = list(dict.fromkeys(bsn.strip() for bsn in bsns))
        personen: list[BrpPersoon] = []
        for start in range(0, len(uniek), MAX_BSNS_PER_VERZOEK):
            verzoek = {
                "type": RAADPLEEG_MET_BURGERSERVICENUMMER,
                "fields": list(RAADPLEEG_VELDEN),
                "burgerservicenummer": uniek[start : start + MAX_BSNS_PER_VERZOEK],
            }
            _controleer(verzoek)
            antwoord = self.personen(verzoek, gebruiker=gebruiker, voor_adres=voor_adres)
            personen += [persoon_uit_api(p, beperkt=False) for p in antwoord.get("personen") or []]
        return personen

    # --- The raw operation --------------------------------------------------------------------

    def personen(
        self,
        verzoek: dict[str, Any],
        *,
        gebruiker: str = "",
        voor_adres: tuple[str, int] | None = None,
    ) -> dict[str, Any]:
        """POST /personen with `verzoek` as body; the JSON answer (its `type` checked), from the
        cache when the same user asked the same within `BRP_CACHE_SECONDS`."""
        gebruiker = gebruiker or self.instellingen.gebruiker
        # The user is part of the key: the gateway logs who asked (protocollering), so another
        # user's question goes to the BRP again.
        sleutel = self.cache.sleutel(self.url, verzoek, gebruiker, self.instellingen.headers)
        kenmerk = sleutel[-12:]
        zoektype = str(verzoek.get("type", ""))
        bewaard = self.cache.lees(sleutel)
        if bewaard is not None:
            logger.info("BRP %s uit de cache (verzoek %s)", zoektype, kenmerk)
            return bewaard
        antwoord = self._post(verzoek, zoektype=zoektype, gebruiker=gebruiker, kenmerk=kenmerk)
        self.cache.bewaar(sleutel, antwoord, adressen=[voor_adres] if voor_adres else [])
        return antwoord

    def _post(
        self, verzoek: dict[str, Any], *, zoektype: str, gebruiker: str, kenmerk: str
    ) -> dict[str, Any]:
        headers = {"X-Correlation-ID": str(uuid.uuid4())}
        if self.instellingen.gebruiker_header and gebruiker:
            headers[self.instellingen.gebruiker_header] = gebruiker
        begin = time.monotonic()
        try:
            response = self.session.post(
                self.url,
                data=json.dumps(verzoek).encode(),
                headers=headers,
                timeout=self.instellingen.timeout,
            )
        except requests.exceptions.RequestException as exc:
            oorzaak = _oorzaak(exc)
            logger.warning(
                "BRP %s niet bereikbaar (%s) na %.0f ms (verzoek %s, correlatie %s)",
                zoektype,
                oorzaak,
                (time.monotonic() - begin) * 1000,
                kenmerk,
                headers["X-Correlation-ID"],
            )
            raise BrpNietBeschikbaar(oorzaak=oorzaak) from exc
        retries = getattr(response.raw, "retries", None)
        pogingen = len(retries.history) + 1 if retries is not None else 1
        logger.info(
            "BRP %s: HTTP %s in %.0f ms, %s poging(en) (verzoek %s, correlatie %s)",
            zoektype,
            response.status_code,
            (time.monotonic() - begin) * 1000,
            pogingen,
            kenmerk,
            headers["X-Correlation-ID"],
        )
        return _antwoord(response, zoektype=zoektype)


def _oorzaak(exc: requests.exceptions.RequestException) -> str:
    if isinstance(exc, requests.exceptions.SSLError):
        return "tls"
    if isinstance(exc, requests.exceptions.Timeout) or "timed out" in str(exc).lower():
        return "tijdslimiet"
    return "verbinding"


def _is_json(response: requests.Response) -> bool:
    soort = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    return soort == "application/json" or soort.endswith("+json")


def _antwoord(response: requests.Response, *, zoektype: str) -> dict[str, Any]:
    """A 200 answer's JSON, or the BRP's problem+json as one of our exceptions."""
    try:
        body = response.json() if _is_json(response) else None
    except ValueError:
        body = None
    status = response.status_code
    if status == 200:
        if not isinstance(body, dict) or body.get("type") != zoektype:
            raise BrpOngeldigAntwoord(http_status=status, oorzaak="vorm")
        if not isinstance(body.get("personen", []), list):
            raise BrpOngeldigAntwoord(http_status=status, oorzaak="vorm")
        return body
    probleem = body if isinstance(body, dict) else {}
    code = str(probleem.get("code", ""))[:50]
    kwargs: dict[str, Any] = {"http_status": status, "brp_code": code, "oorzaak": "status"}
    logger.warning("BRP %s: fout HTTP %s (code %s)", zoektype, status, code or "-")
    if status == 400:
        raise BrpOngeldigVerzoek(invalid_params=_invalid_params(probleem), **kwargs)
    if status in (401, 403):
        raise BrpGeenToegang(**kwargs)
    if status == 429 or status >= 500:
        raise BrpNietBeschikbaar(**kwargs)
    raise BrpFout(**kwargs)


def _invalid_params(probleem: dict) -> list[dict]:
    """The BRP's `invalidParams`, reduced to name, code and reason (strings, bounded)."""
    params = probleem.get("invalidParams")
    if not isinstance(params, list):
        return []
    return [
        {key: str(param.get(key, ""))[:200] for key in ("name", "code", "reason")}
        for param in params
        if isinstance(param, dict)
    ]


def _controleer(verzoek: dict[str, Any]) -> None:
    """Our own check of the patterns of the OpenAPI document, before sending."""
    fouten = []
    for naam, patroon in _PATRONEN.items():
        waarden = verzoek.get(naam)
        if waarden is None:
            continue
        for waarde in waarden if isinstance(waarden, list) else [waarden]:
            if not isinstance(waarde, str) or not patroon.match(waarde):
                fouten.append({"name": naam, "code": "pattern", "reason": "Ongeldige waarde."})
                break
    huisnummer = verzoek.get("huisnummer")
    if "huisnummer" in verzoek and (
        not isinstance(huisnummer, int)
        or isinstance(huisnummer, bool)
        or not 1 <= huisnummer <= 99999
    ):
        fouten.append({"name": "huisnummer", "code": "integer", "reason": "Ongeldig huisnummer."})
    bsns = verzoek.get("burgerservicenummer")
    if isinstance(bsns, list) and not 1 <= len(bsns) <= MAX_BSNS_PER_VERZOEK:
        fouten.append({"name": "burgerservicenummer", "code": "maxItems", "reason": "1 tot 20."})
    if fouten:
        raise BrpOngeldigVerzoek(invalid_params=fouten, oorzaak="eigen controle")


# --- Entry points -----------------------------------------------------------------------------


def brp_ingeschakeld() -> bool:
    """BRP is on when BRP_API_URL is set (BRP_LOKAAL sets it to the local service)."""
    return bool(settings.BRP_API_URL)


def brp_client() -> BrpClient:
    """The client for the current settings (one session per configuration)."""
    return _client_voor(BrpInstellingen.uit_settings())


@functools.lru_cache(maxsize=8)
def _client_voor(instellingen: BrpInstellingen) -> BrpClient:
    return BrpClient(instellingen)


def brp_cache_vergeten(*, postcode: str, huisnummer: int) -> int:
    """Forget every cached BRP answer about this address (postcode + house number, all letters
    and additions), e.g. when its case is closed. Returns how many answers were listed."""
    return BrpCache(seconden=settings.BRP_CACHE_SECONDS).vergeet_adres(
        postcode=postcode, huisnummer=huisnummer
    )
