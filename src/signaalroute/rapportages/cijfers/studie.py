"""The tables of the study "Signaalreis vroegsignalering" (Divosa, NVVK, VNG 2023) for any
period, so a municipality can repeat it on all its cases instead of a sample of 66 signals:

- result at the municipality × the contact channel that reached the household;
- result at the municipality × debt development reported by the partner.

Both are cross tables of counts; the study shows column percentages (`Kruistabel.kolom_pct`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery

from signaalroute.terugkoppeling.schuld import Schuldontwikkeling, Schuldontwikkelingcode
from signaalroute.vroegsignaalzaken.constants import Contactsoort, Signaalstatus
from signaalroute.vroegsignaalzaken.models import Contactpoging

from ..rules import Periode, Resultaatgroep, percentage, resultaatgroep
from ._basis import Gemeenten, signalen, zaken

GEEN_CONTACT = "geen_contact"
NIET_GEMELD = "niet_gemeld"


@dataclass(frozen=True, slots=True)
class Kruistabel:
    """Counts per (row, column) code; `rijen` and `kolommen` fix the order (all codes, also
    those with only zeros, so tables of different periods line up)."""

    rijen: list[str]
    kolommen: list[str]
    cellen: dict[tuple[str, str], int]

    def cel(self, rij: str, kolom: str) -> int:
        return self.cellen.get((rij, kolom), 0)

    def rijtotaal(self, rij: str) -> int:
        return sum(self.cel(rij, k) for k in self.kolommen)

    def kolomtotaal(self, kolom: str) -> int:
        return sum(self.cel(r, kolom) for r in self.rijen)

    @property
    def totaal(self) -> int:
        return sum(self.cellen.values())

    def kolom_pct(self, rij: str, kolom: str) -> float | None:
        """The cell as a percentage of its column (the study's presentation)."""
        return percentage(self.cel(rij, kolom), self.kolomtotaal(kolom))

    def rij_pct(self, rij: str, kolom: str) -> float | None:
        return percentage(self.cel(rij, kolom), self.rijtotaal(rij))


RESULTAATGROEPEN = [g.value for g in Resultaatgroep]


def resultaat_per_kanaal(gemeenten: Gemeenten, periode: Periode) -> Kruistabel:
    """The cases of the period: rows are the result groups (`rules.resultaatgroep`), columns
    the channel of the first attempt that reached the household (earliest date, then the
    first registered), or `geen_contact` when no attempt reached it."""
    eerste_bereikt = (
        Contactpoging.objects.filter(vroegsignaalzaak=OuterRef("pk"), bereikt=True)
        .order_by("datum", "id")
        .values("soort")[:1]
    )
    rijen = (
        zaken(gemeenten, periode)
        .annotate(kanaal=Subquery(eerste_bereikt))
        .values("eindresultaat", "kanaal")
        .annotate(n=Count("id"))
        .order_by()
    )
    cellen: dict[tuple[str, str], int] = defaultdict(int)
    for r in rijen:
        cellen[resultaatgroep(r["eindresultaat"]), r["kanaal"] or GEEN_CONTACT] += r["n"]
    kanalen = [k.value for k in Contactsoort if any(k.value == c for _g, c in cellen)]
    return Kruistabel(
        rijen=RESULTAATGROEPEN, kolommen=[*kanalen, GEEN_CONTACT], cellen=dict(cellen)
    )


def _signaalgroep(eindresultaat: str | None, status: str) -> str:
    """The result group of a signal: that of its case (`eindresultaat` "" while open); a
    signal outside a case (`eindresultaat` None: no case joined) was either stopped by a check
    (not handled) or is still waiting (open)."""
    if eindresultaat is not None:
        return resultaatgroep(eindresultaat)
    if status == Signaalstatus.NOG_NIET_OPGEPAKT:
        return Resultaatgroep.OPEN
    return Resultaatgroep.NIET_OPGEPAKT


def resultaat_per_schuldontwikkeling(gemeenten: Gemeenten, periode: Periode) -> Kruistabel:
    """The signals of the period (as in the study, which counted signals): rows are the debt
    development the partner reported last (latest `peildatum`) or `niet_gemeld`, columns the
    result group of the signal's case."""
    laatste = (
        Schuldontwikkeling.objects.filter(vroegsignaal=OuterRef("pk"))
        .order_by("-peildatum", "-id")
        .values("code")[:1]
    )
    rijen = (
        signalen(gemeenten, periode)
        .annotate(ontwikkeling=Subquery(laatste))
        .values("ontwikkeling", "vroegsignaalzaak__eindresultaat", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    cellen: dict[tuple[str, str], int] = defaultdict(int)
    for r in rijen:
        groep = _signaalgroep(r["vroegsignaalzaak__eindresultaat"], r["status"])
        cellen[r["ontwikkeling"] or NIET_GEMELD, groep] += r["n"]
    return Kruistabel(
        rijen=[*(c.value for c in Schuldontwikkelingcode), NIET_GEMELD],
        kolommen=RESULTAATGROEPEN,
        cellen=dict(cellen),
    )
