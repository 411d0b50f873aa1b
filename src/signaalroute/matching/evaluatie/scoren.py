"""Scoring a matcher on the labelled cases, next to exact matching (what the incumbents do)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..rules import Bewoner, Geboortedatum, Signaalpersoon, Uitkomstsoort, bewoner_zoeken
from .gevallen import Geval


def exact_zoeken(signaal: Signaalpersoon, bewoners: Sequence[Bewoner]) -> str | None:
    """What the incumbents do: the one resident whose surname (with voorvoegsel) equals the
    signal's, ignoring case, and whose birth date equals the signal's; else nobody."""
    if not isinstance(signaal.geboortedatum, datetime.date):
        return None
    naam = " ".join(f"{signaal.voorvoegsel} {signaal.achternaam}".casefold().split())
    datum = Geboortedatum.van(signaal.geboortedatum)
    gevonden = [
        b.bsn
        for b in bewoners
        if " ".join(f"{b.voorvoegsel} {b.geslachtsnaam}".casefold().split()) == naam
        and Geboortedatum.van(b.geboortedatum) == datum
    ]
    return gevonden[0] if len(gevonden) == 1 else None


def ons_zoeken(signaal: Signaalpersoon, bewoners: Sequence[Bewoner]) -> str | None:
    """Our matcher as a predictor: the BSN when it identifies the person (bevestigd, and the
    auto-closing verhuisd/overleden, which need an even stronger match), else nobody."""
    uitkomst = bewoner_zoeken(signaal, bewoners)
    return uitkomst.bsn


@dataclass
class Score:
    """Precision and recall of identifying the signal's person (a pair signal/resident is
    predicted positive when the matcher attaches that resident's BSN)."""

    naam: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    gemist: Counter = field(default_factory=Counter)  # missed positives per corruption
    per_vervuiling: Counter = field(default_factory=Counter)  # positives per corruption
    fouten: list[Geval] = field(default_factory=list)  # false positives

    @property
    def precisie(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def scoren(
    naam: str,
    zoeker: Callable[[Signaalpersoon, Sequence[Bewoner]], str | None],
    gevallen: Sequence[Geval],
) -> Score:
    score = Score(naam)
    for geval in gevallen:
        voorspeld = zoeker(geval.signaal, geval.bewoners)
        if voorspeld is not None and voorspeld == geval.verwacht_bsn:
            score.tp += 1
        else:
            if voorspeld is not None:
                score.fp += 1
                score.fouten.append(geval)
            if geval.verwacht_bsn is not None:
                score.fn += 1
                score.gemist.update(geval.vervuilingen or ("schoon",))
        if geval.verwacht_bsn is not None:
            score.per_vervuiling.update(geval.vervuilingen or ("schoon",))
    return score


def tabel(gevallen: Sequence[Geval], scores: Sequence[Score]) -> str:
    """The precision/recall table, and recall per corruption."""
    paren = sum(len(g.bewoners) for g in gevallen)
    positief = sum(g.verwacht_bsn is not None for g in gevallen)
    regels = [
        f"{len(gevallen)} signals, {paren} signal/resident pairs "
        f"({positief} signals about a resident, {len(gevallen) - positief} about someone else)",
        f"{'matcher':<10} {'precision':>9} {'recall':>7} {'TP':>6} {'FP':>4} {'FN':>5}",
    ]
    for s in scores:
        regels.append(
            f"{s.naam:<10} {s.precisie:>9.2%} {s.recall:>7.2%} {s.tp:>6} {s.fp:>4} {s.fn:>5}"
        )
    regels.append("recall per corruption (signals about a resident with that corruption):")
    regels.append(f"  {'corruption':<28} {'n':>5} " + " ".join(f"{s.naam:>8}" for s in scores))
    eerste = scores[0]
    for vervuiling, n in sorted(eerste.per_vervuiling.items(), key=lambda x: -x[1]):
        regels.append(
            f"  {vervuiling:<28} {n:>5} "
            + " ".join(f"{1 - s.gemist[vervuiling] / n:>8.1%}" for s in scores)
        )
    return "\n".join(regels)


def uitkomsten_tabel(gevallen: Sequence[Geval]) -> str:
    """How our outcomes spread over signals about a resident and about someone else: what
    is decided automatically and what goes to the review tray."""
    tellingen: dict[str, Counter] = {"resident": Counter(), "someone else": Counter()}
    for geval in gevallen:
        soort = bewoner_zoeken(geval.signaal, geval.bewoners).soort
        tellingen["resident" if geval.verwacht_bsn else "someone else"][soort] += 1
    soorten = list(Uitkomstsoort)
    regels = [
        "outcomes (share of signals):",
        f"  {'signal about':<14}" + "".join(f"{s:>15}" for s in soorten),
    ]
    for naam, telling in tellingen.items():
        totaal = sum(telling.values()) or 1
        regels.append(f"  {naam:<14}" + "".join(f"{telling[s] / totaal:>15.1%}" for s in soorten))
    return "\n".join(regels)
