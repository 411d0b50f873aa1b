"""The adapter against the local service over real HTTP (live_server): searches, consultations,
partial dates, deceased, moved, not found, errors, retries and timeouts."""

import datetime
import json
import logging
import socket

import pytest

from signaalroute.contrib.brp.client import (
    BrpClient,
    BrpInstellingen,
    brp_client,
    brp_ingeschakeld,
)
from signaalroute.contrib.brp.exceptions import (
    BrpGeenToegang,
    BrpNietBeschikbaar,
    BrpNietGeconfigureerd,
    BrpOngeldigVerzoek,
)
from signaalroute.contrib.brp.gegevens import BrpDatum, Verblijfplaatssoort
from signaalroute.contrib.brp.lokaal import storingen

from .factories import LokaalBrpPersoonFactory


@pytest.fixture
def bewoners(lokale_brp):
    return {
        "hoofd": LokaalBrpPersoonFactory(
            bsn="999990019",
            partner_bsn="999990020",
            partner_voornamen="Mehmet",
            partner_geslachtsnaam="Yılmaz",
            partner_soort_verbintenis="H",
            aanduiding_naamgebruik="V",
        ),
        "partner": LokaalBrpPersoonFactory(
            bsn="999990020",
            geslacht="M",
            voornamen="Mehmet",
            voorvoegsel="",
            geslachtsnaam="Yılmaz",
            geboortedatum="19780300",
        ),
        "op_12a": LokaalBrpPersoonFactory(
            bsn="999990021", huisletter="A", geboortedatum="19680000"
        ),
        "op_12_2": LokaalBrpPersoonFactory(
            bsn="999990022", huisnummertoevoeging="2", geboortedatum="00000000"
        ),
        "overleden": LokaalBrpPersoonFactory(bsn="999990023", overlijdensdatum="20260405"),
        "verhuisd": LokaalBrpPersoonFactory(
            bsn="999990024",
            straat="Stationsstraat",
            postcode="7612AB",
            huisnummer=3,
            woonplaats="Zandwijk",
            gemeente_code="9912",
            gemeente_naam="Zandwijk",
            adres_sinds="20260801",
            datum_inschrijving_gemeente="20260801",
            vorige_postcode="7401AB",
            vorig_huisnummer=12,
        ),
        "geemigreerd": LokaalBrpPersoonFactory(
            bsn="999990025",
            verblijfplaats="VerblijfplaatsBuitenland",
            postcode="",
            huisnummer=None,
            land="België",
            adres_sinds="20260901",
        ),
    }


def _bsns(personen):
    return [p.bsn for p in personen]


def test_search_by_address_finds_everyone_at_the_house_number(bewoners):
    personen = brp_client().zoek_op_adres(postcode="7401 ab", huisnummer=12)
    assert _bsns(personen) == ["999990019", "999990020", "999990021", "999990022", "999990023"]
    hoofd = personen[0]
    assert (hoofd.voornamen, hoofd.voorletters, hoofd.voorvoegsel, hoofd.geslachtsnaam) == (
        "Yvonne Johanna",
        "Y.J.",
        "van der",
        "Meer",
    )
    assert hoofd.geboortedatum == BrpDatum(1956, 11, 15)
    assert hoofd.adresregels == ("Kerkstraat 12", "7401 AB  LINDEVELD")
    assert hoofd.beperkt and hoofd.woont_op(postcode="7401AB", huisnummer=12) is None


def test_search_with_letter_or_addition(bewoners):
    client = brp_client()
    assert _bsns(client.zoek_op_adres(postcode="7401AB", huisnummer=12, huisletter="a")) == [
        "999990021"
    ]
    assert _bsns(
        client.zoek_op_adres(postcode="7401AB", huisnummer=12, huisnummertoevoeging="2")
    ) == ["999990022"]


