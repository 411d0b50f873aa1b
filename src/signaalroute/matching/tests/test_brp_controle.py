"""The BRP check of a signal against the local BRP service over real HTTP (Haal Centraal API)."""

import datetime

import pytest

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
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


def test_without_bsn_a_person_who_moved_within_the_municipality_is_found_by_name(lindeveld):
    LokaalBrpPersoonFactory(
        postcode="7405CD", huisnummer=8, straat="Dorpsstraat", gemeente_code="9901"
    )
    uitkomst = brp_controleren(signaal=signaal(lindeveld, achternaam="Meer, van der"))
    assert uitkomst.soort == Uitkomstsoort.VERHUISD
    assert uitkomst.nieuw_adres.postcode == "7405CD"
    assert uitkomst.reden.startswith("Niet op het adres van het signaal; gevonden op naam")


def test_without_bsn_a_person_who_left_the_municipality_suggests_geen_inwoner(lindeveld):
    LokaalBrpPersoonFactory(postcode="1011AB", huisnummer=3, gemeente_code="0363")
    uitkomst = brp_controleren(signaal=signaal(lindeveld))
    assert uitkomst.soort == Uitkomstsoort.VERHUISD
    assert uitkomst.voorstel == "geen_inwoner"


def test_without_bsn_a_deceased_person_elsewhere_suggests_overleden(lindeveld):
    LokaalBrpPersoonFactory(postcode="7405CD", huisnummer=8, overlijdensdatum="20261001")
    uitkomst = brp_controleren(signaal=signaal(lindeveld))
    assert uitkomst.soort == Uitkomstsoort.OVERLEDEN


def test_a_placeholder_birth_date_is_not_searched_by_name(lindeveld, verstuurd):  # noqa: F811
    LokaalBrpPersoonFactory(postcode="7405CD", huisnummer=8, geboortedatum="19000101")
    uitkomst = brp_controleren(signaal=signaal(lindeveld, geboortedatum=datetime.date(1900, 1, 1)))
    assert uitkomst.soort == Uitkomstsoort.NIET_GEVONDEN
    assert not any(b"ZoekMetGeslachtsnaam" in (v.body or b"") for v in verstuurd)


def test_nobody_elsewhere_keeps_the_drop_out_and_says_what_was_searched(lindeveld):
    uitkomst = brp_controleren(signaal=signaal(lindeveld))
    assert uitkomst.naar_controle
    assert "Ook gezocht op naam en geboortedatum in de BRP: niemand" in uitkomst.reden
