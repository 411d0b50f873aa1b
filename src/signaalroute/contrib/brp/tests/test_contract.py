"""Contract tests against the official BRP Personen OpenAPI document (../shared/brp/).

Besides these, every request the local service receives and every answer it gives in any BRP
test is validated by the test URLconf (see `contract.py` and `conftest.contract_bewaking`).
"""

import datetime
import json

import pytest

from signaalroute.contrib.brp.client import BrpClient, BrpInstellingen
from signaalroute.contrib.brp.constants import RAADPLEEG_VELDEN, ZOEK_VELDEN
from signaalroute.contrib.brp.lokaal.validatie import PARAMETERS
from signaalroute.contrib.brp.lokaal.velden import AUTOMATISCH, PERSOON, PERSOON_BEPERKT, Geheel

from . import contract
from .conftest import PERSONEN_PAD
from .factories import LokaalBrpPersoonFactory


def _boompaden(boom, prefix=""):
    for naam, knoop in boom.items():
        yield prefix + naam
        if isinstance(knoop, dict):
            yield from _boompaden(knoop, f"{prefix}{naam}.")
        elif isinstance(knoop, Geheel):
            yield from (f"{prefix}{naam}.{veld}" for veld in knoop.velden)


def _vraagbare_paden(schema):
    return {
        pad
        for pad in contract.paden(schema)
        if "inOnderzoek" not in pad.split(".") and pad.split(".")[0] not in AUTOMATISCH
    }


@pytest.mark.parametrize(
    ("boom", "schema"), [(PERSOON, "Persoon"), (PERSOON_BEPERKT, "PersoonBeperkt")]
)
def test_the_local_field_tree_is_the_documents(boom, schema):
    assert set(_boompaden(boom)) == _vraagbare_paden(schema)


def test_the_adapter_asks_only_fields_the_answer_type_has():
    assert set(ZOEK_VELDEN) <= _vraagbare_paden("PersoonBeperkt")
    assert set(RAADPLEEG_VELDEN) <= _vraagbare_paden("Persoon")
    assert len(RAADPLEEG_VELDEN) <= 130


@pytest.mark.parametrize("zoektype", sorted(PARAMETERS))
def test_the_local_service_takes_the_documents_parameters(zoektype):
    schema = contract.spec()["components"]["schemas"][zoektype]
    verplicht = set(schema["required"])
    alle = set(contract._eigenschappen(schema)) - {"type", "fields"}
    assert PARAMETERS[zoektype] == (verplicht, alle - verplicht)


def test_every_request_body_the_adapter_builds_follows_the_document(monkeypatch):
    verzoeken = []
    monkeypatch.setattr(
        BrpClient, "personen", lambda self, verzoek, **kw: verzoeken.append(verzoek) or {}
    )
    client = BrpClient(BrpInstellingen(api_url="https://brp.example.nl/haalcentraal/api/brp"))
    client.zoek_op_adres(postcode="7401 ab", huisnummer=12)
    client.zoek_op_adres(
        postcode="7401AB",
        huisnummer=12,
        huisletter="a",
        huisnummertoevoeging="III",
        inclusief_overleden=False,
        gemeente_van_inschrijving="9901",
    )
    client.raadpleeg(bsn="999990019")
    client.raadpleeg_meerdere(bsns=[f"99999{n:04d}" for n in range(45)])
    client.zoek_op_naam_en_geboortedatum(
        geslachtsnaam="Öztürk", geboortedatum=datetime.date(1956, 11, 5)
    )
    client.zoek_op_naam_en_geboortedatum(
        geslachtsnaam="Mee*",
        geboortedatum=datetime.datetime(1956, 11, 15, 12, 30),
        voorvoegsel="van der",
        voornamen="Yvonne  Jo*",
        inclusief_overleden=False,
        gemeente_van_inschrijving="9901",
    )
    assert [v["type"] for v in verzoeken] == [
        "ZoekMetPostcodeEnHuisnummer",
        "ZoekMetPostcodeEnHuisnummer",
        *["RaadpleegMetBurgerservicenummer"] * 4,
        *["ZoekMetGeslachtsnaamEnGeboortedatum"] * 2,
    ]
    assert [len(v["burgerservicenummer"]) for v in verzoeken[3:6]] == [20, 20, 5]
    assert {k: v for k, v in verzoeken[6].items() if k != "fields"} == {
        "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
        "geslachtsnaam": "Öztürk",
        "geboortedatum": "1956-11-05",
        "inclusiefOverledenPersonen": True,
    }
    assert {k: v for k, v in verzoeken[7].items() if k != "fields"} == {
        "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
        "geslachtsnaam": "Mee*",
        "geboortedatum": "1956-11-15",
        "voorvoegsel": "van der",
        "voornamen": "Yvonne Jo*",
        "gemeenteVanInschrijving": "9901",
    }
    for verzoek in verzoeken:
        assert contract.fouten_in_verzoek(json.loads(json.dumps(verzoek))) == []


