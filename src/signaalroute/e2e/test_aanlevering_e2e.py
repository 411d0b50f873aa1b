"""A partner uploads a messy export in the portal, checks it, delivers it and downloads the
rejected rows — in a real browser."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from signaalroute.aanleveringen.tests.intake import regio, rommelig_bestand
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_partner_checks_and_delivers_a_messy_file_and_downloads_the_rejections(
    page, inloggen, browserfouten, tmp_path
):
    verhuurder = regio()[2]
    user = UserFactory(rol=Rol.PARTNERGEBRUIKER, signaalpartner=verhuurder)
    bestand = tmp_path / "export-november.csv"
    bestand.write_bytes(rommelig_bestand().replace(b"Bakker", b"<b>Bakker</b>"))

    inloggen(user)
    page.get_by_role("link", name="Nieuwe aanlevering").click()
    page.get_by_label("Bestand").set_input_files(str(bestand))
    page.get_by_role("button", name="Controleren").click()

    expect(page.get_by_text("Gecontroleerd, nog niet aangeleverd: 8 regels")).to_be_visible()
    regels = page.get_by_test_id("regels")
    expect(regels).to_contain_text("postcode_ongeldig")
    expect(regels).to_contain_text("niet in een gemeente die via Signaalroute")
    expect(regels).to_contain_text("<b>Bakker</b>")  # shown as text, not as markup

    page.get_by_role("button", name="Aanleveren").click()
    expect(page.get_by_test_id("status")).to_have_text("Verwerkt")
    expect(page.get_by_test_id("aantal-rijen")).to_have_text("8")
    expect(page.get_by_test_id("aantal-afgewezen")).to_have_text("3")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    inhoud = download.value.path().read_bytes().decode("utf-8-sig")
    assert inhoud.startswith("regelnummer;status;meldingcodes;meldingen")
    assert "postcode_ongeldig" in inhoud

    page.get_by_role("link", name="Terug naar alle aanleveringen").click()
    expect(page.get_by_role("table")).to_contain_text("export-november.csv")
    assert reverse("aanleveringen:overzicht") in page.url
    # A download ends its navigation with ERR_ABORTED in Chromium: that is not an error.
    fouten = [m for m in browserfouten.meldingen if "afwijzingen.csv" not in m]
    assert not fouten, fouten