def test_partial_birth_dates(bewoners):
    personen = {p.bsn: p for p in brp_client().zoek_op_adres(postcode="7401AB", huisnummer=12)}
    assert personen["999990020"].geboortedatum == BrpDatum(1978, 3)
    assert personen["999990021"].geboortedatum == BrpDatum(1968)
    assert personen["999990022"].geboortedatum.is_onbekend


def test_consult_by_bsn_gives_residence_partner_and_registration(bewoners):
    persoon = brp_client().raadpleeg(bsn="999990019")
    assert persoon.verblijfplaats == Verblijfplaatssoort.ADRES
    assert persoon.woont_op(postcode="7401AB", huisnummer=12)
    assert persoon.adres.straat == "Kerkstraat"
    assert persoon.gemeente_van_inschrijving == "9901"
    assert persoon.datum_inschrijving_in_gemeente == BrpDatum(2015, 3, 1)
    assert persoon.aanduiding_naamgebruik == "V"
    assert persoon.huidige_partner.geslachtsnaam == "Yılmaz"
    assert persoon.huidige_partner.bsn == "999990020"
    assert not persoon.overleden and not persoon.beperkt


def test_deceased_found_by_address_and_by_bsn(bewoners):
    client = brp_client()
    bij_adres = {p.bsn: p for p in client.zoek_op_adres(postcode="7401AB", huisnummer=12)}
    assert bij_adres["999990023"].overleden
    assert bij_adres["999990023"].overlijdensdatum == BrpDatum(2026, 4, 5)
    levend = client.zoek_op_adres(postcode="7401AB", huisnummer=12, inclusief_overleden=False)
    assert "999990023" not in _bsns(levend)
    persoon = client.raadpleeg(bsn="999990023")
    assert persoon.overleden and persoon.opschortingsreden == "O"
    assert persoon.verhuisd_van(postcode="7401AB", huisnummer=12) is False


def test_moved_away_and_emigrated(bewoners):
    client = brp_client()
    verhuisd = client.raadpleeg(bsn="999990024", voor_adres=("7401AB", 12))
    assert verhuisd.verhuisd_van(postcode="7401AB", huisnummer=12)
    assert verhuisd.gemeente_van_inschrijving == "9912"
    assert verhuisd.adres_sinds == BrpDatum(2026, 8, 1)
    geemigreerd = client.raadpleeg(bsn="999990025")
    assert geemigreerd.geemigreerd and geemigreerd.land == "België"
    assert geemigreerd.verblijfplaats == Verblijfplaatssoort.BUITENLAND
    assert geemigreerd.verhuisd_van(postcode="7401AB", huisnummer=12)


def test_search_by_name_and_birth_date_finds_who_moved_emigrated_or_died(bewoners):
    client = brp_client()
    geboren = datetime.date(1956, 11, 15)
    personen = client.zoek_op_naam_en_geboortedatum(geslachtsnaam="meer", geboortedatum=geboren)
    # Not 12A (born 1968) or 12-2 (unknown): the register searches the full date only.
    assert _bsns(personen) == ["999990019", "999990023", "999990024", "999990025"]
    assert all(p.beperkt and p.geslachtsnaam == "Meer" for p in personen)
    levend = client.zoek_op_naam_en_geboortedatum(
        geslachtsnaam="Meer", geboortedatum=geboren, inclusief_overleden=False
    )
    assert "999990023" not in _bsns(levend)
    in_zandwijk = client.zoek_op_naam_en_geboortedatum(
        geslachtsnaam="Meer", geboortedatum=geboren, gemeente_van_inschrijving="9912"
    )
    assert _bsns(in_zandwijk) == ["999990024"]
    nauwer = client.zoek_op_naam_en_geboortedatum(
        geslachtsnaam="Mee*", geboortedatum=geboren, voorvoegsel="van der", voornamen="Yvonne*"
    )
    assert _bsns(nauwer) == _bsns(personen)
    assert (
        client.zoek_op_naam_en_geboortedatum(
            geslachtsnaam="Meer", geboortedatum=datetime.date(1956, 11, 16)
        )
        == []
    )


