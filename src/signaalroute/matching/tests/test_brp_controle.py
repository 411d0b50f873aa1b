"""The BRP check of a signal against the local BRP service over real HTTP (Haal Centraal API)."""

import datetime
import json

import pytest

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.contrib.brp.client import brp_cache_vergeten, brp_client
from signaalroute.contrib.brp.exceptions import BrpGeenToegang
from signaalroute.contrib.brp.tests.conftest import (  # noqa: F401 (fixtures)
    contract_bewaking,
    lokaal,
    lokale_brp,
    schone_staat,
    verstuurd,
)
from signaalroute.contrib.brp.tests.factories import LokaalBrpPersoonFactory
from signaalroute.gemeenten.tests.factories import GemeenteFactory
from signaalroute.matching.brp import brp_controleren
from signaalroute.matching.rules import Uitkomstsoort

pytestmark = pytest.mark.usefixtures("lokale_brp")


@pytest.fixture
def lindeveld(db):
    return GemeenteFactory(cbs_code="9901", naam="Lindeveld")


def signaal(gemeente, **extra):
    waarden = {
        "gemeente": gemeente, "voorletters": "Y.J.", "voorvoegsel": "", "achternaam": "Meer, van der",
        "geboortedatum": datetime.date(1956, 11, 15), "postcode": "7401AB", "huisnummer": 12,
    }  # fmt: skip
    return VroegsignaalFactory(**{**waarden, **extra})


def test_resident_is_confirmed_despite_initials_and_voorvoegsel_placement(lindeveld):
    bewoner = LokaalBrpPersoonFactory()
    LokaalBrpPersoonFactory(voornamen="Pieter", geboortedatum="19551002", geslacht="M")
    uitkomst = brp_controleren(signaal=signaal(lindeveld))
    assert uitkomst.soort == Uitkomstsoort.BEVESTIGD
    assert uitkomst.bsn == bewoner.bsn
    assert any("Voorletters" in regel for regel in uitkomst.kandidaten[0].vergelijking.uitleg)


def test_placeholder_birth_date_does_not_drop_the_resident(lindeveld):
    bewoner = LokaalBrpPersoonFactory()
    uitkomst = brp_controleren(
        signaal=signaal(lindeveld, geboortedatum=datetime.date(1900, 1, 1), voorletters="Y.")
    )
    assert uitkomst.soort in (Uitkomstsoort.BEVESTIGD, Uitkomstsoort.TWIJFEL)
    assert uitkomst.kandidaten[0].bewoner.bsn == bewoner.bsn


def test_deceased_resident_suggests_overleden(lindeveld):
    LokaalBrpPersoonFactory(overlijdensdatum="20261001")
    uitkomst = brp_controleren(signaal=signaal(lindeveld))
    assert uitkomst.soort == Uitkomstsoort.OVERLEDEN
    assert uitkomst.voorstel == "overleden"


def test_person_with_bsn_who_moved_within_the_municipality_gets_the_new_address(lindeveld):
    verhuisd = LokaalBrpPersoonFactory(
        postcode="7405CD",
        huisnummer=8,
        straat="Dorpsstraat",
        vorige_postcode="7401AB",
        vorig_huisnummer=12,
    )
    uitkomst = brp_controleren(signaal=signaal(lindeveld, bsn=verhuisd.bsn))
    assert uitkomst.soort == Uitkomstsoort.VERHUISD
    assert uitkomst.bewoner.nieuw_adres.postcode == "7405CD"


def test_nobody_matching_goes_to_review_with_the_candidates(lindeveld):
    LokaalBrpPersoonFactory(
        voornamen="Ahmed",
        geslachtsnaam="Yilmaz",
        voorvoegsel="",
        geboortedatum="19800101",
        geslacht="M",
    )
    uitkomst = brp_controleren(signaal=signaal(lindeveld))
    assert uitkomst.soort == Uitkomstsoort.NIET_GEVONDEN
    assert uitkomst.naar_controle
    assert len(uitkomst.kandidaten) == 1


# --- no BSN in the signal: a second search by surname and birth date ------------------------


@pytest.fixture
def verzonden(verstuurd):  # noqa: F811
    """The requests the adapter sent to the local BRP, in order."""
    return verstuurd


