"""Outreach in the database: versioned templates, letters in the day's print batch with a PDF,
e-mail through a real SMTP server, SMS through a gateway, idempotency and what comes back."""

import datetime as dt
import logging

import pytest
from freezegun import freeze_time

from signaalroute.contact import selectors, services
from signaalroute.contact.constants import Berichtstatus, Kanaal, Sjabloonstatus
from signaalroute.contact.models import Bericht, Berichtsjabloon, Printbatch
from signaalroute.contact.tests.conftest import NepGateway, triage_maken, zaak_maken
from signaalroute.core.exceptions import Conflict, ValidatieFout
from signaalroute.vroegsignaalzaken.constants import Contactgegevensoort, Contactsoort
from signaalroute.vroegsignaalzaken.models import Contactgegeven, Contactpoging

pytestmark = pytest.mark.django_db


# --- templates --------------------------------------------------------------------------------


def test_editing_creates_a_concept_version_and_activating_replaces_the_active_one(tenant_a, users):
    beheerder = users["functioneel_beheerder"]
    services.standaardsjablonen_aanmaken(gemeente=tenant_a)
    v1 = selectors.actief_sjabloon(tenant_a, Kanaal.EMAIL)
    assert v1.versie == 1

    concept = services.sjabloon_concept_opslaan(
        gemeente=tenant_a,
        kanaal=Kanaal.EMAIL,
        onderwerp="Hulp",
        tekst="{{ aanhef }}",
        door=beheerder,
    )
    assert (concept.versie, concept.status) == (2, Sjabloonstatus.CONCEPT)
    # Saving again edits the same concept, never the active version.
    zelfde = services.sjabloon_concept_opslaan(
        gemeente=tenant_a,
        kanaal=Kanaal.EMAIL,
        onderwerp="Hulp!",
        tekst="{{ aanhef }}.",
        door=beheerder,
    )
    assert zelfde.pk == concept.pk
    assert selectors.actief_sjabloon(tenant_a, Kanaal.EMAIL).pk == v1.pk

    services.sjabloon_activeren(sjabloon=concept, door=beheerder)
    v1.refresh_from_db()
    assert v1.status == Sjabloonstatus.VERVANGEN
    assert selectors.actief_sjabloon(tenant_a, Kanaal.EMAIL).versie == 2
    with pytest.raises(Conflict):
        services.sjabloon_activeren(sjabloon=v1, door=beheerder)
    assert Berichtsjabloon.objects.filter(gemeente=tenant_a, kanaal=Kanaal.EMAIL).count() == 2


def test_unknown_merge_field_is_not_saved(tenant_a, users):
    with pytest.raises(ValidatieFout) as fout:
        services.sjabloon_concept_opslaan(
            gemeente=tenant_a,
            kanaal=Kanaal.SMS,
            onderwerp="",
            tekst="Hoi {{ voornaam }}",
            door=users["functioneel_beheerder"],
        )
    assert "voornaam" in str(fout.value.message)
    assert not Berichtsjabloon.objects.filter(gemeente=tenant_a, kanaal=Kanaal.SMS).exists()


def test_message_with_a_missing_merge_field_is_not_made(zaak, huisstijl, users):
    huisstijl.telefoon = ""
    huisstijl.save()
    with pytest.raises(ValidatieFout) as fout:
        services.bericht_samenstellen(zaak=zaak, kanaal=Kanaal.BRIEF)
    assert "telefoon_team" in str(fout.value.message)


def test_merge_uses_the_case(zaak):
    samenstelling = services.bericht_samenstellen(zaak=zaak, kanaal=Kanaal.EMAIL)
    assert samenstelling.inhoud.startswith("Beste heer of mevrouw De Vries,")
    assert "€ 312,50" in samenstelling.inhoud
    assert zaak.referentie in samenstelling.onderwerp
    assert zaak.behandelaar.get_full_name() in samenstelling.inhoud
    assert samenstelling.ontvanger.waarde == "inwoner@example.org"


