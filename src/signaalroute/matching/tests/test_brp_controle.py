"""The BRP check of a signal against the local BRP service over real HTTP (Haal Centraal API)."""

import datetime

import pytest

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.contrib.brp.tests.conftest import (  # noqa: F401 (fixtures)
    contract_bewaking,
    lokaal,
    lokale_brp,
    schone_staat,
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
