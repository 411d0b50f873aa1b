"""The local BRP service behaves like the real API: search semantics, `fields`, errors."""

import json

import pytest

from .conftest import PERSONEN_PAD
from .factories import LokaalBrpPersoonFactory


def _post(client, body, **extra):
    return client.post(PERSONEN_PAD, json.dumps(body), content_type="application/json", **extra)


def _zoek(client, fields=("burgerservicenummer",), **parameters):
    body = {"type": "ZoekMetPostcodeEnHuisnummer", "fields": list(fields), **parameters}
    return _post(client, body)


def _raadpleeg(client, *bsns, fields=("burgerservicenummer",)):
    body = {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": list(bsns),
        "fields": list(fields),
    }
    return _post(client, body)


def _zoek_op_naam(client, geslachtsnaam="Meer", geboortedatum="1956-11-15", **parameters):
    body = {
        "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
        "fields": ["burgerservicenummer"],
        "geslachtsnaam": geslachtsnaam,
        "geboortedatum": geboortedatum,
        **parameters,
    }
    return _post(client, body)


def _bsns(antwoord):
    assert antwoord.status_code == 200, antwoord.content
    return [p.get("burgerservicenummer") for p in antwoord.json()["personen"]]


@pytest.fixture
def adres(lokaal):
    return {
        "op_12": LokaalBrpPersoonFactory(bsn="999990019"),
        "op_12a": LokaalBrpPersoonFactory(bsn="999990020", huisletter="A"),
        "op_12_iii": LokaalBrpPersoonFactory(bsn="999990021", huisnummertoevoeging="III"),
        "overleden": LokaalBrpPersoonFactory(bsn="999990022", overlijdensdatum="20260405"),
        "elders": LokaalBrpPersoonFactory(
            bsn="999990023", postcode="7612AB", vorige_postcode="7401AB", vorig_huisnummer=12
        ),
        "buitenland": LokaalBrpPersoonFactory(
            bsn="999990024", verblijfplaats="VerblijfplaatsBuitenland", postcode="", land="België"
        ),
    }


@pytest.mark.parametrize("postcode", ["7401AB", "7401ab", "7401 AB", "7401 aB"])
def test_postcode_is_not_case_or_space_sensitive(client, adres, postcode):
    assert _bsns(_zoek(client, postcode=postcode, huisnummer=12)) == [
        "999990019",
        "999990020",
        "999990021",
    ]


def test_letter_and_addition_narrow_the_search_case_insensitively(client, adres):
    assert _bsns(_zoek(client, postcode="7401AB", huisnummer=12, huisletter="a")) == ["999990020"]
    assert _bsns(_zoek(client, postcode="7401AB", huisnummer=12, huisnummertoevoeging="iii")) == [
        "999990021"
    ]


def test_deceased_residents_only_with_inclusief_overleden_personen(client, adres):
    antwoord = _zoek(client, postcode="7401AB", huisnummer=12, inclusiefOverledenPersonen=True)
    assert "999990022" in _bsns(antwoord)
    overledene = next(
        p for p in antwoord.json()["personen"] if p["burgerservicenummer"] == "999990022"
    )
    assert overledene["opschortingBijhouding"]["reden"] == {
        "code": "O",
        "omschrijving": "overlijden",
    }


def test_people_who_moved_or_emigrated_are_not_found_at_the_old_address(client, adres):
    gevonden = _bsns(
        _zoek(client, postcode="7401AB", huisnummer=12, inclusiefOverledenPersonen=True)
    )
    assert "999990023" not in gevonden and "999990024" not in gevonden
    assert _bsns(_raadpleeg(client, "999990023", "999990024", "123456789")) == [
        "999990023",
        "999990024",
    ]


# --- ZoekMetGeslachtsnaamEnGeboortedatum ------------------------------------------------------


