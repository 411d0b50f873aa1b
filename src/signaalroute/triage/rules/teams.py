"""Which team gets a case: the rule's explicit team, else youth workers for young adults,
else the team of the district, else a default team."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .feiten import Zaakfeiten
from .teksten import GEEN_NAMEN, Weergave, aanhalen, ongeldig
from .uitkomsten import Uitkomst

JONGEREN_VANAF = 18
JONGEREN_TOT_EN_MET = 27


@dataclass(frozen=True)
class Teamindeling:
    """A municipality's team assignment. `wijkteams`: district code → team code;
    `jongerenteam`: the youth workers' team for residents aged `jongeren_vanaf` up to and
    including `jongeren_tot_en_met` (off when None); `standaardteam`: when no other team fits."""

    wijkteams: Mapping[str, str] = field(default_factory=dict)
    jongerenteam: str | None = None
    jongeren_vanaf: int = JONGEREN_VANAF
    jongeren_tot_en_met: int = JONGEREN_TOT_EN_MET
    standaardteam: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.jongeren_vanaf <= self.jongeren_tot_en_met:
            raise ongeldig(
                "de leeftijdsgrenzen voor jongeren kloppen niet: de ondergrens moet tussen 0 "
                "en de bovengrens liggen",
                "jongeren_vanaf",
            )


@dataclass(frozen=True)
class Teamtoewijzing:
    team: str | None
    reden: str


def team_bepalen(
    feiten: Zaakfeiten,
    uitkomst: Uitkomst,
    indeling: Teamindeling | None = None,
    weergave: Weergave | None = None,
) -> Teamtoewijzing:
    """The team for a case and why, in Dutch. The reason never shows the exact age."""
    indeling = indeling or Teamindeling()
    weergave = weergave or GEEN_NAMEN
    if uitkomst.team is not None:
        naam = aanhalen(weergave.team(uitkomst.team))
        return Teamtoewijzing(uitkomst.team, f"Team {naam} volgens de triageregel.")
    if (
        indeling.jongerenteam is not None
        and feiten.leeftijd is not None
        and indeling.jongeren_vanaf <= feiten.leeftijd <= indeling.jongeren_tot_en_met
    ):
        naam = aanhalen(weergave.team(indeling.jongerenteam))
        return Teamtoewijzing(
            indeling.jongerenteam,
            f"De inwoner is tussen {indeling.jongeren_vanaf} en {indeling.jongeren_tot_en_met} "
            f"jaar: jongerenteam {naam}.",
        )
    if feiten.wijk is not None and feiten.wijk in indeling.wijkteams:
        team = indeling.wijkteams[feiten.wijk]
        return Teamtoewijzing(
            team,
            f"Team van de wijk {aanhalen(weergave.wijk(feiten.wijk))}: "
            f"{aanhalen(weergave.team(team))}.",
        )
    waarom = "De wijk is onbekend" if feiten.wijk is None else "De wijk heeft geen team"
    if indeling.standaardteam is not None:
        return Teamtoewijzing(
            indeling.standaardteam,
            f"{waarom}: standaardteam {aanhalen(weergave.team(indeling.standaardteam))}.",
        )
    return Teamtoewijzing(None, f"{waarom} en er is geen standaardteam: nog geen team.")