def test_the_contract_check_itself_catches_violations():
    assert contract.fouten_in_verzoek({"type": "ZoekMetPostcodeEnHuisnummer", "fields": ["naam"]})
    assert contract.fouten_in_verzoek({"type": "Onbekend", "fields": ["naam"]})
    onjuiste_datum = {
        "type": "RaadpleegMetBurgerservicenummer",
        "personen": [{"geboorte": {"datum": {"type": "JaarDatum", "langFormaat": "x"}}}],
    }
    assert contract.fouten_in_antwoord(200, "application/json; charset=utf-8", onjuiste_datum)


def _post(client, body, **extra):
    return client.post(PERSONEN_PAD, json.dumps(body), content_type="application/json", **extra)


@pytest.fixture
def allerlei_personen(lokaal):
    return [
        LokaalBrpPersoonFactory(bsn="999990019", geboortedatum="19561115", geheimhouding=True),
        LokaalBrpPersoonFactory(
            bsn="999990020",
            geboortedatum="19780300",
            huisletter="A",
            partner_bsn="999990019",
            partner_voornamen="Jan",
            partner_geslachtsnaam="Jansen",
            partner_soort_verbintenis="H",
            partner_datum_ontbinding="20260405",
        ),
        LokaalBrpPersoonFactory(
            bsn="999990021", geboortedatum="19680000", huisnummertoevoeging="2"
        ),
        LokaalBrpPersoonFactory(
            bsn="999990022", geboortedatum="00000000", overlijdensdatum="20260405"
        ),
        LokaalBrpPersoonFactory(
            bsn="999990023",
            verblijfplaats="VerblijfplaatsBuitenland",
            postcode="",
            huisnummer=None,
            land="België",
        ),
        LokaalBrpPersoonFactory(
            bsn="999990024", verblijfplaats="VerblijfplaatsOnbekend", postcode="", huisnummer=None
        ),
        LokaalBrpPersoonFactory(
            bsn="999990025", verblijft_niet_op_adres=True, voorvoegsel="van 't"
        ),
    ]


def test_every_answer_of_the_local_service_follows_the_document(client, allerlei_personen):
    alle_velden = sorted({pad.split(".")[0] for pad in _vraagbare_paden("Persoon")})
    beperkte_velden = sorted({pad.split(".")[0] for pad in _vraagbare_paden("PersoonBeperkt")})
    antwoorden = [
        _post(
            client,
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": [p.bsn for p in allerlei_personen],
                "fields": alle_velden,
            },
        ),
        _post(
            client,
            {
                "type": "ZoekMetPostcodeEnHuisnummer",
                "postcode": "7401 ab",
                "huisnummer": 12,
                "inclusiefOverledenPersonen": True,
                "fields": beperkte_velden,
            },
        ),
        _post(client, {"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "7401AB"}),
        _post(
            client,
            {
                "type": "ZoekMetPostcodeEnHuisnummer",
                "postcode": "9999ZZ",
                "huisnummer": 1,
                "fields": ["naam"],
            },
        ),
        _post(
            client,
            {
                "type": "ZoekMetPostcodeEnHuisnummer",
                "postcode": "9999ZW",
                "huisnummer": 1,
                "fields": ["naam"],
            },
        ),
        _post(
            client,
            {
                "type": "ZoekMetPostcodeEnHuisnummer",
                "postcode": "9999ZV",
                "huisnummer": 1,
                "fields": ["naam"],
            },
        ),
        _post(
            client,
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": ["1"],
                "fields": ["x"],
            },
        ),
        client.post(PERSONEN_PAD, "<xml/>", content_type="application/xml"),
        _post(client, {"type": "RaadpleegMetBurgerservicenummer"}, HTTP_ACCEPT="text/html"),
        _post(
            client,
            {
                "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
                "geslachtsnaam": "MEER",
                "geboortedatum": "1956-11-15",
                "inclusiefOverledenPersonen": True,
                "fields": beperkte_velden,
            },
        ),
        _post(
            client,
            {
                "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
                "geslachtsnaam": "Me*",
                "geboortedatum": "15-11-1956",
                "fields": ["naam"],
            },
        ),
    ]
    assert [a.status_code for a in antwoorden] == [
        200, 200, 400, 503, 429, 500, 400, 415, 406, 200, 400
    ]  # fmt: skip
    assert len(antwoorden[0].json()["personen"]) == len(allerlei_personen)
    # 12, 12A, 12-2, the deceased and the one found not to live there; not abroad or unknown
    assert len(antwoorden[1].json()["personen"]) == 5
    # Born 15-11-1956, wherever they live: here, abroad, unknown, found not to live there
    assert [p["burgerservicenummer"] for p in antwoorden[9].json()["personen"]] == [
        "999990019",
        "999990023",
        "999990024",
        "999990025",
    ]
    for antwoord in antwoorden:
        assert (
            contract.fouten_in_antwoord(
                antwoord.status_code, antwoord["Content-Type"], antwoord.json()
            )
            == []
        )
