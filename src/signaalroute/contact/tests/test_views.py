"""The outreach pages and endpoints: who may do what, and that they call the services."""

import hashlib
import hmac
import json

import pytest
from django.test import RequestFactory
from django.urls import reverse

from signaalroute.contact import views
from signaalroute.contact.constants import Berichtstatus, Kanaal, Sjabloonstatus
from signaalroute.contact.models import Bericht, Berichtsjabloon
from signaalroute.contact.tests.conftest import triage_maken
from signaalroute.vroegsignaalzaken.constants import Contactgegevensoort
from signaalroute.vroegsignaalzaken.models import Contactgegeven, Contactpoging

pytestmark = pytest.mark.django_db


def test_functional_administrator_edits_and_activates_a_text(login_as, users, tenant_a):
    client = login_as(users["functioneel_beheerder"])
    url = reverse("contact:sjabloon_bewerken", args=[tenant_a.uuid, Kanaal.SMS])
    assert client.get(url).status_code == 200

    fout = client.post(url, {"tekst": "Hallo {{ voornaam }}"})
    assert fout.status_code == 400
    assert "Het invulveld {{ voornaam }} bestaat niet" in fout.content.decode()

    response = client.post(
        url, {"tekst": "{{ aanhef }}, bel {{ telefoon_team }}.", "toelichting": "korter"}
    )
    concept = Berichtsjabloon.objects.get(gemeente=tenant_a, kanaal=Kanaal.SMS)
    assert response.url == reverse("contact:sjabloon", args=[concept.uuid])
    voorbeeld = client.get(response.url).content.decode()
    assert "Beste heer of mevrouw De Vries" in voorbeeld
    client.post(reverse("contact:sjabloon_activeren", args=[concept.uuid]))
    concept.refresh_from_db()
    assert concept.status == Sjabloonstatus.ACTIEF


def test_coordinator_reads_texts_but_cannot_edit(login_as, users, tenant_a):
    client = login_as(users["coordinator"])
    assert client.get(reverse("contact:gemeente", args=[tenant_a.uuid])).status_code == 200
    url = reverse("contact:sjabloon_bewerken", args=[tenant_a.uuid, Kanaal.BRIEF])
    assert client.get(url).status_code == 403


def test_other_organisation_sees_no_municipality(login_as, users, tenant_b):
    client = login_as(users["functioneel_beheerder"])
    assert client.get(reverse("contact:gemeente", args=[tenant_b.uuid])).status_code == 404


