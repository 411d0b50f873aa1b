"""Delivering feedback events over real HTTP: signed CloudEvents in structured mode, retries
with back-off, 410 ends the subscription, 429 honours Retry-After, dead letters and manual
redelivery; no personal data in the event; no partner ever receives another's."""

from __future__ import annotations

import base64
import datetime as dt
import json
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from django.utils.http import http_date

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.core.exceptions import Conflict, ValidatieFout
from signaalroute.gemeenten.tests.factories import GemeenteFactory
from signaalroute.signaalpartners.tests.factories import SignaalpartnerFactory
from signaalroute.terugkoppeling import services as terugkoppelservices
from signaalroute.terugkoppeling.constants import Terugkoppelcode as T
from signaalroute.terugkoppeling.constants import Terugkoppelmoment as M
from signaalroute.terugkoppeling.models import Terugkoppeling
from signaalroute.terugkoppeling.webhooks import lokaal, rules
from signaalroute.terugkoppeling.webhooks.constants import Afleverstatus as S
from signaalroute.terugkoppeling.webhooks.models import Webhookabonnement, Webhookaflevering
from signaalroute.terugkoppeling.webhooks.services import (
    REDEN_GONE,
    aflevering_opnieuw_afleveren,
    afleveringen_afleveren,
    afleveringen_plannen,
    bij_nieuwe_terugkoppelingen,
    webhookabonnement_aanmaken,
    webhookabonnement_beeindigen,
)

from .test_webhooks_ontvanger import (  # noqa: F401 - fixtures
    API_URL,
    lokale_ontvanger_fixture,
    ontvanger_fixture,
    webhookinstellingen_fixture,
)

ACHTERNAAM = "Vermeulen-Zwartkop"
BSN = "999990019"
POSTCODE = "9876ZX"
BEDRAG = 987613  # cents
KLANTNUMMER = "KL-778899"


@pytest.fixture
def partner(db):
    return SignaalpartnerFactory()


@pytest.fixture
def signaal(partner):
    return VroegsignaalFactory(
        aanlevering__signaalpartner=partner,
        achternaam=ACHTERNAAM,
        bsn=BSN,
        postcode=POSTCODE,
        bedrag=BEDRAG,
        klantnummer=KLANTNUMMER,
        straat="Lindelaan",
        woonplaats="Aadorp",
    )


def terugkoppeling(signaal, code=T.HULP_GEACCEPTEERD) -> Terugkoppeling:
    return Terugkoppeling.objects.create(
        vroegsignaal=signaal,
        signaalpartner=signaal.signaalpartner,
        gemeente=signaal.gemeente,
        code=code,
        moment=M.HULP_GEACCEPTEERD if code == T.HULP_GEACCEPTEERD else M.AFGESLOTEN,
        betalingspauze_tot=dt.date(2026, 12, 24) if code == T.HULP_GEACCEPTEERD else None,
    )


def abonnement(partner, url, **extra) -> Webhookabonnement:
    return Webhookabonnement.objects.create(
        signaalpartner=partner, url=url, geheim=rules.geheim_maken(), **extra
    )


def tijd_verstrijkt() -> None:
    """Every planned retry is due now."""
    Webhookaflevering.objects.filter(status=S.GEPLAND).update(volgende_poging_op=timezone.now())


def plannen_en_afleveren(*rijen: Terugkoppeling):
    afleveringen_plannen([r.pk for r in rijen])
    return afleveringen_afleveren()


def test_the_hook_is_registered_when_the_app_is_ready():
    assert bij_nieuwe_terugkoppelingen in terugkoppelservices._NA_VASTLEGGEN


