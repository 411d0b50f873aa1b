"""A hand-built region for the DDAS tests: two municipalities of two organisations (and one
that left), signals with and without BSN on and around the period January 2025, and cases
matched or closed in and around it, with contact attempts and a result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.aanleveringen.tests.factories import AanleveringFactory, VroegsignaalFactory
from signaalroute.gemeenten.models import Gemeente
from signaalroute.gemeenten.tests.factories import GemeenteFactory, UitvoeringsorganisatieFactory
from signaalroute.signaalpartners.constants import Signaalpartnersoort as Soort
from signaalroute.vroegsignaalzaken.constants import (
    Contactsoort,
    Dagdeel,
    Eindresultaat,
    Signaalstatus,
    Zaakfase,
)
from signaalroute.vroegsignaalzaken.models import Contactpoging, Vroegsignaalzaak
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

VAN = dt.date(2025, 1, 1)
TOT = dt.date(2025, 1, 31)
# Personal data that must never reach CBS.
ACHTERNAMEN = ("Zwanenburg", "Oosterhuis-Quakkelaar", "Verbrugghe")
VOORNAMEN = "Wilhelmina Theodora"
TELEFOON = "0612345678"
EMAIL = "inwoner@voorbeeld.nl"
STRAAT = "Lijsterbeslaan"
WOONPLAATS = "Lindehoeve"
GEBOORTEDATUM = dt.date(1971, 3, 14)


@dataclass
class Regio:
    gemeente_a: Gemeente
    gemeente_b: Gemeente
    gemeente_weg: Gemeente  # no longer connected
    binnen: dict[str, Vroegsignaal] = field(default_factory=dict)  # signals in the period
    buiten: dict[str, Vroegsignaal] = field(default_factory=dict)  # signals around it
    zaken_binnen: dict[str, Vroegsignaalzaak] = field(default_factory=dict)
    zaken_buiten: dict[str, Vroegsignaalzaak] = field(default_factory=dict)


def _signaal(gemeente, signaaldatum, *, achternaam=ACHTERNAMEN[0], **velden):
    velden.setdefault("aanlevering", AanleveringFactory())
    velden.setdefault("soort", Soort.WATER)
    return VroegsignaalFactory(
        gemeente=gemeente,
        signaaldatum=signaaldatum,
        ontstaansdatum=signaaldatum - dt.timedelta(days=45),
        achternaam=achternaam,
        voornamen=VOORNAMEN,
        voorletters="W.T.",
        voorvoegsel="van",
        geboortedatum=GEBOORTEDATUM,
        telefoonnummer=TELEFOON,
        email=EMAIL,
        straat=STRAAT,
        woonplaats=WOONPLAATS,
        **velden,
    )


def _zaak(gemeente, matchingsdatum, signalen, **velden):
    zaak = VroegsignaalzaakFactory(
        gemeente=gemeente,
        matchingsdatum=matchingsdatum,
        startdatum_matchingperiode=matchingsdatum - dt.timedelta(days=30),
        einddatum_matchingperiode=matchingsdatum,
        **velden,
    )
    Vroegsignaal.objects.filter(pk__in=[s.pk for s in signalen]).update(vroegsignaalzaak=zaak)
    return zaak


def _gesloten_op(datum: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(datum, dt.time(16, 30)))


@pytest.fixture
def regio(db) -> Regio:
    org_a = UitvoeringsorganisatieFactory(
        code="kredietbank-a", naam="Kredietbank Aadorp", kvk_nummer="40123456"
    )
    org_b = UitvoeringsorganisatieFactory(
        code="gemeente-b", naam="Gemeente Beekstad", kvk_nummer=""
    )
    regio = Regio(
        gemeente_a=GemeenteFactory(cbs_code="1001", naam="Aadorp", uitvoeringsorganisatie=org_a),
        gemeente_b=GemeenteFactory(cbs_code="1002", naam="Beekstad", uitvoeringsorganisatie=org_b),
        gemeente_weg=GemeenteFactory(
            cbs_code="1003", naam="Weggedorp", uitvoeringsorganisatie=org_b, aangesloten=False
        ),
    )
    a, b = regio.gemeente_a, regio.gemeente_b
    regio.binnen = {
        "bsn": _signaal(
            a,
            VAN,
            bsn="123456782",
            soort=Soort.ZORG,
            status=Signaalstatus.OPGEPAKT,
            bedrag=12550,
            crisissignaal=True,
        ),
        "adres": _signaal(
            a,
            dt.date(2025, 1, 15),
            achternaam=ACHTERNAMEN[1],
            bsn="",
            postcode="1234AB",
            huisnummer=10,
            huisletter="A",
            huisnummertoevoeging="2",
            soort=Soort.ENERGIE,
            status=Signaalstatus.NOG_NIET_OPGEPAKT,
            bedrag=4949,
            warme_overdracht=True,
        ),
        "laatste_dag": _signaal(
            a, TOT, bsn="", postcode="1234AC", huisnummer=3, status=Signaalstatus.BEKEND_BIJ_SHV
        ),
        "gemeente_b": _signaal(
            b,
            dt.date(2025, 1, 20),
            achternaam=ACHTERNAMEN[2],
            bsn="111222333",
            soort=Soort.HUUR,
            status=Signaalstatus.OVERLEDEN,
        ),
    }
    regio.buiten = {
        "dag_ervoor": _signaal(a, VAN - dt.timedelta(days=1), bsn="999999990"),
        "dag_erna": _signaal(a, TOT + dt.timedelta(days=1), bsn="999999991"),
        "gemeente_weg": _signaal(regio.gemeente_weg, dt.date(2025, 1, 10), bsn="999999992"),
    }

    gesloten = _zaak(
        a,
        dt.date(2025, 1, 10),
        [regio.binnen["bsn"]],
        datum_opgepakt=dt.date(2025, 1, 12),
        fase=Zaakfase.AFGESLOTEN,
        eindresultaat=Eindresultaat.HOEFT_GEEN_HULP,
        afgesloten_op=_gesloten_op(dt.date(2025, 1, 20)),
    )
    for soort, bereikt, datum, dagdeel in (
        (Contactsoort.TELEFOON, False, dt.date(2025, 1, 12), Dagdeel.OCHTEND),
        (Contactsoort.HUISBEZOEK, True, dt.date(2025, 1, 14), Dagdeel.AVOND),
        (Contactsoort.AFSPRAAK_OP_LOCATIE, True, dt.date(2025, 1, 16), Dagdeel.MIDDAG),
        (Contactsoort.ONBEKEND, False, dt.date(2025, 1, 17), ""),
    ):
        Contactpoging.objects.create(
            vroegsignaalzaak=gesloten,
            soort=soort,
            bereikt=bereikt,
            datum=datum,
            dagdeel=dagdeel,
            notitie="Mevrouw Zwanenburg gesproken",
        )
    regio.zaken_binnen = {
        "gesloten": gesloten,
        # matched before the period, closed in it: delivered again with its result
        "gesloten_in_periode": _zaak(
            a,
            dt.date(2024, 12, 20),
            [regio.buiten["dag_ervoor"]],
            fase=Zaakfase.AFGESLOTEN,
            eindresultaat=Eindresultaat.VERWIJZING_ZONDER_INWONER,
            afgesloten_op=_gesloten_op(TOT),
        ),
        "laatste_dag_b": _zaak(b, TOT, [regio.binnen["gemeente_b"]]),
    }
    regio.zaken_buiten = {
        "open_van_ervoor": _zaak(a, dt.date(2024, 12, 15), [_signaal(a, dt.date(2024, 12, 1))]),
        "gesloten_erna": _zaak(
            a,
            dt.date(2024, 12, 31),
            [_signaal(a, dt.date(2024, 12, 2))],
            fase=Zaakfase.AFGESLOTEN,
            eindresultaat=Eindresultaat.GEEN_CONTACT,
            afgesloten_op=_gesloten_op(TOT + dt.timedelta(days=1)),
        ),
        "gematcht_erna": _zaak(a, TOT + dt.timedelta(days=1), [regio.buiten["dag_erna"]]),
    }
    return regio
