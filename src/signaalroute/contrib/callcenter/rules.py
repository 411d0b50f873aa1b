"""Pure rules of the callcenter loop: reading one result row (date, time, reached, phone number
found, note), the part of the day of a call, and how a phone number is written on a call list.

No ORM: whether the reference belongs to the round and the case is still open is checked by
the service, which adds its reasons to the same list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import phonenumbers

from signaalroute.aanleveringen.velden import Veldfout, datum_parsen, echo, telefoonnummer_parsen
from signaalroute.vroegsignaalzaken.constants import Dagdeel

from .constants import OPMERKINGEN, REDENEN

MAX_NOTITIE = 500
MAX_REFERENTIE = 20  # Vroegsignaalzaak.referentie

# The columns of a results file: field -> accepted column names (compared after
# `kolomnaam_normaliseren`: case, spaces, dashes and underscores do not matter).
KOLOMNAMEN: dict[str, tuple[str, ...]] = {
    "belronde": ("belronde", "belrondecode", "code belronde"),
    "referentie": ("referentie", "zaakreferentie", "zaak", "zaaknummer", "kenmerk"),
    "datum": ("datum", "datum poging", "beldatum", "datum gebeld"),
    "tijd": ("tijd", "tijdstip", "beltijd", "tijd poging"),
    "bereikt": ("bereikt", "contact", "contact gehad", "bereikt ja nee"),
    "gevonden_telefoonnummer": (
        "gevonden telefoonnummer",
        "gevonden nummer",
        "nieuw telefoonnummer",
        "telefoonnummer gevonden",
    ),
    "notitie": ("notitie", "opmerking", "toelichting", "resultaat toelichting"),
}
VERPLICHTE_KOLOMMEN = ("referentie", "datum", "tijd", "bereikt")
RESULTAATVELDEN = ("datum", "tijd", "bereikt", "gevonden_telefoonnummer", "notitie")

_JA = frozenset({"ja", "j", "yes", "y", "true", "waar", "1"})
_NEE = frozenset({"nee", "n", "no", "false", "onwaar", "0"})
_TIJD = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2})(?:[.,]\d+)?)?")
_DATUMTIJD = re.compile(r"(.+?)[ T](\d{1,2}:\d{2}(?::\d{2})?)")


@dataclass(frozen=True)
class Melding:
    code: str
    bericht: str

    def als_dict(self) -> dict[str, str]:
        return {"code": self.code, "bericht": self.bericht}


def melding(code: str, bericht: str = "") -> Melding:
    return Melding(code, bericht or REDENEN.get(code) or OPMERKINGEN[code])


@dataclass(frozen=True)
class Rijcontext:
    """What a row is checked against: the round's code, the day it was exported, and now."""

    belronde: str
    exportdatum: dt.date
    nu: dt.datetime  # local, naive


@dataclass
class Rijuitkomst:
    rijnummer: int
    leeg: bool = False
    meldingen: list[Melding] = field(default_factory=list)
    referentie: str = ""
    datum: dt.date | None = None
    tijd: dt.time | None = None
    bereikt: bool | None = None
    telefoonnummer: str = ""  # E.164
    notitie: str = ""

    @property
    def afgewezen(self) -> bool:
        return bool(self.meldingen)


