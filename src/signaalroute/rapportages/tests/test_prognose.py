"""The volume and capacity forecast: pure arithmetic, no database."""

import pytest

from .. import prognose as p


def test_szw_average_gives_85_cases_per_10000_inhabitants_a_year():
    assert p.verwachte_zaken(10_000) == 85
    assert p.verwachte_zaken(20_000, maanden=3) == pytest.approx(42.5)


def test_seed_municipality_harlingen_matches_the_project_plan():
    # seeds/003: Harlingen, 15,793 inhabitants: 134 extra cases a year.
    assert p.afgerond(p.verwachte_zaken(15_793)) == "134"


def test_hours_and_fte_use_8_hours_per_case_and_1296_productive_hours():
    prognose = p.prognose(inwoners=20_000)
    assert prognose.zaken == 170
    assert prognose.uren == 1360
    assert prognose.fte == pytest.approx(1360 / 1296)
    # Over a quarter, a quarter of the work needs the same FTE.
    kwartaal = p.prognose(inwoners=20_000, maanden=3)
    assert kwartaal.uren == 340 and kwartaal.fte == pytest.approx(prognose.fte)


def test_other_assumptions_can_be_passed():
    aannames = p.Aannames(zaken_per_10000_per_jaar=100, uren_per_zaak=10, uren_per_fte=1000)
    prognose = p.prognose(inwoners=10_000, aannames=aannames)
    assert (prognose.zaken, prognose.uren, prognose.fte) == (100, 1000, 1)


def test_own_signals_per_case_only_with_enough_history():
    assert p.signalen_per_zaak(10, 5) is None
    assert p.signalen_per_zaak(100, 25) == 4
    assert p.signalen_per_zaak(0, 0, minimum=0) is None


def test_signals_forecast_own_ratio_or_the_national_band():
    eigen = p.prognose(inwoners=20_000, maanden=1, signalen_per_zaak=3)
    assert eigen.signalen == pytest.approx(85 * 2 / 12 * 3)
    zonder = p.prognose(inwoners=20_000, maanden=3)
    assert zonder.signalen is None
    assert (zonder.signalen_onder, zonder.signalen_boven) == (204, 576)


@pytest.mark.parametrize(
    ("werkelijk", "verwacht", "oordeel"),
    [
        (100, 100, p.Oordeel.ZOALS_VERWACHT),
        (120, 100, p.Oordeel.ZOALS_VERWACHT),
        (121, 100, p.Oordeel.MEER),
        (79, 100, p.Oordeel.MINDER),
        (5, None, p.Oordeel.ONBEKEND),
        (5, 0, p.Oordeel.ONBEKEND),
    ],
)
def test_judgement_against_the_forecast(werkelijk, verwacht, oordeel):
    assert p.oordeel(werkelijk, verwacht) == oordeel


def test_comparison_with_actual_figures_and_sentences():
    v = p.vergelijken(p.prognose(inwoners=20_000, maanden=3), zaken=4, signalen=5)
    assert v.uren == 32
    assert v.fte == pytest.approx(32 / 324)
    assert v.zaken_pct == pytest.approx(9.4)
    assert v.zaken_oordeel == p.Oordeel.MINDER
    assert v.signalen_oordeel == p.Oordeel.MINDER
    assert v.zaken_zin == (
        "Er kwamen 4 nieuwe zaken. Verwacht waren er ongeveer 43: minder dan verwacht."
    )
    assert "tussen 204 en 576 (landelijk onderzoek)" in v.signalen_zin


def test_signals_within_the_band_are_as_expected():
    v = p.vergelijken(p.prognose(inwoners=20_000, maanden=3), zaken=40, signalen=300)
    assert v.signalen_oordeel == p.Oordeel.ZOALS_VERWACHT
    assert v.zaken_oordeel == p.Oordeel.ZOALS_VERWACHT


def test_dutch_notation_rounds_half_up():
    assert p.afgerond(42.5) == "43"
    assert p.afgerond(1234.4) == "1.234"
    assert p.afgerond(0.75, 1) == "0,8"
    assert p.afgerond(None) == "–"