def test_not_found(bewoners):
    client = brp_client()
    assert client.zoek_op_adres(postcode="7401AB", huisnummer=13) == []
    assert client.raadpleeg(bsn="123456782") is None
    assert _bsns(client.raadpleeg_meerdere(bsns=["999990019", "123456782", "999990019"])) == [
        "999990019"
    ]


def test_invalid_input_is_refused_before_sending(lokale_brp, verstuurd):
    with pytest.raises(BrpOngeldigVerzoek) as fout:
        brp_client().zoek_op_adres(postcode="7401", huisnummer=0, huisletter="AB")
    assert {p["name"] for p in fout.value.invalid_params} == {
        "postcode",
        "huisnummer",
        "huisletter",
    }
    with pytest.raises(BrpOngeldigVerzoek):
        brp_client().raadpleeg(bsn="12345")
    with pytest.raises(BrpOngeldigVerzoek) as fout:
        brp_client().zoek_op_naam_en_geboortedatum(
            geslachtsnaam="Me*",  # a wildcard needs 3 letters
            geboortedatum=datetime.date(1956, 11, 15),
            voorvoegsel="v.d.",
            gemeente_van_inschrijving="GM9901",
        )
    assert {p["name"] for p in fout.value.invalid_params} == {
        "geslachtsnaam",
        "voorvoegsel",
        "gemeenteVanInschrijving",
    }
    assert verstuurd == []


def test_a_400_from_the_brp_becomes_our_exception_with_its_invalid_params(lokale_brp):
    verzoek = {
        "type": "ZoekMetPostcodeEnHuisnummer",
        "postcode": "7401AB",
        "huisnummer": 12,
        "fields": ["aNummer"],
    }
    with pytest.raises(BrpOngeldigVerzoek) as fout:
        brp_client().personen(verzoek)
    assert fout.value.http_status == 400
    assert fout.value.brp_code == "paramsValidation"
    assert fout.value.invalid_params[0]["name"] == "fields"
    assert fout.value.status == 400 and str(fout.value.message)


def test_api_key_and_gateway_headers_are_sent(lokale_brp, bewoners, verstuurd):
    lokale_brp.BRP_API_KEY = "geheim"
    lokale_brp.BRP_DOELBINDING = "BRPACT-Vroegsignalering"
    lokale_brp.BRP_VERWERKING = "Vroegsignalering@Schuldhulpverlening"
    lokale_brp.BRP_OIN = "00000001234567890000"
    assert brp_client().raadpleeg(bsn="999990019", gebruiker="behandelaar-7")
    headers = verstuurd[0].headers
    assert headers["X-API-KEY"] == "geheim"
    assert headers["x-doelbinding"] == "BRPACT-Vroegsignalering"
    assert headers["x-verwerking"] == "Vroegsignalering@Schuldhulpverlening"
    assert headers["x-origin-oin"] == "00000001234567890000"
    assert headers["x-gebruiker"] == "behandelaar-7"
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert headers["X-Correlation-ID"]


def test_the_search_by_name_carries_the_same_headers(lokale_brp, bewoners, verstuurd):
    lokale_brp.BRP_DOELBINDING = "BRPACT-Vroegsignalering"
    lokale_brp.BRP_OIN = "00000001234567890000"
    brp_client().zoek_op_naam_en_geboortedatum(
        geslachtsnaam="Meer", geboortedatum=datetime.date(1956, 11, 15), gebruiker="behandelaar-7"
    )
    headers = verstuurd[0].headers
    assert json.loads(verstuurd[0].body)["type"] == "ZoekMetGeslachtsnaamEnGeboortedatum"
    assert headers["x-doelbinding"] == "BRPACT-Vroegsignalering"
    assert headers["x-origin-oin"] == "00000001234567890000"
    assert headers["x-gebruiker"] == "behandelaar-7"


def test_a_wrong_api_key_is_no_access(lokale_brp):
    lokale_brp.BRP_API_KEY = "geheim"
    instellingen = BrpInstellingen(api_url=lokale_brp.BRP_API_URL, api_key="fout", retries=0)
    with pytest.raises(BrpGeenToegang) as fout:
        BrpClient(instellingen).raadpleeg(bsn="999990019")
    assert fout.value.http_status == 401


