"""Person-matching benchmark: throughput, and precision/recall next to exact matching.

A deterministic labelled set (`signaalroute.matching.evaluatie`, the generator the tests use):
households at addresses with Dutch, Turkish, Moroccan, Surinamese, Polish and German names, and
one corrupted signal per address (see the module for the corruptions and the hard negatives).

- throughput: `bewoner_zoeken` over every signal and its residents, one pass with all caches
  cleared first (cold), then a second pass (warm), as signal/resident pairs per second;
- quality: precision and recall of identifying the right resident (a BSN attached:
  bevestigd, or verhuisd/overleden, which need an even stronger match), ours against exact
  matching on surname and birth date (what the incumbents do).

No database, no Django. Last line:
RESULT brp_match_pairs_per_s=... recall=... precision=... exact_recall=... exact_precision=...
Settings: BENCH_CASES (default 20000 signals, about 58,000 pairs).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from signaalroute.matching.evaluatie import (  # noqa: E402
    exact_zoeken,
    gevallen_maken,
    ons_zoeken,
    scoren,
    tabel,
    uitkomsten_tabel,
)
from signaalroute.matching.rules import (  # noqa: E402
    achternamen,
    bewoner_zoeken,
    normaliseren,
    personen,
    personen_vergelijken,
    voornamen,
)

CASES = int(os.environ.get("BENCH_CASES", "20000"))


def caches_legen() -> None:
    """Empty every per-string and per-person cache, so that a pass starts cold."""
    for module in (normaliseren, achternamen, voornamen, personen):
        for waarde in vars(module).values():
            if hasattr(waarde, "cache_clear"):
                waarde.cache_clear()


def main() -> None:
    start = time.perf_counter()
    gevallen = gevallen_maken(CASES)
    paren = sum(len(g.bewoners) for g in gevallen)
    print(f"labelled set: {CASES:,} signals, {paren:,} pairs ({time.perf_counter() - start:.1f} s)")

    caches_legen()
    start = time.perf_counter()
    for geval in gevallen:
        bewoner_zoeken(geval.signaal, geval.bewoners)
    koud = paren / (time.perf_counter() - start)
    start = time.perf_counter()
    for geval in gevallen:
        bewoner_zoeken(geval.signaal, geval.bewoners)
    warm = paren / (time.perf_counter() - start)
    caches_legen()
    start = time.perf_counter()
    for geval in gevallen:
        for bewoner in geval.bewoners:
            personen_vergelijken(geval.signaal, bewoner)
    los = paren / (time.perf_counter() - start)
    print(f"bewoner_zoeken       : {koud:10,.0f} pairs/s cold, {warm:,.0f} pairs/s warm")
    print(f"personen_vergelijken : {los:10,.0f} pairs/s cold (one pair at a time)")

    ons = scoren("ours", ons_zoeken, gevallen)
    exact = scoren("exact", exact_zoeken, gevallen)
    print(tabel(gevallen, [ons, exact]))
    print(uitkomsten_tabel(gevallen))
    print(
        f"RESULT brp_match_pairs_per_s={koud:.0f} recall={ons.recall:.4f} "
        f"precision={ons.precisie:.4f} exact_recall={exact.recall:.4f} "
        f"exact_precision={exact.precisie:.4f}"
    )


if __name__ == "__main__":
    main()