def test_delivered_as_a_signed_cloudevent_in_structured_mode(ontvanger, signaal, partner):
    ab = abonnement(partner, ontvanger.url())
    rij = terugkoppeling(signaal)
    plannen_en_afleveren(rij)

    [post] = ontvanger.posts
    headers = post["headers"]
    assert headers["content-type"] == "application/cloudevents+json; charset=utf-8"
    assert headers["webhook-id"] == str(rij.uuid)
    assert rules.handtekening_controleren(
        geheim=ab.geheim,
        bericht_id=headers["webhook-id"],
        tijdstempel=headers["webhook-timestamp"],
        inhoud=post["body"],
        header=headers["webhook-signature"],
        nu=timezone.now(),
        tolerantie=dt.timedelta(minutes=5),
    )
    event = json.loads(post["body"])
    assert event["specversion"] == "1.0"
    assert event["type"] == "nl.signaalroute.terugkoppeling.gewijzigd"
    assert event["source"] == "urn:nld:oin:00000001234567890000:systeem:signaalroute"
    assert event["id"] == event["subject"] == str(rij.uuid)
    assert event["dataref"] == f"{API_URL}/terugkoppelingen/{rij.uuid}"
    assert event["data"] == {
        "terugkoppeling": str(rij.uuid),
        "code": "hulp_geaccepteerd",
        "moment": "hulp_geaccepteerd",
        "betalingspauzeTot": "2026-12-24",
    }
    aflevering = Webhookaflevering.objects.get()
    assert (aflevering.status, aflevering.pogingen, aflevering.laatste_http_status) == (
        S.AFGELEVERD,
        1,
        204,
    )
    assert aflevering.event_id == rij.uuid
    assert aflevering.afgeleverd_op is not None


def test_the_event_holds_no_personal_data(ontvanger, signaal, partner):
    abonnement(partner, ontvanger.url(), bearer_token="token-van-partner")
    plannen_en_afleveren(terugkoppeling(signaal))
    [post] = ontvanger.posts
    alles = post["body"].decode() + json.dumps(post["headers"]) + post["pad"]
    for gegeven in (
        ACHTERNAAM,
        BSN,
        POSTCODE,
        str(BEDRAG),
        "9876,13",
        "9876.13",
        KLANTNUMMER,
        "Lindelaan",
        signaal.geboortedatum.isoformat(),
        str(signaal.uuid),
        str(signaal.gemeente.uuid),
        signaal.gemeente.naam,
    ):
        assert gegeven not in alles, gegeven
    assert post["headers"]["authorization"] == "Bearer token-van-partner"


def test_a_failed_attempt_is_retried_with_back_off_and_then_delivered(ontvanger, signaal, partner):
    abonnement(partner, ontvanger.url())
    ontvanger.verwacht(503)
    voor = timezone.now()
    plannen_en_afleveren(terugkoppeling(signaal))
    aflevering = Webhookaflevering.objects.get()
    assert (aflevering.status, aflevering.pogingen, aflevering.laatste_http_status) == (
        S.GEPLAND,
        1,
        503,
    )
    assert aflevering.laatste_fout == "HTTP 503"
    wacht = aflevering.volgende_poging_op - voor
    assert dt.timedelta(seconds=50) < wacht < dt.timedelta(seconds=70)  # 1 min +/- 10 %

    assert afleveringen_afleveren() == {}  # not due yet
    tijd_verstrijkt()
    afleveringen_afleveren()
    aflevering.refresh_from_db()
    assert (aflevering.status, aflevering.pogingen, aflevering.laatste_fout) == (
        S.AFGELEVERD,
        2,
        "",
    )
    eerste, tweede = ontvanger.posts
    assert eerste["headers"]["webhook-id"] == tweede["headers"]["webhook-id"]
    assert eerste["body"] == tweede["body"]


def test_no_connection_is_retried(webhookinstellingen, signaal, partner):
    abonnement(partner, "http://127.0.0.1:9/dicht")  # discard port: nothing listens
    plannen_en_afleveren(terugkoppeling(signaal))
    aflevering = Webhookaflevering.objects.get()
    assert (aflevering.status, aflevering.laatste_http_status) == (S.GEPLAND, None)
    assert aflevering.laatste_fout == "Geen verbinding"


