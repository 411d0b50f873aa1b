"""In the demo, after this month's signals went through the checks (local BRP over HTTP), a
worker opens the BRP review tray, sees why each drop-out dropped out and who lives there, and
decides with one click; then overrides a check on the signals page, with a reason."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from signaalroute.contrib.brp.tests.conftest import LOKAAL_PAD
from signaalroute.demo.organisaties import DEMO_WACHTWOORD, demo_verwijderen
from signaalroute.gemeenten.models import Gemeente
from signaalroute.matching.models import Brpcontrole
from signaalroute.matching.signaalcontroles import signalen_verwerken
from signaalroute.vroegsignaalzaken.constants import Signaalstatus

from .conftest import code_invullen, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings, live_server):
    call_command("demo", force=True, stdout=StringIO())
    call_command("brp_lokaal_vullen", force=True, stdout=StringIO())
    settings.BRP_API_URL = live_server.url + LOKAAL_PAD
    settings.BRP_RETRIES = 1
    settings.BRP_RETRY_BACKOFF_SECONDS = 0.0
    for gemeente in Gemeente.objects.filter(aangesloten=True):
        assert signalen_verwerken(gemeente=gemeente).compleet
    yield
    demo_verwijderen()


def demo_inloggen(page, username):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/inloggen/verificatie/")
    code_invullen(page, totp_code(TOTPDevice.objects.get(user__username=username)))
    page.wait_for_url("**/werk/werkvoorraad/")


def test_worker_decides_on_a_brp_drop_out_and_overrides_a_check(demo, page, browserfouten):
    in_bakje = Brpcontrole.objects.filter(naar_controle=True)
    voor = in_bakje.count()
    assert voor > 0
    demo_inloggen(page, "demo-vroegsignaleerder")

    page.get_by_role("link", name="BRP-controle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("BRP-controle: te beoordelen")
    eerste = page.locator("section.sr-card").first
    expect(eerste).to_contain_text("score")  # why: the reason names the best candidate's score
    eerste.get_by_label("Geen van deze bewoners").check()
    eerste.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("De controle is vastgelegd.")).to_be_visible()
    assert in_bakje.count() == voor - 1

    page.get_by_role("link", name="Signalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalen zonder zaak")
    page.get_by_label("Toon").select_option(Signaalstatus.BEKEND_BIJ_SHV)
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("tbody")).to_contain_text("draag het signaal over aan")
    page.locator("tbody a").first.click()
    page.get_by_label("Nieuwe status").select_option(Signaalstatus.NOG_NIET_OPGEPAKT)
    page.get_by_label("Toelichting (verplicht)").fill("Traject bij schuldhulp is gestopt.")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.get_by_text("De status van het signaal is gewijzigd.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Handmatig: Traject bij schuldhulp is gestopt.")
    assert not browserfouten, browserfouten.meldingen