# --- letters ----------------------------------------------------------------------------------


def _pdf_tekst(html: str) -> str:
    """The text WeasyPrint lays out (the PDF's text is in compressed glyph streams)."""
    from weasyprint import HTML

    document = HTML(string=html).render()
    teksten = []

    def lopen(box):
        if getattr(box, "text", None):
            teksten.append(box.text)
        for kind in getattr(box, "children", []) or []:
            lopen(kind)

    for pagina in document.pages:
        lopen(pagina._page_box)
    return " ".join(teksten)


def test_letters_go_into_the_print_batch_of_the_day_and_register_an_attempt(zaak, users):
    coordinator = users["coordinator"]
    tweede = zaak_maken(zaak.gemeente, email="", telefoon="")
    resultaat = services.brieven_afdrukken(
        zaken=[zaak, tweede], kanaal=Kanaal.BRIEF, door=coordinator
    )

    assert resultaat.nieuw == 2 and not resultaat.overgeslagen
    batch = resultaat.batch
    assert batch.datum == dt.date.today() and batch.berichten.count() == 2
    poging = Contactpoging.objects.get(vroegsignaalzaak=zaak)
    assert (poging.soort, poging.bereikt) == (Contactsoort.BRIEF, False)
    bericht = Bericht.objects.get(vroegsignaalzaak=zaak)
    assert bericht.contactpoging == poging and bericht.status == Berichtstatus.VERZONDEN
    assert "Dorpsstraat 12" in bericht.opmaak and "J. de Vries" in bericht.opmaak

    pdf = services.printbatch_pdf(batch=batch, door=coordinator)
    assert pdf.startswith(b"%PDF")
    tekst = _pdf_tekst(
        services.printen.render_to_string(
            "contact/pdf/document.html", {"paginas": [bericht.opmaak], "titel": "t"}
        )
    )
    assert zaak.referentie in tekst and "Gemeente Aadorp" in tekst

    # The same day again: no second letter, no second attempt; a card joins the same batch.
    opnieuw = services.brieven_afdrukken(zaken=[zaak], kanaal=Kanaal.BRIEF, door=coordinator)
    assert opnieuw.nieuw == 0 and opnieuw.berichten == [bericht]
    assert Contactpoging.objects.filter(vroegsignaalzaak=zaak).count() == 1
    kaart = services.brieven_afdrukken(zaken=[zaak], kanaal=Kanaal.KAARTJE, door=coordinator)
    assert kaart.batch == batch
    assert Contactpoging.objects.filter(vroegsignaalzaak=zaak, soort=Contactsoort.KAARTJE).exists()


def test_next_day_gets_a_new_print_batch(zaak, users):
    with freeze_time(dt.date.today()):
        eerste = services.brieven_afdrukken(
            zaken=[zaak], kanaal=Kanaal.BRIEF, door=users["coordinator"]
        )
    with freeze_time(dt.date.today() + dt.timedelta(days=1)):
        tweede = services.brieven_afdrukken(
            zaken=[zaak], kanaal=Kanaal.BRIEF, door=users["coordinator"]
        )
    assert eerste.batch != tweede.batch
    assert Printbatch.objects.filter(gemeente=zaak.gemeente).count() == 2


def test_case_without_address_is_skipped_with_the_reason(tenant_a, huisstijl, users):
    zonder = zaak_maken(tenant_a, straat="")
    resultaat = services.brieven_afdrukken(
        zaken=[zonder], kanaal=Kanaal.BRIEF, door=users["coordinator"]
    )
    assert resultaat.nieuw == 0
    assert resultaat.overgeslagen[0][1] == "Geen volledig en geldig adres bekend."


