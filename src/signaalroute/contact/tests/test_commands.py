"""The management commands, the demo set-up and the partial for the case page."""

import mailbox

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string

from signaalroute.contact import services
from signaalroute.contact.constants import Berichtstatus, Kanaal, Sjabloonstatus
from signaalroute.contact.models import Bericht, Berichtsjabloon, Huisstijl
from signaalroute.contact.tests.conftest import triage_maken
from signaalroute.contact.tests.test_services import DSN
from signaalroute.demo.contact_inrichten import contact_inrichten
from signaalroute.demo.organisaties import Regio

pytestmark = pytest.mark.django_db


def test_bounces_are_read_from_a_maildir(tmp_path, zaak, users, smtp_server):
    bericht = services.berichten_klaarzetten(
        zaken=[zaak], kanaal=Kanaal.EMAIL, door=users["coordinator"]
    ).berichten[0]
    services.bericht_versturen(bericht_id=bericht.pk)
    box = mailbox.Maildir(tmp_path / "bounces", create=True)
    box.add(
        DSN.format(actie="failed", status="5.1.1", message_id=services.message_id(bericht)).encode()
    )
    box.add(b"Subject: gewone mail\n\nhallo")

    call_command("bounces_verwerken", str(tmp_path / "bounces"), "--verwijderen")
    bericht.refresh_from_db()
    assert bericht.status == Berichtstatus.ONBESTELBAAR
    assert len(box) == 0


def test_print_command_writes_the_days_batch(tmp_path, zaak, users, tenant_a):
    triage_maken(zaak, "brief")
    pdf = tmp_path / "batch.pdf"
    call_command(
        "brieven_afdrukken",
        "--gemeente",
        tenant_a.cbs_code,
        "--gebruiker",
        users["coordinator"].username,
        "--pdf",
        str(pdf),
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    assert Bericht.objects.get(vroegsignaalzaak=zaak).kanaal == Kanaal.BRIEF


def test_demo_gets_house_style_and_active_default_texts(tenant_a):
    regio = Regio(
        organisatie=tenant_a.uitvoeringsorganisatie, gemeenten={tenant_a.cbs_code: tenant_a}
    )
    contact_inrichten(regio)
    contact_inrichten(regio)  # again: nothing doubles
    assert Huisstijl.objects.get(gemeente=tenant_a).sms_afzender
    assert (
        Berichtsjabloon.objects.filter(gemeente=tenant_a, status=Sjabloonstatus.ACTIEF).count() == 4
    )


def test_case_page_partial_posts_case_and_version(zaak, users):
    html = render_to_string(
        "contact/_zaakacties.html", {"zaak": zaak, "user": users["vroegsignaleerder"]}
    )
    assert f'name="zaak" value="{zaak.uuid}"' in html
    assert f'name="versie" value="{zaak.versie}"' in html
    assert 'value="sms"' in html and "Brief retour" in html
    html = render_to_string("contact/_zaakacties.html", {"zaak": zaak, "user": users["auditor"]})
    assert "Brief retour" not in html