def test_410_gone_ends_the_subscription_and_nothing_more_is_sent(ontvanger, signaal, partner):
    ab = abonnement(partner, ontvanger.url())
    ontvanger.verwacht(410)
    tweede_signaal = VroegsignaalFactory(aanlevering__signaalpartner=partner)
    plannen_en_afleveren(terugkoppeling(signaal), terugkoppeling(tweede_signaal))

    ab.refresh_from_db()
    assert not ab.actief
    assert ab.reden_beeindiging == REDEN_GONE
    assert ab.beeindigd_door is None  # by the system
    assert len(ontvanger.posts) == 1
    assert sorted(Webhookaflevering.objects.values_list("status", flat=True)) == [
        S.MISLUKT,
        S.MISLUKT,
    ]
    assert afleveringen_plannen([terugkoppeling(signaal, T.AFGESLOTEN).pk]) == []


def test_429_waits_as_long_as_retry_after_says_for_all_waiting_deliveries(
    ontvanger, signaal, partner
):
    abonnement(partner, ontvanger.url())
    ontvanger.verwacht((429, {"Retry-After": "120"}))
    tweede_signaal = VroegsignaalFactory(aanlevering__signaalpartner=partner)
    voor = timezone.now()
    telling = plannen_en_afleveren(terugkoppeling(signaal), terugkoppeling(tweede_signaal))

    assert telling == {"te_veel_verzoeken": 1}
    assert len(ontvanger.posts) == 1  # the second one waits too
    for aflevering in Webhookaflevering.objects.all():
        assert aflevering.status == S.GEPLAND
        wacht = aflevering.volgende_poging_op - voor
        assert dt.timedelta(seconds=119) < wacht < dt.timedelta(seconds=125)
    assert Webhookaflevering.objects.filter(claim__isnull=False).count() == 0
    assert afleveringen_afleveren() == {}


def test_429_with_an_http_date_and_a_bound_on_the_wait(
    ontvanger, signaal, partner, webhookinstellingen
):
    webhookinstellingen.WEBHOOK_MAX_RETRY_AFTER_SECONDEN = 600
    abonnement(partner, ontvanger.url())
    over_een_uur = timezone.now() + dt.timedelta(hours=1)
    ontvanger.verwacht((429, {"Retry-After": http_date(over_een_uur.timestamp())}))
    voor = timezone.now()
    plannen_en_afleveren(terugkoppeling(signaal))
    wacht = Webhookaflevering.objects.get().volgende_poging_op - voor
    assert dt.timedelta(seconds=599) < wacht < dt.timedelta(seconds=605)


def test_dead_letter_after_the_last_attempt_then_manual_redelivery(ontvanger, signaal, partner):
    abonnement(partner, ontvanger.url())
    ontvanger.verwacht(500, 500, 500)  # WEBHOOK_MAX_POGINGEN = 3
    plannen_en_afleveren(terugkoppeling(signaal))
    for _ in range(2):
        tijd_verstrijkt()
        afleveringen_afleveren()
    aflevering = Webhookaflevering.objects.get()
    assert (aflevering.status, aflevering.pogingen, aflevering.volgende_poging_op) == (
        S.DEAD_LETTER,
        3,
        None,
    )
    tijd_verstrijkt()
    assert afleveringen_afleveren() == {}
    assert len(ontvanger.posts) == 3

    gebruiker = UserFactory(rol="partnergebruiker", signaalpartner=partner)
    aflevering_opnieuw_afleveren(aflevering=aflevering, door=gebruiker)
    aflevering.refresh_from_db()
    assert (aflevering.status, aflevering.pogingen, aflevering.herleveringen) == (S.GEPLAND, 0, 1)
    assert aflevering.herleverd_door == gebruiker
    afleveringen_afleveren()
    aflevering.refresh_from_db()
    assert aflevering.status == S.AFGELEVERD
    assert len({p["headers"]["webhook-id"] for p in ontvanger.posts}) == 1  # same event id

    with pytest.raises(Conflict):
        aflevering_opnieuw_afleveren(aflevering=aflevering, door=gebruiker)


def test_a_dead_letter_of_an_ended_subscription_is_not_offered_again(ontvanger, signaal, partner):
    ab = abonnement(partner, ontvanger.url())
    afleveringen_plannen([terugkoppeling(signaal).pk])
    Webhookaflevering.objects.update(status=S.DEAD_LETTER)
    webhookabonnement_beeindigen(abonnement=ab, door=None)
    with pytest.raises(Conflict):
        aflevering_opnieuw_afleveren(aflevering=Webhookaflevering.objects.get(), door=None)


