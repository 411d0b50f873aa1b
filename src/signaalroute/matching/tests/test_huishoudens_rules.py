"""Household matching rules: periods, every classification and every option. No database."""

import datetime as dt

import pytest

from signaalroute.matching.rules.huishoudens import (
    Eerdersignaal,
    Huishoudsignaal,
    Matchingbeleid,
    huishouden_classificeren,
    is_te_bundelen,
    laatste_afgesloten_periode,
    maanden_terug,
    periode_van,
    referentie,
    soort_na_aanvulling,
    volgnummer_uit_referentie,
)

D = dt.date(2025, 3, 10)


def sig(partner=1, soort="zorg", **kwargs):
    return Huishoudsignaal(partner=partner, soort=soort, signaaldatum=D, **kwargs)


def eerder(partner, terug, status="nog_niet_opgepakt"):
    return Eerdersignaal(partner=partner, maanden_terug=terug, status=status)


# --- periods -------------------------------------------------------------------------------


def test_calendar_month_is_the_default_period():
    p = periode_van(dt.date(2025, 2, 14))
    assert (p.start, p.einde, p.maand) == (dt.date(2025, 2, 1), dt.date(2025, 2, 28), (2025, 2))


def test_signal_after_the_cut_off_day_belongs_to_next_months_matching():
    p = periode_van(dt.date(2025, 3, 26), afsluitdag=25)
    assert (p.start, p.einde, p.maand) == (dt.date(2025, 3, 26), dt.date(2025, 4, 25), (2025, 4))
    assert periode_van(dt.date(2025, 3, 25), afsluitdag=25).maand == (2025, 3)


def test_cut_off_day_past_month_end_is_capped_and_year_wraps():
    p = periode_van(dt.date(2025, 2, 28), afsluitdag=30)
    assert (p.start, p.einde) == (dt.date(2025, 1, 31), dt.date(2025, 2, 28))
    assert periode_van(dt.date(2024, 12, 28), afsluitdag=25).maand == (2025, 1)


def test_run_matches_the_latest_period_that_closed_before_the_run_date():
    assert laatste_afgesloten_periode(dt.date(2025, 4, 1)).maand == (2025, 3)
    assert laatste_afgesloten_periode(dt.date(2025, 3, 31)).maand == (2025, 2)
    assert laatste_afgesloten_periode(dt.date(2025, 3, 26), afsluitdag=25).maand == (2025, 3)
    assert laatste_afgesloten_periode(dt.date(2025, 3, 25), afsluitdag=25).maand == (2025, 2)


def test_months_back_counts_periods_not_days():
    p = periode_van(dt.date(2025, 3, 1))
    assert maanden_terug(dt.date(2025, 2, 28), p) == 1
    assert maanden_terug(dt.date(2024, 9, 1), p) == 6
    assert maanden_terug(dt.date(2025, 3, 31), p) == 0


# --- classification ------------------------------------------------------------------------


def test_single_signal_without_history_is_enkelvoudig():
    k = huishouden_classificeren([sig()], [])
    assert k.soort == "enkelvoudig"
    assert (k.recidive, k.gaten_dichten, k.sleper, k.telt_als_match, k.crisis) == (
        0,
        False,
        False,
        False,
        False,
    )


def test_two_signals_of_the_same_partner_stay_enkelvoudig():
    assert huishouden_classificeren([sig(1), sig(1)], []).soort == "enkelvoudig"


def test_signals_of_two_partners_in_one_period_are_meervoudig_and_a_match():
    k = huishouden_classificeren([sig(1), sig(2, "energie")], [eerder(3, 2)])
    assert k.soort == "meervoudig"
    assert k.telt_als_match
    assert k.recidive == 1


def test_earlier_signal_in_the_look_back_makes_it_opeenvolgend():
    k = huishouden_classificeren([sig(1)], [eerder(1, 6)])
    assert k.soort == "opeenvolgend"
    assert k.recidive == 1


def test_signal_older_than_the_look_back_does_not_count():
    assert huishouden_classificeren([sig(1)], [eerder(1, 7)]).soort == "enkelvoudig"


def test_look_back_is_configurable():
    beleid = Matchingbeleid(terugkijkperiode_maanden=3)
    assert huishouden_classificeren([sig(1)], [eerder(1, 4)], beleid).soort == "enkelvoudig"
    assert huishouden_classificeren([sig(1)], [eerder(1, 3)], beleid).soort == "opeenvolgend"


def test_earlier_signal_in_the_same_period_makes_it_opeenvolgend_but_no_recidive():
    k = huishouden_classificeren([sig(1)], [eerder(2, 0)])
    assert k.soort == "opeenvolgend"
    assert k.recidive == 0


def test_wrongful_earlier_signal_does_not_count():
    k = huishouden_classificeren([sig(1)], [eerder(1, 2, status="niet_opgepakt_onterecht")])
    assert k.soort == "enkelvoudig"