def tijd_parsen(waarde: str) -> dt.time:
    """`14:30`, `9.05`, `14:30:00`, a date-time `2025-03-01 14:30`, or the fraction of a day a
    spreadsheet stores (`0.604166`)."""
    tekst = waarde.strip()
    if m := _DATUMTIJD.fullmatch(tekst):
        tekst = m.group(2)
    if m := _TIJD.fullmatch(tekst):
        uur, minuut = int(m.group(1)), int(m.group(2))
        if uur < 24 and minuut < 60:
            return dt.time(uur, minuut)
    else:
        try:
            fractie = float(tekst.replace(",", "."))
        except ValueError:
            fractie = -1.0
        if 0 <= fractie < 1 and "." in tekst.replace(",", "."):
            minuten = round(fractie * 24 * 60)
            if minuten < 24 * 60:
                return dt.time(minuten // 60, minuten % 60)
    raise Veldfout(
        "tijd_ongeldig",
        f"Tijd '{echo(waarde)}' is geen geldige tijd (verwacht: UU:MM, bijvoorbeeld 14:30).",
    )


def bereikt_parsen(waarde: str) -> bool:
    tekst = waarde.strip().lower().rstrip(".")
    if tekst in _JA:
        return True
    if tekst in _NEE:
        return False
    raise Veldfout("bereikt_ongeldig", f"Bereikt '{echo(waarde)}' is niet ja of nee.")


def dagdeel_bij_tijd(tijd: dt.time) -> str:
    """Morning before 12:00, afternoon until 18:00, evening from 18:00."""
    if tijd.hour < 12:
        return Dagdeel.OCHTEND
    if tijd.hour < 18:
        return Dagdeel.MIDDAG
    return Dagdeel.AVOND


def _datum_en_tijd(uitkomst: Rijuitkomst, rij: Mapping[str, str], context: Rijcontext) -> None:
    datumtekst, tijdtekst = rij.get("datum", ""), rij.get("tijd", "")
    if not tijdtekst and (m := _DATUMTIJD.fullmatch(datumtekst)):
        tijdtekst = m.group(2)  # one cell "01-03-2025 14:30"
    if not datumtekst:
        uitkomst.meldingen.append(melding("datum_ontbreekt"))
    else:
        try:
            uitkomst.datum = datum_parsen(datumtekst)
        except Veldfout as fout:
            uitkomst.meldingen.append(melding("datum_ongeldig", fout.bericht))
    if not tijdtekst:
        uitkomst.meldingen.append(melding("tijd_ontbreekt"))
    else:
        try:
            uitkomst.tijd = tijd_parsen(tijdtekst)
        except Veldfout as fout:
            uitkomst.meldingen.append(melding("tijd_ongeldig", fout.bericht))
    if uitkomst.datum is None:
        return
    moment = dt.datetime.combine(uitkomst.datum, uitkomst.tijd or dt.time(0))
    if moment > context.nu:
        uitkomst.meldingen.append(
            melding(
                "datum_toekomst",
                f"De poging ({uitkomst.datum:%d-%m-%Y}"
                + (f" {uitkomst.tijd:%H:%M}" if uitkomst.tijd else "")
                + ") ligt in de toekomst.",
            )
        )
    elif uitkomst.datum < context.exportdatum:
        uitkomst.meldingen.append(
            melding(
                "datum_voor_export",
                f"De datum {uitkomst.datum:%d-%m-%Y} ligt voor de export van de belronde "
                f"({context.exportdatum:%d-%m-%Y}).",
            )
        )


def resultaatrij_valideren(
    rij: Mapping[str, str], *, context: Rijcontext, rijnummer: int
) -> Rijuitkomst:
    """Check one row of a results file; every problem is reported, not only the first. A row
    without date, time and reached is `leeg` (the household was not called)."""
    uitkomst = Rijuitkomst(rijnummer=rijnummer)
    if not any(rij.get(veld, "") for veld in ("datum", "tijd", "bereikt")):
        uitkomst.leeg = True
        uitkomst.referentie = rij.get("referentie", "")[:MAX_REFERENTIE]
        return uitkomst

    ronde = rij.get("belronde", "")
    if ronde and ronde.upper() != context.belronde.upper():
        uitkomst.meldingen.append(
            melding(
                "andere_belronde",
                f"De regel hoort bij belronde '{echo(ronde, 20)}', niet bij {context.belronde}.",
            )
        )
    referentie = rij.get("referentie", "")
    if not referentie:
        uitkomst.meldingen.append(melding("referentie_ontbreekt"))
    elif len(referentie) > MAX_REFERENTIE:
        uitkomst.meldingen.append(
            melding(
                "referentie_onbekend",
                f"Zaakreferentie '{echo(referentie, 25)}' hoort niet bij deze belronde.",
            )
        )
    else:
        uitkomst.referentie = referentie

    _datum_en_tijd(uitkomst, rij, context)

    if not (tekst := rij.get("bereikt", "")):
        uitkomst.meldingen.append(melding("bereikt_ontbreekt"))
    else:
        try:
            uitkomst.bereikt = bereikt_parsen(tekst)
        except Veldfout as fout:
            uitkomst.meldingen.append(melding("bereikt_ongeldig", fout.bericht))

    if tekst := rij.get("gevonden_telefoonnummer", ""):
        nummer, geldig = telefoonnummer_parsen(tekst)
        if geldig:
            uitkomst.telefoonnummer = nummer
        else:  # the value is personal data: not repeated in the message
            uitkomst.meldingen.append(melding("telefoon_ongeldig"))

    notitie = rij.get("notitie", "")
    if len(notitie) > MAX_NOTITIE:
        uitkomst.meldingen.append(
            melding(
                "notitie_te_lang",
                f"De notitie heeft {len(notitie)} tekens; het maximum is {MAX_NOTITIE}.",
            )
        )
    else:
        uitkomst.notitie = notitie
    return uitkomst


def pogingnotitie(notitie: str, belronde: str) -> str:
    """The note on the contact attempt: where it came from, then the callcenter's own words."""
    kop = f"Callcenter (belronde {belronde})"
    return f"{kop}: {notitie}" if notitie else f"{kop}."


def belnummer(e164: str) -> str:
    """A number as a callcenter in the Netherlands dials it: `06 12345678`, `020 123 4567`;
    foreign numbers with 00 (`00 32 470 12 34 56`), so no cell starts with '+'."""
    try:
        nummer = phonenumbers.parse(e164, "NL")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_out_of_country_calling_number(nummer, "NL")