def _verzoeken(verzoeken):
    return [json.loads(v.body) for v in verzoeken]


def _typen(verzoeken):
    return [v["type"] for v in _verzoeken(verzoeken)]


ADRES, RAADPLEEG, NAAM = (
    "ZoekMetPostcodeEnHuisnummer",
    "RaadpleegMetBurgerservicenummer",
    "ZoekMetGeslachtsnaamEnGeboortedatum",
)


def test_a_person_found_at_the_address_is_not_searched_by_name(lindeveld, verzonden):
    LokaalBrpPersoonFactory()
    uitkomst = brp_controleren(signaal=signaal(lindeveld))
    assert uitkomst.soort == Uitkomstsoort.BEVESTIGD
    assert _typen(verzonden) == [ADRES, RAADPLEEG]


def test_a_signal_with_bsn_is_not_searched_by_name(lindeveld, verzonden):
    uitkomst = brp_controleren(signaal=signaal(lindeveld, bsn="999991234"))
    assert uitkomst.soort == Uitkomstsoort.NIET_GEVONDEN
    assert _typen(verzonden) == [ADRES, RAADPLEEG]


def test_without_bsn_a_person_who_moved_within_the_municipality_gets_the_new_address(
    lindeveld, verzonden
):
    verhuisd = LokaalBrpPersoonFactory(
        postcode="7405CD", huisnummer=8, straat="Dorpsstraat", gemeente_code="9901"
    )
    uitkomst = brp_controleren(signaal=signaal(lindeveld), gebruiker="behandelaar-7")
    assert uitkomst.soort == Uitkomstsoort.VERHUISD
    assert uitkomst.bsn == verhuisd.bsn
    assert uitkomst.voorstel is None  # the new address is the suggestion, not a case result
    assert str(uitkomst.nieuw_adres) == "Dorpsstraat 8, 7405CD Lindeveld"
    assert uitkomst.reden == (
        "Op dit adres staat niemand ingeschreven in de BRP. Het signaal heeft geen BSN; daarom "
        "gezocht in de BRP op achternaam Meer en geboortedatum 15-11-1956, binnen de gemeente: "
        "Y.J. van der Meer (15-11-1956) is verhuisd binnen de gemeente naar Dorpsstraat 8, "
        "7405CD Lindeveld (score 1,00); behandel het signaal op het nieuwe adres."
    )
    # Found within the municipality: no search in the whole country.
    assert _typen(verzonden) == [ADRES, NAAM, RAADPLEEG]
    zoekvraag = _verzoeken(verzonden)[1]
    assert {k: v for k, v in zoekvraag.items() if k != "fields"} == {
        "type": NAAM,
        "geslachtsnaam": "Meer",
        "geboortedatum": "1956-11-15",
        "inclusiefOverledenPersonen": True,
        "gemeenteVanInschrijving": "9901",
    }
    assert all(v.headers["x-gebruiker"] == "behandelaar-7" for v in verzonden)


def test_the_name_search_is_cached_and_forgotten_with_the_address(lindeveld, verzonden):
    LokaalBrpPersoonFactory(postcode="7405CD", huisnummer=8, gemeente_code="9901")
    brp_controleren(signaal=signaal(lindeveld))
    brp_controleren(signaal=signaal(lindeveld))
    assert len(verzonden) == 3
    assert brp_cache_vergeten(postcode="7401AB", huisnummer=12) == 3
    brp_controleren(signaal=signaal(lindeveld))
    assert len(verzonden) == 6


@pytest.mark.parametrize(
    ("achternaam", "voorvoegsel", "geslachtsnaam", "gezocht"),
    [
        ("van der Meer", "van der", "Meer", "Meer"),
        ("Meer van der", "van der", "Meer", "Meer"),
        ("v.d. Meer", "van der", "Meer", "Meer"),
        ("MEER", "van der", "Meer", "MEER"),  # the register compares without regard to case
        ("El Amrani", "", "El Amrani", "El Amrani"),  # part of the registered surname
    ],
)
def test_the_surname_is_searched_without_voorvoegsel(
    lindeveld, verzonden, achternaam, voorvoegsel, geslachtsnaam, gezocht
):
    LokaalBrpPersoonFactory(
        voorvoegsel=voorvoegsel,
        geslachtsnaam=geslachtsnaam,
        postcode="7405CD",
        huisnummer=8,
        gemeente_code="9901",
    )
    uitkomst = brp_controleren(signaal=signaal(lindeveld, achternaam=achternaam))
    assert uitkomst.soort == Uitkomstsoort.VERHUISD
    assert _verzoeken(verzonden)[1]["geslachtsnaam"] == gezocht


