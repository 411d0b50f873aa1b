"""Rule sets: ordered rules, the first whose conditions all hold decides; otherwise the
fallback outcome (`terugval`). Every rule reads as one Dutch sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .capaciteit import STANDAARD_UITWIJKREGELS, Prioriteitsweging, Uitwijkregel
from .feiten import Zaakfeiten
from .teams import Teamindeling, team_bepalen
from .teksten import GEEN_NAMEN, Weergave, aanhalen, ongeldig, opsomming
from .uitkomsten import Uitkomst
from .voorwaarden import Voorwaarde


@dataclass(frozen=True)
class Regel:
    """All `voorwaarden` must hold (none: the rule always holds)."""

    naam: str
    voorwaarden: tuple[Voorwaarde, ...]
    uitkomst: Uitkomst

    def __post_init__(self) -> None:
        if not isinstance(self.naam, str) or not self.naam.strip():
            raise ongeldig("geef de regel een naam", "naam")
        if len(self.naam) > 100:
            raise ongeldig("de naam van de regel is langer dan 100 tekens", "naam")
        object.__setattr__(self, "naam", self.naam.strip())
        object.__setattr__(self, "voorwaarden", tuple(self.voorwaarden))
        if not all(isinstance(v, Voorwaarde) for v in self.voorwaarden):
            raise ongeldig("elke voorwaarde is een Voorwaarde", "voorwaarden")
        if not isinstance(self.uitkomst, Uitkomst):
            raise ongeldig("geef de regel een uitkomst", "uitkomst")

    @property
    def altijd(self) -> bool:
        return not self.voorwaarden

    def geldt_voor(self, feiten: Zaakfeiten) -> bool:
        return all(v.geldt_voor(feiten) for v in self.voorwaarden)

    def voorwaarden_beschrijven(
        self, weergave: Weergave | None = None, *, bijzin: bool = False
    ) -> str:
        return opsomming(v.beschrijven(weergave, bijzin=bijzin) for v in self.voorwaarden)

    def beschrijven(self, weergave: Weergave | None = None) -> str:
        """'Als de zaak meervoudig is en ..., dan: bakje ‘Huisbezoek’, aanpak ..., team van de
        wijk, termijnen ‘standaard’.'"""
        uitkomst = self.uitkomst.beschrijven(weergave)
        if self.altijd:
            return f"Altijd: {uitkomst}."
        return f"Als {self.voorwaarden_beschrijven(weergave, bijzin=True)}, dan: {uitkomst}."


@dataclass(frozen=True)
class Regelset:
    """A municipality's triage policy: the rules, the fallback outcome and, for capacity, the
    priority weights and the overflow rules."""

    naam: str
    regels: tuple[Regel, ...]
    terugval: Uitkomst
    omschrijving: str = ""
    weging: Prioriteitsweging = field(default_factory=Prioriteitsweging)
    uitwijkregels: tuple[Uitwijkregel, ...] = STANDAARD_UITWIJKREGELS

    def __post_init__(self) -> None:
        if not isinstance(self.naam, str) or not self.naam.strip():
            raise ongeldig("geef de regelset een naam", "naam")
        object.__setattr__(self, "naam", self.naam.strip())
        object.__setattr__(self, "regels", tuple(self.regels))
        object.__setattr__(self, "uitwijkregels", tuple(self.uitwijkregels))
        if not all(isinstance(r, Regel) for r in self.regels):
            raise ongeldig("elke regel is een Regel", "regels")
        if not isinstance(self.terugval, Uitkomst):
            raise ongeldig("geef de regelset een terugvaluitkomst", "terugval")
        if not isinstance(self.weging, Prioriteitsweging):
            raise ongeldig("de weging is een Prioriteitsweging", "weging")
        if not all(isinstance(r, Uitwijkregel) for r in self.uitwijkregels):
            raise ongeldig("elke uitwijkregel is een Uitwijkregel", "uitwijkregels")
        gezien: dict[str, int] = {}
        for nummer, regel in enumerate(self.regels, start=1):
            if regel.naam in gezien:
                raise ongeldig(
                    f"regel {nummer}: de naam {aanhalen(regel.naam)} heeft regel "
                    f"{gezien[regel.naam]} al",
                    f"regels[{nummer - 1}].naam",
                )
            gezien[regel.naam] = nummer

    def beschrijven(self, weergave: Weergave | None = None) -> list[str]:
        """Each rule as a numbered Dutch sentence, then the fallback."""
        regels = [
            f"{nummer}. {aanhalen(regel.naam)}: {regel.beschrijven(weergave)}"
            for nummer, regel in enumerate(self.regels, start=1)
        ]
        regels.append(f"Anders: {self.terugval.beschrijven(weergave)}.")
        return regels

    def waarschuwingen(self) -> list[str]:
        """Rules that can never match because an earlier rule always holds."""
        for nummer, regel in enumerate(self.regels, start=1):
            if regel.altijd:
                later = len(self.regels) - nummer
                gevolg = "de terugvaluitkomst wordt nooit gebruikt"
                if later:
                    gevolg = f"de {later} regel(s) daarna en {gevolg}"
                return [f"Regel {nummer} {aanhalen(regel.naam)} geldt altijd: {gevolg}."]
        return []

    @property
    def teams(self) -> set[str]:
        """The explicit team codes the rules use (to check against the municipality's teams)."""
        uitkomsten = [r.uitkomst for r in self.regels] + [self.terugval]
        return {u.team for u in uitkomsten if u.team is not None}