def test_an_ended_subscription_receives_nothing(ontvanger, signaal, partner):
    ab = abonnement(partner, ontvanger.url())
    afleveringen_plannen([terugkoppeling(signaal).pk])
    webhookabonnement_beeindigen(abonnement=ab, door=None, reden="Nieuwe koppeling")
    assert afleveringen_afleveren() == {}
    assert ontvanger.posts == []
    assert Webhookaflevering.objects.get().status == S.MISLUKT
    with pytest.raises(Conflict):
        webhookabonnement_beeindigen(abonnement=ab, door=None)


def test_another_partner_never_receives_the_event(ontvanger, signaal, partner):
    ander = SignaalpartnerFactory()
    eigen = abonnement(partner, ontvanger.url("/eigen"))
    vreemd = abonnement(ander, ontvanger.url("/ander"))
    ander_signaal = VroegsignaalFactory(
        aanlevering__signaalpartner=ander, gemeente=signaal.gemeente
    )
    eigen_rij, andere_rij = terugkoppeling(signaal), terugkoppeling(ander_signaal)
    plannen_en_afleveren(eigen_rij, andere_rij)

    per_pad = {p["pad"]: json.loads(p["body"])["id"] for p in ontvanger.posts}
    assert per_pad == {"/eigen": str(eigen_rij.uuid), "/ander": str(andere_rij.uuid)}
    assert list(eigen.afleveringen.values_list("terugkoppeling", flat=True)) == [eigen_rij.pk]
    assert list(vreemd.afleveringen.values_list("terugkoppeling", flat=True)) == [andere_rij.pk]


def test_the_municipality_filter_limits_what_a_subscription_receives(ontvanger, signaal, partner):
    andere_gemeente = GemeenteFactory()
    alleen_andere = abonnement(partner, ontvanger.url("/andere"))
    alleen_andere.gemeenten.set([andere_gemeente])
    alleen_deze = abonnement(partner, ontvanger.url("/deze"))
    alleen_deze.gemeenten.set([signaal.gemeente])
    plannen_en_afleveren(terugkoppeling(signaal))
    assert [p["pad"] for p in ontvanger.posts] == ["/deze"]


def test_planning_twice_plans_once(ontvanger, signaal, partner):
    abonnement(partner, ontvanger.url())
    rij = terugkoppeling(signaal)
    assert len(afleveringen_plannen([rij.pk])) == 1
    afleveringen_plannen([rij.pk])
    assert Webhookaflevering.objects.count() == 1


def test_new_deliveries_go_to_a_background_task_after_commit(
    ontvanger, signaal, partner, django_capture_on_commit_callbacks
):
    abonnement(partner, ontvanger.url())
    with django_capture_on_commit_callbacks(execute=True):
        bij_nieuwe_terugkoppelingen([terugkoppeling(signaal).pk])
    assert Webhookaflevering.objects.get().status == S.AFGELEVERD  # immediate task backend


def test_the_hook_never_raises(monkeypatch, caplog):
    def kapot(ids):
        raise RuntimeError("database weg")

    from signaalroute.terugkoppeling.webhooks import services

    monkeypatch.setattr(services, "afleveringen_plannen", kapot)
    bij_nieuwe_terugkoppelingen([1])
    assert "webhooks plannen mislukt" in caplog.text


def test_the_command_delivers_due_retries(ontvanger, signaal, partner, capsys):
    abonnement(partner, ontvanger.url())
    ontvanger.verwacht(500)
    plannen_en_afleveren(terugkoppeling(signaal))
    tijd_verstrijkt()
    call_command("webhooks_afleveren")
    assert "1 afgeleverd" in capsys.readouterr().out
    assert Webhookaflevering.objects.get().status == S.AFGELEVERD


# --- Subscribing ----------------------------------------------------------------------------