def test_without_bsn_a_person_who_left_the_municipality_suggests_geen_inwoner(lindeveld, verzonden):
    LokaalBrpPersoonFactory(
        postcode="1011AB", huisnummer=3, gemeente_code="0363", woonplaats="Amsterdam"
    )
    uitkomst = brp_controleren(signaal=signaal(lindeveld))
    assert uitkomst.soort == Uitkomstsoort.VERHUISD
    assert uitkomst.voorstel == "geen_inwoner"
    assert uitkomst.voorstel_label == "Persoon is geen inwoner (meer) in de gemeente"
    assert "binnen de gemeente en daarna in heel Nederland: Y.J. van der Meer" in uitkomst.reden
    assert "is vertrokken uit de gemeente" in uitkomst.reden
    assert _typen(verzonden) == [ADRES, NAAM, NAAM, RAADPLEEG]
    binnen, overal = _verzoeken(verzonden)[1:3]
    assert binnen["gemeenteVanInschrijving"] == "9901"
    assert "gemeenteVanInschrijving" not in overal


def test_without_bsn_an_emigrant_is_no_resident_even_with_the_old_municipality_code(lindeveld):
    LokaalBrpPersoonFactory(
        verblijfplaats="VerblijfplaatsBuitenland", postcode="", huisnummer=None, land="België"
    )
    uitkomst = brp_controleren(signaal=signaal(lindeveld))
    assert uitkomst.soort == Uitkomstsoort.VERHUISD
    assert uitkomst.voorstel == "geen_inwoner"
    assert uitkomst.nieuw_adres is None


def test_without_bsn_a_deceased_person_elsewhere_suggests_overleden(lindeveld, verzonden):
    LokaalBrpPersoonFactory(
        postcode="7405CD", huisnummer=8, gemeente_code="9901", overlijdensdatum="20261001"
    )
    uitkomst = brp_controleren(signaal=signaal(lindeveld))
    assert uitkomst.soort == Uitkomstsoort.OVERLEDEN
    assert uitkomst.voorstel == "overleden"
    assert "Y.J. van der Meer (15-11-1956) is overleden" in uitkomst.reden
    assert _typen(verzonden) == [ADRES, NAAM, RAADPLEEG]


def test_deceased_persons_are_only_found_with_inclusief_overleden(lindeveld, verzonden):
    LokaalBrpPersoonFactory(postcode="7405CD", huisnummer=8, overlijdensdatum="20261001")
    brp_controleren(signaal=signaal(lindeveld))
    assert all(v["inclusiefOverledenPersonen"] for v in _verzoeken(verzonden) if v["type"] == NAAM)


@pytest.mark.parametrize(
    ("geboortedatum", "waarom"),
    [
        (datetime.date(1900, 1, 1), "geboortedatum 01-01-1900 is een opvulwaarde"),
        (datetime.date(2000, 1, 1), "geboortedatum 01-01-2000 is een opvulwaarde"),
        (
            datetime.date(1956, 7, 1),
            "van geboortedatum 01-07-1956 is mogelijk alleen het jaar bekend",
        ),
        (None, "het signaal heeft geen geboortedatum"),
    ],
)
def test_without_a_real_birth_date_there_is_no_search_by_name(
    lindeveld, verzonden, geboortedatum, waarom
):
    LokaalBrpPersoonFactory(postcode="7405CD", huisnummer=8, gemeente_code="9901")
    uitkomst = brp_controleren(signaal=signaal(lindeveld, geboortedatum=geboortedatum))
    assert uitkomst.soort == Uitkomstsoort.NIET_GEVONDEN
    assert NAAM not in _typen(verzonden)
    assert uitkomst.reden.endswith(f"Niet gezocht op achternaam en geboortedatum: {waarom}.")


