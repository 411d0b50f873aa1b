"""A labelled evaluation set for person matching, and how to score a matcher on it.

`gevallen_maken` builds households at addresses (Dutch, Turkish, Moroccan, Surinamese, Polish
and German names; couples with BRP naamgebruik, children, twins, a grandparent, a child who
moved out, a deceased member, incomplete BRP birth dates) and one signal per address, with a
fixed seed so that every run gives the same set. A signal is about a resident (a positive: the
right BSN is the label), or about someone who is not registered there (a negative): a relative
living elsewhere (same surname, often the same initial), a namesake son, a neighbour, someone
with a similar surname. Signals are corrupted as partners' files are: initials instead of
names, upper case, accents lost, the voorvoegsel elsewhere, the partner's or a combined name,
given name and surname swapped, typos, roepnamen, placeholder or swapped birth dates.

Used by the tests (`tests/test_evaluatie.py`) and the benchmark (`bench/brp_match.py`); never by
runtime code.
"""

from .gevallen import ZAAD, Geval, gevallen_maken
from .huishoudens import PEILDATUM
from .scoren import Score, exact_zoeken, ons_zoeken, scoren, tabel, uitkomsten_tabel

__all__ = [
    "PEILDATUM",
    "ZAAD",
    "Geval",
    "Score",
    "exact_zoeken",
    "gevallen_maken",
    "ons_zoeken",
    "scoren",
    "tabel",
    "uitkomsten_tabel",
]
