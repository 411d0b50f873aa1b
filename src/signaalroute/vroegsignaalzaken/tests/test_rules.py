"""Deadlines in (working) days around weekends and Dutch public holidays, the deadline state,
quick entries and the contact strategy (no database)."""

import datetime as dt

import pytest

from signaalroute.vroegsignaalzaken.constants import Contactsoort as C
from signaalroute.vroegsignaalzaken.constants import Dagdeel as D
from signaalroute.vroegsignaalzaken.rules import (
    SNELKEUZE,
    SNELKEUZES,
    STANDAARDTERMIJNEN,
    Poging,
    Stapadvies,
    Termijn,
    Termijnregels,
    dagdeel_van,
    termijnstand,
    vervolgdatum,
    volgende_stap,
)

d = dt.date
CRISIS = Termijn(3, werkdagen=True)

# --- working-day deadlines ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("vanaf", "uiterlijk"),
    [
        (d(2026, 11, 2), d(2026, 11, 5)),  # Monday -> Thursday
        (d(2026, 11, 4), d(2026, 11, 9)),  # Wednesday -> over the weekend to Monday
        (d(2026, 11, 6), d(2026, 11, 11)),  # Friday -> Wednesday
        (d(2026, 11, 7), d(2026, 11, 11)),  # Saturday counts from Monday
        (d(2026, 11, 8), d(2026, 11, 11)),  # Sunday counts from Monday
    ],
)
def test_crisis_counts_three_working_days_skipping_the_weekend(vanaf, uiterlijk):
    assert CRISIS.vanaf(vanaf) == uiterlijk


@pytest.mark.parametrize(
    ("vanaf", "uiterlijk"),
    [
        (d(2026, 12, 22), d(2026, 12, 28)),  # Tue: 23, 24, (25, 26, 27) 28
        (d(2026, 12, 23), d(2026, 12, 29)),  # Wed: 24, (25-27) 28, 29
        (d(2026, 12, 24), d(2026, 12, 30)),  # Thu: (25-27) 28, 29, 30
        (d(2026, 12, 25), d(2026, 12, 30)),  # Christmas Day itself
        (d(2026, 12, 26), d(2026, 12, 30)),  # Boxing Day on a Saturday
        (d(2026, 12, 30), d(2027, 1, 5)),  # over New Year's Day 2027 (a Friday)
    ],
)
def test_crisis_over_christmas_2026_skips_both_christmas_days_and_new_year(vanaf, uiterlijk):
    assert CRISIS.vanaf(vanaf) == uiterlijk


@pytest.mark.parametrize(
    ("vanaf", "uiterlijk"),
    [
        (d(2026, 4, 22), d(2026, 4, 28)),  # Wed: 23, 24, (25-27) 28
        (d(2026, 4, 23), d(2026, 4, 29)),  # Thu: 24, (25-27) 28, 29
        (d(2026, 4, 24), d(2026, 4, 30)),  # Fri: (25-27) 28, 29, 30
        (d(2026, 4, 27), d(2026, 4, 30)),  # on King's Day itself
    ],
)
def test_crisis_around_kings_day_2026_skips_monday_27_april(vanaf, uiterlijk):
    assert CRISIS.vanaf(vanaf) == uiterlijk


def test_working_days_around_easter_2026_skip_easter_monday():
    # From Good Friday 3 April: Easter Monday 6 April is no working day.
    assert CRISIS.vanaf(d(2026, 4, 3)) == d(2026, 4, 9)
    assert Termijn(1, werkdagen=True).vanaf(d(2026, 4, 4)) == d(2026, 4, 7)


def test_working_days_skip_ascension_and_whit_monday_2026():
    assert CRISIS.vanaf(d(2026, 5, 13)) == d(2026, 5, 19)  # Thu 14 May is Ascension Day
    assert CRISIS.vanaf(d(2026, 5, 22)) == d(2026, 5, 28)  # Mon 25 May is Whit Monday


def test_zero_working_days_is_the_day_itself_or_the_next_working_day():
    nul = Termijn(0, werkdagen=True)
    assert nul.vanaf(d(2026, 11, 4)) == d(2026, 11, 4)
    assert nul.vanaf(d(2026, 11, 7)) == d(2026, 11, 9)
    assert nul.vanaf(d(2026, 12, 25)) == d(2026, 12, 28)


