"""The signals page: what the checks held back and why, and a worker's override."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.audit.models import Auditregel
from signaalroute.conftest import verified_client
from signaalroute.vroegsignaalzaken.constants import Signaalstatus
from signaalroute.vroegsignaalzaken.services import signaalstatussen_zetten

pytestmark = pytest.mark.django_db

S = Signaalstatus


@pytest.fixture
def tegengehouden(tenant_a):
    signaal = VroegsignaalFactory(
        gemeente=tenant_a,
        achternaam="<script>alert(1)</script>",
        signaaldatum=datetime.date(2026, 11, 2),
        gecontroleerd_op=timezone.now(),
    )
    signaalstatussen_zetten([(signaal, S.NIET_OPGEPAKT_ONTERECHT, "Bedrag onder de drempel.")])
    return signaal


def test_the_page_lists_held_back_signals_with_their_reason(client, users, tenant_b, tegengehouden):
    VroegsignaalFactory(gemeente=tegengehouden.gemeente)  # waiting for matching: not shown
    elders = VroegsignaalFactory(gemeente=tenant_b, gecontroleerd_op=timezone.now())
    signaalstatussen_zetten([(elders, S.OVERLEDEN, "Andere gemeente.")])
    html = (
        verified_client(client, users["vroegsignaleerder"])
        .get(reverse("vroegsignaalzaken:signalen"))
        .content.decode()
    )
    assert "Bedrag onder de drempel." in html
    assert "Andere gemeente." not in html
    assert html.count(reverse("vroegsignaalzaken:signaal", args=[tegengehouden.uuid])) == 1


def test_the_filter_shows_signals_waiting_for_matching(client, users, tegengehouden):
    wachtend = VroegsignaalFactory(gemeente=tegengehouden.gemeente)
    html = (
        verified_client(client, users["coordinator"])
        .get(reverse("vroegsignaalzaken:signalen"), {"status": S.NOG_NIET_OPGEPAKT})
        .content.decode()
    )
    assert str(wachtend.uuid) in html
    assert str(tegengehouden.uuid) not in html


def test_the_detail_escapes_names_and_is_audited(client, users, tegengehouden):
    response = verified_client(client, users["vroegsignaleerder"]).get(
        reverse("vroegsignaalzaken:signaal", args=[tegengehouden.uuid])
    )
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    regel = Auditregel.objects.get(object_uuid=tegengehouden.uuid, actie="bekijken")
    assert regel.omschrijving == "Signaal bekeken"


def test_a_worker_picks_up_a_held_back_signal_with_a_reason(client, users, tegengehouden):
    browser = verified_client(client, users["vroegsignaleerder"])
    url = reverse("vroegsignaalzaken:signaalstatus", args=[tegengehouden.uuid])
    response = browser.post(url, {"status": S.NOG_NIET_OPGEPAKT, "toelichting": ""}, follow=True)
    assert "Geef een toelichting" in response.content.decode()
    tegengehouden.refresh_from_db()
    assert tegengehouden.status == S.NIET_OPGEPAKT_ONTERECHT

    response = browser.post(
        url, {"status": S.NOG_NIET_OPGEPAKT, "toelichting": "Gezin is bekend bij het wijkteam."}
    )
    assert response.status_code == 302
    tegengehouden.refresh_from_db()
    assert tegengehouden.status == S.NOG_NIET_OPGEPAKT
    laatste = tegengehouden.statushistorie.order_by("-id").first()
    assert laatste.door == users["vroegsignaleerder"]
    assert laatste.toelichting == "Handmatig: Gezin is bekend bij het wijkteam."
    audit = Auditregel.objects.get(object_uuid=tegengehouden.uuid, actie="wijzigen")
    assert "Gezin" not in audit.omschrijving