@pytest.fixture
def elders(adres):
    """Besides the address: someone in another municipality, a namesake born another day and
    a person with another surname born the same day."""
    return adres | {
        "amsterdam": LokaalBrpPersoonFactory(
            bsn="999990025", postcode="1011AB", huisnummer=3, gemeente_code="0363"
        ),
        "andere_dag": LokaalBrpPersoonFactory(bsn="999990026", geboortedatum="19561116"),
        "andere_naam": LokaalBrpPersoonFactory(bsn="999990027", geslachtsnaam="Meerman"),
    }


LEVEND = ["999990019", "999990020", "999990021", "999990023", "999990024", "999990025"]


@pytest.mark.parametrize("geslachtsnaam", ["Meer", "meer", "MEER", "mEeR"])
def test_by_name_and_birth_date_everyone_is_found_wherever_they_live(client, elders, geslachtsnaam):
    # At the address (any letter or addition), moved, abroad, in another municipality.
    assert _bsns(_zoek_op_naam(client, geslachtsnaam)) == LEVEND


def test_by_name_and_birth_date_deceased_only_with_inclusief_overleden_personen(client, elders):
    assert "999990022" not in _bsns(_zoek_op_naam(client))
    assert "999990022" in _bsns(_zoek_op_naam(client, inclusiefOverledenPersonen=True))
    assert "999990022" not in _bsns(_zoek_op_naam(client, inclusiefOverledenPersonen=False))


def test_by_name_and_birth_date_within_one_municipality(client, elders):
    assert _bsns(_zoek_op_naam(client, gemeenteVanInschrijving="0363")) == ["999990025"]
    assert "999990025" not in _bsns(_zoek_op_naam(client, gemeenteVanInschrijving="9901"))


def test_by_name_and_birth_date_the_full_date_and_the_name_must_agree(client, elders):
    assert _bsns(_zoek_op_naam(client, geboortedatum="1956-11-16")) == ["999990026"]
    assert _bsns(_zoek_op_naam(client, "Meerman")) == ["999990027"]
    assert _bsns(_zoek_op_naam(client, "Mee")) == []
    assert _bsns(_zoek_op_naam(client, "meer*")) == [*LEVEND, "999990027"]


def test_by_name_and_birth_date_narrowed_by_voorvoegsel_voornamen_and_geslacht(client, elders):
    LokaalBrpPersoonFactory(bsn="999990028", voorvoegsel="", voornamen="Pieter", geslacht="M")
    assert _bsns(_zoek_op_naam(client, voorvoegsel="VAN DER")) == LEVEND
    assert _bsns(_zoek_op_naam(client, voornamen="yvonne johanna")) == LEVEND
    assert _bsns(_zoek_op_naam(client, voornamen="Yvonne")) == []
    assert _bsns(_zoek_op_naam(client, voornamen="yv*")) == LEVEND
    assert _bsns(_zoek_op_naam(client, voornamen="Pieter", geslacht="m")) == ["999990028"]
    assert _bsns(_zoek_op_naam(client, geslacht="M")) == ["999990028"]


def test_only_the_asked_fields_are_delivered(client, adres):
    persoon = _raadpleeg(client, "999990019", fields=["naam.voornamen"]).json()["personen"][0]
    assert persoon == {"naam": {"voornamen": "Yvonne Johanna"}}


def test_any_part_of_a_date_or_table_value_gives_all_of_it(client, adres):
    persoon = _raadpleeg(
        client, "999990019", fields=["geboorte.datum.jaar", "geslacht.code"]
    ).json()["personen"][0]
    assert persoon["geboorte"]["datum"] == {
        "type": "Datum",
        "langFormaat": "15 november 1956",
        "datum": "1956-11-15",
    }
    assert persoon["geslacht"] == {"code": "V", "omschrijving": "vrouw"}


