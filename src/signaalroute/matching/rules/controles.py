"""Which signals are not picked up, and why (BRIEF §4-§5): pure rules, no ORM.

- an address on the municipality's exclusion list (unsafe addresses) or a legal person:
  "Niet opgepakt: andere reden" (the reason stays internal);
- the same partner about the same arrears again, with an amount not higher than before, within
  the look-back: "Niet opgepakt: herhaalde melding";
- below the municipality's threshold or window for the partner type: "Niet opgepakt:
  onterecht signaal".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

ANDERE_REDEN = "niet_opgepakt_andere_reden"
HERHAALD = "niet_opgepakt_herhaald"
ONTERECHT = "niet_opgepakt_onterecht"
TERUGKIJKEN_DAGEN = 183


@dataclass(frozen=True)
class Drempel:
    """A municipality's threshold for one partner type (amounts in cents)."""

    minimum_bedrag: int = 0
    minimale_achterstand_dagen: int = 0


@dataclass(frozen=True)
class Signaalfeiten:
    soort: str
    bedrag: int
    ontstaansdatum: datetime.date
    signaaldatum: datetime.date
    rechtspersoon: bool = False
    crisis: bool = False  # crisis, eindelevering and warme overdracht are never held back


@dataclass(frozen=True)
class Eerder:
    """An earlier signal of the same partner about the same arrears."""

    bedrag: int
    signaaldatum: datetime.date


@dataclass(frozen=True)
class Besluit:
    status: str
    reden: str


def signaal_beoordelen(
    feiten: Signaalfeiten,
    *,
    drempels: dict[str, Drempel],
    uitgesloten: bool,
    eerder: list[Eerder],
    terugkijken_dagen: int = TERUGKIJKEN_DAGEN,
) -> Besluit | None:
    """The status a signal gets instead of being picked up, or None (it goes on)."""
    if uitgesloten:
        return Besluit(ANDERE_REDEN, "Adres staat op de uitsluitingslijst van de gemeente.")
    if feiten.rechtspersoon:
        return Besluit(ANDERE_REDEN, "Signaal over een rechtspersoon.")
    grens = feiten.signaaldatum - datetime.timedelta(days=terugkijken_dagen)
    for vorig in eerder:
        if grens <= vorig.signaaldatum <= feiten.signaaldatum and feiten.bedrag <= vorig.bedrag:
            return Besluit(
                HERHAALD,
                f"Dezelfde achterstand is op {vorig.signaaldatum:%d-%m-%Y} al gemeld met een "
                "even hoog of hoger bedrag.",
            )
    if feiten.crisis:
        return None
    drempel = drempels.get(feiten.soort) or drempels.get("")
    if drempel is not None:
        if feiten.bedrag < drempel.minimum_bedrag:
            return Besluit(
                ONTERECHT,
                f"Bedrag onder de drempel van de gemeente (€ {drempel.minimum_bedrag / 100:.2f}).",
            )
        dagen = (feiten.signaaldatum - feiten.ontstaansdatum).days
        if dagen < drempel.minimale_achterstand_dagen:
            return Besluit(
                ONTERECHT,
                f"Achterstand korter dan {drempel.minimale_achterstand_dagen} dagen.",
            )
    return None
