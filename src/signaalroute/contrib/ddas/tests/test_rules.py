"""The pure rules of the delivery, without a database."""

import datetime as dt

import pytest

from signaalroute.contrib.ddas.mapping import formaat
from signaalroute.contrib.ddas.rules import (
    bedrag_in_euros,
    client_minimaal,
    huisnummertoevoeging,
    paginaverdeling,
    standaardperiode,
)


@pytest.mark.parametrize(
    ("centen", "euros"), [(0, 0), (49, 0), (50, 1), (12549, 125), (12550, 126), (100000, 1000)]
)
def test_amounts_are_whole_euros_rounded_half_up(centen, euros):
    assert bedrag_in_euros(centen) == euros


@pytest.mark.parametrize(
    ("huisletter", "toevoeging", "verwacht"),
    [("", "", ""), ("A", "", "A"), ("", "bis", "bis"), ("A", "2", "A-2")],
)
def test_house_letter_and_addition_become_one_ddas_addition(huisletter, toevoeging, verwacht):
    assert huisnummertoevoeging(huisletter, toevoeging) == verwacht


def test_client_with_a_bsn_is_the_bsn_alone():
    client = client_minimaal(
        formaat=formaat("1.2"), bsn="123456782", postcode="1234AB", huisnummer=1, huisletter="A"
    )
    assert client == {"burgerservicenummer": "123456782"}


def test_an_eight_digit_bsn_gets_its_leading_zero_back():
    client = client_minimaal(
        formaat=formaat("1.2"), bsn="12345678", postcode="1234AB", huisnummer=1
    )
    assert client == {"burgerservicenummer": "012345678"}


def test_client_without_a_bsn_is_postcode_and_house_number_with_addition():
    client = client_minimaal(
        formaat=formaat("1.2"), bsn=" ", postcode="1234 ab", huisnummer=7, toevoeging="3"
    )
    assert client == {"postcode": "1234AB", "huisnummer": "7", "huisnummertoevoeging": "3"}


def test_client_without_addition_has_no_empty_addition():
    client = client_minimaal(formaat=formaat("1.2"), bsn="", postcode="1234AB", huisnummer=7)
    assert client == {"postcode": "1234AB", "huisnummer": "7"}


def test_v0_9_writes_the_client_fields_with_capitals():
    assert client_minimaal(formaat=formaat("0.9"), bsn="", postcode="1234AB", huisnummer=7) == {
        "Postcode": "1234AB",
        "Huisnummer": "7",
    }
    assert client_minimaal(formaat=formaat("0.9"), bsn="123456782", postcode="", huisnummer=7) == {
        "Burgerservicenummer": "123456782"
    }


@pytest.mark.parametrize(
    ("vandaag", "van", "tot"),
    [
        (dt.date(2025, 2, 10), dt.date(2025, 1, 1), dt.date(2025, 1, 31)),
        (dt.date(2025, 1, 1), dt.date(2024, 12, 1), dt.date(2024, 12, 31)),
        (dt.date(2024, 3, 31), dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ],
)
def test_without_dates_the_period_is_the_previous_calendar_month(vandaag, van, tot):
    assert standaardperiode(vandaag) == (van, tot)


def test_pages_cover_every_record_once_signals_first():
    gezien = []
    for page in range(1, 5):
        deel = paginaverdeling(aantal_signalen=5, aantal_zaken=4, page=page, page_size=3)
        gezien += [("s", i) for i in range(deel.signalen.start, deel.signalen.stop)]
        gezien += [("z", i) for i in range(deel.zaken.start, deel.zaken.stop)]
        assert deel.total_pages == 3
        assert deel.total_records == 9
    assert gezien == [("s", i) for i in range(5)] + [("z", i) for i in range(4)]


def test_a_page_can_hold_the_last_signals_and_the_first_cases():
    deel = paginaverdeling(aantal_signalen=5, aantal_zaken=4, page=2, page_size=3)
    assert (deel.signalen.start, deel.signalen.stop) == (3, 5)
    assert (deel.zaken.start, deel.zaken.stop) == (0, 1)


def test_an_empty_delivery_has_one_page():
    deel = paginaverdeling(aantal_signalen=0, aantal_zaken=0, page=1, page_size=100)
    assert deel.total_pages == 1
    assert deel.signalen.stop == deel.signalen.start
    assert deel.zaken.stop == deel.zaken.start


def test_start_up_check_refuses_a_malformed_client_list(settings):
    from signaalroute.contrib.ddas.checks import ddas_configuratie

    goed = "a" * 64
    settings.DDAS_CLIENTS = ""
    assert ddas_configuratie(None) == []
    settings.DDAS_CLIENTS = f"cbs:{goed}, test:{goed.upper()}"
    assert ddas_configuratie(None) == []
    settings.DDAS_CLIENTS = f"cbs:{goed},cbs:{goed},zonder-hash,:{goed},x:geheim"
    assert [fout.id for fout in ddas_configuratie(None)] == [
        "signaalroute.ddas.E002",
        "signaalroute.ddas.E001",
        "signaalroute.ddas.E001",
        "signaalroute.ddas.E001",
    ]
    assert "geheim" not in str(ddas_configuratie(None))