def test_a_polymorphic_object_keeps_its_type(client, adres):
    persoon = _raadpleeg(
        client, "999990019", fields=["verblijfplaats.verblijfadres.postcode"]
    ).json()["personen"][0]
    assert persoon == {"verblijfplaats": {"type": "Adres", "verblijfadres": {"postcode": "7401AB"}}}


def test_a_field_without_a_value_is_not_delivered(client, adres):
    persoon = _raadpleeg(client, "999990019", fields=["overlijden", "partners", "naam.voorvoegsel"])
    assert persoon.json()["personen"][0] == {"naam": {"voorvoegsel": "van der"}}


@pytest.mark.parametrize(
    ("body", "titel", "params"),
    [
        (
            {"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "7401AB", "huisnummer": 12},
            "Minimale combinatie van parameters moet worden opgegeven.",
            [("fields", "required")],
        ),
        (
            {"type": "ZoekMetPostcodeEnHuisnummer", "huisnummer": 12, "fields": ["naam"]},
            "Minimale combinatie van parameters moet worden opgegeven.",
            [("postcode", "required")],
        ),
        (
            {
                "type": "ZoekMetPostcodeEnHuisnummer",
                "postcode": "7401AB",
                "huisnummer": 12,
                "fields": ["aNummer"],
            },
            "Een of meerdere parameters zijn niet correct.",
            [("fields", "fields")],
        ),
        (
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": ["999990019"],
                "fields": ["opschortingBijhouding"],
            },
            "Een of meerdere parameters zijn niet correct.",
            [("fields", "fields")],
        ),
        (
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": "999990019",
                "fields": [],
            },
            "Een of meerdere parameters zijn niet correct.",
            [("burgerservicenummer", "array"), ("fields", "minItems")],
        ),
        (
            {
                "type": "ZoekMetPostcodeEnHuisnummer",
                "postcode": "0401AB",
                "huisnummer": 0,
                "fields": ["naam"],
                "straat": "x",
            },
            "Een of meerdere parameters zijn niet correct.",
            [("straat", "unknownParam"), ("huisnummer", "minimum"), ("postcode", "pattern")],
        ),
        (
            {"type": "ZoekMetNaamEnGemeenteVanInschrijving", "fields": ["naam"]},
            "Een of meerdere parameters zijn niet correct.",
            [("type", "value")],
        ),
        (
            {"type": "ZoekMetGeslachtsnaamEnGeboortedatum", "geslachtsnaam": "Meer"},
            "Minimale combinatie van parameters moet worden opgegeven.",
            [("fields", "required"), ("geboortedatum", "required")],
        ),
        (
            {
                "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
                "geslachtsnaam": "Me*",
                "geboortedatum": "19561115",
                "voornamen": "Y*J*",
                "postcode": "7401AB",
                "fields": ["naam"],
            },
            "Een of meerdere parameters zijn niet correct.",
            [
                ("postcode", "unknownParam"),
                ("geboortedatum", "date"),
                ("geslachtsnaam", "pattern"),
                ("voornamen", "pattern"),
            ],
        ),
    ],
)
def test_invalid_requests_get_400_with_invalid_params(client, lokaal, body, titel, params):
    antwoord = _post(client, body)
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    probleem = antwoord.json()
    assert probleem["title"] == titel
    assert [(p["name"], p["code"]) for p in probleem["invalidParams"]] == params


def test_the_api_key_is_required_when_one_is_configured(client, lokaal):
    lokaal.BRP_API_KEY = "geheim"
    assert _raadpleeg(client, "999990019").status_code == 401
    assert (
        _post(
            client,
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": ["999990019"],
                "fields": ["naam"],
            },
            HTTP_X_API_KEY="geheim",
        ).status_code
        == 200
    )


def test_the_service_is_not_there_when_brp_lokaal_is_off(client, lokaal):
    lokaal.BRP_LOKAAL = False
    assert _raadpleeg(client, "999990019").status_code == 404


def test_only_post(client, lokaal):
    assert client.get(PERSONEN_PAD).status_code == 405
