"""Fixtures of the callcenter tests: open cases of municipality A with signals and phone
numbers, and a call round of them exported a week ago."""

import datetime as dt

import pytest
from django.utils import timezone

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.contrib.callcenter.models import Belronde
from signaalroute.contrib.callcenter.services import belronde_aanmaken
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory


def zaak_maken(gemeente, *, telefoon="06-12345678", achternaam="Jansen", **kwargs):
    vandaag = timezone.localdate()
    kwargs.setdefault("startdatum_matchingperiode", vandaag - dt.timedelta(days=40))
    kwargs.setdefault("termijn_eerste_contact", vandaag + dt.timedelta(days=10))
    zaak = VroegsignaalzaakFactory(gemeente=gemeente, **kwargs)
    VroegsignaalFactory(
        gemeente=gemeente,
        vroegsignaalzaak=zaak,
        voorletters="J.",
        voorvoegsel="",
        achternaam=achternaam,
        telefoonnummer=telefoon,
        postcode=zaak.postcode,
        huisnummer=zaak.huisnummer,
        bsn="123456782",
        email="j@example.nl",
        straat="Dorpsstraat",
        woonplaats="Aadorp",
    )
    return zaak


def ronde_maken(gemeente, zaken, door, *, formaat="csv", dagen_geleden=7):
    belronde = belronde_aanmaken(gemeente=gemeente, zaken=zaken, formaat=formaat, door=door)
    Belronde.objects.filter(pk=belronde.pk).update(
        aangemaakt_op=timezone.now() - dt.timedelta(days=dagen_geleden)
    )
    belronde.refresh_from_db()
    return belronde


@pytest.fixture
def coordinator(users):
    return users["coordinator"]


@pytest.fixture
def zaken(tenant_a):
    return [
        zaak_maken(tenant_a, telefoon="06-12345678", achternaam="Jansen"),
        zaak_maken(tenant_a, telefoon="", achternaam="Bakker"),
    ]


@pytest.fixture
def ronde(tenant_a, zaken, coordinator):
    return ronde_maken(tenant_a, zaken, coordinator)


@pytest.fixture
def gisteren():
    return timezone.localdate() - dt.timedelta(days=1)
