"""Signals that are not picked up, and why: exclusion list, legal persons, repeats, thresholds."""

import datetime

import pytest

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.aanleveringen.tests.factories import AanleveringFactory, VroegsignaalFactory
from signaalroute.gemeenten.tests.factories import GemeenteFactory
from signaalroute.matching.models import Signaaldrempel, Uitsluiting
from signaalroute.matching.rules.controles import (
    ANDERE_REDEN,
    HERHAALD,
    ONTERECHT,
    Drempel,
    Eerder,
    Signaalfeiten,
    signaal_beoordelen,
)
from signaalroute.matching.signaalcontroles import regelcontroles_uitvoeren
from signaalroute.vroegsignaalzaken.constants import Signaalstatus

DAG = datetime.date(2026, 11, 10)


def feiten(**extra):
    waarden = {
        "soort": "huur",
        "bedrag": 50000,
        "ontstaansdatum": DAG - datetime.timedelta(60),
        "signaaldatum": DAG,
    }
    return Signaalfeiten(**{**waarden, **extra})


def beoordeel(f, drempels=None, uitgesloten=False, eerder=()):
    return signaal_beoordelen(
        f, drempels=drempels or {}, uitgesloten=uitgesloten, eerder=list(eerder)
    )


def test_an_excluded_address_is_not_picked_up_for_another_reason():
    assert beoordeel(feiten(), uitgesloten=True).status == ANDERE_REDEN


def test_a_legal_person_is_not_picked_up_for_another_reason():
    assert beoordeel(feiten(rechtspersoon=True)).status == ANDERE_REDEN


def test_the_same_arrears_again_without_a_higher_amount_is_a_repeat():
    eerder = [Eerder(bedrag=50000, signaaldatum=DAG - datetime.timedelta(30))]
    assert beoordeel(feiten(), eerder=eerder).status == HERHAALD
    assert beoordeel(feiten(bedrag=60000), eerder=eerder) is None  # higher: an update


def test_a_repeat_outside_the_look_back_counts_as_new():
    eerder = [Eerder(bedrag=50000, signaaldatum=DAG - datetime.timedelta(400))]
    assert beoordeel(feiten(), eerder=eerder) is None


def test_below_the_municipality_threshold_is_an_unjustified_signal():
    drempels = {"huur": Drempel(minimum_bedrag=60000)}
    assert beoordeel(feiten(), drempels=drempels).status == ONTERECHT
    assert beoordeel(feiten(soort="water"), drempels=drempels) is None
    assert beoordeel(feiten(soort="water"), drempels={"": Drempel(60000)}).status == ONTERECHT


def test_too_short_arrears_for_the_window_is_an_unjustified_signal():
    drempels = {"huur": Drempel(minimale_achterstand_dagen=90)}
    assert beoordeel(feiten(), drempels=drempels).status == ONTERECHT


def test_crisis_signals_are_never_held_back_by_a_threshold():
    assert beoordeel(feiten(crisis=True), drempels={"huur": Drempel(10**7)}) is None


@pytest.mark.django_db
def test_checks_set_the_status_with_the_reason_in_the_history_and_run_once():
    gemeente = GemeenteFactory()
    Signaaldrempel.objects.create(gemeente=gemeente, soort="zorg", minimum_bedrag=7500)
    Uitsluiting.objects.create(gemeente=gemeente, postcode="7401AB", huisnummer=99, reden="x")
    aanlevering = AanleveringFactory()

    def maak(**extra):
        waarden = {
            "aanlevering": aanlevering,
            "gemeente": gemeente,
            "soort": "zorg",
            "postcode": "7401AB",
            "signaaldatum": DAG,
            "ontstaansdatum": DAG - datetime.timedelta(60),
        }
        return VroegsignaalFactory(**{**waarden, **extra})

    laag = maak(bedrag=5000, klantnummer="A", huisnummer=1)
    uitgesloten = maak(bedrag=50000, klantnummer="B", huisnummer=99)
    eerste = maak(
        bedrag=50000, klantnummer="C", huisnummer=3, signaaldatum=DAG - datetime.timedelta(30)
    )
    herhaald = maak(bedrag=40000, klantnummer="C", huisnummer=3)
    gewoon = maak(bedrag=50000, klantnummer="D", huisnummer=4)
    telling = regelcontroles_uitvoeren(gemeente=gemeente)
    assert telling == {ONTERECHT: 1, ANDERE_REDEN: 1, HERHAALD: 1}
    status = dict(Vroegsignaal.objects.values_list("pk", "status"))
    assert status[laag.pk] == ONTERECHT
    assert status[uitgesloten.pk] == ANDERE_REDEN
    assert status[herhaald.pk] == HERHAALD
    assert status[eerste.pk] == status[gewoon.pk] == Signaalstatus.NOG_NIET_OPGEPAKT
    assert herhaald.statushistorie.get().toelichting.startswith("Dezelfde achterstand")
    assert regelcontroles_uitvoeren(gemeente=gemeente) == {}
