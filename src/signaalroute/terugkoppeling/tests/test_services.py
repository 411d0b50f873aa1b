"""Feedback rows follow the case: picked up, help accepted (with the collection pause), closed,
reopened; after the closing deadline an interim answer once; only changes are recorded."""

import datetime as dt

import pytest

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.terugkoppeling.constants import Terugkoppelcode as T
from signaalroute.terugkoppeling.constants import Terugkoppelmoment as M
from signaalroute.terugkoppeling.models import Betalingspauze, Terugkoppeling
from signaalroute.terugkoppeling.services import (
    terugkoppelingen_bijwerken,
    tussenstanden_terugkoppelen,
)
from signaalroute.vroegsignaalzaken.constants import Contactsoort, Eindresultaat, Hulpstap
from signaalroute.vroegsignaalzaken.services import (
    Overdrachtgegevens,
    Pogingsgegevens,
    contactpoging_registreren,
    zaak_afsluiten,
    zaak_heropenen,
    zaak_oppakken,
)
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zaak():
    zaak = VroegsignaalzaakFactory(startdatum_matchingperiode=dt.date.today() - dt.timedelta(30))
    VroegsignaalFactory(vroegsignaalzaak=zaak, gemeente=zaak.gemeente)
    return zaak


@pytest.fixture
def medewerker(zaak):
    return UserFactory(uitvoeringsorganisatie=zaak.gemeente.uitvoeringsorganisatie)


def _codes(zaak):
    return list(
        Terugkoppeling.objects.filter(vroegsignaal__vroegsignaalzaak=zaak)
        .order_by("id")
        .values_list("code", "moment")
    )


def _bereikt(zaak, medewerker):
    zaak.refresh_from_db()
    contactpoging_registreren(
        zaak=zaak,
        door=medewerker,
        versie=zaak.versie,
        gegevens=Pogingsgegevens(
            soort=Contactsoort.HUISBEZOEK, datum=dt.date.today(), bereikt=True
        ),
    )
    zaak.refresh_from_db()


def test_picking_up_and_help_accepted_are_fed_back_with_the_collection_pause(zaak, medewerker):
    zaak_oppakken(zaak=zaak, door=medewerker, versie=zaak.versie)
    _bereikt(zaak, medewerker)
    zaak_afsluiten(
        zaak=zaak,
        door=medewerker,
        versie=zaak.versie,
        hulpstap=Hulpstap.SCHULDHULP,
        overdracht=Overdrachtgegevens("Schuldhulp", dt.date.today(), "Intake gepland"),
    )
    assert _codes(zaak) == [(T.OPGEPAKT, M.OPGEPAKT), (T.HULP_GEACCEPTEERD, M.HULP_GEACCEPTEERD)]
    laatste = Terugkoppeling.objects.last()
    assert laatste.betalingspauze_tot == dt.date.today() + dt.timedelta(days=30)


def test_collection_pause_is_configurable_per_partner_type(zaak, medewerker):
    soort = zaak.vroegsignalen.get().signaalpartner.soort
    Betalingspauze.objects.create(soort=soort, dagen=45)
    _bereikt(zaak, medewerker)
    zaak_afsluiten(zaak=zaak, door=medewerker, versie=zaak.versie, hulpstap=Hulpstap.BUDGETPLAN)
    assert Terugkoppeling.objects.last().betalingspauze_tot == dt.date.today() + dt.timedelta(45)
    assert soort in Signaalpartnersoort.values


def test_other_reason_closes_as_not_handled_without_the_reason(zaak, medewerker):
    zaak_afsluiten(
        zaak=zaak,
        door=medewerker,
        versie=zaak.versie,
        eindresultaat=Eindresultaat.NIET_OPGEPAKT_ANDERE_REDEN,
        reden_intern="Geheime reden",
    )
    assert _codes(zaak) == [(T.NIET_OPGEPAKT, M.AFGESLOTEN)]


def test_reopening_tells_the_partner_the_case_is_picked_up_again(zaak, medewerker):
    _bereikt(zaak, medewerker)
    zaak_afsluiten(
        zaak=zaak, door=medewerker, versie=zaak.versie, eindresultaat=Eindresultaat.HOEFT_GEEN_HULP
    )
    zaak.refresh_from_db()
    zaak_heropenen(zaak=zaak, door=medewerker, versie=zaak.versie, reden="Inwoner belde terug")
    assert [c for c, _m in _codes(zaak)] == [T.OPGEPAKT, T.NIET_BEREIKT_GEEN_HULP, T.OPGEPAKT]
    assert _codes(zaak)[-1][1] == M.HEROPEND


def test_only_changes_are_recorded(zaak):
    signalen = list(zaak.vroegsignalen.all())
    assert terugkoppelingen_bijwerken(signalen) == []  # "ontvangen" is the starting point
    assert Terugkoppeling.objects.count() == 0


def test_interim_answer_after_the_closing_deadline_once(zaak, medewerker):
    zaak_oppakken(zaak=zaak, door=medewerker, versie=zaak.versie)
    zaak.refresh_from_db()
    zaak.termijn_afsluiten = dt.date.today() - dt.timedelta(days=1)
    zaak.save()
    assert tussenstanden_terugkoppelen() == 1
    assert tussenstanden_terugkoppelen() == 0
    assert _codes(zaak)[-1] == (T.OPGEPAKT, M.TERMIJN)
