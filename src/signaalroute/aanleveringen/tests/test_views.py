"""Partner portal: upload, check first, deliver, see per-row results, download the report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from signaalroute.aanleveringen.constants import Aanleverstatus
from signaalroute.aanleveringen.models import Aanlevering, Vroegsignaal
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory

from .intake import regio, rommelig_bestand

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnergebruiker():
    verhuurder = regio()[2]
    return UserFactory(rol=Rol.PARTNERGEBRUIKER, signaalpartner=verhuurder)


def upload(client, actie="controleren", inhoud=None, naam="export.csv"):
    bestand = SimpleUploadedFile(naam, inhoud if inhoud is not None else rommelig_bestand())
    return client.post(reverse("aanleveringen:nieuw"), {"bestand": bestand, "actie": actie})


def test_check_first_shows_each_row_and_stores_nothing(
    client, login_as, partnergebruiker, django_capture_on_commit_callbacks
):
    login_as(partnergebruiker)
    response = upload(client)
    aanlevering = Aanlevering.objects.get()
    assert response.url == reverse("aanleveringen:detail", args=[aanlevering.uuid])
    page = client.get(response.url).content.decode()
    assert "Gecontroleerd, nog niet aangeleverd: 8 regels" in page
    assert "postcode_ongeldig" in page
    assert "niet in een gemeente die via Signaalroute" in page
    assert not Vroegsignaal.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("aanleveringen:bevestigen", args=[aanlevering.uuid]))
    aanlevering.refresh_from_db()
    assert aanlevering.status == Aanleverstatus.VERWERKT  # immediate task backend in tests
    assert Vroegsignaal.objects.count() == 5


def test_names_with_html_are_shown_as_text(client, login_as, partnergebruiker):
    login_as(partnergebruiker)
    inhoud = rommelig_bestand().replace(b"Bakker", b"<script>alert(1)</script>")
    response = upload(client, inhoud=inhoud)
    page = client.get(response.url).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_rejection_report_downloads_without_formula_injection(
    client, login_as, partnergebruiker, django_capture_on_commit_callbacks
):
    login_as(partnergebruiker)
    inhoud = rommelig_bestand().replace(b"Pietersen", b"=cmd|' /C calc'!A0")
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, actie="aanleveren", inhoud=inhoud)
    aanlevering = Aanlevering.objects.get()
    assert aanlevering.status == Aanleverstatus.VERWERKT
    csv = client.get(reverse("aanleveringen:rapport", args=[aanlevering.uuid, "csv"]))
    tekst = csv.content.decode("utf-8-sig")
    assert "'=cmd" in tekst
    assert "\n=cmd" not in tekst and ";=cmd" not in tekst
    xlsx = client.get(reverse("aanleveringen:rapport", args=[aanlevering.uuid, "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    from python_calamine import CalamineWorkbook

    blad = CalamineWorkbook.from_filelike(__import__("io").BytesIO(xlsx.content))
    rijen = blad.get_sheet_by_index(0).to_python()
    assert rijen[0][:4] == ["regelnummer", "status", "meldingcodes", "meldingen"]
    assert len(rijen) == 1 + 4  # three rejected rows and one with a warning


def test_same_file_uploaded_again_gets_a_clear_dutch_message(client, login_as, partnergebruiker):
    login_as(partnergebruiker)
    upload(client, actie="aanleveren")
    response = upload(client, actie="aanleveren")
    assert response.status_code == 200
    assert "al aangeleverd op" in response.content.decode()


def test_a_file_that_cannot_be_read_is_explained(client, login_as, partnergebruiker):
    login_as(partnergebruiker)
    response = upload(client, inhoud=b"%PDF-1.4 binary", naam="signalen.pdf")
    page = client.get(response.url).content.decode()
    assert "Dit bestand kan niet worden verwerkt" in page


def test_other_partner_cannot_see_the_delivery(client, login_as, partnergebruiker, users):
    login_as(partnergebruiker)
    upload(client)
    aanlevering = Aanlevering.objects.get()
    login_as(users["partnergebruiker_b"])
    assert client.get(reverse("aanleveringen:detail", args=[aanlevering.uuid])).status_code == 404
    rapport = reverse("aanleveringen:rapport", args=[aanlevering.uuid, "csv"])
    assert client.get(rapport).status_code == 404
