"""Reporting rules: pure functions, no ORM.

- `Periode`: the reporting period, both ends inclusive, with the presets of the dashboards.
- `resultaatgroep`: the four result groups of the Divosa/NVVK/VNG study ("Signaalreis
  vroegsignalering", 2023) that every DDAS end result falls into.
- `percentage`, `per_duizend`, `mediaan`: the arithmetic, in one place.
- `onderdrukken`: small-cell suppression for the platform-wide view.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.vroegsignaalzaken.constants import Eindresultaat as E
from signaalroute.vroegsignaalzaken.workflow import HULP_GEACCEPTEERD, NIET_OPGEPAKT

# A cell of the platform-wide view smaller than this (but not 0) is never shown.
KLEINSTE_CEL = 5
ONDERDRUKT = "<5"
# The longest period a dashboard accepts (a report over more years is a year evaluation).
LANGSTE_PERIODE_DAGEN = 5 * 366


# --- the period -----------------------------------------------------------------------------


def maandbegin(datum: datetime.date) -> datetime.date:
    return datum.replace(day=1)


def volgende_maand(maand: datetime.date) -> datetime.date:
    return (maand.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


@dataclass(frozen=True, slots=True)
class Periode:
    """A reporting period from `van` up to and including `tot`."""

    van: datetime.date
    tot: datetime.date

    def __post_init__(self) -> None:
        if self.van > self.tot:
            raise ValueError("Het begin van de periode ligt na het einde.")

    @property
    def dagen(self) -> int:
        return (self.tot - self.van).days + 1

    def maanden(self) -> list[datetime.date]:
        """The first day of every calendar month the period touches, oldest first."""
        maand, laatste, maanden = maandbegin(self.van), maandbegin(self.tot), []
        while maand <= laatste:
            maanden.append(maand)
            maand = volgende_maand(maand)
        return maanden

    def __str__(self) -> str:
        return f"{self.van:%d-%m-%Y} t/m {self.tot:%d-%m-%Y}"


class Voorkeuze(models.TextChoices):
    DEZE_MAAND = "deze_maand", _("Deze maand")
    VORIGE_MAAND = "vorige_maand", _("Vorige maand")
    LAATSTE_12_MAANDEN = "laatste_12_maanden", _("Laatste 12 maanden")
    DIT_JAAR = "dit_jaar", _("Dit jaar")


def voorkeuze_periode(voorkeuze: str, vandaag: datetime.date) -> Periode:
    """The period of a preset as seen on `vandaag`. This month and this year run up to and
    including today; the last 12 months are today's month (up to today) and the 11 before."""
    if voorkeuze == Voorkeuze.DEZE_MAAND:
        return Periode(maandbegin(vandaag), vandaag)
    if voorkeuze == Voorkeuze.VORIGE_MAAND:
        einde = maandbegin(vandaag) - datetime.timedelta(days=1)
        return Periode(maandbegin(einde), einde)
    if voorkeuze == Voorkeuze.LAATSTE_12_MAANDEN:
        begin = maandbegin(vandaag)
        for _i in range(11):
            begin = maandbegin(begin - datetime.timedelta(days=1))
        return Periode(begin, vandaag)
    if voorkeuze == Voorkeuze.DIT_JAAR:
        return Periode(datetime.date(vandaag.year, 1, 1), vandaag)
    raise ValueError(f"Onbekende voorkeuze: {voorkeuze}")


STANDAARD_VOORKEUZE = Voorkeuze.LAATSTE_12_MAANDEN


def periode_kiezen(
    *, voorkeuze: str | None, van: str | None, tot: str | None, vandaag: datetime.date
) -> tuple[Periode, str | None]:
    """The period a user asked for (query parameters), and an error message when the request
    could not be honoured (the default period is used then). `van`/`tot` (ISO dates) win over
    a preset."""
    standaard = voorkeuze_periode(STANDAARD_VOORKEUZE, vandaag)
    if van or tot:
        try:
            begin = datetime.date.fromisoformat(van or "")
            einde = datetime.date.fromisoformat(tot or "")
        except ValueError:
            return standaard, str(_("Vul een geldige begin- en einddatum in."))
        if begin > einde:
            return standaard, str(_("De begindatum ligt na de einddatum."))
        if (einde - begin).days + 1 > LANGSTE_PERIODE_DAGEN:
            return standaard, str(_("Kies een periode van hoogstens vijf jaar."))
        return Periode(begin, einde), None
    if voorkeuze:
        if voorkeuze not in Voorkeuze.values:
            return standaard, str(_("Onbekende periode."))
        return voorkeuze_periode(voorkeuze, vandaag), None
    return standaard, None


