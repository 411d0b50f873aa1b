"""Simulation: triage a past month with a (draft) rule set and count the results per tray,
channel, team and rule, with the capacity use, to compare against the active rule set."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .capaciteit import (
    Capaciteit,
    Capaciteitsgebruik,
    Capaciteitsverdeling,
    Planzaak,
    ZaakId,
    capaciteit_verdelen,
)
from .feiten import Zaakfeiten
from .regelsets import TERUGVALNAAM, Regelset, Triageresultaat, trieren
from .teams import Teamindeling
from .teksten import Weergave

GEEN = ""  # the key for 'no team' and 'no contact' in the counts


@dataclass(frozen=True)
class Triagezaak:
    zaak_id: ZaakId
    feiten: Zaakfeiten


@dataclass(frozen=True)
class Simulatieoverzicht:
    """Counts of cases. `per_kanaal`: cases whose planned approach uses the channel;
    `per_eerste_kanaal`: cases by the channel they are approached with first."""

    aantal_zaken: int
    per_bakje: dict[str, int]
    per_eerste_kanaal: dict[str, int]
    per_kanaal: dict[str, int]
    per_team: dict[str, int]
    per_regel: dict[str, int]
    uitgeweken: int
    capaciteit: tuple[Capaciteitsgebruik, ...]


@dataclass(frozen=True)
class Simulatie:
    resultaten: dict[ZaakId, Triageresultaat]
    verdeling: Capaciteitsverdeling
    overzicht: Simulatieoverzicht


def simuleren(
    zaken: Iterable[Triagezaak],
    regelset: Regelset,
    *,
    teamindeling: Teamindeling | None = None,
    capaciteiten: Iterable[Capaciteit] = (),
    weergave: Weergave | None = None,
) -> Simulatie:
    """Triage every case, then plan them against the capacity (with the rule set's priority
    weights and overflow rules)."""
    zaken = list(zaken)
    resultaten = {z.zaak_id: trieren(z.feiten, regelset, teamindeling, weergave) for z in zaken}
    verdeling = capaciteit_verdelen(
        [
            Planzaak(
                z.zaak_id, z.feiten, resultaten[z.zaak_id].uitkomst, resultaten[z.zaak_id].team
            )
            for z in zaken
        ],
        capaciteiten,
        weging=regelset.weging,
        uitwijkregels=regelset.uitwijkregels,
        weergave=weergave,
    )
    overzicht = overzicht_maken(resultaten, verdeling, regelset)
    return Simulatie(resultaten, verdeling, overzicht)


def overzicht_maken(
    resultaten: Mapping[ZaakId, Triageresultaat],
    verdeling: Capaciteitsverdeling,
    regelset: Regelset | None = None,
) -> Simulatieoverzicht:
    """Counts for a set of triaged and planned cases. With `regelset`, every rule appears in
    `per_regel` (in rule order), also those that matched no case."""
    per_regel: Counter[str] = Counter()
    if regelset is not None:
        per_regel.update({r.naam: 0 for r in regelset.regels} | {TERUGVALNAAM: 0})
    per_regel.update(r.regelnaam for r in resultaten.values())
    planningen = verdeling.planningen
    return Simulatieoverzicht(
        aantal_zaken=len(resultaten),
        per_bakje=_gesorteerd(Counter(r.uitkomst.bakje for r in resultaten.values())),
        per_eerste_kanaal=_gesorteerd(Counter(p.eerste_kanaal or GEEN for p in planningen)),
        per_kanaal=_gesorteerd(Counter(k for p in planningen for k in p.kanalen)),
        per_team=_gesorteerd(Counter(r.team or GEEN for r in resultaten.values())),
        per_regel=dict(per_regel),
        uitgeweken=sum(1 for p in planningen if p.uitgeweken),
        capaciteit=verdeling.gebruik,
    )


def _gesorteerd(telling: Counter[str]) -> dict[str, int]:
    return dict(sorted(telling.items()))


@dataclass(frozen=True)
class Verschil:
    """One count in the draft next to the active rule set. `onderdeel`: bakje,
    eerste_kanaal, kanaal, team, regel or capaciteit (sleutel 'team/kanaal', planned cases)."""

    onderdeel: str
    sleutel: str
    concept: int
    actief: int

    @property
    def verschil(self) -> int:
        return self.concept - self.actief


def overzichten_vergelijken(
    concept: Simulatieoverzicht, actief: Simulatieoverzicht
) -> tuple[Verschil, ...]:
    """Every count of either overview, side by side (missing counts are 0)."""
    verschillen: list[Verschil] = []
    for onderdeel in ("bakje", "eerste_kanaal", "kanaal", "team", "regel"):
        links = getattr(concept, f"per_{onderdeel}")
        rechts = getattr(actief, f"per_{onderdeel}")
        for sleutel in dict.fromkeys([*links, *rechts]):
            verschillen.append(
                Verschil(onderdeel, sleutel, links.get(sleutel, 0), rechts.get(sleutel, 0))
            )
    links = {_capaciteitssleutel(c): c.gepland for c in concept.capaciteit}
    rechts = {_capaciteitssleutel(c): c.gepland for c in actief.capaciteit}
    for sleutel in dict.fromkeys([*links, *rechts]):
        verschillen.append(
            Verschil("capaciteit", sleutel, links.get(sleutel, 0), rechts.get(sleutel, 0))
        )
    return tuple(verschillen)


def _capaciteitssleutel(gebruik: Capaciteitsgebruik) -> str:
    return f"{gebruik.team or GEEN}/{gebruik.kanaal}"