# --- calendar deadlines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dagen", "vanaf", "uiterlijk"),
    [
        (14, d(2026, 11, 2), d(2026, 11, 16)),  # a working day: unchanged
        (28, d(2026, 11, 2), d(2026, 11, 30)),
        (14, d(2026, 10, 31), d(2026, 11, 16)),  # lands on Saturday 14 Nov -> Monday
        (28, d(2026, 10, 18), d(2026, 11, 16)),  # lands on Sunday 15 Nov -> Monday
        (28, d(2026, 11, 27), d(2026, 12, 28)),  # lands on Christmas Day -> Monday 28 Dec
        (14, d(2026, 12, 12), d(2026, 12, 28)),  # lands on Boxing Day (Saturday) -> Monday
        (14, d(2026, 4, 13), d(2026, 4, 28)),  # lands on King's Day -> Tuesday
        (14, d(2026, 3, 23), d(2026, 4, 7)),  # lands on Easter Monday -> Tuesday
        (28, d(2026, 3, 9), d(2026, 4, 7)),  # lands on Easter Monday -> Tuesday
        (14, d(2026, 12, 18), d(2027, 1, 4)),  # lands on New Year's Day 2027 -> Monday
    ],
)
def test_a_calendar_deadline_on_a_weekend_or_holiday_moves_to_the_next_working_day(
    dagen, vanaf, uiterlijk
):
    assert Termijn(dagen).vanaf(vanaf) == uiterlijk


def test_a_deadline_describes_its_unit():
    assert str(Termijn(14)) == "14 dagen"
    assert str(CRISIS) == "3 werkdagen"


def test_the_default_deadlines_are_common_practice():
    regels = STANDAARDTERMIJNEN
    assert regels.crisis == Termijn(3, werkdagen=True)
    assert regels.eerste_contact == Termijn(14)
    assert regels.afsluiten == Termijn(28)
    assert regels.waarschuwen == 2


def test_first_contact_counts_working_days_only_in_a_crisis():
    vanaf = d(2026, 12, 24)
    assert STANDAARDTERMIJNEN.eerste_contact_uiterlijk(vanaf, crisis=True) == d(2026, 12, 30)
    assert STANDAARDTERMIJNEN.eerste_contact_uiterlijk(vanaf, crisis=False) == d(2027, 1, 7)
    assert STANDAARDTERMIJNEN.afsluiten_uiterlijk(vanaf) == d(2027, 1, 21)


def test_a_municipality_may_count_its_deadlines_in_working_days():
    regels = Termijnregels(
        crisis=Termijn(2, werkdagen=True),
        eerste_contact=Termijn(5, werkdagen=True),
        afsluiten=Termijn(10, werkdagen=True),
    )
    koningsdag = d(2026, 4, 20)  # Monday of the week before King's Day
    assert regels.eerste_contact_uiterlijk(koningsdag, crisis=True) == d(2026, 4, 22)
    assert regels.eerste_contact_uiterlijk(koningsdag, crisis=False) == d(2026, 4, 28)
    hemelvaart = d(2026, 5, 6)  # Wednesday; Ascension Day 14 May falls inside
    assert regels.afsluiten_uiterlijk(hemelvaart) == d(2026, 5, 21)


# --- deadline state ----------------------------------------------------------------------

DONDERDAG = d(2026, 11, 5)


@pytest.mark.parametrize(
    ("uiterlijk", "stand"),
    [
        (None, ""),
        (d(2026, 11, 4), "verlopen"),  # yesterday
        (d(2026, 10, 1), "verlopen"),
        (d(2026, 11, 5), "binnenkort"),  # today is not yet passed
        (d(2026, 11, 6), "binnenkort"),
        (d(2026, 11, 9), "binnenkort"),  # two working days ahead, over the weekend
        (d(2026, 11, 10), ""),
    ],
)
def test_the_deadline_state_warns_two_working_days_ahead(uiterlijk, stand):
    assert termijnstand(uiterlijk, DONDERDAG, STANDAARDTERMIJNEN) == stand


