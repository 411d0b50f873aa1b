"""Checks of a POST /personen body, as the real API does them (no ORM: pure functions).

One deviation: the real API names a wrong `fields` entry `fields[0]`, which the document's own
pattern for `InvalidParam.name` does not allow; the local service says `fields` and names the
path in the reason, so every answer it gives validates against the document.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..constants import (
    RAADPLEEG_MET_BURGERSERVICENUMMER,
    ZOEK_MET_GESLACHTSNAAM_EN_GEBOORTEDATUM,
    ZOEK_MET_POSTCODE_EN_HUISNUMMER,
)
from .velden import PERSOON, PERSOON_BEPERKT, OngeldigVeld, selectie

ALLE_ZOEKTYPEN = frozenset(
    {
        ZOEK_MET_GESLACHTSNAAM_EN_GEBOORTEDATUM,
        "ZoekMetNaamEnGemeenteVanInschrijving",
        RAADPLEEG_MET_BURGERSERVICENUMMER,
        ZOEK_MET_POSTCODE_EN_HUISNUMMER,
        "ZoekMetStraatHuisnummerEnGemeenteVanInschrijving",
        "ZoekMetNummeraanduidingIdentificatie",
        "ZoekMetAdresseerbaarObjectIdentificatie",
    }
)
PARAMETERS = {
    RAADPLEEG_MET_BURGERSERVICENUMMER: ({"burgerservicenummer"}, {"gemeenteVanInschrijving"}),
    ZOEK_MET_POSTCODE_EN_HUISNUMMER: (
        {"postcode", "huisnummer"},
        {
            "huisletter",
            "huisnummertoevoeging",
            "inclusiefOverledenPersonen",
            "geboortedatum",
            "geslachtsnaam",
            "gemeenteVanInschrijving",
        },
    ),
    ZOEK_MET_GESLACHTSNAAM_EN_GEBOORTEDATUM: (
        {"geslachtsnaam", "geboortedatum"},
        {
            "inclusiefOverledenPersonen",
            "voorvoegsel",
            "voornamen",
            "geslacht",
            "gemeenteVanInschrijving",
        },
    ),
}
PATRONEN = {
    "burgerservicenummer": r"^[0-9]{9}$",
    "postcode": r"^[1-9]{1}[0-9]{3}[ ]?[A-Za-z]{2}$",
    "huisletter": r"^[a-zA-Z]{1}$",
    "huisnummertoevoeging": r"^[a-zA-Z0-9 \-]{1,4}$",
    "gemeenteVanInschrijving": r"^[0-9]{4}$",
    "voorvoegsel": r"^[a-zA-Z \']{1,10}$",
    "voornamen": r"^[a-zA-Z0-9À-ž \.\-\']{1,199}\*{0,1}$",
    "geslacht": r"^([Mm]|[Vv]|[Oo])$",
    "geslachtsnaam": r"^[a-zA-Z0-9À-ž \.\-\']{1,200}$|^[a-zA-Z0-9À-ž \.\-\']{3,199}\*{1}$",
    "fields": r"^[a-zA-Z0-9\._]{1,200}$",
}
_DATUM = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_VELDNAAM_IN_REDEN = re.compile(r"^[a-zA-Z0-9.]{1,30}$")  # the reason has at most 80 characters

TITEL_COMBINATIE = "Minimale combinatie van parameters moet worden opgegeven."
TITEL_VALIDATIE = "Een of meerdere parameters zijn niet correct."


@dataclass
class VerzoekFout(Exception):
    """A 400 answer: title, code and the invalidParams."""

    titel: str
    code: str
    invalid_params: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Verzoek:
    type: str
    velden: dict  # the selection tree of `fields`
    parameters: dict[str, Any]

    @property
    def beperkt(self) -> bool:
        return self.type != RAADPLEEG_MET_BURGERSERVICENUMMER


def _fout(naam: str, code: str, reden: str) -> dict:
    return {"name": naam, "code": code, "reason": reden}


def _controleer_parameter(naam: str, waarde: Any) -> dict | None:
    if naam == "huisnummer":
        if not isinstance(waarde, int) or isinstance(waarde, bool):
            return _fout(naam, "integer", "Waarde is geen geldig getal.")
        if waarde < 1:
            return _fout(naam, "minimum", "Waarde is lager dan minimum 1.")
        if waarde > 99999:
            return _fout(naam, "maximum", "Waarde is hoger dan maximum 99999.")
        return None
    if naam == "inclusiefOverledenPersonen":
        return (
            None if isinstance(waarde, bool) else _fout(naam, "boolean", "Waarde is geen boolean.")
        )
    if naam == "geboortedatum":
        try:
            # `format: date` is the full form only (Python also reads `19561115`).
            if not _DATUM.match(waarde):
                raise ValueError(waarde)
            dt.date.fromisoformat(waarde)
        except (TypeError, ValueError):
            return _fout(naam, "date", "Waarde is geen geldige datum.")
        return None
    if naam == "burgerservicenummer":
        if not isinstance(waarde, list):
            return _fout(naam, "array", "Parameter is geen array.")
        if not waarde:
            return _fout(naam, "minItems", "Array bevat minder dan 1 items.")
        if len(waarde) > 20:
            return _fout(naam, "maxItems", "Array bevat meer dan 20 items.")
        if any(not isinstance(w, str) or not re.match(PATRONEN[naam], w) for w in waarde):
            return _fout(naam, "pattern", "Waarde voldoet niet aan patroon.")
        return None
    if not isinstance(waarde, str) or not re.match(PATRONEN[naam], waarde):
        return _fout(naam, "pattern", "Waarde voldoet niet aan patroon.")
    return None


def _controleer_velden(waarde: Any, beperkt: bool) -> tuple[dict, list[dict]]:
    if not isinstance(waarde, list):
        return {}, [_fout("fields", "array", "Parameter is geen array.")]
    if not waarde:
        return {}, [_fout("fields", "minItems", "Array bevat minder dan 1 items.")]
    if len(waarde) > 130:
        return {}, [_fout("fields", "maxItems", "Array bevat meer dan 130 items.")]
    if any(not isinstance(pad, str) or not re.match(PATRONEN["fields"], pad) for pad in waarde):
        return {}, [_fout("fields", "pattern", "Waarde voldoet niet aan patroon.")]
    fouten = []
    for pad in waarde:
        try:
            selectie([pad], PERSOON_BEPERKT if beperkt else PERSOON)
        except OngeldigVeld as exc:
            toegestaan = exc.code != "nietToegestaan"
            reden = (
                "Parameter bevat een niet bestaande veldnaam"
                if toegestaan
                else "Parameter bevat een niet toegestane veldnaam"
            )
            if _VELDNAAM_IN_REDEN.match(pad):
                reden += f", {pad}"
            fouten.append(_fout("fields", "fields", reden + "."))
    if fouten:
        return {}, fouten
    return selectie(waarde, PERSOON_BEPERKT if beperkt else PERSOON), []


def controleer(body: Any) -> Verzoek:
    """The checked request, or VerzoekFout with every problem found."""
    if not isinstance(body, dict):
        raise VerzoekFout(
            TITEL_VALIDATIE, "paramsValidation", [_fout("body", "object", "Geen object.")]
        )
    zoektype = body.get("type")
    if zoektype is None:
        raise VerzoekFout(
            TITEL_COMBINATIE,
            "paramsCombination",
            [_fout("type", "required", "Parameter is verplicht.")],
        )
    if zoektype not in ALLE_ZOEKTYPEN:
        raise VerzoekFout(
            TITEL_VALIDATIE, "paramsValidation", [_fout("type", "value", "Onbekend zoektype.")]
        )
    if zoektype not in PARAMETERS:
        raise VerzoekFout(
            TITEL_VALIDATIE,
            "paramsValidation",
            [_fout("type", "value", "Zoektype wordt niet ondersteund door de lokale BRP.")],
        )
    verplicht, optioneel = PARAMETERS[zoektype]
    ontbrekend = sorted({"fields", *verplicht} - body.keys())
    if ontbrekend:
        raise VerzoekFout(
            TITEL_COMBINATIE,
            "paramsCombination",
            [_fout(naam, "required", "Parameter is verplicht.") for naam in ontbrekend],
        )
    fouten = [
        _fout(naam, "unknownParam", "Parameter is niet verwacht.")
        for naam in sorted(body.keys() - {"type", "fields", *verplicht, *optioneel})
    ]
    for naam in sorted(body.keys() & (verplicht | optioneel)):
        fout = _controleer_parameter(naam, body[naam])
        if fout:
            fouten.append(fout)
    keuze, veldfouten = _controleer_velden(
        body["fields"], zoektype != RAADPLEEG_MET_BURGERSERVICENUMMER
    )
    fouten += veldfouten
    if fouten:
        raise VerzoekFout(TITEL_VALIDATIE, "paramsValidation", fouten)
    parameters = {k: v for k, v in body.items() if k not in ("type", "fields")}
    return Verzoek(type=zoektype, velden=keuze, parameters=parameters)
