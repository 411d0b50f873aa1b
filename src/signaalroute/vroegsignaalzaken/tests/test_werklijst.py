"""The work list: per tray and team, filters, sorting, counts, claim and bulk assign, team
visibility, and a query count that does not grow with the number of cases."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.conftest import verified_client
from signaalroute.gemeenten.tests.factories import TeamFactory, WijkFactory
from signaalroute.triage.services import zaken_trieren
from signaalroute.vroegsignaalzaken.constants import Zaakfase, Zaaksoort
from signaalroute.vroegsignaalzaken.models import Zaakwijziging
from signaalroute.vroegsignaalzaken.selectors import (
    Werklijstfilter,
    bakjes_tellen,
    werklijst,
    werklijstpagina,
)
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2026, 11, 24)


def zaak(gemeente, *, soort="zorg", bedrag=20000, eindelevering=False, **extra):
    z = VroegsignaalzaakFactory(gemeente=gemeente, matchingsdatum=VANDAAG, **extra)
    VroegsignaalFactory(
        gemeente=gemeente,
        vroegsignaalzaak=z,
        soort=soort,
        bedrag=bedrag,
        eindelevering=eindelevering,
    )
    return z


@pytest.fixture
def werk(tenant_a, users):
    noord = WijkFactory(gemeente=tenant_a, code="N", naam="Noord")
    zuid = WijkFactory(gemeente=tenant_a, code="Z", naam="Zuid")
    zaken = {
        "crisis": zaak(tenant_a, soort="energie", eindelevering=True, wijk=noord),
        "klein": zaak(tenant_a, bedrag=5000, wijk=zuid),
        "huur": zaak(tenant_a, soort="huur", bedrag=90000, wijk=zuid),
        "match": zaak(tenant_a, bedrag=40000, soort="water", wijk=noord),
    }
    zaken["match"].soort = Zaaksoort.MEERVOUDIG
    zaken["match"].save()
    zaken_trieren(gemeente=tenant_a, peildatum=VANDAAG)
    return zaken


def referenties(user, **filter_):
    f = Werklijstfilter(**{"behandelaar": "alle", **filter_})
    return [z.referentie for z in werklijst(user, f, vandaag=VANDAAG)]


def test_filters_by_tray_district_partner_type_amount_and_deadline(werk, users):
    coordinator = users["coordinator"]
    ref = {naam: z.referentie for naam, z in werk.items()}
    assert referenties(coordinator, bakje="Crisis") == [ref["crisis"]]
    assert set(referenties(coordinator, wijk="Z")) == {ref["klein"], ref["huur"]}
    assert referenties(coordinator, soort="huur") == [ref["huur"]]
    assert set(referenties(coordinator, bedrag_vanaf=40000)) == {ref["huur"], ref["match"]}
    assert referenties(coordinator, bedrag_tot=5000) == [ref["klein"]]
    assert referenties(coordinator, termijn="binnenkort") == [ref["crisis"]]
    later = datetime.date(2026, 12, 31)
    verlopen = werklijst(coordinator, Werklijstfilter(termijn="verlopen"), vandaag=later)
    assert verlopen.count() == 4


def test_sorting_crisis_first_then_deadline_or_amount(werk, users):
    coordinator = users["coordinator"]
    assert referenties(coordinator)[0] == werk["crisis"].referentie
    assert referenties(coordinator, sortering="bedrag")[0] == werk["huur"].referentie


def test_tray_counts_follow_the_other_filters(werk, users):
    f = Werklijstfilter(behandelaar="alle", wijk="Z")
    tellingen = dict(bakjes_tellen(users["coordinator"], f))
    assert sum(tellingen.values()) == 2
    assert "Crisis" not in tellingen


def test_the_page_shows_trays_and_the_worker_claims_cases(werk, users, client):
    worker = users["vroegsignaleerder"]
    browser = verified_client(client, worker)
    html = browser.get(reverse("vroegsignaalzaken:werkvoorraad"), {"behandelaar": "niemand"})
    assert "Crisis (1)" in html.content.decode()
    response = browser.post(
        reverse("vroegsignaalzaken:toewijzen"),
        {"actie": "oppakken", "zaken": [str(werk["crisis"].uuid), "geen-uuid"], "filters": "x=1"},
    )
    assert response.url == reverse("vroegsignaalzaken:werkvoorraad") + "?x=1"
    werk["crisis"].refresh_from_db()
    assert werk["crisis"].behandelaar == worker
    rij = Zaakwijziging.objects.get(vroegsignaalzaak=werk["crisis"], door=worker)
    assert rij.fase_van == rij.fase_naar == Zaakfase.NIEUW
    assert rij.toelichting.startswith("Toegewezen aan behandelaar")


def test_a_worker_cannot_assign_to_others_but_a_coordinator_can(werk, users, client):
    worker, coordinator = users["vroegsignaleerder"], users["coordinator"]
    verified_client(client, worker).post(
        reverse("vroegsignaalzaken:toewijzen"),
        {"actie": "toewijzen", "zaken": [str(werk["huur"].uuid)], "behandelaar": coordinator.pk},
    )
    werk["huur"].refresh_from_db()
    assert werk["huur"].behandelaar is None
    team = users["externe_uitvoerder"].team
    verified_client(client, coordinator).post(
        reverse("vroegsignaalzaken:toewijzen"),
        {
            "actie": "toewijzen",
            "zaken": [str(werk["huur"].uuid), str(werk["klein"].uuid)],
            "behandelaar": worker.pk,
            "team": team.pk,
        },
    )
    for z in (werk["huur"], werk["klein"]):
        z.refresh_from_db()
        assert (z.behandelaar, z.team) == (worker, team)


def test_cases_of_another_municipality_cannot_be_claimed(werk, users, client, tenant_b):
    elders = zaak(tenant_b)
    verified_client(client, users["vroegsignaleerder"]).post(
        reverse("vroegsignaalzaken:toewijzen"), {"actie": "oppakken", "zaken": [str(elders.uuid)]}
    )
    elders.refresh_from_db()
    assert elders.behandelaar is None


def test_external_executor_sees_only_the_cases_of_their_team(werk, users, tenant_a):
    extern = users["externe_uitvoerder"]
    assert referenties(extern) == []
    werk["klein"].team = extern.team
    werk["klein"].save()
    assert referenties(extern) == [werk["klein"].referentie]


def test_queries_per_page_do_not_grow_with_the_number_of_cases(users, tenant_a, client):
    browser = verified_client(client, users["coordinator"])
    url = reverse("vroegsignaalzaken:werkvoorraad")

    def tellen():
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(url, {"behandelaar": "alle", "soort": "zorg"}).status_code == 200
        return len(queries)

    for _ in range(3):
        zaak(tenant_a, wijk=WijkFactory(gemeente=tenant_a))
    zaken_trieren(gemeente=tenant_a, peildatum=VANDAAG)
    weinig = tellen()
    team = TeamFactory(uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie)
    for _ in range(40):
        zaak(tenant_a, team=team, wijk=WijkFactory(gemeente=tenant_a))
    zaken_trieren(gemeente=tenant_a, peildatum=VANDAAG)
    assert tellen() == weinig


def test_the_api_gives_the_same_list_with_totals(werk, users, client):
    browser = verified_client(client, users["coordinator"])
    antwoord = browser.get("/api/v1/werkvoorraad", {"behandelaar": "alle", "sortering": "bedrag"})
    assert antwoord.status_code == 200
    data = antwoord.json()
    assert data["count"] == 4
    eerste = data["results"][0]
    assert eerste["referentie"] == werk["huur"].referentie
    assert eerste["totaalbedragCenten"] == 90000 and eerste["aantalSignalen"] == 1
    assert eerste["bakje"] and eerste["uitersteDatumEersteContact"]
    crisis = browser.get("/api/v1/werkvoorraad", {"behandelaar": "alle", "bakje": "Crisis"})
    assert [z["referentie"] for z in crisis.json()["results"]] == [werk["crisis"].referentie]


def test_the_case_page_says_which_tray_rule_and_version_and_why(werk, users, client):
    html = (
        verified_client(client, users["vroegsignaleerder"])
        .get(reverse("vroegsignaalzaken:detail", args=[werk["crisis"].uuid]))
        .content.decode()
    )
    assert "Crisis of eindelevering" in html and "triageregels versie 1" in html


@pytest.mark.parametrize("sortering", ["termijn", "bedrag", "prioriteit", "nieuwste"])
def test_a_page_loaded_by_ids_equals_the_plain_slice(users, tenant_a, sortering):
    for i in range(7):
        zaak(tenant_a, bedrag=1000 * (i % 3 + 1), eindelevering=i == 4)
    zaken_trieren(gemeente=tenant_a, peildatum=VANDAAG)
    qs = werklijst(users["coordinator"], Werklijstfilter(behandelaar="alle", sortering=sortering))
    for nummer in (1, 2, 3):
        pagina = werklijstpagina(qs, nummer, aantal=7, per_pagina=3)
        assert [z.pk for z in pagina] == [z.pk for z in qs[(nummer - 1) * 3 : nummer * 3]]
