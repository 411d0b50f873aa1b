"""Pure rules of case handling: deadlines in (working) days, quick entries for contact attempts,
and the next step of the contact strategy. No ORM."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from signaalroute.core.werkdagen import werkdagen_optellen

from .constants import Contactsoort as C
from .constants import Dagdeel as D

# --- deadlines ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Termijn:
    """A number of days, counted as working days (Dutch public holidays) or calendar days.
    A calendar deadline that falls on a weekend or holiday moves to the next working day."""

    dagen: int
    werkdagen: bool = False

    def vanaf(self, datum: dt.date) -> dt.date:
        if self.werkdagen:
            return werkdagen_optellen(datum, self.dagen)
        return werkdagen_optellen(datum + dt.timedelta(days=self.dagen), 0)

    def __str__(self) -> str:
        eenheid = _("werkdagen") if self.werkdagen else _("dagen")
        return f"{self.dagen} {eenheid}"


@dataclass(frozen=True)
class Termijnregels:
    """A municipality's deadlines (BRIEF §4); the defaults are common practice."""

    crisis: Termijn = Termijn(3, werkdagen=True)
    eerste_contact: Termijn = Termijn(14)
    afsluiten: Termijn = Termijn(28)
    waarschuwen: int = 2  # working days before a deadline that it counts as "due soon"

    def eerste_contact_uiterlijk(self, vanaf: dt.date, *, crisis: bool) -> dt.date:
        return (self.crisis if crisis else self.eerste_contact).vanaf(vanaf)

    def afsluiten_uiterlijk(self, vanaf: dt.date) -> dt.date:
        return self.afsluiten.vanaf(vanaf)

    def binnenkort_tot(self, vandaag: dt.date) -> dt.date:
        """Deadlines up to and including this date are "due soon"."""
        return werkdagen_optellen(vandaag, self.waarschuwen)


STANDAARDTERMIJNEN = Termijnregels()


def termijnstand(uiterlijk: dt.date | None, vandaag: dt.date, regels: Termijnregels) -> str:
    """'verlopen', 'binnenkort' or '' for a deadline."""
    if uiterlijk is None:
        return ""
    if uiterlijk < vandaag:
        return "verlopen"
    if uiterlijk <= regels.binnenkort_tot(vandaag):
        return "binnenkort"
    return ""


# --- contact attempts --------------------------------------------------------------------


def dagdeel_van(moment: dt.datetime) -> str:
    if moment.hour < 12:
        return D.OCHTEND
    if moment.hour < 18:
        return D.MIDDAG
    return D.AVOND


@dataclass(frozen=True)
class Snelkeuze:
    """A common contact attempt in one click: e.g. phone, not reached, voicemail, retry
    tomorrow evening."""

    code: str
    label: str
    soort: str
    bereikt: bool
    notitie: str = ""
    vervolg_werkdagen: int | None = None  # None: no follow-up planned
    vervolg_dagdeel: str = ""
    vervolgafspraak: str = ""


SNELKEUZES: tuple[Snelkeuze, ...] = (
    Snelkeuze(
        "voicemail",
        _("Telefoon: niet opgenomen, voicemail ingesproken, morgenavond opnieuw"),
        C.TELEFOON,
        False,
        _("Niet opgenomen, voicemail ingesproken."),
        1,
        D.AVOND,
        _("Opnieuw bellen"),
    ),
    Snelkeuze(
        "geen_gehoor",
        _("Telefoon: geen gehoor, overmorgen ochtend opnieuw"),
        C.TELEFOON,
        False,
        _("Geen gehoor."),
        2,
        D.OCHTEND,
        _("Opnieuw bellen"),
    ),
    Snelkeuze(
        "niet_thuis",
        _("Huisbezoek: niet thuis, ander moment opnieuw"),
        C.HUISBEZOEK,
        False,
        _("Niet thuis getroffen."),
        2,
        "",
        _("Opnieuw langsgaan op een andere dag en ander dagdeel"),
    ),
    Snelkeuze(
        "kaartje",
        _("Kaartje achtergelaten"),
        C.KAARTJE,
        False,
        _("Kaartje in de brievenbus achtergelaten."),
        5,
        "",
        _("Nagaan of er gereageerd is"),
    ),
    Snelkeuze(
        "gesprek",
        _("Telefoon: gesprek gevoerd"),
        C.TELEFOON,
        True,
        _("Gesprek gevoerd."),
    ),
)
SNELKEUZE = {s.code: s for s in SNELKEUZES}


def vervolgdatum(vandaag: dt.date, werkdagen: int) -> dt.date:
    return werkdagen_optellen(vandaag, werkdagen)


@dataclass(frozen=True)
class Poging:
    """What the strategy needs of an earlier attempt."""

    soort: str
    datum: dt.date
    dagdeel: str
    bereikt: bool


@dataclass(frozen=True)
class Stapadvies:
    kanaal: str
    tekst: str


# Channels where the moment matters: try other weekdays and other parts of the day.
_MOMENTKANALEN = {C.HUISBEZOEK, C.TELEFOON}
_WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def volgende_stap(
    aanpak: Sequence[dict], pogingen: Sequence[Poging], kanaalnaam=lambda k: k
) -> Stapadvies | None:
    """The next step of the triage's contact strategy (`aanpak`: [{'kanaal', 'aantal'}] in
    order) given the attempts so far; None once the household was reached or the plan is done.
    E.g. home visits: 3 attempts on different days and times, then a card."""
    if any(p.bereikt for p in pogingen):
        return None
    gedaan: dict[str, list[Poging]] = {}
    for poging in pogingen:
        gedaan.setdefault(poging.soort, []).append(poging)
    for stap in aanpak:
        kanaal, aantal = stap["kanaal"], stap.get("aantal", 1)
        eerder = gedaan.get(kanaal, [])
        if len(eerder) >= aantal:
            continue
        tekst = str(_("%(kanaal)s: poging %(n)d van %(totaal)d.")) % {
            "kanaal": kanaalnaam(kanaal),
            "n": len(eerder) + 1,
            "totaal": aantal,
        }
        if kanaal in _MOMENTKANALEN and eerder:
            dagen = sorted({_WEEKDAGEN[p.datum.weekday()] for p in eerder}, key=_WEEKDAGEN.index)
            delen = sorted({p.dagdeel for p in eerder if p.dagdeel})
            andere_delen = [d.label.lower() for d in D if d not in delen]
            tekst += " " + str(_("Kies een andere dag dan %(dagen)s")) % {"dagen": ", ".join(dagen)}
            if andere_delen:
                tekst += " " + str(_("en bij voorkeur de %(delen)s")) % {
                    "delen": " of ".join(andere_delen)
                }
            tekst += "."
        return Stapadvies(kanaal, tekst)
    return None