@pytest.mark.parametrize(("postcode", "status"), [("9999ZY", 503), ("9999ZW", 429)])
def test_temporary_failures_are_retried(lokale_brp, postcode, status):
    lokale_brp.BRP_RETRIES = 2
    LokaalBrpPersoonFactory(bsn="999990030", postcode=postcode, huisnummer=2)
    personen = brp_client().zoek_op_adres(postcode=postcode, huisnummer=2)
    assert _bsns(personen) == ["999990030"]
    assert storingen.teller(postcode, 2) == 3  # two failures, then the answer


def test_when_retries_run_out_the_brp_is_unavailable(lokale_brp):
    lokale_brp.BRP_RETRIES = 2
    with pytest.raises(BrpNietBeschikbaar) as fout:
        brp_client().zoek_op_adres(postcode="9999ZY", huisnummer=5)
    assert (fout.value.http_status, fout.value.brp_code) == (503, "notAvailable")
    assert storingen.teller("9999ZY", 5) == 3
    assert fout.value.status == 503


def test_a_500_is_not_retried(lokale_brp):
    with pytest.raises(BrpNietBeschikbaar) as fout:
        brp_client().zoek_op_adres(postcode="9999ZV", huisnummer=3)
    assert fout.value.http_status == 500
    assert storingen.teller("9999ZV", 3) == 1


def test_a_slow_brp_times_out_after_the_retries(lokale_brp):
    lokale_brp.BRP_TIMEOUT_SECONDS = 0.2
    lokale_brp.BRP_RETRIES = 1
    with pytest.raises(BrpNietBeschikbaar) as fout:
        brp_client().zoek_op_adres(postcode="9999ZX", huisnummer=5)  # answers after 0.5 s
    assert fout.value.oorzaak == "tijdslimiet"
    assert storingen.teller("9999ZX", 5) == 2


def test_connection_errors_are_retried_then_unavailable(lokale_brp):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        poort = sock.getsockname()[1]
    lokale_brp.BRP_API_URL = f"http://127.0.0.1:{poort}/haalcentraal/api/brp"
    with pytest.raises(BrpNietBeschikbaar) as fout:
        brp_client().raadpleeg(bsn="999990019")
    assert fout.value.oorzaak == "verbinding"


def test_brp_is_off_until_configured(settings):
    settings.BRP_API_URL = ""
    assert not brp_ingeschakeld()
    with pytest.raises(BrpNietGeconfigureerd):
        brp_client()


def test_logs_hold_no_bsn_name_or_address(bewoners, caplog):
    caplog.set_level(logging.DEBUG)
    client = brp_client()
    client.zoek_op_adres(postcode="7401AB", huisnummer=12)
    client.zoek_op_adres(postcode="7401AB", huisnummer=12)  # from the cache
    client.raadpleeg(bsn="999990019", voor_adres=("7401AB", 12))
    client.zoek_op_naam_en_geboortedatum(
        geslachtsnaam="Meer", geboortedatum=datetime.date(1956, 11, 15)
    )
    with pytest.raises(BrpOngeldigVerzoek):
        client.personen(
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": ["999990019"],
                "fields": ["x"],
            }
        )
    with pytest.raises(BrpNietBeschikbaar):
        client.zoek_op_adres(postcode="9999ZZ", huisnummer=1)
    tekst = caplog.text + json.dumps([r.args for r in caplog.records], default=str)
    assert "BRP ZoekMetPostcodeEnHuisnummer uit de cache" in tekst
    assert "BRP ZoekMetGeslachtsnaamEnGeboortedatum: HTTP 200" in tekst
    for gegeven in (
        *("999990019", "999990020", "Yvonne", "Meer", "Yılmaz", "7401AB", "9999ZZ"),
        *("1956-11-15", "19561115"),
    ):
        assert gegeven not in tekst