def test_stale_case_version_on_the_case_page_is_a_conflict(zaak, users):
    with pytest.raises(Conflict):
        services.brieven_afdrukken(
            zaken=[zaak],
            kanaal=Kanaal.BRIEF,
            door=users["vroegsignaleerder"],
            versie=zaak.versie + 5,
        )
    assert not Bericht.objects.exists()


def test_returned_letter_marks_the_address_invalid(zaak, users):
    services.brieven_afdrukken(zaken=[zaak], kanaal=Kanaal.BRIEF, door=users["coordinator"])
    zaak.refresh_from_db()
    services.brief_retour_melden(zaak=zaak, door=users["vroegsignaleerder"], versie=zaak.versie)

    bericht = Bericht.objects.get(vroegsignaalzaak=zaak)
    assert bericht.status == Berichtstatus.ONBESTELBAAR
    adres = Contactgegeven.objects.get(vroegsignaalzaak=zaak, soort=Contactgegevensoort.ADRES)
    assert adres.geldig is False and adres.vroegsignaal is not None
    # No new letter goes to that address.
    zaak.refresh_from_db()
    with freeze_time(dt.date.today() + dt.timedelta(days=1)):
        resultaat = services.brieven_afdrukken(
            zaken=[zaak], kanaal=Kanaal.BRIEF, door=users["coordinator"]
        )
    assert resultaat.nieuw == 0 and resultaat.overgeslagen


# --- e-mail through a real SMTP server --------------------------------------------------------


def test_email_is_sent_over_smtp_registers_an_attempt_and_is_idempotent(
    zaak, users, smtp_server, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG, logger="signaalroute")
    with django_capture_on_commit_callbacks(execute=True):
        resultaat = services.berichten_klaarzetten(
            zaken=[zaak], kanaal=Kanaal.EMAIL, door=users["coordinator"]
        )
    bericht = Bericht.objects.get(pk=resultaat.berichten[0].pk)

    assert bericht.status == Berichtstatus.VERZONDEN
    assert len(smtp_server.ontvangen) == 1
    envelope = smtp_server.ontvangen[0]
    assert envelope.rcpt_tos == ["inwoner@example.org"]
    inhoud = envelope.content.decode()
    assert f"Message-ID: <bericht.{bericht.uuid}@aadorp.example>" in inhoud
    assert bericht.contactpoging.soort == Contactsoort.MAIL

    # A retried job, a second click and the periodic retry send nothing again.
    assert services.bericht_versturen(bericht_id=bericht.pk) == Berichtstatus.VERZONDEN
    with django_capture_on_commit_callbacks(execute=True):
        services.berichten_klaarzetten(zaken=[zaak], kanaal=Kanaal.EMAIL, door=users["coordinator"])
    services.berichten_opnieuw_versturen()
    assert len(smtp_server.ontvangen) == 1
    assert Contactpoging.objects.filter(vroegsignaalzaak=zaak).count() == 1

    # Logs carry ids and statuses, never the recipient or the text.
    logs = caplog.text
    assert str(bericht.uuid) in logs
    assert "inwoner@example.org" not in logs and "Vries" not in logs


def test_temporary_smtp_failure_queues_again_and_a_retry_sends_once(zaak, users, smtp_server):
    smtp_server.data_antwoord = "451 4.3.0 Try again later"
    resultaat = services.berichten_klaarzetten(
        zaken=[zaak], kanaal=Kanaal.EMAIL, door=users["coordinator"]
    )
    bericht = resultaat.berichten[0]
    assert services.bericht_versturen(bericht_id=bericht.pk) == Berichtstatus.KLAARGEZET
    bericht.refresh_from_db()
    assert bericht.foutcode == "smtp_451" and not bericht.contactpoging

    smtp_server.data_antwoord = ""
    assert services.berichten_opnieuw_versturen() == {Berichtstatus.VERZONDEN: 1}
    assert services.berichten_opnieuw_versturen() == {}
    assert len(smtp_server.ontvangen) == 1