def test_the_warning_window_stretches_over_a_holiday():
    donderdag_voor_koningsdag = d(2026, 4, 23)
    assert termijnstand(d(2026, 4, 28), donderdag_voor_koningsdag, STANDAARDTERMIJNEN) == (
        "binnenkort"
    )
    assert termijnstand(d(2026, 4, 29), donderdag_voor_koningsdag, STANDAARDTERMIJNEN) == ""


def test_the_warning_window_follows_the_municipality():
    geen_waarschuwing = Termijnregels(waarschuwen=0)
    assert termijnstand(DONDERDAG, DONDERDAG, geen_waarschuwing) == "binnenkort"
    assert termijnstand(d(2026, 11, 6), DONDERDAG, geen_waarschuwing) == ""
    ruim = Termijnregels(waarschuwen=5)
    assert termijnstand(d(2026, 11, 12), DONDERDAG, ruim) == "binnenkort"
    assert termijnstand(d(2026, 11, 13), DONDERDAG, ruim) == ""


# --- quick entries and parts of the day ------------------------------------------------------


@pytest.mark.parametrize(
    ("tijd", "dagdeel"),
    [
        (dt.time(0, 0), D.OCHTEND),
        (dt.time(11, 59), D.OCHTEND),
        (dt.time(12, 0), D.MIDDAG),
        (dt.time(17, 59), D.MIDDAG),
        (dt.time(18, 0), D.AVOND),
        (dt.time(23, 30), D.AVOND),
    ],
)
def test_the_part_of_the_day_of_a_moment(tijd, dagdeel):
    assert dagdeel_van(dt.datetime.combine(d(2026, 11, 5), tijd)) == dagdeel


def test_quick_entries_have_unique_codes_and_can_be_looked_up():
    assert len(SNELKEUZE) == len(SNELKEUZES)
    assert set(SNELKEUZE) == {"voicemail", "geen_gehoor", "niet_thuis", "kaartje", "gesprek"}


def test_voicemail_means_phone_not_reached_and_retry_tomorrow_evening():
    keuze = SNELKEUZE["voicemail"]
    assert (keuze.soort, keuze.bereikt) == (C.TELEFOON, False)
    assert (keuze.vervolg_werkdagen, keuze.vervolg_dagdeel) == (1, D.AVOND)
    assert str(keuze.vervolgafspraak) == "Opnieuw bellen"


def test_not_at_home_plans_another_visit():
    keuze = SNELKEUZE["niet_thuis"]
    assert (keuze.soort, keuze.bereikt, keuze.vervolg_werkdagen) == (C.HUISBEZOEK, False, 2)
    assert "andere dag" in str(keuze.vervolgafspraak)


def test_every_failed_quick_entry_plans_a_follow_up_and_a_conversation_plans_none():
    for keuze in SNELKEUZES:
        if keuze.bereikt:
            assert keuze.vervolg_werkdagen is None and not keuze.vervolgafspraak
        else:
            assert keuze.vervolg_werkdagen and keuze.vervolgafspraak
            assert keuze.notitie
    assert SNELKEUZE["gesprek"].bereikt is True


@pytest.mark.parametrize(
    ("vandaag", "werkdagen", "op"),
    [
        (d(2026, 11, 5), 1, d(2026, 11, 6)),
        (d(2026, 11, 6), 1, d(2026, 11, 9)),  # Friday -> Monday
        (d(2026, 4, 24), 1, d(2026, 4, 28)),  # Friday before King's Day -> Tuesday
        (d(2026, 12, 24), 2, d(2026, 12, 29)),
    ],
)
def test_a_follow_up_is_planned_in_working_days(vandaag, werkdagen, op):
    assert vervolgdatum(vandaag, werkdagen) == op


# --- contact strategy --------------------------------------------------------------------

HUISBEZOEKEN = [{"kanaal": C.HUISBEZOEK, "aantal": 3}, {"kanaal": C.KAARTJE, "aantal": 1}]
MAANDAG, WOENSDAG, VRIJDAG = d(2026, 11, 2), d(2026, 11, 4), d(2026, 11, 6)


def bezoek(datum, dagdeel, bereikt=False, soort=C.HUISBEZOEK):
    return Poging(soort=soort, datum=datum, dagdeel=dagdeel, bereikt=bereikt)


