"""Charts as inline SVG, rendered on the server: no JavaScript, nothing the strict CSP blocks
(only presentation attributes, no `style`), readable without colour (values as text, legend
in words) and accessible: every chart is an `img` with a title and a description, and the page
shows the table with the same numbers next to it.

Pure functions: numbers and labels in, an SVG string out; every text is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Colours that stay apart for the common colour-vision deficiencies (Okabe-Ito).
PALET = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
BREEDTE = 720
LETTER = 'font-family="sans-serif" font-size="12"'


@dataclass(frozen=True, slots=True)
class Reeks:
    naam: str
    waarden: Sequence[float]


def getal(waarde: float | int | None) -> str:
    """Dutch notation: 1.234 and 12,5; None as a dash."""
    if waarde is None:
        return "–"
    if isinstance(waarde, int) or float(waarde).is_integer():
        return f"{int(waarde):,}".replace(",", ".")
    return f"{waarde:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _kop(id_: str, titel: str, beschrijving: str, hoogte: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BREEDTE} {hoogte}"'
        f' width="100%" role="img" aria-labelledby="{escape(id_)}-titel {escape(id_)}-omschrijving"'
        f' class="sr-grafiek">'
        f'<title id="{escape(id_)}-titel">{escape(titel)}</title>'
        f'<desc id="{escape(id_)}-omschrijving">{escape(beschrijving)}</desc>'
    )


def _schaal(maximum: float) -> float:
    return maximum if maximum > 0 else 1.0


def staafdiagram(
    *,
    id: str,  # noqa: A002 (the element id prefix)
    titel: str,
    beschrijving: str,
    labels: Sequence[str],
    waarden: Sequence[float | None],
    eenheid: str = "",
) -> str:
    """Horizontal bars, one per label (long Dutch labels fit on the left)."""
    rij, links, rechts = 24, 260, 70
    hoogte = max(1, len(labels)) * rij + 10
    maximum = _schaal(max((w or 0 for w in waarden), default=0))
    ruimte = BREEDTE - links - rechts
    delen = [_kop(id, titel, beschrijving, hoogte)]
    for i, (label, waarde) in enumerate(zip(labels, waarden, strict=True)):
        y = 5 + i * rij
        lengte = ruimte * (waarde or 0) / maximum
        tekst = escape(label if len(label) <= 40 else label[:39] + "…")
        delen.append(
            f'<text x="{links - 6}" y="{y + 16}" text-anchor="end" {LETTER}>{tekst}</text>'
            f'<rect x="{links}" y="{y + 3}" width="{lengte:.1f}" height="{rij - 8}"'
            f' fill="{PALET[0]}"/>'
            f'<text x="{links + lengte + 4:.1f}" y="{y + 16}" {LETTER}>'
            f"{escape(getal(waarde))}{escape(eenheid)}</text>"
        )
    delen.append("</svg>")
    return "".join(delen)


def _assen(labels: Sequence[str], onder: int, links: int, stap: float, maximum: float) -> str:
    delen = [
        f'<line x1="{links}" y1="{onder}" x2="{BREEDTE - 10}" y2="{onder}" stroke="#666"/>',
        f'<text x="{links - 4}" y="{onder}" text-anchor="end" {LETTER}>0</text>',
        f'<text x="{links - 4}" y="20" text-anchor="end" {LETTER}>{escape(getal(maximum))}</text>',
        f'<line x1="{links}" y1="14" x2="{BREEDTE - 10}" y2="14" stroke="#ccc"/>',
    ]
    om = max(1, len(labels) // 12)  # at most about 12 labels on the axis
    for i, label in enumerate(labels):
        if i % om == 0:
            x = links + stap * (i + 0.5)
            delen.append(
                f'<text x="{x:.1f}" y="{onder + 16}" text-anchor="middle" {LETTER}>'
                f"{escape(label)}</text>"
            )
    return "".join(delen)


def _legenda(reeksen: Sequence[Reeks], y: int, streep: bool = False) -> str:
    delen, x = [], 60
    for i, reeks in enumerate(reeksen):
        kleur = PALET[i % len(PALET)]
        if streep:
            delen.append(
                f'<line x1="{x}" y1="{y - 4}" x2="{x + 14}" y2="{y - 4}" stroke="{kleur}"'
                f' stroke-width="3"/>'
            )
        else:
            delen.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{kleur}"/>')
        delen.append(f'<text x="{x + 18}" y="{y}" {LETTER}>{escape(reeks.naam)}</text>')
        x += 30 + 7 * len(reeks.naam)
        if x > BREEDTE - 120:
            x, y = 60, y + 18
    return "".join(delen)


def _legendahoogte(reeksen: Sequence[Reeks]) -> int:
    regels, x = 1, 60
    for reeks in reeksen:
        x += 30 + 7 * len(reeks.naam)
        if x > BREEDTE - 120:
            x, regels = 60, regels + 1
    return 18 * regels + 8


def gestapeld(
    *,
    id: str,  # noqa: A002
    titel: str,
    beschrijving: str,
    labels: Sequence[str],
    reeksen: Sequence[Reeks],
) -> str:
    """Vertical stacked bars: one bar per label (e.g. month), one segment per series."""
    links, onder = 50, 230
    hoogte = onder + 26 + _legendahoogte(reeksen)
    totalen = [sum(r.waarden[i] or 0 for r in reeksen) for i in range(len(labels))]
    maximum = _schaal(max(totalen, default=0))
    stap = (BREEDTE - links - 10) / max(1, len(labels))
    delen = [_kop(id, titel, beschrijving, hoogte), _assen(labels, onder, links, stap, maximum)]
    for i in range(len(labels)):
        y = float(onder)
        for j, reeks in enumerate(reeksen):
            h = (onder - 14) * (reeks.waarden[i] or 0) / maximum
            if h <= 0:
                continue
            y -= h
            delen.append(
                f'<rect x="{links + stap * i + stap * 0.15:.1f}" y="{y:.1f}"'
                f' width="{stap * 0.7:.1f}" height="{h:.1f}" fill="{PALET[j % len(PALET)]}">'
                f"<title>{escape(labels[i])}, {escape(reeks.naam)}: "
                f"{escape(getal(reeks.waarden[i]))}</title></rect>"
            )
    delen.append(_legenda(reeksen, onder + 44))
    delen.append("</svg>")
    return "".join(delen)


def lijndiagram(
    *,
    id: str,  # noqa: A002
    titel: str,
    beschrijving: str,
    labels: Sequence[str],
    reeksen: Sequence[Reeks],
) -> str:
    """One line per series over the labels (e.g. months); missing values break the line."""
    links, onder = 50, 230
    hoogte = onder + 26 + _legendahoogte(reeksen)
    maximum = _schaal(max((w or 0 for r in reeksen for w in r.waarden), default=0))
    stap = (BREEDTE - links - 10) / max(1, len(labels))
    delen = [_kop(id, titel, beschrijving, hoogte), _assen(labels, onder, links, stap, maximum)]
    for j, reeks in enumerate(reeksen):
        kleur = PALET[j % len(PALET)]
        punten = []
        for i, waarde in enumerate(reeks.waarden):
            if waarde is None:
                continue
            x = links + stap * (i + 0.5)
            y = onder - (onder - 14) * waarde / maximum
            punten.append(f"{x:.1f},{y:.1f}")
            delen.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{kleur}">'
                f"<title>{escape(labels[i])}, {escape(reeks.naam)}: {escape(getal(waarde))}"
                "</title></circle>"
            )
        if len(punten) > 1:
            delen.append(
                f'<polyline points="{" ".join(punten)}" fill="none" stroke="{kleur}"'
                f' stroke-width="2"/>'
            )
    delen.append(_legenda(reeksen, onder + 44, streep=True))
    delen.append("</svg>")
    return "".join(delen)