def test_interrupted_sending_is_not_resent_but_checked_by_a_person(zaak, users, monkeypatch):
    from signaalroute.contact.services import berichten

    def onderbroken(bericht):
        raise ConnectionResetError

    monkeypatch.setattr(berichten, "_email_versturen", onderbroken)
    bericht = services.berichten_klaarzetten(
        zaken=[zaak], kanaal=Kanaal.EMAIL, door=users["coordinator"]
    ).berichten[0]
    assert services.bericht_versturen(bericht_id=bericht.pk) == Berichtstatus.VERZENDEN
    assert services.bericht_versturen(bericht_id=bericht.pk) == Berichtstatus.VERZENDEN
    assert services.berichten_opnieuw_versturen() == {}

    bericht.refresh_from_db()
    services.bericht_controleren(bericht=bericht, verzonden=True, door=users["coordinator"])
    bericht.refresh_from_db()
    assert bericht.status == Berichtstatus.VERZONDEN and bericht.contactpoging is not None


def test_refused_recipient_marks_the_email_invalid(zaak, users, smtp_server):
    smtp_server.weiger_ontvanger.add("inwoner@example.org")
    bericht = services.berichten_klaarzetten(
        zaken=[zaak], kanaal=Kanaal.EMAIL, door=users["coordinator"]
    ).berichten[0]
    assert services.bericht_versturen(bericht_id=bericht.pk) == Berichtstatus.ONBESTELBAAR
    assert (
        Contactgegeven.objects.get(vroegsignaalzaak=zaak, soort=Contactgegevensoort.EMAIL).geldig
        is False
    )


DSN = """\
From: MAILER-DAEMON@mx.example.org
To: vroegsignalering@aadorp.example
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="GRENS"

--GRENS
Content-Type: text/plain

This is the mail system. Your message could not be delivered.

--GRENS
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; inwoner@example.org
Action: {actie}
Status: {status}
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--GRENS
Content-Type: text/rfc822-headers

From: Gemeente Aadorp <vroegsignalering@aadorp.example>
To: inwoner@example.org
Subject: Hulp bij betalingsachterstanden
Message-ID: {message_id}

--GRENS--
"""


def test_bounce_marks_the_email_invalid_and_the_message_undeliverable(zaak, users, smtp_server):
    bericht = services.berichten_klaarzetten(
        zaken=[zaak], kanaal=Kanaal.EMAIL, door=users["coordinator"]
    ).berichten[0]
    services.bericht_versturen(bericht_id=bericht.pk)
    mid = services.message_id(bericht)

    uitgesteld = DSN.format(actie="delayed", status="4.4.1", message_id=mid).encode()
    assert services.bounce_verwerken(uitgesteld) == "uitgesteld"
    assert Contactgegeven.objects.filter(geldig=False).count() == 0

    bounce = DSN.format(actie="failed", status="5.1.1", message_id=mid).encode()
    assert services.bounce_verwerken(bounce) == "onbestelbaar"
    assert services.bounce_verwerken(bounce) == "onbestelbaar"  # idempotent
    bericht.refresh_from_db()
    assert bericht.status == Berichtstatus.ONBESTELBAAR and bericht.foutcode == "dsn_5.1.1"
    gegeven = Contactgegeven.objects.get(vroegsignaalzaak=zaak, soort=Contactgegevensoort.EMAIL)
    assert gegeven.geldig is False and gegeven.vroegsignaal_id is not None
    assert services.bounce_verwerken(b"Subject: hallo\n\nGeen bounce") == "genegeerd"
    # The next e-mail round skips the case: no valid address left.
    assert selectors.ontvanger_van(zaak, Kanaal.EMAIL) is None


# --- SMS --------------------------------------------------------------------------------------