def test_subscribing_needs_the_receivers_consent_in_the_handshake(ontvanger, partner):
    ontvanger.handdruk = False
    with pytest.raises(ValidatieFout):
        webhookabonnement_aanmaken(signaalpartner=partner, url=ontvanger.url(), door=None)
    assert not Webhookabonnement.objects.exists()

    ontvanger.handdruk = True
    ab, geheim = webhookabonnement_aanmaken(
        signaalpartner=partner, url=ontvanger.url(), door=None, omschrijving="Incasso"
    )
    assert geheim == ab.geheim and geheim.startswith("whsec_")
    assert len(base64.b64decode(geheim.removeprefix("whsec_"))) == 32
    opties = [v for v in ontvanger.verzoeken if v["methode"] == "OPTIONS"]
    assert opties[-1]["headers"]["webhook-request-origin"] == "signaalroute.test"


def test_plain_http_and_this_machine_only_in_local_mode(ontvanger, signaal, partner, settings):
    ab = abonnement(partner, ontvanger.url())
    settings.WEBHOOK_ONTVANGER_LOKAAL = False
    settings.DEBUG = False
    with pytest.raises(ValidatieFout):
        webhookabonnement_aanmaken(signaalpartner=partner, url=ontvanger.url(), door=None)
    # An existing subscription to this machine is not called either.
    plannen_en_afleveren(terugkoppeling(signaal))
    assert ontvanger.posts == []
    aflevering = Webhookaflevering.objects.get(abonnement=ab)
    assert aflevering.laatste_fout.startswith("Adres geweigerd")


# --- The demo path: closing a case reaches the local receiver -------------------------------


@pytest.mark.django_db(transaction=True)
def test_closing_a_case_fires_a_webhook_to_the_local_receiver(lokale_ontvanger):
    from signaalroute.vroegsignaalzaken.constants import Eindresultaat
    from signaalroute.vroegsignaalzaken.services import zaak_afsluiten
    from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

    zaak = VroegsignaalzaakFactory()
    signaal = VroegsignaalFactory(vroegsignaalzaak=zaak, gemeente=zaak.gemeente, bsn=BSN)
    partner = signaal.signaalpartner
    webhookabonnement_aanmaken(signaalpartner=partner, url=f"{lokale_ontvanger}/demo", door=None)
    ander = VroegsignaalFactory(vroegsignaalzaak=zaak, gemeente=zaak.gemeente)
    webhookabonnement_aanmaken(
        signaalpartner=ander.signaalpartner, url=f"{lokale_ontvanger}/ander", door=None
    )
    medewerker = UserFactory(uitvoeringsorganisatie=zaak.gemeente.uitvoeringsorganisatie)

    zaak_afsluiten(
        zaak=zaak,
        door=medewerker,
        versie=zaak.versie,
        eindresultaat=Eindresultaat.NIET_OPGEPAKT_ONTERECHT,
    )

    [ontvangen] = lokaal.ontvangen("demo")  # stored only with a valid signature
    rij = Terugkoppeling.objects.get(vroegsignaal=signaal)
    assert ontvangen["event"]["id"] == str(rij.uuid)
    assert ontvangen["event"]["data"]["code"] == T.NIET_OPGEPAKT_ONTERECHT
    assert BSN not in json.dumps(ontvangen)
    # The other partner's signal in the same case: only its own event, at its own address.
    [anders] = lokaal.ontvangen("ander")
    assert anders["event"]["id"] == str(Terugkoppeling.objects.get(vroegsignaal=ander).uuid)


# --- Two workers at once (PostgreSQL: row locks with SKIP LOCKED) ---------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks (SKIP LOCKED)"
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_never_deliver_the_same_event_twice(ontvanger):
    partner = SignaalpartnerFactory()
    abonnement(partner, ontvanger.url())
    rijen = [
        terugkoppeling(VroegsignaalFactory(aanlevering__signaalpartner=partner)) for _ in range(30)
    ]
    afleveringen_plannen([r.pk for r in rijen])
    start = threading.Barrier(4)

    def werker():
        try:
            start.wait(timeout=10)
            afleveringen_afleveren(limiet=10)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=werker) for _ in range(4)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=30)
    afleveringen_afleveren()
    ids = [p["headers"]["webhook-id"] for p in ontvanger.posts]
    assert len(ids) == len(set(ids)) == 30
    assert set(Webhookaflevering.objects.values_list("status", flat=True)) == {S.AFGELEVERD}