def test_a_weak_candidate_elsewhere_stays_in_the_review_tray(lindeveld, verzonden):
    elders = LokaalBrpPersoonFactory(
        voornamen="Maria Johanna", postcode="7405CD", huisnummer=8, gemeente_code="9901"
    )
    uitkomst = brp_controleren(
        signaal=signaal(lindeveld, voorletters="", voornamen="Yvonne"), gebruiker="behandelaar-7"
    )
    assert uitkomst.soort == Uitkomstsoort.TWIJFEL
    assert uitkomst.naar_controle and uitkomst.bsn is None and uitkomst.voorstel is None
    assert [k.bewoner.bsn for k in uitkomst.kandidaten] == [elders.bsn]
    assert uitkomst.kandidaten[0].bewoner.verhuisd_binnen_gemeente
    assert uitkomst.reden.startswith(
        "Op dit adres staat niemand ingeschreven in de BRP. Het signaal heeft geen BSN; daarom "
        "gezocht in de BRP op achternaam Meer en geboortedatum 15-11-1956, binnen de gemeente "
        "en daarna in heel Nederland: 1 persoon gevonden, maar niet zeker genoeg: Beste "
        "kandidaat M.J. van der Meer (15-11-1956) komt niet sterk genoeg overeen"
    )
    assert _typen(verzonden) == [ADRES, NAAM, RAADPLEEG, NAAM]


def test_a_weak_candidate_at_the_address_does_not_stop_the_search(lindeveld, verzonden):
    zus = LokaalBrpPersoonFactory(voornamen="Maria")  # twin sister, still at the address
    verhuisd = LokaalBrpPersoonFactory(postcode="7405CD", huisnummer=8, gemeente_code="9901")
    uitkomst = brp_controleren(signaal=signaal(lindeveld))
    assert uitkomst.soort == Uitkomstsoort.VERHUISD
    assert uitkomst.bsn == verhuisd.bsn
    assert [k.bewoner.bsn for k in uitkomst.kandidaten] == [verhuisd.bsn, zus.bsn]
    assert uitkomst.reden.startswith(
        "Geen bewoner op dit adres komt zeker genoeg overeen met het signaal. Het signaal heeft "
        "geen BSN; daarom gezocht in de BRP op achternaam Meer en geboortedatum 15-11-1956, "
        "binnen de gemeente: Y.J. van der Meer (15-11-1956) is verhuisd binnen de gemeente"
    )
    assert _typen(verzonden) == [ADRES, RAADPLEEG, NAAM, RAADPLEEG]
    assert _verzoeken(verzonden)[3]["burgerservicenummer"] == [verhuisd.bsn]  # not the sister


def test_nobody_elsewhere_keeps_the_drop_out_and_says_what_was_searched(lindeveld, verzonden):
    uitkomst = brp_controleren(signaal=signaal(lindeveld))
    assert uitkomst.soort == Uitkomstsoort.NIET_GEVONDEN and uitkomst.naar_controle
    assert uitkomst.reden == (
        "Op dit adres staat niemand ingeschreven in de BRP. Het signaal heeft geen BSN; daarom "
        "gezocht in de BRP op achternaam Meer en geboortedatum 15-11-1956, binnen de gemeente "
        "en daarna in heel Nederland: niemand gevonden."
    )
    assert _typen(verzonden) == [ADRES, NAAM, NAAM]


def test_a_search_the_brp_does_not_authorise_leaves_the_drop_out(lindeveld, monkeypatch):
    LokaalBrpPersoonFactory(postcode="1011AB", huisnummer=3, gemeente_code="0363")
    client = brp_client()
    zoeken = client.zoek_op_naam_en_geboortedatum

    def alleen_binnen_de_gemeente(**kwargs):
        if not kwargs.get("gemeente_van_inschrijving"):
            raise BrpGeenToegang(http_status=403, brp_code="autorisation")
        return zoeken(**kwargs)

    monkeypatch.setattr(client, "zoek_op_naam_en_geboortedatum", alleen_binnen_de_gemeente)
    uitkomst = brp_controleren(signaal=signaal(lindeveld), client=client)
    assert uitkomst.soort == Uitkomstsoort.NIET_GEVONDEN
    assert uitkomst.reden.endswith(
        "binnen de gemeente (in heel Nederland zoeken weigerde de BRP: geen autorisatie): "
        "niemand gevonden."
    )
