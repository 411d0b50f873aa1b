"""Retention cut-offs: pure, no database."""

import datetime

from signaalroute.bewaartermijnen.rules import Bewaarbeleid, grenzen_bepalen, maanden_terug


def test_months_back_keeps_the_day_or_takes_the_last_day_of_a_short_month():
    assert maanden_terug(datetime.date(2025, 8, 15), 6) == datetime.date(2025, 2, 15)
    assert maanden_terug(datetime.date(2025, 8, 31), 6) == datetime.date(2025, 2, 28)
    assert maanden_terug(datetime.date(2025, 3, 10), 6) == datetime.date(2024, 9, 10)


def test_default_policy_purges_six_months_after_closing_and_keeps_addresses_for_the_look_back():
    grenzen = grenzen_bepalen(Bewaarbeleid(), datetime.date(2025, 8, 15))
    assert grenzen.zonder_hulp == datetime.date(2025, 2, 15)
    assert grenzen.met_hulp is None
    assert grenzen.adres == datetime.date(2025, 1, 15)  # 6 months look-back + 1 month margin
    assert grenzen.brp_kandidaten == datetime.date(2025, 7, 16)


def test_longer_look_back_keeps_addresses_longer():
    grenzen = grenzen_bepalen(Bewaarbeleid(terugkijkperiode_maanden=12), datetime.date(2025, 8, 15))
    assert grenzen.adres == datetime.date(2024, 7, 15)