def test_later_signals_are_ignored_as_history():
    assert huishouden_classificeren([sig(1)], [eerder(1, -1)]).soort == "enkelvoudig"


def test_recidive_counts_earlier_months_not_signals():
    k = huishouden_classificeren([sig(1)], [eerder(1, 1), eerder(2, 1), eerder(1, 4)])
    assert k.recidive == 2


def test_gaten_dichten_when_another_partner_signals_each_month():
    k = huishouden_classificeren([sig(1)], [eerder(2, 1), eerder(3, 2)])
    assert k.gaten_dichten
    assert k.soort == "opeenvolgend"


def test_alternating_two_partners_is_gaten_dichten():
    assert huishouden_classificeren([sig(1)], [eerder(2, 1), eerder(1, 2)]).gaten_dichten


def test_no_gaten_dichten_with_a_month_without_signal_or_the_same_partner():
    assert not huishouden_classificeren([sig(1)], [eerder(2, 1), eerder(3, 3)]).gaten_dichten
    assert not huishouden_classificeren([sig(1)], [eerder(1, 1), eerder(2, 2)]).gaten_dichten


def test_gaten_dichten_months_are_configurable():
    beleid = Matchingbeleid(gaten_dichten_maanden=1)
    assert huishouden_classificeren([sig(1)], [eerder(2, 1)], beleid).gaten_dichten
    assert not huishouden_classificeren([sig(1)], [eerder(2, 1)]).gaten_dichten


def test_sleper_when_same_partner_signals_five_of_six_months():
    history = [eerder(1, t) for t in (1, 2, 3, 5)]  # with this month: 5 of the last 6
    assert huishouden_classificeren([sig(1)], history).sleper
    assert not huishouden_classificeren([sig(1)], history[:3]).sleper
    # another partner's months do not count for this partner
    assert not huishouden_classificeren([sig(2)], history).sleper


def test_sleper_threshold_is_configurable_and_window_is_the_look_back():
    history = [eerder(1, t) for t in (1, 2)]
    assert huishouden_classificeren([sig(1)], history, Matchingbeleid(slepers_drempel=3)).sleper
    # month 6 falls outside a window of 6 periods including this one
    history = [eerder(1, t) for t in (2, 3, 4, 6)]
    assert not huishouden_classificeren([sig(1)], history).sleper


def test_single_rent_signal_counts_as_match_only_when_the_municipality_says_so():
    assert not huishouden_classificeren([sig(1, "huur")], []).telt_als_match
    k = huishouden_classificeren([sig(1, "huur")], [], Matchingbeleid(huur_telt_als_match=True))
    assert k.telt_als_match
    assert k.soort == "enkelvoudig"
    beleid = Matchingbeleid(huur_telt_als_match=True)
    assert not huishouden_classificeren([sig(1, "zorg")], [], beleid).telt_als_match


def test_handle_only_matches_gives_the_others_a_letter():
    beleid = Matchingbeleid(alleen_matches_behandelen=True)
    assert huishouden_classificeren([sig(1)], [], beleid).alleen_brief
    assert not huishouden_classificeren([sig(1), sig(2)], [], beleid).alleen_brief
    beleid = Matchingbeleid(alleen_matches_behandelen=True, huur_telt_als_match=True)
    assert not huishouden_classificeren([sig(1, "huur")], [], beleid).alleen_brief
    assert not huishouden_classificeren([sig(1)], []).alleen_brief


@pytest.mark.parametrize("veld", ["crisissignaal", "eindelevering"])
def test_crisis_and_eindelevering_raise_priority(veld):
    assert huishouden_classificeren([sig(1), sig(1, **{veld: True})], []).crisis


def test_signals_not_to_be_picked_up_are_not_bundled():
    assert not is_te_bundelen(sig(status="niet_opgepakt_andere_reden"))
    assert not is_te_bundelen(sig(rechtspersoon=True))
    assert huishouden_classificeren([sig(status="niet_opgepakt_herhaald")], []) is None
    k = huishouden_classificeren([sig(1), sig(2, rechtspersoon=True)], [])
    assert k.soort == "enkelvoudig"


def test_joining_an_open_case_with_another_partner_makes_it_meervoudig():
    assert soort_na_aanvulling("enkelvoudig", {1}, {2}) == "meervoudig"
    assert soort_na_aanvulling("opeenvolgend", {1}, {1}) == "opeenvolgend"


def test_reference_format_and_parsing():
    assert referentie(2025, 42) == "VS-2025-000042"
    assert volgnummer_uit_referentie("VS-2025-000042", 2025) == 42
    assert volgnummer_uit_referentie("VS-2024-000042", 2025) is None
    assert volgnummer_uit_referentie("VS-2025-abc", 2025) is None
