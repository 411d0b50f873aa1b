"""Household matching service: a hand-checked 8-month fixture, idempotency, joining open cases,
crisis linking, municipality isolation, references, districts, periods and the command."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.aanleveringen.tests.factories import AanleveringFactory, VroegsignaalFactory
from signaalroute.gemeenten.tests.factories import (
    GemeenteFactory,
    PostcodegebiedFactory,
    WijkFactory,
)
from signaalroute.matching.models import Huishoudkenmerken, Matchinginstellingen
from signaalroute.matching.services import signalen_matchen
from signaalroute.matching.tasks import signalen_matchen_taak
from signaalroute.signaalpartners.tests.factories import SignaalpartnerFactory
from signaalroute.vroegsignaalzaken.constants import Zaakfase
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak, Zaakwijziging
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners():
    return {
        soort: AanleveringFactory(signaalpartner=SignaalpartnerFactory(soort=soort))
        for soort in ("zorg", "energie", "huur", "water")
    }


@pytest.fixture
def gemeente():
    return GemeenteFactory()


def maak(gemeente, aanlevering, datum, postcode, huisnummer, **kwargs):
    return VroegsignaalFactory(
        gemeente=gemeente,
        aanlevering=aanlevering,
        soort=aanlevering.signaalpartner.soort,
        signaaldatum=datum,
        postcode=postcode,
        huisnummer=huisnummer,
        **kwargs,
    )


def d(maand, dag=10):
    return dt.date(2025, maand, dag)


def afsluiten(gemeente):
    Vroegsignaalzaak.objects.filter(gemeente=gemeente).update(fase=Zaakfase.AFGESLOTEN)


def test_eight_months_of_signals_form_the_hand_checked_cases(gemeente, partners):
    z, e, h, w = (partners[s] for s in ("zorg", "energie", "huur", "water"))
    for maand in (1, 2, 3, 4, 5):  # A1: the same insurer every month: a sleper by May
        maak(gemeente, z, d(maand), "1000AA", 1)
    maak(gemeente, z, d(1), "1000AA", 2)  # A2: two partners in January
    maak(gemeente, e, d(1, 20), "1000AA", 2)
    maak(gemeente, z, d(3), "1000AB", 3)  # A3: zorg, energie, water: gaten dichten in May
    maak(gemeente, e, d(4), "1000AB", 3)
    maak(gemeente, w, d(5), "1000AB", 3)
    maak(gemeente, h, d(1), "1000AB", 4)  # A4: rent in January and again in August (7 back)
    maak(gemeente, h, d(8), "1000AB", 4)
    maak(gemeente, z, d(2), "1000AC", 5, huisletter="A")  # A5: 5A and 5 are two households
    maak(gemeente, e, d(2), "1000AC", 5)
    maak(gemeente, z, d(6), "1000AC", 6, rechtspersoon=True)  # A6: legal person: not bundled
    maak(gemeente, e, d(6), "1000AC", 6)
    maak(gemeente, z, d(7, 1), "1000AD", 7)  # A7: the same insurer twice and the landlord
    maak(gemeente, z, d(7, 15), "1000AD", 7)
    maak(gemeente, h, d(7, 31), "1000AD", 7)
    maak(gemeente, e, d(8), "1000AD", 8, eindelevering=True)  # A8: end of supply

    verwacht = {
        1: {"enkelvoudig": 2, "meervoudig": 1},
        2: {"enkelvoudig": 2, "opeenvolgend": 1},
        3: {"enkelvoudig": 1, "opeenvolgend": 1},
        4: {"opeenvolgend": 2},
        5: {"opeenvolgend": 2},
        6: {"enkelvoudig": 1},
        7: {"meervoudig": 1},
        8: {"enkelvoudig": 2},
    }
    resultaten = {}
    for maand, per_soort in verwacht.items():
        peildatum = dt.date(2025, maand + 1, 1)
        resultaat = signalen_matchen(gemeente=gemeente, peildatum=peildatum)
        assert resultaat.per_soort == per_soort, maand
        assert (resultaat.periode_start, resultaat.periode_einde) == (
            d(maand, 1),
            peildatum - dt.timedelta(days=1),
        )
        resultaten[maand] = resultaat
        afsluiten(gemeente)

    assert resultaten[6].signalen_niet_gebundeld == 1
    assert resultaten[7].signalen_gebundeld == 3
    assert resultaten[8].crisis == 1
    assert Vroegsignaal.objects.filter(vroegsignaalzaak__isnull=True).count() == 1  # legal person

    mei_a1 = Vroegsignaalzaak.objects.get(postcode="1000AA", huisnummer=1, matchingsdatum=d(6, 1))
    assert mei_a1.huishoudkenmerken.sleper
    assert mei_a1.huishoudkenmerken.recidive == 4
    assert not mei_a1.huishoudkenmerken.gaten_dichten
    april_a1 = Vroegsignaalzaak.objects.get(postcode="1000AA", huisnummer=1, matchingsdatum=d(5, 1))
    assert not april_a1.huishoudkenmerken.sleper
    assert mei_a1.huishoudkenmerken.vorige_zaak == april_a1

    mei_a3 = Vroegsignaalzaak.objects.get(postcode="1000AB", huisnummer=3, matchingsdatum=d(6, 1))
    assert mei_a3.huishoudkenmerken.gaten_dichten
    assert mei_a3.huishoudkenmerken.recidive == 2

    a7 = Vroegsignaalzaak.objects.get(postcode="1000AD", huisnummer=7)
    assert a7.vroegsignalen.count() == 3
    assert a7.huishoudkenmerken.telt_als_match
    a8 = Vroegsignaalzaak.objects.get(postcode="1000AD", huisnummer=8)
    assert a8.crisis

    wijziging = Zaakwijziging.objects.get(vroegsignaalzaak=a7)
    assert wijziging.fase_naar == Zaakfase.NIEUW
    assert wijziging.toelichting.startswith("Gevormd door matching: meervoudig")
    assert {s.status for s in Vroegsignaal.objects.all()} == {"nog_niet_opgepakt"}


def test_running_twice_creates_no_duplicates(gemeente, partners):
    maak(gemeente, partners["zorg"], d(1), "1000AA", 1)
    maak(gemeente, partners["huur"], d(1), "1000AA", 1)
    eerste = signalen_matchen(gemeente=gemeente, peildatum=d(2, 1))
    tweede = signalen_matchen(gemeente=gemeente, peildatum=d(2, 1))
    assert (eerste.zaken_gevormd, eerste.signalen_gebundeld) == (1, 2)
    assert (tweede.zaken_gevormd, tweede.zaken_aangevuld, tweede.signalen_gebundeld) == (0, 0, 0)
    assert Vroegsignaalzaak.objects.count() == 1
    assert Zaakwijziging.objects.count() == 1
    assert Huishoudkenmerken.objects.count() == 1


def test_signal_for_an_address_with_an_open_case_joins_it(gemeente, partners):
    maak(gemeente, partners["zorg"], d(1), "1000AA", 1)
    signalen_matchen(gemeente=gemeente, peildatum=d(2, 1))
    zaak = Vroegsignaalzaak.objects.get()
    zaak.fase = Zaakfase.IN_BEHANDELING
    zaak.save()
    nieuw = maak(gemeente, partners["energie"], d(2), "1000AA", 1)

    resultaat = signalen_matchen(gemeente=gemeente, peildatum=d(3, 1))

    assert (resultaat.zaken_gevormd, resultaat.zaken_aangevuld) == (0, 1)
    nieuw.refresh_from_db()
    zaak.refresh_from_db()
    assert nieuw.vroegsignaalzaak == zaak
    assert zaak.soort == "meervoudig"
    assert zaak.huishoudkenmerken.telt_als_match
    wijziging = zaak.historie.order_by("-id").first()
    assert wijziging.toelichting.startswith("Aangevuld door matching")
    assert wijziging.fase_van == wijziging.fase_naar == Zaakfase.IN_BEHANDELING


def test_crisis_signal_joins_the_open_case_at_once_and_raises_priority(gemeente, partners):
    maak(gemeente, partners["zorg"], d(1), "1000AA", 1)
    signalen_matchen(gemeente=gemeente, peildatum=d(2, 1))
    crisis = maak(gemeente, partners["energie"], d(2, 5), "1000AA", 1, eindelevering=True)
    gewoon = maak(gemeente, partners["water"], d(2, 5), "1000AA", 2)

    resultaat = signalen_matchen(gemeente=gemeente, peildatum=d(2, 6))  # February still open

    assert resultaat.zaken_aangevuld == 1
    crisis.refresh_from_db()
    gewoon.refresh_from_db()
    assert crisis.vroegsignaalzaak.crisis
    assert gewoon.vroegsignaalzaak is None  # waits for the end of February


def test_crisis_signal_after_a_closed_case_refers_to_it(gemeente, partners):
    maak(gemeente, partners["zorg"], d(1), "1000AA", 1)
    signalen_matchen(gemeente=gemeente, peildatum=d(2, 1))
    afsluiten(gemeente)
    vorige = Vroegsignaalzaak.objects.get()
    maak(gemeente, partners["energie"], d(2, 5), "1000AA", 1, crisissignaal=True)

    resultaat = signalen_matchen(gemeente=gemeente, peildatum=d(2, 6))

    assert resultaat.per_soort == {"opeenvolgend": 1}
    zaak = Vroegsignaalzaak.objects.exclude(pk=vorige.pk).get()
    assert zaak.crisis
    assert zaak.huishoudkenmerken.vorige_zaak == vorige
    assert vorige.referentie in zaak.historie.get().toelichting
    assert (zaak.startdatum_matchingperiode, zaak.einddatum_matchingperiode) == (d(2, 1), d(2, 28))


def test_signals_never_join_a_case_of_another_municipality(gemeente, partners):
    andere = GemeenteFactory()
    VroegsignaalzaakFactory(gemeente=andere, postcode="1000AA", huisnummer=1)
    eigen = maak(gemeente, partners["zorg"], d(1), "1000AA", 1)
    maak(andere, partners["zorg"], d(1), "1000AA", 1)

    resultaat = signalen_matchen(gemeente=gemeente, peildatum=d(2, 1))

    assert (resultaat.zaken_gevormd, resultaat.zaken_aangevuld) == (1, 0)
    assert resultaat.per_soort == {"enkelvoudig": 1}  # B's signal is not history for A
    eigen.refresh_from_db()
    assert eigen.vroegsignaalzaak.gemeente == gemeente
    assert Vroegsignaal.objects.filter(gemeente=andere, vroegsignaalzaak__isnull=True).count() == 1


def test_reference_continues_after_the_highest_of_the_year(gemeente, partners):
    VroegsignaalzaakFactory(gemeente=gemeente, referentie="VS-2025-000041", postcode="9999ZZ")
    maak(gemeente, partners["zorg"], d(1), "1000AA", 1)
    maak(gemeente, partners["zorg"], d(1), "1000AA", 2)
    signalen_matchen(gemeente=gemeente, peildatum=d(2, 1))
    nieuw = Vroegsignaalzaak.objects.exclude(postcode="9999ZZ").order_by("referentie")
    assert [z.referentie for z in nieuw] == ["VS-2025-000042", "VS-2025-000043"]


def test_district_from_pc6_before_pc4(gemeente, partners):
    noord, zuid = WijkFactory(gemeente=gemeente), WijkFactory(gemeente=gemeente)
    PostcodegebiedFactory(postcode="1000", gemeente=gemeente, wijk=noord)
    PostcodegebiedFactory(postcode="1000AB", gemeente=gemeente, wijk=zuid)
    maak(gemeente, partners["zorg"], d(1), "1000AA", 1)
    maak(gemeente, partners["zorg"], d(1), "1000AB", 1)
    signalen_matchen(gemeente=gemeente, peildatum=d(2, 1))
    assert Vroegsignaalzaak.objects.get(postcode="1000AA").wijk == noord
    assert Vroegsignaalzaak.objects.get(postcode="1000AB").wijk == zuid


def test_cut_off_day_decides_the_period(gemeente, partners):
    Matchinginstellingen.objects.create(gemeente=gemeente, afsluitdag=25)
    binnen = maak(gemeente, partners["zorg"], d(3, 25), "1000AA", 1)
    erna = maak(gemeente, partners["zorg"], d(3, 26), "1000AA", 2)
    resultaat = signalen_matchen(gemeente=gemeente, peildatum=d(3, 26))
    assert (resultaat.periode_start, resultaat.periode_einde) == (d(2, 26), d(3, 25))
    binnen.refresh_from_db()
    erna.refresh_from_db()
    assert binnen.vroegsignaalzaak is not None
    assert erna.vroegsignaalzaak is None


def test_continuous_matching_takes_everything_up_to_the_run(gemeente, partners):
    Matchinginstellingen.objects.create(gemeente=gemeente, periodesoort="doorlopend")
    maak(gemeente, partners["zorg"], d(3, 3), "1000AA", 1)
    maak(gemeente, partners["zorg"], d(3, 12), "1000AA", 1)
    resultaat = signalen_matchen(gemeente=gemeente, peildatum=d(3, 12))
    zaak = Vroegsignaalzaak.objects.get()
    assert resultaat.signalen_gebundeld == 2
    assert (zaak.startdatum_matchingperiode, zaak.einddatum_matchingperiode) == (d(3, 3), d(3, 12))


def test_municipal_options_are_stored_on_the_case(gemeente, partners):
    Matchinginstellingen.objects.create(
        gemeente=gemeente, huur_telt_als_match=True, alleen_matches_behandelen=True
    )
    maak(gemeente, partners["huur"], d(1), "1000AA", 1)
    maak(gemeente, partners["zorg"], d(1), "1000AA", 2)
    resultaat = signalen_matchen(gemeente=gemeente, peildatum=d(2, 1))
    huur = Huishoudkenmerken.objects.get(vroegsignaalzaak__huisnummer=1)
    zorg = Huishoudkenmerken.objects.get(vroegsignaalzaak__huisnummer=2)
    assert (huur.telt_als_match, huur.alleen_brief) == (True, False)
    assert (zorg.telt_als_match, zorg.alleen_brief) == (False, True)
    assert (resultaat.telt_als_match, resultaat.alleen_brief) == (1, 1)


def test_command_and_task(gemeente, partners):
    maak(gemeente, partners["zorg"], d(1), "1000AA", 1)
    uit = StringIO()
    call_command("signalen_matchen", gemeente=gemeente.cbs_code, datum=d(2, 1), stdout=uit)
    assert "1 zaken gevormd" in uit.getvalue()
    maak(gemeente, partners["zorg"], d(2), "1000AA", 2)
    assert signalen_matchen_taak.call("2025-03-01")["zaken_gevormd"] == 1
