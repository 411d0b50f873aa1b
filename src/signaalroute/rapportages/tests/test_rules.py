"""The pure reporting rules: periods, result groups, arithmetic, suppression (no database)."""

import datetime

import pytest

from ..rules import (
    Periode,
    mediaan,
    onderdrukken,
    per_duizend,
    percentage,
    periode_kiezen,
    resultaatgroep,
    voorkeuze_periode,
)

D = datetime.date
VANDAAG = D(2025, 3, 12)


@pytest.mark.parametrize(
    ("voorkeuze", "van", "tot"),
    [
        ("deze_maand", D(2025, 3, 1), D(2025, 3, 12)),
        ("vorige_maand", D(2025, 2, 1), D(2025, 2, 28)),
        ("laatste_12_maanden", D(2024, 4, 1), D(2025, 3, 12)),
        ("dit_jaar", D(2025, 1, 1), D(2025, 3, 12)),
    ],
)
def test_presets(voorkeuze, van, tot):
    assert voorkeuze_periode(voorkeuze, VANDAAG) == Periode(van, tot)


def test_previous_month_in_january_is_december():
    assert voorkeuze_periode("vorige_maand", D(2025, 1, 5)) == Periode(
        D(2024, 12, 1), D(2024, 12, 31)
    )


def test_dates_win_over_a_preset_and_bad_input_falls_back_with_a_message():
    assert periode_kiezen(
        voorkeuze="dit_jaar", van="2024-05-01", tot="2024-05-31", vandaag=VANDAAG
    ) == (Periode(D(2024, 5, 1), D(2024, 5, 31)), None)
    standaard = voorkeuze_periode("laatste_12_maanden", VANDAAG)
    for van, tot in (
        ("2024-05-31", "2024-05-01"),
        ("gisteren", "2024-05-01"),
        ("2010-01-01", "2024-01-01"),
    ):
        periode, fout = periode_kiezen(voorkeuze=None, van=van, tot=tot, vandaag=VANDAAG)
        assert periode == standaard and fout
    assert periode_kiezen(voorkeuze="morgen", van=None, tot=None, vandaag=VANDAAG)[1]
    assert periode_kiezen(voorkeuze=None, van=None, tot=None, vandaag=VANDAAG) == (standaard, None)


def test_months_of_a_period():
    assert Periode(D(2024, 11, 15), D(2025, 1, 2)).maanden() == [
        D(2024, 11, 1),
        D(2024, 12, 1),
        D(2025, 1, 1),
    ]
    with pytest.raises(ValueError):
        Periode(D(2025, 1, 2), D(2025, 1, 1))


def test_result_groups_follow_the_study():
    assert resultaatgroep("") == "open"
    assert resultaatgroep("niet_opgepakt_herhaald") == "niet_opgepakt"
    assert resultaatgroep("bekend_bij_shv") == "niet_opgepakt"
    assert resultaatgroep("geen_contact") == "niet_bereikt"
    assert resultaatgroep("hoeft_geen_hulp") == "bereikt_geen_hulp"
    assert resultaatgroep("quick_fix") == "hulp_geaccepteerd"
    assert resultaatgroep("vervolghulp") == "hulp_geaccepteerd"


def test_arithmetic():
    assert percentage(1, 3) == 33.3
    assert percentage(1, 0) is None
    assert per_duizend(17, 100_000) == 0.17
    assert per_duizend(1, 0) is None
    assert mediaan({}) is None
    assert mediaan({5: 1}) == 5
    assert mediaan({1: 1, 3: 1}) == 2
    assert mediaan({1: 2, 10: 1}) == 1
    assert mediaan({1: 1, 2: 1, 7: 2}) == 4.5


def test_small_cells_are_suppressed_with_a_second_cell_when_only_one_is_small():
    assert onderdrukken([0, 3, 10, 7]) == [0, "<5", 10, "<5"]
    assert onderdrukken([1, 2, 10]) == ["<5", "<5", 10]
    assert onderdrukken([0, 5, 12]) == [0, 5, 12]
    assert onderdrukken([4]) == ["<5"]
