"""Dates (possibly partial), the mapping of API JSON to our dataclasses, and repr without
personal data. No database."""

import datetime as dt

import pytest

from signaalroute.contrib.brp.exceptions import BrpOngeldigAntwoord
from signaalroute.contrib.brp.gegevens import (
    BrpAdres,
    BrpDatum,
    BrpPersoon,
    Datumsoort,
    Verblijfplaatssoort,
)
from signaalroute.contrib.brp.mapping import datum_naar_api, datum_uit_api, persoon_uit_api


@pytest.mark.parametrize(
    ("gba", "soort", "lang", "tekst"),
    [
        ("19561115", Datumsoort.VOLLEDIG, "15 november 1956", "1956-11-15"),
        ("19780300", Datumsoort.JAAR_MAAND, "maart 1978", "1978-03"),
        ("19680000", Datumsoort.JAAR, "1968", "1968"),
        ("00000000", Datumsoort.ONBEKEND, "onbekend", "onbekend"),
    ],
)
def test_the_four_kinds_of_brp_date(gba, soort, lang, tekst):
    datum = BrpDatum.van_gba(gba)
    assert datum.soort == soort
    assert datum.lang_formaat == lang
    assert str(datum) == tekst
    assert datum.als_gba() == gba
    assert datum_uit_api(datum_naar_api(datum)) == datum


@pytest.mark.parametrize("gba", ["1956111", "19561315", "19560230", "00001100", "19560015", "abc"])
def test_impossible_brp_dates_are_refused(gba):
    with pytest.raises(ValueError):
        BrpDatum.van_gba(gba)


def test_a_partial_date_matches_every_date_it_could_be():
    maart_1978 = BrpDatum(1978, 3)
    assert maart_1978.komt_overeen_met(dt.date(1978, 3, 14))
    assert not maart_1978.komt_overeen_met(dt.date(1978, 4, 14))
    assert BrpDatum(1968).komt_overeen_met(dt.date(1968, 12, 31))
    assert BrpDatum().komt_overeen_met(dt.date(2000, 1, 1))
    assert maart_1978.als_date() is None
    assert BrpDatum(1956, 11, 15).als_date() == dt.date(1956, 11, 15)


@pytest.mark.parametrize(
    ("api", "verwacht"),
    [
        (
            {"type": "Datum", "langFormaat": "15 november 1956", "datum": "1956-11-15"},
            BrpDatum(1956, 11, 15),
        ),
        (
            {"type": "JaarMaandDatum", "langFormaat": "maart 1978", "jaar": 1978, "maand": 3},
            BrpDatum(1978, 3),
        ),
        ({"type": "JaarDatum", "langFormaat": "1968", "jaar": 1968}, BrpDatum(1968)),
        ({"type": "DatumOnbekend", "langFormaat": "onbekend", "onbekend": True}, BrpDatum()),
    ],
)
def test_api_dates_map_to_brp_datum(api, verwacht):
    assert datum_uit_api(api) == verwacht


@pytest.mark.parametrize(
    "api",
    [
        {"type": "Tijdstip", "langFormaat": "x"},
        {"type": "Datum", "datum": "1956-13-01"},
        "1956-11-15",
    ],
)
def test_an_unreadable_date_is_an_invalid_answer(api):
    with pytest.raises(BrpOngeldigAntwoord):
        datum_uit_api(api)


def test_a_search_result_maps_to_a_limited_person():
    persoon = persoon_uit_api(
        {
            "burgerservicenummer": "999990019",
            "naam": {"voornamen": "Fatma", "geslachtsnaam": "Yılmaz", "voorletters": "F."},
            "geboorte": {"datum": {"type": "JaarDatum", "langFormaat": "1968", "jaar": 1968}},
            "adressering": {"adresregel1": "Kerkstraat 12", "adresregel2": "7401 AB  LINDEVELD"},
            "opschortingBijhouding": {
                "reden": {"code": "O", "omschrijving": "overlijden"},
                "datum": {"type": "Datum", "langFormaat": "5 april 2026", "datum": "2026-04-05"},
            },
        },
        beperkt=True,
    )
    assert persoon.geslachtsnaam == "Yılmaz"
    assert persoon.geboortedatum == BrpDatum(1968)
    assert persoon.adresregels == ("Kerkstraat 12", "7401 AB  LINDEVELD")
    assert persoon.overleden and persoon.overlijdensdatum == BrpDatum(2026, 4, 5)
    assert persoon.woont_op(postcode="7401AB", huisnummer=12) is None  # a search cannot tell
    assert persoon.verhuisd_van(postcode="7401AB", huisnummer=12) is False  # died, not moved


def test_a_consulted_person_knows_where_they_live():
    persoon = persoon_uit_api(
        {
            "burgerservicenummer": "999990019",
            "verblijfplaats": {
                "type": "Adres",
                "verblijfadres": {"postcode": "7612AB", "huisnummer": 3, "huisletter": "a"},
            },
            "gemeenteVanInschrijving": {"code": "9912", "omschrijving": "Zandwijk"},
        },
        beperkt=False,
    )
    assert persoon.verblijfplaats == Verblijfplaatssoort.ADRES
    assert persoon.woont_op(postcode="7612 ab", huisnummer=3, huisletter="A")
    assert persoon.verhuisd_van(postcode="7401AB", huisnummer=12)
    assert persoon.gemeente_van_inschrijving == "9912"


def test_an_answer_without_bsn_or_with_an_unknown_residence_type_is_refused():
    with pytest.raises(BrpOngeldigAntwoord):
        persoon_uit_api({"naam": {"geslachtsnaam": "Jansen"}}, beperkt=True)
    with pytest.raises(BrpOngeldigAntwoord):
        persoon_uit_api(
            {"burgerservicenummer": "999990019", "verblijfplaats": {"type": "Boot"}}, beperkt=False
        )


def test_repr_holds_no_personal_data():
    persoon = BrpPersoon(
        bsn="999990019",
        voornamen="Fatma",
        geslachtsnaam="Yılmaz",
        geboortedatum=BrpDatum(1968, 3, 2),
        adres=BrpAdres(postcode="7401AB", huisnummer=12, straat="Kerkstraat"),
    )
    tekst = repr(persoon)
    for gegeven in ("999990019", "Fatma", "Yılmaz", "1968", "7401AB", "Kerkstraat"):
        assert gegeven not in tekst
