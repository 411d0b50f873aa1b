"""Delivery monitoring rules: no database."""

import datetime

import pytest

from signaalroute.signaalpartners.rules import (
    Afwijking,
    Maandstatus,
    aanleverdeadline,
    afwijking,
    basis,
    herinnering_verschuldigd,
    herinneringsmaanden,
    is_regulier,
    is_verwacht,
    laatste_dag,
    maand_label,
    maand_parsen,
    maand_van,
    maandstatus,
    volgende_maand,
    vorige_maand,
    vorige_maanden,
)

D = datetime.date
OKTOBER = D(2026, 10, 1)
EIND_OKTOBER = D(2026, 10, 31)


# --- months ---------------------------------------------------------------------------------


def test_months_wrap_around_the_year():
    assert vorige_maand(D(2026, 1, 1)) == D(2025, 12, 1)
    assert volgende_maand(D(2026, 12, 1)) == D(2027, 1, 1)
    assert vorige_maanden(D(2026, 2, 1), 3) == [D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1)]
    assert maand_van(D(2026, 10, 31)) == OKTOBER


def test_last_day_knows_leap_years():
    assert laatste_dag(D(2026, 2, 1)) == D(2026, 2, 28)
    assert laatste_dag(D(2028, 2, 1)) == D(2028, 2, 29)


def test_month_label_is_dutch():
    assert maand_label(OKTOBER) == "oktober 2026"
    assert maand_label(D(2027, 3, 1)) == "maart 2027"


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("2026-10", OKTOBER),
        (" 2026-1 ", D(2026, 1, 1)),
        ("2026-13", None),
        ("2026-00", None),
        ("1999-12", None),
        ("oktober", None),
        ("2026-10-01", None),
        ("", None),
    ],
)
def test_month_parsing_accepts_only_year_dash_month(tekst, verwacht):
    assert maand_parsen(tekst) == verwacht


# --- what counts ------------------------------------------------------------------------------


def test_crisis_and_eindelevering_signals_are_not_part_of_the_monthly_delivery():
    assert is_regulier(crisissignaal=False, eindelevering=False)
    assert not is_regulier(crisissignaal=True, eindelevering=False)
    assert not is_regulier(crisissignaal=False, eindelevering=True)


@pytest.mark.parametrize("dag", [0, 29, 31])
def test_agreed_day_outside_1_to_28_is_refused(dag):
    with pytest.raises(ValueError):
        aanleverdeadline(OKTOBER, dag)


# --- status -----------------------------------------------------------------------------------


def _status(geleverd_op=None, peildatum=EIND_OKTOBER, aanleverdag=25):
    return maandstatus(
        maand=OKTOBER, aanleverdag=aanleverdag, geleverd_op=geleverd_op, peildatum=peildatum
    )


def test_delivery_on_the_agreed_day_is_on_time():
    assert _status(D(2026, 10, 25)) == Maandstatus.OP_TIJD
    assert _status(D(2026, 10, 1)) == Maandstatus.OP_TIJD


def test_delivery_after_the_agreed_day_is_late():
    assert _status(D(2026, 10, 26)) == Maandstatus.TE_LAAT


def test_no_delivery_before_or_on_the_agreed_day_is_not_yet_due():
    assert _status(peildatum=D(2026, 10, 3)) == Maandstatus.NOG_NIET
    assert _status(peildatum=D(2026, 10, 25)) == Maandstatus.NOG_NIET


def test_no_delivery_after_the_agreed_day_is_missing():
    assert _status(peildatum=D(2026, 10, 26)) == Maandstatus.ONTBREEKT
    assert _status(peildatum=D(2027, 1, 5)) == Maandstatus.ONTBREEKT


def test_future_month_is_not_yet_due():
    assert _status(peildatum=D(2026, 9, 30)) == Maandstatus.NOG_NIET


def test_agreed_day_is_per_partner():
    assert _status(D(2026, 10, 12), aanleverdag=10) == Maandstatus.TE_LAAT
    assert _status(peildatum=D(2026, 10, 11), aanleverdag=10) == Maandstatus.ONTBREEKT


# --- expected ---------------------------------------------------------------------------------


def test_partner_with_signals_in_one_of_the_last_three_months_is_expected():
    assert is_verwacht([0, 0, 4])
    assert is_verwacht([7, 0, 0])
    assert is_verwacht([None, 3, None])


def test_partner_without_signals_in_the_last_three_months_is_not_expected():
    assert not is_verwacht([0, 0, 0])
    assert not is_verwacht([None, None, None])
    assert not is_verwacht([])
    assert not is_verwacht([12, 0, 0, 0])  # four months ago no longer counts


# --- deviation --------------------------------------------------------------------------------


def test_baseline_is_the_mean_of_delivered_months():
    assert basis([10, 20, 30]) == 20
    assert basis([0, 20, 40]) == 20  # delivered, nothing for this municipality: counts
    assert basis([None, 20, 40]) == 30  # the partner did not deliver that month: left out
    assert basis([None, None, None]) is None
    assert basis([]) is None


@pytest.mark.parametrize(
    ("aantal", "basiswaarde", "verwacht"),
    [
        (9, 20, Afwijking.DALING),  # below 50%
        (10, 20, None),  # exactly 50%: not flagged
        (0, 20, Afwijking.DALING),
        (41, 20, Afwijking.STIJGING),  # above 200%
        (40, 20, None),  # exactly 200%: not flagged
        (20, 20, None),
        (0, 9.9, None),  # baseline too small to mean anything
        (100, 9, None),
        (4, 10, Afwijking.DALING),  # 10 a month is enough
        (5, None, None),
    ],
)
def test_count_deviation_is_flagged_beyond_the_factors(aantal, basiswaarde, verwacht):
    assert afwijking(aantal, basiswaarde) == verwacht


# --- reminders --------------------------------------------------------------------------------


def test_reminder_window_is_after_the_agreed_day_until_the_end_of_the_month():
    def due(peildatum, aanleverdag=25):
        return herinnering_verschuldigd(maand=OKTOBER, aanleverdag=aanleverdag, peildatum=peildatum)

    assert not due(D(2026, 10, 25))
    assert due(D(2026, 10, 26))
    assert due(D(2026, 10, 31))
    assert not due(D(2026, 11, 1))
    assert not due(D(2026, 9, 30))
    assert due(D(2026, 10, 2), aanleverdag=1)


def test_agreed_day_on_the_last_day_of_february_is_reminded_on_the_first_of_march():
    februari = D(2026, 2, 1)
    assert not herinnering_verschuldigd(maand=februari, aanleverdag=28, peildatum=D(2026, 2, 28))
    assert herinnering_verschuldigd(maand=februari, aanleverdag=28, peildatum=D(2026, 3, 1))
    assert not herinnering_verschuldigd(maand=februari, aanleverdag=28, peildatum=D(2026, 3, 2))
    # in a leap year the 29th is the window
    assert herinnering_verschuldigd(maand=D(2028, 2, 1), aanleverdag=28, peildatum=D(2028, 2, 29))
    assert not herinnering_verschuldigd(
        maand=D(2028, 2, 1), aanleverdag=28, peildatum=D(2028, 3, 1)
    )


def test_reminder_months_include_the_previous_month_on_the_first():
    assert herinneringsmaanden(D(2026, 10, 26)) == [OKTOBER]
    assert herinneringsmaanden(D(2026, 3, 1)) == [D(2026, 2, 1), D(2026, 3, 1)]
