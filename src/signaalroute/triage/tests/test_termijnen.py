import datetime

from signaalroute.triage.rules import eerste_contact_uiterlijk


def test_crisis_first_contact_within_three_working_days_skipping_holidays():
    kerst = datetime.date(2026, 12, 24)  # Thursday; 25 and 26 December are public holidays
    assert eerste_contact_uiterlijk("crisis", kerst) == datetime.date(2026, 12, 30)


def test_standard_and_unknown_profiles_give_fourteen_days():
    dag = datetime.date(2026, 11, 2)
    assert eerste_contact_uiterlijk("standaard", dag) == datetime.date(2026, 11, 16)
    assert eerste_contact_uiterlijk("eigen profiel", dag) == datetime.date(2026, 11, 16)