def test_sms_goes_through_the_gateway_once_with_the_message_uuid_as_reference(zaak, users):
    gateway = NepGateway()
    bericht = Bericht.objects.create(
        vroegsignaalzaak=zaak,
        kanaal=Kanaal.SMS,
        sjabloon=services.samenstellen.sjabloon_voor(zaak.gemeente, Kanaal.SMS),
        ontvanger="0612345678",
        inhoud="Bel ons.",
        idempotentiesleutel="test-sms",
        aangemaakt_door=users["coordinator"],
    )
    assert (
        services.bericht_versturen(bericht_id=bericht.pk, gateway=gateway)
        == Berichtstatus.VERZONDEN
    )
    assert (
        services.bericht_versturen(bericht_id=bericht.pk, gateway=gateway)
        == Berichtstatus.VERZONDEN
    )
    assert gateway.aanroepen == 1
    verstuurd = gateway.verstuurd[str(bericht.uuid)]
    assert verstuurd == {"naar": "+31612345678", "afzender": "Aadorp", "tekst": "Bel ons."}
    bericht.refresh_from_db()
    assert bericht.extern_id.startswith("gw-")
    assert bericht.contactpoging.soort == Contactsoort.SMS_WHATSAPP

    assert (
        services.sms_statusrapport_verwerken(
            referentie=str(bericht.uuid), extern_id=bericht.extern_id, status="mislukt"
        )
        == "mislukt"
    )
    telefoon = Contactgegeven.objects.get(vroegsignaalzaak=zaak, soort=Contactgegevensoort.TELEFOON)
    assert telefoon.geldig is False


def test_temporary_gateway_error_queues_again(zaak, users):
    from signaalroute.contrib.sms.client import SmsFout

    gateway = NepGateway(fout=SmsFout(tijdelijk=True, oorzaak="tijdslimiet"))
    bericht = Bericht.objects.create(
        vroegsignaalzaak=zaak,
        kanaal=Kanaal.SMS,
        sjabloon=services.samenstellen.sjabloon_voor(zaak.gemeente, Kanaal.SMS),
        ontvanger="0612345678",
        inhoud="Bel ons.",
        idempotentiesleutel="test-sms-2",
        aangemaakt_door=users["coordinator"],
    )
    assert (
        services.bericht_versturen(bericht_id=bericht.pk, gateway=gateway)
        == Berichtstatus.KLAARGEZET
    )
    gateway.fout = None
    assert services.berichten_opnieuw_versturen(gateway=gateway) == {Berichtstatus.VERZONDEN: 1}


def test_landline_is_no_sms_recipient(tenant_a, huisstijl):
    zaak = zaak_maken(tenant_a, telefoon="0201234567")
    assert selectors.ontvanger_van(zaak, Kanaal.SMS) is None


# --- what is due, and tenancy -----------------------------------------------------------------


def test_due_list_holds_cases_whose_first_channel_it_is_without_an_attempt(zaak, users, tenant_b):
    triage_maken(zaak, "mail")
    telefoon = zaak_maken(zaak.gemeente)
    triage_maken(telefoon, "telefoon")
    zonder_email = zaak_maken(zaak.gemeente, email="")
    triage_maken(zonder_email, "mail")
    coordinator = users["coordinator"]

    due = selectors.te_versturen(user=coordinator, gemeente=zaak.gemeente, kanaal=Kanaal.EMAIL)
    assert [k.zaak for k in due] == [zaak]
    services.berichten_klaarzetten(zaken=[zaak], kanaal=Kanaal.EMAIL, door=coordinator)
    assert (
        selectors.te_versturen(user=coordinator, gemeente=zaak.gemeente, kanaal=Kanaal.EMAIL) == []
    )
    # A case handler of another municipality sees none of it.
    assert (
        selectors.te_versturen(
            user=users["vroegsignaleerder_b"], gemeente=zaak.gemeente, kanaal=Kanaal.BRIEF
        )
        == []
    )
    assert (
        selectors.zaken_voor_bericht(user=users["vroegsignaleerder_b"], uuids=[zaak.uuid]).count()
        == 0
    )