@dataclass(frozen=True)
class Triageresultaat:
    """The outcome for one case and why: which rule (1-based; None: the fallback)."""

    uitkomst: Uitkomst
    regelnummer: int | None
    regelnaam: str
    redenen: tuple[str, ...]
    uitleg: str
    team: str | None
    teamreden: str

    @property
    def terugval(self) -> bool:
        return self.regelnummer is None

    def naar_dict(self) -> dict[str, Any]:
        """JSON-able, to store with the case (together with the rule set's version)."""
        return {
            "regelnummer": self.regelnummer,
            "regelnaam": self.regelnaam,
            "redenen": list(self.redenen),
            "uitleg": self.uitleg,
            "uitkomst": self.uitkomst.naar_dict(),
            "team": self.team,
            "teamreden": self.teamreden,
        }


TERUGVALNAAM = "Terugval"


def trieren(
    feiten: Zaakfeiten,
    regelset: Regelset,
    teamindeling: Teamindeling | None = None,
    weergave: Weergave | None = None,
) -> Triageresultaat:
    """Apply the first matching rule (or the fallback) and assign the team."""
    weergave = weergave or GEEN_NAMEN
    for nummer, regel in enumerate(regelset.regels, start=1):
        if regel.geldt_voor(feiten):
            redenen = tuple(v.beschrijven(weergave) for v in regel.voorwaarden)
            waarom = opsomming(redenen) if redenen else "deze regel geldt altijd"
            uitleg = f"Regel {nummer} {aanhalen(regel.naam)}: {waarom}."
            return _resultaat(
                feiten, regel.uitkomst, nummer, regel.naam, redenen, uitleg, teamindeling, weergave
            )
    uitleg = "Geen enkele regel was van toepassing: de terugvaluitkomst geldt."
    return _resultaat(
        feiten, regelset.terugval, None, TERUGVALNAAM, (), uitleg, teamindeling, weergave
    )


triëren = trieren  # the spelling of the issue; `trieren` is easier to type


def _resultaat(feiten, uitkomst, nummer, naam, redenen, uitleg, teamindeling, weergave):
    toewijzing = team_bepalen(feiten, uitkomst, teamindeling, weergave)
    return Triageresultaat(
        uitkomst=uitkomst,
        regelnummer=nummer,
        regelnaam=naam,
        redenen=redenen,
        uitleg=uitleg,
        team=toewijzing.team,
        teamreden=toewijzing.reden,
    )


@dataclass(frozen=True)
class Regeltoets:
    """How one rule fared for a case: which conditions did not hold."""

    regelnummer: int
    regelnaam: str
    geldt: bool
    niet_voldaan: tuple[str, ...]


def toetsen(
    feiten: Zaakfeiten, regelset: Regelset, weergave: Weergave | None = None
) -> tuple[Regeltoets, ...]:
    """Every rule checked against the case, to show why earlier rules did not apply."""
    return tuple(
        Regeltoets(
            regelnummer=nummer,
            regelnaam=regel.naam,
            geldt=regel.geldt_voor(feiten),
            niet_voldaan=tuple(
                v.beschrijven(weergave) for v in regel.voorwaarden if not v.geldt_voor(feiten)
            ),
        )
        for nummer, regel in enumerate(regelset.regels, start=1)
    )
