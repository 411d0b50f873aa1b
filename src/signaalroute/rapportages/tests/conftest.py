"""A small, fully known data set (hand-computed figures in `test_cijfers.py`).

Municipality A (20,000 inhabitants) over the period 2025-01-01..2025-03-31, peildatum
2025-04-15; municipality B belongs to another organisation and must never be counted.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.utils import timezone

from signaalroute.aanleveringen.constants import Aanleverstatus
from signaalroute.aanleveringen.models import Aanlevering
from signaalroute.aanleveringen.tests.factories import AanleveringFactory, VroegsignaalFactory
from signaalroute.gemeenten.tests.factories import GemeenteFactory, WijkFactory
from signaalroute.matching.models import Brpcontrole, Huishoudkenmerken
from signaalroute.signaalpartners.tests.factories import SignaalpartnerFactory
from signaalroute.terugkoppeling.schuld import Schuldontwikkeling, Schuldontwikkelingbatch
from signaalroute.triage.models import Capaciteit, Triage
from signaalroute.triage.services import actieve_regelset
from signaalroute.vroegsignaalzaken.constants import Signaalstatus
from signaalroute.vroegsignaalzaken.models import Contactpoging
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

from ..rules import Periode

D = datetime.date
PERIODE = Periode(D(2025, 1, 1), D(2025, 3, 31))
PEILDATUM = D(2025, 4, 15)


def moment(datum: datetime.date, uur: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(
        datum, datetime.time(uur), tzinfo=timezone.get_default_timezone()
    )


def _aanlevering(partner, ontvangen: datetime.date) -> Aanlevering:
    aanlevering = AanleveringFactory(signaalpartner=partner, status=Aanleverstatus.VERWERKT)
    Aanlevering.objects.filter(pk=aanlevering.pk).update(ontvangen_op=moment(ontvangen, 9))
    return aanlevering


def _zaak(gemeente, **velden):
    zaak = VroegsignaalzaakFactory(gemeente=gemeente, **velden)
    return zaak


def _poging(zaak, soort, datum, bereikt):
    return Contactpoging.objects.create(
        vroegsignaalzaak=zaak, soort=soort, datum=datum, bereikt=bereikt
    )


@pytest.fixture
def dataset(db):
    a = GemeenteFactory(naam="Aadorp", inwoners=20_000)
    b = GemeenteFactory(naam="Beekstad", inwoners=50_000)
    centrum = WijkFactory(gemeente=a, code="W1", naam="Centrum")
    noord = WijkFactory(gemeente=a, code="W2", naam="Noord")
    zorg = SignaalpartnerFactory(naam="Zorg NV", soort="zorg", aanleverdag=25)
    huur = SignaalpartnerFactory(naam="Woonstede", soort="huur", aanleverdag=10)
    ander = SignaalpartnerFactory(naam="Elders", soort="energie")

    # Deliveries: zorg on 20 Dec, 10 Jan (on time), 26 Feb (late), none in March (missing);
    # huur on 12 Jan (late), none in Feb (missing), 3 Mar (on time).
    zorg_dec = _aanlevering(zorg, D(2024, 12, 20))
    zorg_jan = _aanlevering(zorg, D(2025, 1, 10))
    zorg_feb = _aanlevering(zorg, D(2025, 2, 26))
    huur_jan = _aanlevering(huur, D(2025, 1, 12))
    huur_mrt = _aanlevering(huur, D(2025, 3, 3))
    ander_jan = _aanlevering(ander, D(2025, 1, 5))

    z0 = _zaak(a, soort="enkelvoudig", matchingsdatum=D(2024, 12, 31), postcode="1234AA")
    z1 = _zaak(
        a,
        soort="meervoudig",
        matchingsdatum=D(2025, 1, 31),
        wijk=centrum,
        postcode="1234AB",
        termijn_eerste_contact=D(2025, 2, 14),
        eerste_contactpoging_op=D(2025, 2, 3),
        termijn_afsluiten=D(2025, 2, 28),
        afgesloten_op=moment(D(2025, 2, 20)),
        fase="afgesloten",
        eindresultaat="quick_fix",
        hulpstap="betalingsregeling",
    )
    z2 = _zaak(
        a,
        soort="enkelvoudig",
        matchingsdatum=D(2025, 2, 28),
        wijk=centrum,
        postcode="1234CD",
        termijn_eerste_contact=D(2025, 3, 14),
        eerste_contactpoging_op=D(2025, 3, 20),
        termijn_afsluiten=D(2025, 3, 28),
        afgesloten_op=moment(D(2025, 4, 2)),
        fase="afgesloten",
        eindresultaat="geen_contact",
    )
    z3 = _zaak(
        a,
        soort="opeenvolgend",
        matchingsdatum=D(2025, 3, 31),
        postcode="5678EF",
        termijn_eerste_contact=D(2025, 4, 14),
        termijn_afsluiten=D(2025, 4, 28),
    )
    z4 = _zaak(
        a,
        soort="enkelvoudig",
        matchingsdatum=D(2025, 3, 15),
        wijk=noord,
        postcode="5678GH",
        termijn_eerste_contact=D(2025, 3, 29),
        termijn_afsluiten=D(2025, 4, 12),
        afgesloten_op=moment(D(2025, 3, 16)),
        fase="afgesloten",
        eindresultaat="niet_opgepakt_onterecht",
    )
    zb = _zaak(b, soort="meervoudig", matchingsdatum=D(2025, 2, 1), postcode="9999ZZ")

    _poging(z0, "telefoon", D(2025, 1, 5), False)
    _poging(z1, "brief", D(2025, 2, 1), False)
    _poging(z1, "telefoon", D(2025, 2, 3), True)
    _poging(z2, "mail", D(2025, 3, 20), False)
    _poging(z2, "huisbezoek", D(2025, 3, 25), False)
    _poging(zb, "telefoon", D(2025, 2, 2), True)

    Huishoudkenmerken.objects.create(vroegsignaalzaak=z1)
    Huishoudkenmerken.objects.create(vroegsignaalzaak=z2, sleper=True, recidive=2)
    Huishoudkenmerken.objects.create(vroegsignaalzaak=z3, recidive=1, gaten_dichten=True)
    Huishoudkenmerken.objects.create(vroegsignaalzaak=zb, sleper=True, recidive=1)

    def signaal(aanlevering, datum, zaak=None, gemeente=a, **velden):
        return VroegsignaalFactory(
            aanlevering=aanlevering,
            gemeente=gemeente,
            soort=aanlevering.signaalpartner.soort,
            signaaldatum=datum,
            vroegsignaalzaak=zaak,
            status=Signaalstatus.OPGEPAKT if zaak else Signaalstatus.NOG_NIET_OPGEPAKT,
            **velden,
        )

    s6 = signaal(zorg_dec, D(2024, 12, 30))
    s1 = signaal(zorg_jan, D(2025, 1, 10), z1)
    s2 = signaal(huur_jan, D(2025, 1, 12), z1)
    s3 = signaal(zorg_feb, D(2025, 2, 5), z2)
    s4 = signaal(zorg_feb, D(2025, 2, 20))
    s4.status = Signaalstatus.NIET_OPGEPAKT_HERHAALD
    s4.save(update_fields=["status"])
    s5 = signaal(huur_mrt, D(2025, 3, 3), z3, vorig_signaal=s2)
    sb = signaal(ander_jan, D(2025, 1, 20), zb, gemeente=b)

    def brp(vroegsignaal, uitkomst, beoordeling=""):
        Brpcontrole.objects.create(
            vroegsignaal=vroegsignaal,
            gemeente=vroegsignaal.gemeente,
            uitkomst=uitkomst,
            beoordeling=beoordeling,
            naar_controle=uitkomst != "bevestigd",
            uitgevoerd_op=moment(vroegsignaal.signaaldatum),
        )

    brp(s1, "bevestigd")
    brp(s2, "niet_gevonden", "bevestigd")
    brp(s3, "verhuisd", "geen_bewoner")
    brp(s5, "twijfel")
    brp(s6, "niet_gevonden")
    brp(sb, "overleden")

    def schuld(vroegsignaal, code, peildatum):
        batch = Schuldontwikkelingbatch.objects.create(
            signaalpartner=vroegsignaal.signaalpartner, kanaal="api"
        )
        Schuldontwikkeling.objects.create(
            vroegsignaal=vroegsignaal,
            signaalpartner=vroegsignaal.signaalpartner,
            gemeente=vroegsignaal.gemeente,
            batch=batch,
            code=code,
            peildatum=peildatum,
            kanaal="api",
        )

    schuld(s1, "gegroeid", D(2025, 3, 1))
    schuld(s1, "regeling", D(2025, 5, 1))
    schuld(s3, "deurwaarder", D(2025, 5, 1))
    schuld(s4, "geen_achterstand", D(2025, 5, 1))
    schuld(sb, "gegroeid", D(2025, 5, 1))

    with transaction.atomic():
        regelset = actieve_regelset(gemeente=a)
        regelset_b = actieve_regelset(gemeente=b)
    Capaciteit.objects.create(gemeente=a, kanaal="huisbezoek", per_maand=10)
    Capaciteit.objects.create(gemeente=a, kanaal="telefoon", per_maand=20)
    Capaciteit.objects.create(gemeente=b, kanaal="telefoon", per_maand=99)

    def triage(zaak, maand, kanaal, regelset=regelset):
        Triage.objects.create(
            vroegsignaalzaak=zaak,
            regelset=regelset,
            regelnaam="Test",
            uitleg="Test",
            bakje="Test",
            eerste_kanaal=kanaal,
            termijnprofiel="standaard",
            uiterste_datum=maand,
            feiten={},
            maand=maand,
        )

    triage(z1, D(2025, 1, 1), "telefoon")
    triage(z2, D(2025, 2, 1), "huisbezoek")
    triage(z3, D(2025, 3, 1), "telefoon")
    triage(zb, D(2025, 2, 1), "telefoon", regelset_b)

    return SimpleNamespace(a=a, b=b, zaken=[z0, z1, z2, z3, z4], zorg=zorg, huur=huur)
