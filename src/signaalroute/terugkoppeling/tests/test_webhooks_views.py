"""Partner pages for webhooks: who may open them, only the partner's own subscriptions and
deliveries, the secret shown once, ending, and offering a dead letter again."""

import pytest
from django.urls import reverse

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.terugkoppeling.constants import Terugkoppelcode as T
from signaalroute.terugkoppeling.constants import Terugkoppelmoment as M
from signaalroute.terugkoppeling.models import Terugkoppeling
from signaalroute.terugkoppeling.webhooks import rules
from signaalroute.terugkoppeling.webhooks.constants import Afleverstatus as S
from signaalroute.terugkoppeling.webhooks.models import Webhookabonnement, Webhookaflevering

from .test_webhooks_ontvanger import (  # noqa: F401 - fixtures
    ontvanger_fixture,
    webhookinstellingen_fixture,
)

pytestmark = pytest.mark.django_db

PAGINAS = ["webhooks:overzicht", "webhooks:nieuw", "webhooks:dead_letters"]
ACTIES = ["webhooks:beeindigen", "webhooks:opnieuw_afleveren"]


@pytest.fixture
def partner_a(users):
    return users["partnergebruiker"].signaalpartner


@pytest.fixture
def partner_b(users):
    return users["partnergebruiker_b"].signaalpartner


def abonnement(partner, url="https://partner.example.nl/hook"):
    return Webhookabonnement.objects.create(
        signaalpartner=partner, url=url, geheim=rules.geheim_maken(), omschrijving=partner.code
    )


def aflevering(ab, status=S.DEAD_LETTER):
    signaal = VroegsignaalFactory(aanlevering__signaalpartner=ab.signaalpartner)
    rij = Terugkoppeling.objects.create(
        vroegsignaal=signaal,
        signaalpartner=ab.signaalpartner,
        gemeente=signaal.gemeente,
        code=T.OPGEPAKT,
        moment=M.OPGEPAKT,
    )
    return Webhookaflevering.objects.create(
        abonnement=ab, terugkoppeling=rij, event_id=rij.uuid, status=status, pogingen=8
    )


@pytest.mark.parametrize("naam", PAGINAS)
def test_pages_are_for_partner_users_only(webhookinstellingen, client, login_as, users, naam):
    url = reverse(naam)
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert login_as(users["coordinator"]).get(url).status_code == 403
    assert login_as(users["platformbeheerder"]).get(url).status_code == 403
    assert login_as(users["partnergebruiker"]).get(url).status_code == 200


@pytest.mark.parametrize("naam", ACTIES)
def test_actions_are_post_only_for_partner_users(webhookinstellingen, login_as, users, naam):
    url = reverse(naam, kwargs={"uuid": "00000000-0000-4000-8000-000000000000"})
    assert login_as(users["coordinator"]).post(url).status_code == 403
    assert login_as(users["partnergebruiker"]).get(url).status_code == 405
    assert login_as(users["partnergebruiker"]).post(url).status_code == 404


def test_a_partner_sees_only_its_own_subscriptions_and_deliveries(
    webhookinstellingen, login_as, users, partner_a, partner_b
):
    eigen = abonnement(partner_a, "https://a.example.nl/hook")
    vreemd = abonnement(partner_b, "https://b.example.nl/hook")
    eigen_aflevering = aflevering(eigen, S.AFGELEVERD)
    vreemde_aflevering = aflevering(vreemd)
    inhoud = login_as(users["partnergebruiker"]).get(reverse("webhooks:overzicht")).content.decode()
    assert eigen.url in inhoud and str(eigen_aflevering.event_id) in inhoud
    assert vreemd.url not in inhoud and str(vreemde_aflevering.event_id) not in inhoud
    assert eigen.geheim not in inhoud
    inhoud = (
        login_as(users["partnergebruiker"]).get(reverse("webhooks:dead_letters")).content.decode()
    )
    assert str(vreemde_aflevering.event_id) not in inhoud


def test_making_a_subscription_shows_the_secret_once(
    ontvanger, login_as, users, partner_a, tenant_a
):
    client = login_as(users["partnergebruiker"])
    response = client.post(
        reverse("webhooks:nieuw"),
        {"url": ontvanger.url(), "omschrijving": "Incassosysteem", "gemeenten": [tenant_a.pk]},
    )
    assert response.status_code == 200
    ab = Webhookabonnement.objects.get(signaalpartner=partner_a)
    assert ab.geheim in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert ab.aangemaakt_door == users["partnergebruiker"]
    assert list(ab.gemeenten.all()) == [tenant_a]
    assert ab.geheim not in client.get(reverse("webhooks:overzicht")).content.decode()


def test_a_receiver_that_refuses_the_handshake_is_not_subscribed(ontvanger, login_as, users):
    ontvanger.handdruk = False
    response = login_as(users["partnergebruiker"]).post(
        reverse("webhooks:nieuw"), {"url": ontvanger.url()}
    )
    assert response.status_code == 200
    assert "OPTIONS" in response.content.decode()
    assert not Webhookabonnement.objects.exists()


def test_plain_http_elsewhere_is_refused(webhookinstellingen, login_as, users):
    response = login_as(users["partnergebruiker"]).post(
        reverse("webhooks:nieuw"), {"url": "http://partner.example.nl/hook"}
    )
    assert "Alleen https://" in response.content.decode()
    assert not Webhookabonnement.objects.exists()


def test_ending_a_subscription(webhookinstellingen, login_as, users, partner_a, partner_b):
    eigen, vreemd = abonnement(partner_a), abonnement(partner_b)
    client = login_as(users["partnergebruiker"])
    response = client.post(reverse("webhooks:beeindigen", kwargs={"uuid": eigen.uuid}))
    assert response.status_code == 302
    eigen.refresh_from_db()
    assert not eigen.actief and eigen.beeindigd_door == users["partnergebruiker"]
    response = client.post(reverse("webhooks:beeindigen", kwargs={"uuid": vreemd.uuid}))
    assert response.status_code == 404
    vreemd.refresh_from_db()
    assert vreemd.actief


def test_offering_a_dead_letter_again(webhookinstellingen, login_as, users, partner_a, partner_b):
    eigen = aflevering(abonnement(partner_a))
    vreemd = aflevering(abonnement(partner_b))
    client = login_as(users["partnergebruiker"])
    inhoud = client.get(reverse("webhooks:dead_letters")).content.decode()
    assert reverse("webhooks:opnieuw_afleveren", kwargs={"uuid": eigen.uuid}) in inhoud
    response = client.post(reverse("webhooks:opnieuw_afleveren", kwargs={"uuid": eigen.uuid}))
    assert response.status_code == 302
    eigen.refresh_from_db()
    assert (eigen.status, eigen.herleveringen) == (S.GEPLAND, 1)
    response = client.post(reverse("webhooks:opnieuw_afleveren", kwargs={"uuid": vreemd.uuid}))
    assert response.status_code == 404
    vreemd.refresh_from_db()
    assert vreemd.status == S.DEAD_LETTER
