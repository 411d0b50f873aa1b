"""A table as the dashboard, the exports and the platform view share it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from signaalroute.signaalpartners.rules import maand_label

from .. import grafieken

TEKST, AANTAL, PROCENT, GETAL = "tekst", "aantal", "procent", "getal"


@dataclass(frozen=True, slots=True)
class Kolom:
    naam: str
    soort: str = AANTAL
    # For a percentage or derived number: the column of the same row it is computed from; the
    # platform view hides the value when that count is suppressed.
    basis: int | None = None


@dataclass(frozen=True, slots=True)
class Tabel:
    sleutel: str  # stable: used in export URLs and file names
    titel: str
    toelichting: str
    kolommen: list[Kolom]
    rijen: list[list[Any]]
    grafiek: str = ""  # SVG (escaped by `grafieken`)
    # Percentage tables of a cross table: the count behind every cell (for suppression).
    tellers: list[list[int]] | None = None
    onderdrukt: bool = False

    @property
    def svg(self) -> SafeString:
        return mark_safe(self.grafiek)  # noqa: S308 (built by `grafieken`, all text escaped)

    @property
    def weergave(self) -> list[list[tuple[str, bool]]]:
        """Every cell as (text, is numeric) for the template."""
        return [
            [
                (_tekst(waarde, kolom), kolom.soort != TEKST)
                for waarde, kolom in zip(rij, self.kolommen, strict=True)
            ]
            for rij in self.rijen
        ]

    def export_rijen(self) -> list[list[Any]]:
        return [[("" if w is None else w) for w in rij] for rij in self.rijen]


def _tekst(waarde: Any, kolom: Kolom) -> str:
    if waarde is None:
        return "–"
    if isinstance(waarde, str):
        return waarde
    tekst = grafieken.getal(waarde)
    return f"{tekst}%" if kolom.soort == PROCENT else tekst


def maandnaam(maand) -> str:
    return maand_label(maand)


def maandkort(maand) -> str:
    return f"{maand:%m-%Y}"
