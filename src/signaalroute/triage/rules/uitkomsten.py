"""The outcome of triage: work tray (bakje), contact approach, team and deadline profile."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from signaalroute.vroegsignaalzaken.constants import Contactsoort

from .teksten import GEEN_NAMEN, Weergave, aanhalen, ongeldig, telwoord

TERMIJNPROFIEL_STANDAARD = "standaard"
TERMIJNPROFIEL_CRISIS = "crisis"  # first contact within 3 working days (BRIEF §4)
MAXIMAAL_AANTAL_POGINGEN = 10
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

# Channel → (one attempt, several attempts) as they read in an approach.
_KANAALTEKSTEN: dict[str, tuple[str, str]] = {
    Contactsoort.BRIEF.value: ("brief", "{n} brieven"),
    Contactsoort.MAIL.value: ("e-mail", "{n} e-mails"),
    Contactsoort.TELEFOON.value: ("bellen", "{n} keer bellen"),
    Contactsoort.HUISBEZOEK.value: ("huisbezoek", "{n} huisbezoeken"),
    Contactsoort.SMS_WHATSAPP.value: ("sms/WhatsApp", "{n} berichten per sms/WhatsApp"),
    Contactsoort.KAARTJE.value: ("kaartje", "{n} kaartjes"),
    Contactsoort.AFSPRAAK_OP_LOCATIE.value: ("afspraak op locatie", "{n} afspraken op locatie"),
    Contactsoort.ADMINISTRATIEF.value: (
        "administratieve afhandeling",
        "{n} keer administratieve afhandeling",
    ),
    Contactsoort.OVERIGE.value: ("ander contact", "{n} keer ander contact"),
}
KANALEN: tuple[str, ...] = tuple(_KANAALTEKSTEN)  # every Contactsoort except 'onbekend'


def kanaalnaam(kanaal: str) -> str:
    """'telefoon' → 'bellen', 'mail' → 'e-mail'."""
    return _KANAALTEKSTEN[kanaal][0]


@dataclass(frozen=True)
class Contactstap:
    """One step of the approach: a channel (`Contactsoort` code) and how many attempts."""

    kanaal: str
    aantal: int = 1

    def __post_init__(self) -> None:
        kanaal = getattr(self.kanaal, "value", self.kanaal)
        if kanaal not in _KANAALTEKSTEN:
            raise ongeldig(
                f"onbekend kanaal {aanhalen(str(kanaal))}; kies uit {', '.join(KANALEN)}", "kanaal"
            )
        object.__setattr__(self, "kanaal", kanaal)
        if isinstance(self.aantal, bool) or not isinstance(self.aantal, int):
            raise ongeldig(
                f"het aantal pogingen moet een heel getal zijn, niet {aanhalen(str(self.aantal))}",
                "aantal",
            )
        if not 1 <= self.aantal <= MAXIMAAL_AANTAL_POGINGEN:
            raise ongeldig(
                f"het aantal pogingen moet tussen 1 en {MAXIMAAL_AANTAL_POGINGEN} liggen", "aantal"
            )

    def beschrijven(self) -> str:
        een, meer = _KANAALTEKSTEN[self.kanaal]
        return een if self.aantal == 1 else meer.format(n=telwoord(self.aantal))


def aanpak_beschrijven(aanpak: Iterable[Contactstap]) -> str:
    """'brief, daarna twee keer bellen, daarna huisbezoek'; 'geen contact' when empty."""
    return ", daarna ".join(stap.beschrijven() for stap in aanpak) or "geen contact"


@dataclass(frozen=True)
class Uitkomst:
    """Where a case goes. `team` None: the team of the case's district (see `teams`);
    an empty `aanpak`: no contact (e.g. already known in debt help)."""

    bakje: str
    aanpak: tuple[Contactstap, ...] = ()
    team: str | None = None
    termijnprofiel: str = TERMIJNPROFIEL_STANDAARD

    def __post_init__(self) -> None:
        if not isinstance(self.bakje, str) or not self.bakje.strip():
            raise ongeldig("geef de naam van het bakje", "bakje")
        if len(self.bakje) > 100:
            raise ongeldig("de naam van het bakje is langer dan 100 tekens", "bakje")
        object.__setattr__(self, "bakje", self.bakje.strip())
        object.__setattr__(self, "aanpak", _aanpak(self.aanpak))
        if self.team is not None:
            if not isinstance(self.team, str) or not self.team.strip():
                raise ongeldig(
                    "geef een teamcode, of laat het team leeg voor het team van de wijk", "team"
                )
            object.__setattr__(self, "team", self.team.strip())
        if not isinstance(self.termijnprofiel, str) or not _CODE.match(self.termijnprofiel):
            raise ongeldig(
                f"termijnprofiel {aanhalen(str(self.termijnprofiel))} is geen geldige code "
                "(kleine letters, cijfers, - en _)",
                "termijnprofiel",
            )

    @property
    def kanalen(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(stap.kanaal for stap in self.aanpak))

    @property
    def eerste_kanaal(self) -> str | None:
        return self.aanpak[0].kanaal if self.aanpak else None

    def beschrijven(self, weergave: Weergave | None = None) -> str:
        """'bakje ‘Huisbezoek’, aanpak brief, daarna huisbezoek, team van de wijk, termijnen
        ‘standaard’'."""
        weergave = weergave or GEEN_NAMEN
        team = (
            "team van de wijk"
            if self.team is None
            else f"team {aanhalen(weergave.team(self.team))}"
        )
        return (
            f"bakje {aanhalen(self.bakje)}, aanpak {aanpak_beschrijven(self.aanpak)}, "
            f"{team}, termijnen {aanhalen(self.termijnprofiel)}"
        )

    def naar_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "bakje": self.bakje,
            "aanpak": [
                {"kanaal": s.kanaal} if s.aantal == 1 else {"kanaal": s.kanaal, "aantal": s.aantal}
                for s in self.aanpak
            ],
        }
        if self.team is not None:
            data["team"] = self.team
        data["termijnprofiel"] = self.termijnprofiel
        return data


def _aanpak(stappen: Any) -> tuple[Contactstap, ...]:
    if isinstance(stappen, str) or not isinstance(stappen, Iterable):
        raise ongeldig("de aanpak is een lijst van stappen", "aanpak")
    stappen = tuple(stappen)
    for stap in stappen:
        if not isinstance(stap, Contactstap):
            raise ongeldig("elke stap van de aanpak is een Contactstap", "aanpak")
    return stappen
