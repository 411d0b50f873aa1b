"""Answers are cached as long as BRP_CACHE_SECONDS, per user, under an HMAC key, and can be
forgotten per address."""

import datetime as dt

import pytest
from django.core.cache import cache
from freezegun import freeze_time

from signaalroute.contrib.brp.cache import BrpCache
from signaalroute.contrib.brp.client import brp_cache_vergeten, brp_client

from .factories import LokaalBrpPersoonFactory


@pytest.fixture
def bewoner(lokale_brp):
    return LokaalBrpPersoonFactory(bsn="999990019")


def test_the_same_question_is_answered_from_the_cache(bewoner, verstuurd):
    client = brp_client()
    eerste = client.zoek_op_adres(postcode="7401AB", huisnummer=12)
    tweede = client.zoek_op_adres(postcode="7401 ab", huisnummer=12)
    assert eerste == tweede
    assert len(verstuurd) == 1


def test_another_user_asks_the_brp_again(bewoner, verstuurd):
    client = brp_client()
    client.raadpleeg(bsn="999990019", gebruiker="behandelaar-1")
    client.raadpleeg(bsn="999990019", gebruiker="behandelaar-2")
    client.raadpleeg(bsn="999990019", gebruiker="behandelaar-1")
    assert len(verstuurd) == 2


def test_no_cache_when_cache_seconds_is_zero(lokale_brp, bewoner, verstuurd):
    lokale_brp.BRP_CACHE_SECONDS = 0
    client = brp_client()
    client.raadpleeg(bsn="999990019")
    client.raadpleeg(bsn="999990019")
    assert len(verstuurd) == 2


def test_an_answer_lives_exactly_as_long_as_the_ttl():
    bewaring = BrpCache(seconden=3600)
    with freeze_time("2026-11-24 10:00:00") as klok:
        bewaring.bewaar("brp:v1:antwoord:x", {"type": "T"}, adressen=[])
        klok.tick(dt.timedelta(seconds=3599))
        assert bewaring.lees("brp:v1:antwoord:x") == {"type": "T"}
        klok.tick(dt.timedelta(seconds=2))
        assert bewaring.lees("brp:v1:antwoord:x") is None


def test_forgetting_an_address_drops_every_answer_asked_for_it(bewoner, verstuurd):
    LokaalBrpPersoonFactory(bsn="999990020", postcode="7401AC", huisnummer=1)
    client = brp_client()
    client.zoek_op_adres(postcode="7401AB", huisnummer=12)
    client.zoek_op_adres(postcode="7401AB", huisnummer=12, huisletter="A")
    client.raadpleeg(bsn="999990019", voor_adres=("7401AB", 12))
    client.zoek_op_adres(postcode="7401AC", huisnummer=1)
    assert len(verstuurd) == 4

    assert brp_cache_vergeten(postcode="7401 ab", huisnummer=12) == 3

    client.zoek_op_adres(postcode="7401AB", huisnummer=12)
    client.raadpleeg(bsn="999990019", voor_adres=("7401AB", 12))
    client.zoek_op_adres(postcode="7401AC", huisnummer=1)  # another address: still cached
    assert len(verstuurd) == 6


def test_the_search_by_name_is_cached_and_forgotten_with_the_signals_address(bewoner, verstuurd):
    client = brp_client()
    geboren = dt.date(1956, 11, 15)
    for _ in range(2):
        client.zoek_op_naam_en_geboortedatum(
            geslachtsnaam="Meer", geboortedatum=geboren, voor_adres=("7401AB", 12)
        )
    assert len(verstuurd) == 1
    assert brp_cache_vergeten(postcode="7401AB", huisnummer=12) == 1
    client.zoek_op_naam_en_geboortedatum(
        geslachtsnaam="Meer", geboortedatum=geboren, voor_adres=("7401AB", 12)
    )
    client.zoek_op_naam_en_geboortedatum(
        geslachtsnaam="Meer", geboortedatum=geboren, voor_adres=("7401AB", 12), gebruiker="ander"
    )
    assert len(verstuurd) == 3  # asked again after forgetting, and by another user


def test_cache_keys_hold_no_bsn_or_address(bewoner):
    client = brp_client()
    client.zoek_op_adres(postcode="7401AB", huisnummer=12)
    client.raadpleeg(bsn="999990019", voor_adres=("7401AB", 12))
    if not hasattr(cache, "_cache"):
        pytest.skip("Only for the local-memory cache of the test settings.")
    sleutels = " ".join(str(sleutel) for sleutel in cache._cache)
    assert "brp:v1:antwoord:" in sleutels and "brp:v1:adres:" in sleutels
    assert "999990019" not in sleutels and "7401" not in sleutels
