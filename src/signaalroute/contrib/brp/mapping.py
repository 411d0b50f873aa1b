"""The edge: BRP Personen API JSON to our dataclasses (and dates back, for the local service).

Lenient where the API may leave things out (a field without value is not delivered), strict
where an unknown shape would silently give a wrong answer (an unknown date type).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .constants import Opschortingsreden
from .exceptions import BrpOngeldigAntwoord
from .gegevens import BrpAdres, BrpDatum, BrpPartner, BrpPersoon, Datumsoort, Verblijfplaatssoort


def datum_uit_api(waarde: Any) -> BrpDatum | None:
    """`AbstractDatum` (`Datum`, `JaarMaandDatum`, `JaarDatum`, `DatumOnbekend`) -> `BrpDatum`."""
    if waarde is None:
        return None
    if not isinstance(waarde, dict):
        raise BrpOngeldigAntwoord(oorzaak="datum")
    try:
        match waarde.get("type"):
            case Datumsoort.VOLLEDIG:
                return BrpDatum.van_date(dt.date.fromisoformat(waarde["datum"]))
            case Datumsoort.JAAR_MAAND:
                return BrpDatum(int(waarde["jaar"]), int(waarde["maand"]))
            case Datumsoort.JAAR:
                return BrpDatum(int(waarde["jaar"]))
            case Datumsoort.ONBEKEND:
                return BrpDatum()
    except (KeyError, TypeError, ValueError) as exc:
        raise BrpOngeldigAntwoord(oorzaak="datum") from exc
    raise BrpOngeldigAntwoord(oorzaak="datumtype")


def datum_naar_api(datum: BrpDatum) -> dict:
    """`BrpDatum` -> `AbstractDatum`, with `langFormaat` as the API writes it."""
    body: dict[str, Any] = {"type": str(datum.soort), "langFormaat": datum.lang_formaat}
    match datum.soort:
        case Datumsoort.VOLLEDIG:
            body["datum"] = datum.als_date().isoformat()  # type: ignore[union-attr]
        case Datumsoort.JAAR_MAAND:
            body |= {"jaar": datum.jaar, "maand": datum.maand}
        case Datumsoort.JAAR:
            body["jaar"] = datum.jaar
        case Datumsoort.ONBEKEND:
            body["onbekend"] = True
    return body


def _tekst(waarde: Any) -> str:
    return waarde.strip() if isinstance(waarde, str) else ""


def _object(waarde: Any) -> dict:
    if waarde is None:
        return {}
    if not isinstance(waarde, dict):
        raise BrpOngeldigAntwoord(oorzaak="vorm")
    return waarde


def _naam(naam: dict) -> dict[str, str]:
    return {
        "voornamen": _tekst(naam.get("voornamen")),
        "voorletters": _tekst(naam.get("voorletters")),
        "voorvoegsel": _tekst(naam.get("voorvoegsel")),
        "geslachtsnaam": _tekst(naam.get("geslachtsnaam")),
    }


def _partner(waarde: Any) -> BrpPartner:
    partner = _object(waarde)
    return BrpPartner(
        bsn=_tekst(partner.get("burgerservicenummer")),
        ontbonden=bool(partner.get("ontbindingHuwelijkPartnerschap")),
        **_naam(_object(partner.get("naam"))),
    )


def _verblijfplaats(waarde: Any) -> dict[str, Any]:
    verblijf = _object(waarde)
    if not verblijf:
        return {}
    verblijfadres = _object(verblijf.get("verblijfadres"))
    soort = verblijf.get("type")
    if soort not in set(Verblijfplaatssoort):
        raise BrpOngeldigAntwoord(oorzaak="verblijfplaatstype")
    velden: dict[str, Any] = {
        "verblijfplaats": Verblijfplaatssoort(soort),
        "adres_sinds": datum_uit_api(verblijf.get("datumVan")),
        "verblijft_niet_op_adres": bool(verblijf.get("indicatieVastgesteldVerblijftNietOpAdres")),
    }
    if soort == Verblijfplaatssoort.ADRES:
        huisnummer = verblijfadres.get("huisnummer")
        velden["adres"] = BrpAdres(
            postcode=_tekst(verblijfadres.get("postcode")),
            huisnummer=huisnummer if isinstance(huisnummer, int) else None,
            huisletter=_tekst(verblijfadres.get("huisletter")),
            huisnummertoevoeging=_tekst(verblijfadres.get("huisnummertoevoeging")),
            straat=_tekst(
                verblijfadres.get("officieleStraatnaam") or verblijfadres.get("korteStraatnaam")
            ),
            woonplaats=_tekst(verblijfadres.get("woonplaats")),
        )
    elif soort == Verblijfplaatssoort.BUITENLAND:
        velden["land"] = _tekst(_object(verblijfadres.get("land")).get("omschrijving"))
    return velden


def persoon_uit_api(waarde: Any, *, beperkt: bool) -> BrpPersoon:
    """One `Persoon` (consultation) or `PersoonBeperkt` (search) -> `BrpPersoon`."""
    persoon = _object(waarde)
    bsn = _tekst(persoon.get("burgerservicenummer"))
    if not bsn:
        raise BrpOngeldigAntwoord(oorzaak="bsn")
    naam = _object(persoon.get("naam"))
    opschorting = _object(persoon.get("opschortingBijhouding"))
    reden = _tekst(_object(opschorting.get("reden")).get("code"))
    overlijden = _object(persoon.get("overlijden"))
    overlijdensdatum = datum_uit_api(overlijden.get("datum"))
    if overlijdensdatum is None and reden == Opschortingsreden.OVERLIJDEN:
        overlijdensdatum = datum_uit_api(opschorting.get("datum"))
    adressering = _object(persoon.get("adressering"))
    gemeente = _object(persoon.get("gemeenteVanInschrijving"))
    velden = _verblijfplaats(persoon.get("verblijfplaats"))
    if adressering.get("indicatieVastgesteldVerblijftNietOpAdres"):
        velden["verblijft_niet_op_adres"] = True
    partners = persoon.get("partners") or []
    if not isinstance(partners, list):
        raise BrpOngeldigAntwoord(oorzaak="vorm")
    return BrpPersoon(
        bsn=bsn,
        **_naam(naam),
        geboortedatum=datum_uit_api(_object(persoon.get("geboorte")).get("datum")),
        aanduiding_naamgebruik=_tekst(_object(naam.get("aanduidingNaamgebruik")).get("code")),
        partners=tuple(_partner(partner) for partner in partners),
        gemeente_van_inschrijving=_tekst(gemeente.get("code")),
        gemeente_van_inschrijving_naam=_tekst(gemeente.get("omschrijving")),
        datum_inschrijving_in_gemeente=datum_uit_api(persoon.get("datumInschrijvingInGemeente")),
        adresregels=tuple(
            regel
            for regel in (_tekst(adressering.get(f"adresregel{nummer}")) for nummer in (1, 2, 3))
            if regel
        ),
        overleden=bool(overlijden) or reden == Opschortingsreden.OVERLIJDEN,
        overlijdensdatum=overlijdensdatum,
        opschortingsreden=reden,
        geheimhouding=persoon.get("geheimhoudingPersoonsgegevens") is True,
        beperkt=beperkt,
        **velden,
    )