def test_the_first_step_is_the_first_channel_of_the_plan():
    assert volgende_stap(HUISBEZOEKEN, []) == Stapadvies(
        C.HUISBEZOEK, "huisbezoek: poging 1 van 3."
    )


def test_a_second_home_visit_asks_for_another_day_and_part_of_the_day():
    stap = volgende_stap(HUISBEZOEKEN, [bezoek(MAANDAG, D.OCHTEND)])
    assert stap.kanaal == C.HUISBEZOEK
    assert stap.tekst == (
        "huisbezoek: poging 2 van 3. Kies een andere dag dan maandag en bij voorkeur de "
        "middag of avond."
    )


def test_the_third_home_visit_avoids_both_earlier_days_and_parts():
    pogingen = [bezoek(WOENSDAG, D.MIDDAG), bezoek(MAANDAG, D.OCHTEND)]
    assert volgende_stap(HUISBEZOEKEN, pogingen).tekst == (
        "huisbezoek: poging 3 van 3. Kies een andere dag dan maandag, woensdag en bij "
        "voorkeur de avond."
    )


def test_when_every_part_of_the_day_was_tried_only_another_day_is_asked():
    pogingen = [bezoek(MAANDAG, D.OCHTEND), bezoek(WOENSDAG, D.MIDDAG), bezoek(VRIJDAG, D.AVOND)]
    plan = [{"kanaal": C.HUISBEZOEK, "aantal": 4}]
    assert volgende_stap(plan, pogingen).tekst == (
        "huisbezoek: poging 4 van 4. Kies een andere dag dan maandag, woensdag, vrijdag."
    )


def test_after_three_home_visits_a_card_is_left_and_then_the_plan_is_done():
    drie = [bezoek(MAANDAG, D.OCHTEND), bezoek(WOENSDAG, D.MIDDAG), bezoek(VRIJDAG, D.AVOND)]
    assert volgende_stap(HUISBEZOEKEN, drie) == Stapadvies(C.KAARTJE, "kaartje: poging 1 van 1.")
    kaartje = bezoek(VRIJDAG, "", soort=C.KAARTJE)
    assert volgende_stap(HUISBEZOEKEN, [*drie, kaartje]) is None


def test_once_the_household_is_reached_there_is_no_next_step():
    assert volgende_stap(HUISBEZOEKEN, [bezoek(MAANDAG, D.AVOND, bereikt=True)]) is None
    gebeld = bezoek(MAANDAG, D.OCHTEND, bereikt=True, soort=C.TELEFOON)
    assert volgende_stap(HUISBEZOEKEN, [bezoek(WOENSDAG, D.OCHTEND), gebeld]) is None


def test_attempts_outside_the_plan_do_not_count_for_it():
    mail = bezoek(MAANDAG, "", soort=C.MAIL)
    assert volgende_stap(HUISBEZOEKEN, [mail]).tekst == "huisbezoek: poging 1 van 3."


def test_channels_where_the_moment_does_not_matter_get_no_day_advice():
    plan = [{"kanaal": C.BRIEF, "aantal": 2}]
    brief = bezoek(MAANDAG, D.OCHTEND, soort=C.BRIEF)
    assert volgende_stap(plan, [brief]).tekst == "brief: poging 2 van 2."


def test_phone_calls_also_ask_for_another_moment():
    plan = [{"kanaal": C.TELEFOON, "aantal": 2}, {"kanaal": C.MAIL}]
    gebeld = bezoek(VRIJDAG, D.AVOND, soort=C.TELEFOON)
    assert volgende_stap(plan, [gebeld]).tekst == (
        "telefoon: poging 2 van 2. Kies een andere dag dan vrijdag en bij voorkeur de "
        "ochtend of middag."
    )
    twee = [gebeld, bezoek(MAANDAG, D.OCHTEND, soort=C.TELEFOON)]
    assert volgende_stap(plan, twee) == Stapadvies(C.MAIL, "mail: poging 1 van 1.")


def test_an_empty_plan_has_no_step_and_channel_names_can_be_shown_as_labels():
    assert volgende_stap([], []) is None
    stap = volgende_stap(HUISBEZOEKEN, [], kanaalnaam=lambda k: C(k).label)
    assert stap.tekst == "Huisbezoek: poging 1 van 3."
