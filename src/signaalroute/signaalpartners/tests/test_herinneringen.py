"""Reminder e-mails to partners whose monthly delivery is missing: once per partner and month,
to the right contact persons, without data of residents."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from freezegun import freeze_time

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.gemeenten.tests.factories import GemeenteFactory
from signaalroute.signaalpartners.models import Aanleverherinnering
from signaalroute.signaalpartners.services import aanleverherinneringen_versturen
from signaalroute.signaalpartners.tasks import aanleverherinneringen_versturen_taak

from .factories import ContactpersoonFactory, SignaalpartnerFactory
from .test_monitoring import historie, levering, lokaal

pytestmark = pytest.mark.django_db

D = datetime.date
OKTOBER = D(2026, 10, 1)
NA_DEADLINE = D(2026, 10, 26)


@pytest.fixture
def gemeenten():
    return {
        "aadorp": GemeenteFactory(naam="Aadorp"),
        "beekstad": GemeenteFactory(naam="Beekstad"),
        "cederdal": GemeenteFactory(naam="Cederdal"),
    }


@pytest.fixture
def partner(gemeenten):
    """Expected for Aadorp and Beekstad (signals in the last three months), not for Cederdal;
    nothing delivered in October."""
    partner = SignaalpartnerFactory(naam="Waterbedrijf Oost", code="water-oost")
    historie(partner, gemeenten["aadorp"], [4, 4, 4])
    historie(partner, gemeenten["beekstad"], [None, 2, None])
    return partner


@pytest.fixture
def contactpersonen(partner, gemeenten):
    return {
        "algemeen": ContactpersoonFactory(signaalpartner=partner, email="data@waterbedrijf.nl"),
        "aadorp": ContactpersoonFactory(
            signaalpartner=partner, gemeente=gemeenten["aadorp"], email="aadorp@waterbedrijf.nl"
        ),
        "cederdal": ContactpersoonFactory(
            signaalpartner=partner,
            gemeente=gemeenten["cederdal"],
            email="cederdal@waterbedrijf.nl",
        ),
        "zonder_email": ContactpersoonFactory(signaalpartner=partner, email=""),
        "andere_partner": ContactpersoonFactory(email="iemand@elders.nl"),
    }


def test_one_email_per_partner_listing_the_late_municipalities(partner, contactpersonen):
    resultaat = aanleverherinneringen_versturen(peildatum=NA_DEADLINE)
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.subject == (
        "Herinnering: aanlevering vroegsignalen oktober 2026 nog niet ontvangen"
    )
    assert "Waterbedrijf Oost" in bericht.body
    assert "- Aadorp\n- Beekstad\n" in bericht.body
    assert "Cederdal" not in bericht.body
    assert "de 25e van de maand" in bericht.body
    [herinnering] = resultaat.verstuurd
    assert herinnering.signaalpartner == partner
    assert herinnering.maand == OKTOBER
    assert [g["naam"] for g in herinnering.gemeenten] == ["Aadorp", "Beekstad"]


def test_sent_to_general_contacts_and_those_of_the_late_municipalities(partner, contactpersonen):
    aanleverherinneringen_versturen(peildatum=NA_DEADLINE)
    verwacht = ["aadorp@waterbedrijf.nl", "data@waterbedrijf.nl"]
    assert mail.outbox[0].to == verwacht
    assert Aanleverherinnering.objects.get().aan == verwacht


def test_reminder_is_sent_only_once_per_partner_and_month(partner, contactpersonen):
    aanleverherinneringen_versturen(peildatum=NA_DEADLINE)
    tweede = aanleverherinneringen_versturen(peildatum=NA_DEADLINE)
    derde = aanleverherinneringen_versturen(peildatum=D(2026, 10, 30))
    assert len(mail.outbox) == 1
    assert tweede.verstuurd == derde.verstuurd == []
    assert Aanleverherinnering.objects.count() == 1


def test_next_month_gets_its_own_reminder(partner, contactpersonen):
    aanleverherinneringen_versturen(peildatum=NA_DEADLINE)
    aanleverherinneringen_versturen(peildatum=D(2026, 11, 26))
    assert [h.maand for h in Aanleverherinnering.objects.order_by("maand")] == [
        OKTOBER,
        D(2026, 11, 1),
    ]
    assert len(mail.outbox) == 2


def test_email_holds_no_data_of_residents(partner, contactpersonen, gemeenten):
    signaal = VroegsignaalFactory(
        aanlevering__signaalpartner=partner,
        gemeente=gemeenten["aadorp"],
        achternaam="Zwanenburg-Oosterhout",
        voornamen="Wilhelmina",
        bsn="123456782",
        klantnummer="KL-998877",
        postcode="9999ZZ",
        huisnummer=777,
        straat="Reigerlaan",
        telefoonnummer="0612345678",
        email="inwoner@voorbeeld.nl",
        bedrag=123456,
    )
    aanleverherinneringen_versturen(peildatum=NA_DEADLINE)
    bericht = mail.outbox[0]
    tekst = bericht.subject + bericht.body + " ".join(bericht.to)
    for waarde in (
        signaal.achternaam,
        signaal.voornamen,
        signaal.bsn,
        signaal.klantnummer,
        signaal.postcode,
        "777",
        signaal.straat,
        signaal.telefoonnummer,
        signaal.email,
        "1234",
    ):
        assert waarde not in tekst
    assert not bericht.attachments


def test_no_reminder_on_or_before_the_agreed_day(partner, contactpersonen):
    assert aanleverherinneringen_versturen(peildatum=D(2026, 10, 25)).verstuurd == []
    assert mail.outbox == []


def test_no_reminder_for_a_partner_that_delivered(partner, contactpersonen, gemeenten):
    levering(partner, gemeenten["aadorp"], lokaal(2026, 10, 24), 3)
    assert aanleverherinneringen_versturen(peildatum=NA_DEADLINE).verstuurd == []
    assert mail.outbox == []


def test_crisis_signals_alone_do_not_stop_the_reminder(partner, contactpersonen, gemeenten):
    levering(partner, gemeenten["aadorp"], lokaal(2026, 10, 10), 2, eindelevering=True)
    aanleverherinneringen_versturen(peildatum=NA_DEADLINE)
    assert len(mail.outbox) == 1


def test_agreed_day_of_the_partner_is_used(gemeenten):
    partner = SignaalpartnerFactory(aanleverdag=10)
    historie(partner, gemeenten["aadorp"], [1, 1, 1])
    ContactpersoonFactory(signaalpartner=partner, email="info@partner.nl")
    assert aanleverherinneringen_versturen(peildatum=D(2026, 10, 10)).verstuurd == []
    [herinnering] = aanleverherinneringen_versturen(peildatum=D(2026, 10, 11)).verstuurd
    assert "de 10e van de maand" in mail.outbox[0].body
    assert herinnering.aan == ["info@partner.nl"]


def test_february_with_agreed_day_28_is_reminded_on_the_first_of_march(gemeenten):
    partner = SignaalpartnerFactory(aanleverdag=28)
    historie(partner, gemeenten["aadorp"], [1, 1, 1], maand=D(2026, 2, 1))
    ContactpersoonFactory(signaalpartner=partner, email="info@partner.nl")
    assert aanleverherinneringen_versturen(peildatum=D(2026, 2, 28)).verstuurd == []
    [herinnering] = aanleverherinneringen_versturen(peildatum=D(2026, 3, 1)).verstuurd
    assert herinnering.maand == D(2026, 2, 1)
    assert "februari 2026" in mail.outbox[0].subject


def test_partner_without_an_email_address_is_reported_and_tried_again(partner, gemeenten):
    resultaat = aanleverherinneringen_versturen(peildatum=NA_DEADLINE)
    assert resultaat.zonder_adres == [partner]
    assert mail.outbox == []
    assert not Aanleverherinnering.objects.exists()
    # contact person for another municipality only: still nobody to send it to
    ContactpersoonFactory(
        signaalpartner=partner, gemeente=gemeenten["cederdal"], email="c@waterbedrijf.nl"
    )
    assert aanleverherinneringen_versturen(peildatum=NA_DEADLINE).zonder_adres == [partner]
    ContactpersoonFactory(signaalpartner=partner, email="nieuw@waterbedrijf.nl")
    aanleverherinneringen_versturen(peildatum=D(2026, 10, 27))
    assert mail.outbox[0].to == ["nieuw@waterbedrijf.nl"]


def test_failed_send_is_not_recorded_and_is_tried_again(partner, contactpersonen):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=ConnectionRefusedError,
    ):
        resultaat = aanleverherinneringen_versturen(peildatum=NA_DEADLINE)
    assert resultaat.mislukt == [partner]
    assert not Aanleverherinnering.objects.exists()
    assert aanleverherinneringen_versturen(peildatum=D(2026, 10, 27)).verstuurd
    assert len(mail.outbox) == 1


def test_one_partner_failing_does_not_stop_the_others(partner, contactpersonen, gemeenten):
    tweede = SignaalpartnerFactory()
    historie(tweede, gemeenten["cederdal"], [1, 1, 1])
    ContactpersoonFactory(signaalpartner=tweede, email="info@tweede.nl")
    echte_send = mail.EmailMessage.send

    def send(bericht, *args, **kwargs):
        if "data@waterbedrijf.nl" in bericht.to:
            raise ConnectionRefusedError
        return echte_send(bericht, *args, **kwargs)

    with mock.patch.object(mail.EmailMessage, "send", send):
        resultaat = aanleverherinneringen_versturen(peildatum=NA_DEADLINE)
    assert resultaat.mislukt == [partner]
    assert [h.signaalpartner for h in resultaat.verstuurd] == [tweede]


def test_reminder_records_are_append_only(partner, contactpersonen):
    from signaalroute.core.models import AppendOnlyError

    [herinnering] = aanleverherinneringen_versturen(peildatum=NA_DEADLINE).verstuurd
    herinnering.aan = []
    with pytest.raises(AppendOnlyError):
        herinnering.save()


# --- command and task -------------------------------------------------------------------------


def test_command_sends_reminders_for_the_given_date(partner, contactpersonen):
    uit = StringIO()
    call_command("aanleverherinneringen_versturen", "--datum", "2026-10-26", stdout=uit)
    assert "Herinnering verstuurd aan Waterbedrijf Oost (oktober 2026): Aadorp, Beekstad" in (
        uit.getvalue()
    )
    assert "1 herinnering(en) verstuurd." in uit.getvalue()
    assert "@" not in uit.getvalue()  # no addresses in cron logs
    assert len(mail.outbox) == 1


def test_command_uses_today_by_default(partner, contactpersonen):
    reverse("core:start")  # load the URLconf before freezing the clock (see test_monitoring)
    with freeze_time("2026-10-25 12:00:00"):
        call_command("aanleverherinneringen_versturen", stdout=StringIO())
    assert mail.outbox == []
    with freeze_time("2026-10-26 08:00:00"):
        call_command("aanleverherinneringen_versturen", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_command_reports_partners_without_address(partner):
    fout = StringIO()
    call_command(
        "aanleverherinneringen_versturen", "--datum", "2026-10-26", stdout=StringIO(), stderr=fout
    )
    assert "Waterbedrijf Oost: geen contactpersoon met e-mailadres" in fout.getvalue()


def test_command_refuses_an_invalid_date():
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command("aanleverherinneringen_versturen", "--datum", "26-10-2026")


def test_command_fails_when_a_send_failed(partner, contactpersonen):
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=ConnectionRefusedError,
        ),
        pytest.raises(CommandError, match="mislukt"),
    ):
        call_command(
            "aanleverherinneringen_versturen",
            "--datum",
            "2026-10-26",
            stdout=StringIO(),
            stderr=StringIO(),
        )


def test_task_sends_the_reminders(partner, contactpersonen):
    resultaat = aanleverherinneringen_versturen_taak.enqueue("2026-10-26")
    assert resultaat.return_value == 1
    assert len(mail.outbox) == 1
