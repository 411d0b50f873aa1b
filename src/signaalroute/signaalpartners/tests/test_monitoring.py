"""Delivery monitoring (aanleverbewaking): the selector on real deliveries, the page, the export
and the agreed-day setting."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from freezegun import freeze_time

from signaalroute.aanleveringen.constants import Aanleverkanaal, Aanleverstatus
from signaalroute.aanleveringen.models import Aanlevering
from signaalroute.aanleveringen.tests.factories import AanleveringFactory, VroegsignaalFactory
from signaalroute.gemeenten.tests.factories import GemeenteFactory
from signaalroute.signaalpartners.rules import Afwijking, Maandstatus
from signaalroute.signaalpartners.selectors import (
    aanlevermonitor,
    aanlevermonitor_partner,
    aanleverstanden,
)

from .factories import SignaalpartnerFactory

pytestmark = pytest.mark.django_db

D = datetime.date
AMS = ZoneInfo("Europe/Amsterdam")
OKTOBER = D(2026, 10, 1)
NA_DEADLINE = D(2026, 10, 27)


def lokaal(jaar, maand, dag, uur=10, minuut=0):
    return datetime.datetime(jaar, maand, dag, uur, minuut, tzinfo=AMS)


def levering(
    partner,
    gemeente,
    ontvangen_op,
    aantal=1,
    *,
    status=Aanleverstatus.VERWERKT,
    kanaal=Aanleverkanaal.PORTAAL,
    **signaal,
):
    """A delivery of `aantal` signals for `gemeente`, received at `ontvangen_op`."""
    aanlevering = AanleveringFactory(signaalpartner=partner, status=status, kanaal=kanaal)
    VroegsignaalFactory.create_batch(aantal, aanlevering=aanlevering, gemeente=gemeente, **signaal)
    # ontvangen_op is auto_now_add: set it afterwards
    Aanlevering.objects.filter(pk=aanlevering.pk).update(ontvangen_op=ontvangen_op)
    return aanlevering


def historie(partner, gemeente, aantallen, *, maand=OKTOBER):
    """Monthly deliveries on the 20th of the months before `maand`, oldest first."""
    jaar, nummer = maand.year, maand.month
    for terug, aantal in zip(range(len(aantallen), 0, -1), aantallen, strict=True):
        m = (nummer - terug - 1) % 12 + 1
        j = jaar - (1 if nummer - terug < 1 else 0)
        if aantal is not None:
            levering(partner, gemeente, lokaal(j, m, 20), aantal)


@pytest.fixture
def coordinator(users):
    return users["coordinator"]


@pytest.fixture
def partner():
    return SignaalpartnerFactory(naam="Zilverzorg")


def monitor(user, peildatum=NA_DEADLINE, maand=OKTOBER):
    return aanlevermonitor(user, maand, peildatum=peildatum)


def regel_voor(regels, partner, gemeente):
    gevonden = [r for r in regels if r.signaalpartner == partner and r.gemeente == gemeente]
    assert len(gevonden) == 1, gevonden
    return gevonden[0]


# --- status -----------------------------------------------------------------------------------


def test_delivery_on_or_before_the_agreed_day_is_on_time(coordinator, tenant_a, partner):
    historie(partner, tenant_a, [3, 4, 5])
    levering(partner, tenant_a, lokaal(2026, 10, 25, 16), 6)
    regel = regel_voor(monitor(coordinator), partner, tenant_a)
    assert regel.status == Maandstatus.OP_TIJD
    assert regel.geleverd_op == D(2026, 10, 25)
    assert regel.aantal == 6
    assert regel.basis == 4
    assert regel.deadline == D(2026, 10, 25)
    assert regel.afwijking is None


def test_delivery_after_the_partners_own_agreed_day_is_late(coordinator, tenant_a):
    partner = SignaalpartnerFactory(aanleverdag=10)
    historie(partner, tenant_a, [3, 3, 3])
    levering(partner, tenant_a, lokaal(2026, 10, 12), 3)
    regel = regel_voor(monitor(coordinator), partner, tenant_a)
    assert regel.status == Maandstatus.TE_LAAT
    assert regel.deadline == D(2026, 10, 10)


def test_expected_partner_without_delivery_is_not_yet_due_then_missing(
    coordinator, tenant_a, partner
):
    historie(partner, tenant_a, [None, None, 2])
    voor = regel_voor(monitor(coordinator, peildatum=D(2026, 10, 25)), partner, tenant_a)
    assert voor.status == Maandstatus.NOG_NIET
    na = regel_voor(monitor(coordinator, peildatum=D(2026, 10, 26)), partner, tenant_a)
    assert na.status == Maandstatus.ONTBREEKT
    assert na.aantal == 0
    assert na.geleverd_op is None
    assert na.afwijking is None  # a missing delivery is a status, not a drop


def test_partner_without_signals_in_the_last_three_months_is_not_expected(
    coordinator, tenant_a, partner
):
    historie(partner, tenant_a, [8, None, None, None])  # four months ago
    assert monitor(coordinator) == []


def test_inactive_partner_is_not_expected(coordinator, tenant_a):
    partner = SignaalpartnerFactory(actief=False)
    historie(partner, tenant_a, [5, 5, 5])
    assert monitor(coordinator) == []


def test_new_partner_that_delivers_this_month_is_shown(coordinator, tenant_a, partner):
    levering(partner, tenant_a, lokaal(2026, 10, 3), 4)
    regel = regel_voor(monitor(coordinator), partner, tenant_a)
    assert regel.status == Maandstatus.OP_TIJD
    assert regel.basis is None


# --- what counts as the monthly delivery ------------------------------------------------------


@pytest.mark.parametrize("soort", ["crisissignaal", "eindelevering"])
def test_crisis_only_delivery_is_not_the_monthly_delivery(coordinator, tenant_a, partner, soort):
    historie(partner, tenant_a, [4, 4, 4])
    levering(partner, tenant_a, lokaal(2026, 10, 5), 2, **{soort: True})
    regel = regel_voor(monitor(coordinator), partner, tenant_a)
    assert regel.status == Maandstatus.ONTBREEKT
    assert regel.aantal == 0


def test_crisis_signals_in_the_monthly_file_are_not_counted(coordinator, tenant_a, partner):
    aanlevering = levering(partner, tenant_a, lokaal(2026, 10, 20), 3)
    VroegsignaalFactory(aanlevering=aanlevering, gemeente=tenant_a, eindelevering=True)
    regel = regel_voor(monitor(coordinator), partner, tenant_a)
    assert regel.status == Maandstatus.OP_TIJD
    assert regel.aantal == 3


@pytest.mark.parametrize(
    "status",
    [
        Aanleverstatus.CONCEPT,
        Aanleverstatus.ONTVANGEN,
        Aanleverstatus.IN_VERWERKING,
        Aanleverstatus.MISLUKT,
    ],
)
def test_only_processed_deliveries_count(coordinator, tenant_a, partner, status):
    historie(partner, tenant_a, [4, 4, 4])
    levering(partner, tenant_a, lokaal(2026, 10, 20), 4, status=status)
    assert regel_voor(monitor(coordinator), partner, tenant_a).status == Maandstatus.ONTBREEKT


def test_a_list_the_municipality_imports_itself_is_not_a_partner_delivery(
    coordinator, tenant_a, partner
):
    levering(partner, tenant_a, lokaal(2026, 9, 20), 4, kanaal=Aanleverkanaal.GEMEENTE)
    levering(partner, tenant_a, lokaal(2026, 10, 20), 4, kanaal=Aanleverkanaal.GEMEENTE)
    assert monitor(coordinator) == []


def test_delivery_date_is_the_local_date(coordinator, tenant_a, partner):
    historie(partner, tenant_a, [2, 2, 2])
    # 23:30 in Amsterdam on the 25th is 21:30 UTC: on time
    levering(partner, tenant_a, lokaal(2026, 10, 25, 23, 30), 2)
    assert regel_voor(monitor(coordinator), partner, tenant_a).status == Maandstatus.OP_TIJD


def test_delivery_just_after_local_midnight_is_late(coordinator, tenant_a, partner):
    historie(partner, tenant_a, [2, 2, 2])
    # 00:30 in Amsterdam on the 26th is still the 25th in UTC
    ontvangen = lokaal(2026, 10, 26, 0, 30)
    assert ontvangen.astimezone(datetime.UTC).day == 25
    levering(partner, tenant_a, ontvangen, 2)
    regel = regel_voor(monitor(coordinator), partner, tenant_a)
    assert regel.status == Maandstatus.TE_LAAT
    assert regel.geleverd_op == D(2026, 10, 26)


def test_months_are_local_months(coordinator, tenant_a, partner):
    historie(partner, tenant_a, [2, 2, 2])
    # 1 November 00:30 in Amsterdam is 31 October in UTC: it belongs to November
    levering(partner, tenant_a, lokaal(2026, 11, 1, 0, 30), 2)
    oktober = regel_voor(monitor(coordinator, peildatum=D(2026, 11, 2)), partner, tenant_a)
    assert oktober.status == Maandstatus.ONTBREEKT
    november = regel_voor(
        monitor(coordinator, peildatum=D(2026, 11, 2), maand=D(2026, 11, 1)), partner, tenant_a
    )
    assert november.status == Maandstatus.OP_TIJD
    assert november.aantal == 2


def test_first_delivery_of_the_month_decides(coordinator, tenant_a, partner):
    historie(partner, tenant_a, [2, 2, 2])
    levering(partner, tenant_a, lokaal(2026, 10, 28), 1)
    levering(partner, tenant_a, lokaal(2026, 10, 20), 1)
    regel = regel_voor(monitor(coordinator), partner, tenant_a)
    assert regel.status == Maandstatus.OP_TIJD
    assert regel.geleverd_op == D(2026, 10, 20)
    assert regel.aantal == 2


# --- one file for many municipalities ---------------------------------------------------------


def test_one_file_for_several_municipalities_counts_per_municipality(users, tenant_a, partner):
    tweede = GemeenteFactory(naam="Aabrug", uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie)
    aanlevering = levering(partner, tenant_a, lokaal(2026, 10, 20), 3)
    VroegsignaalFactory.create_batch(5, aanlevering=aanlevering, gemeente=tweede)
    regels = monitor(users["coordinator"])
    assert [(r.gemeente.naam, r.aantal) for r in regels] == [("Aabrug", 5), ("Aadorp", 3)]
    assert {r.status for r in regels} == {Maandstatus.OP_TIJD}


def test_municipality_missing_from_a_delivered_file_is_delivered_with_a_drop(
    coordinator, tenant_a, tenant_b, partner
):
    """The partner delivered its monthly file on time, without any signal for municipality A
    (which usually gets 20): not missing, but a sudden drop."""
    historie(partner, tenant_a, [20, 20, 20])
    levering(partner, tenant_b, lokaal(2026, 10, 20), 30)
    regel = regel_voor(monitor(coordinator), partner, tenant_a)
    assert regel.status == Maandstatus.OP_TIJD
    assert regel.geleverd_op == D(2026, 10, 20)
    assert regel.aantal == 0
    assert regel.afwijking == Afwijking.DALING


# --- count deviation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("eerder", "nu", "verwacht"),
    [
        ([12, 12, 12], 5, Afwijking.DALING),
        ([12, 12, 12], 25, Afwijking.STIJGING),
        ([12, 12, 12], 12, None),
        ([3, 3, 3], 20, None),  # baseline below 10 a month: not meaningful
    ],
)
def test_sudden_drop_or_jump_is_flagged(coordinator, tenant_a, partner, eerder, nu, verwacht):
    historie(partner, tenant_a, eerder)
    levering(partner, tenant_a, lokaal(2026, 10, 20), nu)
    assert regel_voor(monitor(coordinator), partner, tenant_a).afwijking == verwacht


def test_month_without_a_delivery_is_left_out_of_the_baseline(coordinator, tenant_a, partner):
    historie(partner, tenant_a, [None, 12, 12])
    levering(partner, tenant_a, lokaal(2026, 10, 20), 12)
    regel = regel_voor(monitor(coordinator), partner, tenant_a)
    assert regel.basis == 12
    assert regel.afwijking is None


# --- who sees what ----------------------------------------------------------------------------


def test_coordinator_sees_only_own_municipalities(coordinator, tenant_a, tenant_b, partner):
    historie(partner, tenant_a, [2, 2, 2])
    historie(partner, tenant_b, [2, 2, 2])
    assert {r.gemeente for r in monitor(coordinator)} == {tenant_a}


def test_user_restricted_to_a_municipality_sees_only_that_one(users, tenant_a, partner):
    tweede = GemeenteFactory(uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie)
    historie(partner, tenant_a, [2, 2, 2])
    historie(partner, tweede, [2, 2, 2])
    coordinator = users["coordinator"]
    coordinator.gemeenten.set([tweede])
    assert {r.gemeente for r in monitor(coordinator)} == {tweede}


def test_partner_user_sees_own_punctuality_for_every_municipality(users, tenant_a, tenant_b):
    eigen = users["partnergebruiker"].signaalpartner
    ander = users["partnergebruiker_b"].signaalpartner
    historie(eigen, tenant_a, [2, 2, 2])
    levering(eigen, tenant_b, lokaal(2026, 10, 26), 2)
    historie(ander, tenant_a, [2, 2, 2])
    regels = aanlevermonitor_partner(users["partnergebruiker"], OKTOBER, peildatum=NA_DEADLINE)
    # one late file for the partner: late for every municipality it serves
    assert {(r.gemeente, r.signaalpartner, r.status, r.aantal) for r in regels} == {
        (tenant_a, eigen, Maandstatus.TE_LAAT, 0),
        (tenant_b, eigen, Maandstatus.TE_LAAT, 2),
    }
    vooraf = aanlevermonitor_partner(
        users["partnergebruiker"], D(2026, 9, 1), peildatum=D(2026, 9, 26)
    )
    assert {(r.gemeente, r.status) for r in vooraf} == {(tenant_a, Maandstatus.OP_TIJD)}


@pytest.mark.parametrize("rol", ["coordinator", "functioneel_beheerder", "vroegsignaleerder"])
def test_partner_variant_is_empty_for_staff(users, tenant_a, partner, rol):
    historie(partner, tenant_a, [2, 2, 2])
    assert aanlevermonitor_partner(users[rol], OKTOBER, peildatum=NA_DEADLINE) == []


def test_partner_user_sees_nothing_in_the_municipal_monitor(users, tenant_a):
    historie(users["partnergebruiker"].signaalpartner, tenant_a, [2, 2, 2])
    assert monitor(users["partnergebruiker"]) == []


def test_system_wide_monitor_covers_every_municipality(tenant_a, tenant_b, partner):
    historie(partner, tenant_a, [2, 2, 2])
    historie(partner, tenant_b, [2, 2, 2])
    regels = aanleverstanden(maand=OKTOBER, peildatum=NA_DEADLINE)
    assert {r.gemeente for r in regels} == {tenant_a, tenant_b}


def test_monitor_takes_a_fixed_number_of_queries(
    coordinator, tenant_a, django_assert_max_num_queries
):
    gemeenten = [tenant_a] + [
        GemeenteFactory(uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie) for _ in range(3)
    ]
    for i in range(6):
        partner = SignaalpartnerFactory()
        for gemeente in gemeenten:
            historie(partner, gemeente, [1, 1, 1] if i % 2 else [None, 1, None])
            if i % 3:
                levering(partner, gemeente, lokaal(2026, 10, 20), 1)
    with django_assert_max_num_queries(5):
        regels = monitor(coordinator)
    assert len(regels) == 24


# --- the page and the export ------------------------------------------------------------------


@pytest.fixture
def op_27_oktober():
    """Today is 27 October 2026. The URLconf is loaded first: importing C extensions (psycopg,
    via DRF) under a frozen clock warns."""
    reverse("signaalpartners:aanleverbewaking")
    with freeze_time("2026-10-27 12:00:00"):
        yield


@pytest.mark.usefixtures("op_27_oktober")
def test_page_shows_status_badges_counts_and_flags(login_as, coordinator, tenant_a, tenant_b):
    op_tijd = SignaalpartnerFactory(naam="Zorg Op Tijd")
    ontbreekt = SignaalpartnerFactory(naam="Water Ontbreekt")
    historie(op_tijd, tenant_a, [20, 20, 20])
    levering(op_tijd, tenant_a, lokaal(2026, 10, 20), 50)
    historie(ontbreekt, tenant_a, [3, 3, 3])
    historie(ontbreekt, tenant_b, [3, 3, 3])
    response = login_as(coordinator).get(reverse("signaalpartners:aanleverbewaking"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aanleverbewaking oktober 2026" in html
    assert tenant_a.naam in html
    assert tenant_b.naam not in html
    assert "Zorg Op Tijd" in html and "Water Ontbreekt" in html
    assert "utrecht-status-badge--success" in html
    assert "utrecht-status-badge--danger" in html
    assert "Sterke stijging" in html
    assert 'href="/partners/aanleverbewaking/export.csv?maand=2026-10"' in html
    assert "style=" not in html and "<script>" not in html


@pytest.mark.usefixtures("op_27_oktober")
def test_page_shows_the_chosen_month(login_as, coordinator, tenant_a, partner):
    historie(partner, tenant_a, [2, 2, 2], maand=D(2026, 8, 1))
    levering(partner, tenant_a, lokaal(2026, 8, 26), 2)
    url = reverse("signaalpartners:aanleverbewaking") + "?maand=2026-08"
    html = login_as(coordinator).get(url).content.decode()
    assert "Aanleverbewaking augustus 2026" in html
    assert "utrecht-status-badge--warning" in html  # late
    assert "26-08-2026" in html


@pytest.mark.usefixtures("op_27_oktober")
def test_invalid_month_shows_an_error_and_this_month(login_as, coordinator):
    url = reverse("signaalpartners:aanleverbewaking") + "?maand=oktober"
    response = login_as(coordinator).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies een maand" in html
    assert "Aanleverbewaking oktober 2026" in html


@pytest.mark.usefixtures("op_27_oktober")
def test_csv_export_lists_the_rows_of_own_municipalities(
    login_as, coordinator, tenant_a, tenant_b, partner
):
    historie(partner, tenant_a, [12, 12, 12])
    levering(partner, tenant_a, lokaal(2026, 10, 26, 9), 3)
    historie(partner, tenant_b, [2, 2, 2])
    url = reverse("signaalpartners:aanleverbewaking_export") + "?maand=2026-10"
    response = login_as(coordinator).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="aanleverbewaking-2026-10.csv"' in response["Content-Disposition"]
    regels = response.content.decode("utf-8-sig").strip().split("\r\n")
    assert regels[0].startswith("gemeente;cbs_code;signaalpartner;")
    assert regels[1:] == [
        f"Aadorp;{tenant_a.gm_code};Zilverzorg;Zorgverzekeraar;2026-10;2026-10-25;Te laat;"
        "2026-10-26;3;12,0;Sterke daling"
    ]


@pytest.mark.parametrize(
    ("rol", "zichtbaar"),
    [
        ("coordinator", True),
        ("functioneel_beheerder", True),
        ("vroegsignaleerder", False),
        ("partnergebruiker", False),
    ],
)
def test_menu_links_to_the_page_for_coordinators_and_administrators(
    login_as, users, rol, zichtbaar
):
    start = {
        "coordinator": "vroegsignaalzaken:overzicht",
        "functioneel_beheerder": "gemeenten:instellingen",
        "vroegsignaleerder": "vroegsignaalzaken:werkvoorraad",
        "partnergebruiker": "aanleveringen:overzicht",
    }[rol]
    html = login_as(users[rol]).get(reverse(start)).content.decode()
    assert (reverse("signaalpartners:aanleverbewaking") in html) is zichtbaar


# --- the agreed day ---------------------------------------------------------------------------


def test_agreed_day_defaults_to_the_25th():
    assert SignaalpartnerFactory().aanleverdag == 25


@pytest.mark.parametrize("dag", [0, 29])
def test_agreed_day_outside_1_to_28_is_invalid(dag):
    partner = SignaalpartnerFactory.build(aanleverdag=dag)
    with pytest.raises(ValidationError) as exc:
        partner.full_clean()
    assert "aanleverdag" in exc.value.message_dict


def test_database_refuses_an_agreed_day_of_29(partner):
    with pytest.raises(IntegrityError), transaction.atomic():
        type(partner).objects.filter(pk=partner.pk).update(aanleverdag=29)
