"""The `fields` parameter of the local service: which paths exist, and filtering by them.

The trees below follow `Persoon` and `PersoonBeperkt` of the OpenAPI document (a contract test
compares them with it). As in the real API:
- a path selects a field with everything under it (`naam` gives the whole name);
- any path into a date or a table value (`geboorte.datum.jaar`, `geslacht.code`) gives the
  whole date or table value;
- a field without a value is not delivered;
- fields the API delivers automatically (`inOnderzoek`, `geheimhoudingPersoonsgegevens`,
  `opschortingBijhouding`, `rni`, `verificatie`) may not be asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Geheel:
    """An object delivered whole whenever any part of it is asked for."""

    velden: tuple[str, ...]


Boom = dict[str, "Boom | Geheel | None"]

DATUM = Geheel(("type", "langFormaat", "datum", "onbekend", "jaar", "maand"))
WAARDE = Geheel(("code", "omschrijving"))
TITEL = Geheel(("code", "omschrijving", "soort"))

NAAM_GERELATEERDE: Boom = {
    "voornamen": None,
    "adellijkeTitelPredicaat": TITEL,
    "voorvoegsel": None,
    "geslachtsnaam": None,
    "voorletters": None,
}
NAAM_BASIS: Boom = {**NAAM_GERELATEERDE, "volledigeNaam": None}
GEBOORTE: Boom = {"datum": DATUM, "land": WAARDE, "plaats": WAARDE}
PLAATS_EN_DATUM: Boom = {"datum": DATUM, "land": WAARDE, "plaats": WAARDE}
ADRESSERING_BASIS: Boom = {
    "adresregel1": None,
    "adresregel2": None,
    "adresregel3": None,
    "land": WAARDE,
    "indicatieVastgesteldVerblijftNietOpAdres": None,
}
GEZAG_PERSOON: Boom = {"burgerservicenummer": None, "naam": {"volledigeNaam": None}}
GERELATEERDE: Boom = {
    "burgerservicenummer": None,
    "naam": NAAM_GERELATEERDE,
    "geboorte": GEBOORTE,
}

PERSOON_BEPERKT: Boom = {
    "burgerservicenummer": None,
    "geboorte": {"datum": DATUM},
    "geslacht": WAARDE,
    "leeftijd": None,
    "naam": NAAM_BASIS,
    "adressering": ADRESSERING_BASIS,
}

PERSOON: Boom = {
    "aNummer": None,
    "burgerservicenummer": None,
    "datumEersteInschrijvingGBA": DATUM,
    "geslacht": WAARDE,
    "uitsluitingKiesrecht": {"uitgeslotenVanKiesrecht": None, "einddatum": DATUM},
    "europeesKiesrecht": {"aanduiding": WAARDE, "einddatumUitsluiting": DATUM},
    "leeftijd": None,
    "naam": {**NAAM_BASIS, "aanduidingNaamgebruik": WAARDE},
    "nationaliteiten": {
        "type": None,
        "redenOpname": WAARDE,
        "datumIngangGeldigheid": DATUM,
        "nationaliteit": WAARDE,
    },
    "geboorte": GEBOORTE,
    "overlijden": PLAATS_EN_DATUM,
    "verblijfplaats": {
        "type": None,
        "datumIngangGeldigheid": DATUM,
        "datumVan": DATUM,
        "functieAdres": WAARDE,
        "adresseerbaarObjectIdentificatie": None,
        "nummeraanduidingIdentificatie": None,
        "indicatieVastgesteldVerblijftNietOpAdres": None,
        "verblijfadres": {
            "officieleStraatnaam": None,
            "korteStraatnaam": None,
            "huisnummer": None,
            "huisletter": None,
            "huisnummertoevoeging": None,
            "aanduidingBijHuisnummer": WAARDE,
            "postcode": None,
            "woonplaats": None,
            "locatiebeschrijving": None,
            "regel1": None,
            "regel2": None,
            "regel3": None,
            "land": WAARDE,
        },
    },
    "immigratie": {
        "landVanwaarIngeschreven": WAARDE,
        "datumVestigingInNederland": DATUM,
        "vanuitVerblijfplaatsOnbekend": None,
        "indicatieVestigingVanuitBuitenland": None,
    },
    "gemeenteVanInschrijving": WAARDE,
    "datumInschrijvingInGemeente": DATUM,
    "adressering": {
        **ADRESSERING_BASIS,
        "aanhef": None,
        "aanschrijfwijze": {"naam": None, "aanspreekvorm": None},
        "gebruikInLopendeTekst": None,
    },
    "indicatieCurateleRegister": None,
    "indicatieGezagMinderjarige": WAARDE,
    "gezag": {
        "type": None,
        "minderjarige": {**GEZAG_PERSOON, "leeftijd": None},
        "ouders": GEZAG_PERSOON,
        "ouder": GEZAG_PERSOON,
        "derde": {**GEZAG_PERSOON, "type": None},
        "derden": {**GEZAG_PERSOON, "type": None},
        "toelichting": None,
    },
    "verblijfstitel": {"aanduiding": WAARDE, "datumEinde": DATUM, "datumIngang": DATUM},
    "kinderen": GERELATEERDE,
    "ouders": {
        **GERELATEERDE,
        "geslacht": WAARDE,
        "ouderAanduiding": None,
        "datumIngangFamilierechtelijkeBetrekking": DATUM,
    },
    "partners": {
        **GERELATEERDE,
        "geslacht": WAARDE,
        "soortVerbintenis": WAARDE,
        "aangaanHuwelijkPartnerschap": PLAATS_EN_DATUM,
        "ontbindingHuwelijkPartnerschap": {"datum": DATUM},
    },
}

AUTOMATISCH = frozenset(
    {"geheimhoudingPersoonsgegevens", "opschortingBijhouding", "rni", "verificatie"}
)


class OngeldigVeld(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code  # "fields": does not exist; "nietToegestaan": delivered automatically


def selectie(paden: list[str], boom: Boom) -> dict:
    """The selection tree for `paden` (`True` = the whole value); OngeldigVeld for a wrong path,
    with its index in `.index`."""
    resultaat: dict = {}
    for index, pad in enumerate(paden):
        try:
            _voeg_toe(resultaat, pad.split("."), boom)
        except OngeldigVeld as exc:
            exc.index = index  # type: ignore[attr-defined]
            raise
    return resultaat


def _voeg_toe(resultaat: dict, delen: list[str], boom: Boom) -> None:
    if delen[0] in AUTOMATISCH or "inOnderzoek" in delen:
        raise OngeldigVeld("nietToegestaan")
    knoop: Any = boom
    doel = resultaat
    for positie, deel in enumerate(delen):
        if not isinstance(knoop, dict) or deel not in knoop:
            raise OngeldigVeld("fields")
        knoop = knoop[deel]
        laatste = positie == len(delen) - 1
        if isinstance(knoop, Geheel):
            if len(delen) > positie + 2 or (not laatste and delen[positie + 1] not in knoop.velden):
                raise OngeldigVeld("fields")
            doel[deel] = True
            return
        if laatste or knoop is None:
            if not laatste:
                raise OngeldigVeld("fields")
            doel[deel] = True
            return
        if doel.get(deel) is True:
            return  # the whole of it is already asked for
        doel = doel.setdefault(deel, {})


def filter_velden(waarde: Any, keuze: dict | bool) -> Any:
    """Apply a selection tree; empty objects and lists are left out. A polymorphic object keeps
    its `type`, without which it cannot be read."""
    if keuze is True:
        return waarde
    if isinstance(waarde, list):
        items = [filter_velden(item, keuze) for item in waarde]
        return [item for item in items if item not in (None, {}, [])]
    if isinstance(waarde, dict):
        uit = {}
        for sleutel, sub in keuze.items():  # type: ignore[union-attr]
            if sleutel in waarde:
                gefilterd = filter_velden(waarde[sleutel], sub)
                if gefilterd not in (None, {}, []):
                    uit[sleutel] = gefilterd
        if uit and "type" in waarde:
            uit = {"type": waarde["type"], **uit}
        return uit
    return None