def test_coordinator_sends_the_days_letters_and_downloads_the_pdf(login_as, users, zaak):
    triage_maken(zaak, "brief")
    client = login_as(users["coordinator"])
    pagina = client.get(reverse("contact:versturen"), {"kanaal": "brief"})
    assert zaak.referentie in pagina.content.decode()

    response = client.post(
        reverse("contact:versturen"),
        {"gemeente": zaak.gemeente.uuid, "kanaal": "brief", "zaken": [zaak.uuid]},
    )
    bericht = Bericht.objects.get(vroegsignaalzaak=zaak)
    assert response.url == reverse("contact:printbatch", args=[bericht.printbatch.uuid])
    pdf = client.get(reverse("contact:printbatch_pdf", args=[bericht.printbatch.uuid]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert Contactpoging.objects.filter(vroegsignaalzaak=zaak).count() == 1
    # Sent: the case is no longer due.
    assert (
        zaak.referentie
        not in client.get(reverse("contact:versturen"), {"kanaal": "brief"}).content.decode()
    )


def test_case_worker_sends_an_email_from_the_case_page(
    login_as, users, zaak, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    client = login_as(users["vroegsignaleerder"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("contact:zaak_versturen"),
            {"zaak": zaak.uuid, "versie": zaak.versie, "kanaal": "email"},
        )
    assert response.url == reverse("vroegsignaalzaken:detail", args=[zaak.uuid])
    assert len(mail.outbox) == 1
    assert Bericht.objects.get(vroegsignaalzaak=zaak).status == Berichtstatus.VERZONDEN


def test_stale_version_sends_nothing(login_as, users, zaak):
    client = login_as(users["vroegsignaleerder"])
    client.post(
        reverse("contact:zaak_versturen"),
        {"zaak": zaak.uuid, "versie": zaak.versie - 1, "kanaal": "brief"},
    )
    assert not Bericht.objects.exists()


def test_case_of_another_municipality_is_not_found(login_as, users, zaak):
    client = login_as(users["vroegsignaleerder_b"])
    response = client.post(
        reverse("contact:zaak_versturen"),
        {"zaak": zaak.uuid, "versie": zaak.versie, "kanaal": "brief"},
    )
    assert response.status_code == 404
    assert (
        client.post(reverse("contact:brief_retour"), {"zaak": zaak.uuid, "versie": 1}).status_code
        == 404
    )


def test_returned_letter_from_the_case_page(login_as, users, zaak):
    client = login_as(users["coordinator"])
    client.post(
        reverse("contact:zaak_versturen"),
        {"zaak": zaak.uuid, "versie": zaak.versie, "kanaal": "brief"},
    )
    zaak.refresh_from_db()
    client.post(reverse("contact:brief_retour"), {"zaak": zaak.uuid, "versie": zaak.versie})
    assert not Contactgegeven.objects.get(
        vroegsignaalzaak=zaak, soort=Contactgegevensoort.ADRES
    ).geldig


@pytest.mark.parametrize(
    ("naam", "url_name", "methode", "verwacht"),
    [
        ("anoniem", "contact:overzicht", "get", 302),
        ("vroegsignaleerder", "contact:overzicht", "get", 403),
        ("partnergebruiker", "contact:versturen", "get", 403),
        ("functioneel_beheerder", "contact:versturen", "get", 403),
        ("externe_uitvoerder", "contact:zaak_versturen", "post", 403),
        ("auditor", "contact:brief_retour", "post", 403),
        ("coordinator", "contact:versturen", "get", 200),
        ("coordinator", "contact:zaak_versturen", "get", 405),
    ],
)
def test_access(client, login_as, users, naam, url_name, methode, verwacht):
    if naam != "anoniem":
        client = login_as(users[naam])
    response = getattr(client, methode)(reverse(url_name))
    assert response.status_code == verwacht


# --- delivery reports -------------------------------------------------------------------------

GEHEIM = "test-geheim"


def _rapport(bericht, status="mislukt", geheim=GEHEIM):
    body = json.dumps(
        {
            "id": "gw-1",
            "referentie": str(bericht.uuid),
            "status": status,
            "reden": "onbekend nummer",
        }
    ).encode()
    handtekening = "sha256=" + hmac.new(geheim.encode(), body, hashlib.sha256).hexdigest()
    return RequestFactory().post(
        "/contact/sms-statusrapporten/",
        data=body,
        content_type="application/json",
        headers={"X-Signature": handtekening},
    )


@pytest.fixture
def sms_bericht(zaak, users):
    from signaalroute.contact.services.samenstellen import sjabloon_voor

    return Bericht.objects.create(
        vroegsignaalzaak=zaak,
        kanaal=Kanaal.SMS,
        sjabloon=sjabloon_voor(zaak.gemeente, Kanaal.SMS),
        ontvanger="0612345678",
        inhoud="Bel ons.",
        status=Berichtstatus.VERZONDEN,
        idempotentiesleutel="sms-rapport",
        aangemaakt_door=users["coordinator"],
    )


def test_delivery_report_with_a_bad_signature_is_refused(settings, sms_bericht):
    settings.SMS_GATEWAY_WEBHOOK_SECRET = GEHEIM
    response = views.sms_statusrapporten(_rapport(sms_bericht, geheim="fout"))
    assert response.status_code == 401
    sms_bericht.refresh_from_db()
    assert sms_bericht.status == Berichtstatus.VERZONDEN


def test_without_a_secret_no_report_is_accepted(settings, sms_bericht):
    settings.SMS_GATEWAY_WEBHOOK_SECRET = ""
    assert views.sms_statusrapporten(_rapport(sms_bericht, geheim="")).status_code == 401


def test_failed_delivery_report_marks_the_phone_number_invalid(settings, sms_bericht):
    settings.SMS_GATEWAY_WEBHOOK_SECRET = GEHEIM
    response = views.sms_statusrapporten(_rapport(sms_bericht))
    assert response.status_code == 200
    sms_bericht.refresh_from_db()
    assert sms_bericht.status == Berichtstatus.ONBESTELBAAR
    assert not Contactgegeven.objects.get(soort=Contactgegevensoort.TELEFOON).geldig
    # A repeated report changes nothing.
    assert views.sms_statusrapporten(_rapport(sms_bericht)).status_code == 200


def test_delivered_report(settings, sms_bericht):
    settings.SMS_GATEWAY_WEBHOOK_SECRET = GEHEIM
    views.sms_statusrapporten(_rapport(sms_bericht, status="afgeleverd"))
    sms_bericht.refresh_from_db()
    assert sms_bericht.status == Berichtstatus.AFGELEVERD


def test_gateway_reaches_the_endpoint_without_a_session(client, settings, sms_bericht):
    settings.SMS_GATEWAY_WEBHOOK_SECRET = GEHEIM
    verzoek = _rapport(sms_bericht, status="afgeleverd")
    response = client.post(
        "/contact/sms-statusrapporten/",
        data=verzoek.body,
        content_type="application/json",
        headers={"X-Signature": verzoek.headers["X-Signature"]},
    )
    assert response.status_code == 200
