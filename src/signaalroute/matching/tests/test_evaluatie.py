"""The labelled evaluation set: our matcher against exact matching (what the incumbents do).

Run with `pytest -s` to see the table. No database.
"""

import pytest

from signaalroute.matching.evaluatie import (
    exact_zoeken,
    gevallen_maken,
    ons_zoeken,
    scoren,
    tabel,
    uitkomsten_tabel,
)
from signaalroute.matching.rules import Uitkomstsoort, bewoner_zoeken

AANTAL = 6000  # signals; about 17,500 signal/resident pairs
DOEL_RECALL = 0.98
DOEL_PRECISIE = 0.995


@pytest.fixture(scope="module")
def gevallen():
    return gevallen_maken(AANTAL)


def test_labelled_set_is_deterministic_and_has_hard_negatives(gevallen):
    assert [g.signaal for g in gevallen_maken(50)] == [g.signaal for g in gevallen[:50]]
    paren = [(g, b) for g in gevallen for b in g.bewoners]
    assert len(paren) >= 500
    juist = [b for g, b in paren if b.bsn == g.verwacht_bsn]
    assert len(juist) == sum(g.verwacht_bsn is not None for g in gevallen)
    # Family members: another person at the address with the signal's surname.
    familie = [
        b
        for g, b in paren
        if b.bsn != g.verwacht_bsn
        and g.verwacht_bsn is not None
        and b.geslachtsnaam == next(x for x in g.bewoners if x.bsn == g.verwacht_bsn).geslachtsnaam
    ]
    assert len(familie) >= 1000
    assert {g.soort for g in gevallen} >= {
        "positief",
        "gezinslid",
        "zelfde_voorletter",
        "naamgenoot",
        "buren",
        "gelijkende_naam",
    }


def test_matcher_meets_the_aim_and_beats_exact_matching(gevallen):
    ons = scoren("ours", ons_zoeken, gevallen)
    exact = scoren("exact", exact_zoeken, gevallen)
    print()
    print(tabel(gevallen, [ons, exact]))
    print(uitkomsten_tabel(gevallen))
    assert ons.recall >= DOEL_RECALL
    assert ons.precisie >= DOEL_PRECISIE
    assert ons.recall > exact.recall + 0.3


def test_identified_moved_or_deceased_residents_get_the_matching_outcome(gevallen):
    weg = [g for g in gevallen if g.verwacht in (Uitkomstsoort.VERHUISD, Uitkomstsoort.OVERLEDEN)]
    assert len(weg) >= 50
    for geval in weg:
        uitkomst = bewoner_zoeken(geval.signaal, geval.bewoners)
        if uitkomst.bsn == geval.verwacht_bsn:
            assert uitkomst.soort == geval.verwacht
        else:
            assert uitkomst.voorstel is None  # never closed on the wrong person