# --- result groups (the study) ----------------------------------------------------------------


class Resultaatgroep(models.TextChoices):
    """The result columns of the study, plus the cases that are still open."""

    NIET_OPGEPAKT = "niet_opgepakt", _("Niet opgepakt / al bekend")
    NIET_BEREIKT = "niet_bereikt", _("Niet bereikt")
    BEREIKT_GEEN_HULP = "bereikt_geen_hulp", _("Wel bereikt, geen hulp geaccepteerd")
    HULP_GEACCEPTEERD = "hulp_geaccepteerd", _("Hulp geaccepteerd")
    OPEN = "open", _("Nog open")


# "Help accepted": the results a concrete step gives, and the generic v1.2 result that older
# (imported) cases may carry.
HULP = frozenset(HULP_GEACCEPTEERD | {E.VERVOLGHULP})
_GROEP: dict[str, str] = {
    **dict.fromkeys(NIET_OPGEPAKT, Resultaatgroep.NIET_OPGEPAKT),
    E.ANDER_TRAJECT: Resultaatgroep.NIET_OPGEPAKT,
    E.GEEN_CONTACT: Resultaatgroep.NIET_BEREIKT,
    E.VERWIJZING_ZONDER_INWONER: Resultaatgroep.NIET_BEREIKT,
    E.GEEN_REACTIE: Resultaatgroep.BEREIKT_GEEN_HULP,
    E.HOEFT_GEEN_HULP: Resultaatgroep.BEREIKT_GEEN_HULP,
    E.ZELF_BETAALD: Resultaatgroep.BEREIKT_GEEN_HULP,
    **dict.fromkeys(HULP, Resultaatgroep.HULP_GEACCEPTEERD),
}


def resultaatgroep(eindresultaat: str | None) -> str:
    """The study's group of a DDAS end result; no result yet: `open`."""
    if not eindresultaat:
        return Resultaatgroep.OPEN
    return _GROEP[eindresultaat]


# --- arithmetic -------------------------------------------------------------------------------


def percentage(deel: int, geheel: int) -> float | None:
    """`deel` as a percentage of `geheel`, rounded to one decimal; None when `geheel` is 0."""
    if not geheel:
        return None
    return round(100 * deel / geheel, 1)


def per_duizend(aantal: int, inwoners: int) -> float | None:
    """`aantal` per 1,000 inhabitants, rounded to two decimals."""
    if not inwoners:
        return None
    return round(1000 * aantal / inwoners, 2)


def mediaan(verdeling: Mapping[int, int]) -> float | None:
    """The median of values given as {value: how often} (a histogram the database computed);
    None when empty. With an even count, the mean of the two middle values."""
    totaal = sum(verdeling.values())
    if not totaal:
        return None
    midden = [(totaal - 1) // 2, totaal // 2]  # 0-based ranks of the middle value(s)
    gevonden: list[int] = []
    gezien = 0
    for waarde in sorted(verdeling):
        aantal = verdeling[waarde]
        for rang in midden:
            if gezien <= rang < gezien + aantal:
                gevonden.append(waarde)
        gezien += aantal
    return sum(gevonden) / 2


# --- small-cell suppression -------------------------------------------------------------------


def is_klein(aantal: int) -> bool:
    """A cell that could point to a few households: 1 to 4 (0 reveals nobody)."""
    return 0 < aantal < KLEINSTE_CEL


def onderdrukken(kolom: list[int]) -> list[int | str]:
    """One column of counts with every small cell replaced by "<5". When exactly one cell is
    suppressed, the next smallest non-zero cell is suppressed too, so the hidden value cannot
    be recovered from a total (secondary suppression)."""
    verborgen = {i for i, aantal in enumerate(kolom) if is_klein(aantal)}
    if len(verborgen) == 1:
        overige = [(aantal, i) for i, aantal in enumerate(kolom) if aantal and i not in verborgen]
        if overige:
            verborgen.add(min(overige)[1])
    return [ONDERDRUKT if i in verborgen else aantal for i, aantal in enumerate(kolom)]
