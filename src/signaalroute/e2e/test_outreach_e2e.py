"""In the demo a coordinator sends the day's letters (a PDF appears and the cases show the
attempt), sends e-mails and a text message to cases with those contact details, exports a call
list and imports a results file (one row processed, one rejected with its reason).

E-mail goes to Django's locmem outbox (the test settings). Text messages go over real HTTP to
the local SMS gateway double, served by a second, threaded live server: the browser's live
server handles one request at a time, so it cannot also answer the gateway call that the
(immediate) send task makes while it handles the coordinator's click.
"""

from __future__ import annotations

import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from signaalroute.contact import selectors as contactselectors
from signaalroute.contact.constants import Kanaal
from signaalroute.contact.models import Bericht
from signaalroute.contrib.sms import client as smsclient
from signaalroute.contrib.sms.models import LokaalSmsBericht
from signaalroute.demo.organisaties import DEMO_WACHTWOORD, demo_verwijderen
from signaalroute.vroegsignaalzaken.constants import Contactsoort
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak
from signaalroute.vroegsignaalzaken.selectors import OPEN_FASEN

from .conftest import code_invullen, totp_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SMS_URLCONF = "signaalroute.contrib.sms.tests.urls"  # the site plus the SMS double


@pytest.fixture
def demo(live_server):
    call_command("demo", force=True, stdout=StringIO())
    yield
    demo_verwijderen()


@pytest.fixture
def sms_gateway(settings, live_server):
    """The local SMS double on its own threaded live server, as the configured gateway."""
    server = LiveServer("localhost")
    settings.ROOT_URLCONF = SMS_URLCONF
    settings.SMS_LOKAAL = True
    settings.SMS_GATEWAY_URL = server.url + "/sms/lokaal"
    settings.SMS_GATEWAY_TOKEN = settings.SMS_LOKAAL_TOKEN
    settings.SMS_GATEWAY_WEBHOOK_SECRET = settings.SMS_LOKAAL_WEBHOOK_SECRET
    settings.SMS_STATUS_URL = ""  # no delivery reports in this test
    settings.SMS_RETRIES = 0
    settings.SMS_TIMEOUT_SECONDS = 5.0
    smsclient._gateway_voor.cache_clear()
    yield server
    gateway = smsclient.sms_gateway()
    if gateway is not None:  # a kept-alive connection would hold a server thread open
        gateway.session.close()
    smsclient._gateway_voor.cache_clear()
    server.stop()


def demo_inloggen(page, username: str) -> None:
    """Log a demo account in (password, then the code of its fixed TOTP device)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/inloggen/verificatie/")
    code_invullen(page, totp_code(TOTPDevice.objects.get(user__username=username)))
    page.wait_for_url(lambda url: "/inloggen/" not in url)


def _alleen_kiezen(page, aantal: int) -> list[str]:
    """Untick every case on the Versturen page, tick the first `aantal`; their references."""
    vakjes = page.locator('input[name="zaken"]')
    expect(vakjes.first).to_be_visible()
    vakjes.evaluate_all("vakjes => vakjes.forEach(v => { v.checked = false; })")
    referenties = []
    for index in range(aantal):
        rij = page.locator("table tbody tr").nth(index)
        rij.locator('input[name="zaken"]').check()
        referenties.append(rij.get_by_role("link").inner_text().strip())
    return referenties


def _zaakpagina(page, referentie: str) -> None:
    zaak = Vroegsignaalzaak.objects.get(referentie=referentie)
    page.goto(f"/werk/zaken/{zaak.uuid}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(referentie)


def _tijdlijn(page):
    return page.locator("ol.utrecht-ordered-list")


def test_coordinator_sends_letters_mail_sms_and_runs_a_call_round(
    demo, sms_gateway, page, browserfouten, mailoutbox
):
    demo_inloggen(page, "demo-coordinator")

    # --- the day's letters: into the print batch, the PDF, the attempt on the case ---------
    page.get_by_role("link", name="Versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brieven en berichten versturen")
    brieven = _alleen_kiezen(page, 2)
    page.get_by_role("button", name="In de printbatch van vandaag zetten").click()
    expect(page.get_by_text("2 in de printbatch van vandaag gezet.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Printbatch")
    for referentie in brieven:
        expect(page.locator("table")).to_contain_text(referentie)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de PDF").click()
    pdf = download.value
    assert pdf.suggested_filename.startswith("printbatch-")
    with open(pdf.path(), "rb") as bestand:
        assert bestand.read(5) == b"%PDF-"
    page.get_by_role("link", name=brieven[0]).click()
    expect(_tijdlijn(page)).to_contain_text("Contactpoging brief")
    expect(_tijdlijn(page)).to_contain_text("Brief verstuurd met tekstversie")
    for referentie in brieven:
        zaak = Vroegsignaalzaak.objects.get(referentie=referentie)
        assert zaak.contactpogingen.filter(soort=Contactsoort.BRIEF, bereikt=False).count() == 1

    # --- e-mail to the cases whose approach says e-mail ------------------------------------
    page.get_by_role("link", name="Versturen").click()
    page.get_by_label("Kanaal").select_option(Kanaal.EMAIL)
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text("voor E-mail")
    mails = _alleen_kiezen(page, 2)
    adressen = [_ontvanger(referentie, Kanaal.EMAIL) for referentie in mails]
    page.get_by_role("button", name="Gekozen berichten versturen").click()
    expect(page.get_by_text("2 bericht(en) worden verstuurd.")).to_be_visible()
    assert sorted(a for m in mailoutbox for a in m.to) == sorted(adressen)
    assert all(m.extra_headers.get("X-Signaalroute-Bericht") for m in mailoutbox)
    _zaakpagina(page, mails[0])
    expect(_tijdlijn(page)).to_contain_text("Contactpoging mail")
    expect(_tijdlijn(page)).to_contain_text("E-mail verstuurd met tekstversie")
    expect(page.locator("#contact-versturen").locator("..")).to_contain_text("Verzonden")

    # --- a text message from a case page, to a case with a mobile number ------------------
    gebruikt = set(brieven) | set(mails)
    sms_zaak, nummer = _zaak_met_mobiel_nummer(uitgezonderd=gebruikt)
    _zaakpagina(page, sms_zaak.referentie)
    page.locator("#contact-versturen").locator("..").get_by_role("button", name="Sms").click()
    expect(page.get_by_text("De sms wordt verstuurd.")).to_be_visible()
    ontvangen = list(LokaalSmsBericht.objects.all())
    assert [s.naar for s in ontvangen] == [nummer]
    bericht = Bericht.objects.get(vroegsignaalzaak=sms_zaak, kanaal=Kanaal.SMS)
    assert ontvangen[0].referentie == str(bericht.uuid)
    assert ontvangen[0].tekst == bericht.inhoud
    expect(_tijdlijn(page)).to_contain_text("Contactpoging sms/whatsapp")
    expect(_tijdlijn(page)).to_contain_text("Sms verstuurd met tekstversie")

    # --- a call round: the call list out, a results file in ---------------------------------
    page.get_by_role("link", name="Belrondes").click()
    page.get_by_role("link", name="Nieuwe belronde").click()
    page.get_by_role("button", name="Zaken tonen").click()
    expect(page.get_by_test_id("voorbeeld")).to_be_visible()
    page.get_by_label("CSV (puntkomma, UTF-8)").check()
    page.get_by_role("button", name="Belronde aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Belronde BR-")
    code = page.get_by_role("heading", level=1).inner_text().split()[-1]
    with page.expect_download() as download:
        page.get_by_role("link", name="Bellijst downloaden (CSV)").click()
    bellijst = download.value
    assert bellijst.suggested_filename == f"bellijst-{code}.csv"
    with open(bellijst.path(), "rb") as bestand:
        tekst = bestand.read().decode("utf-8-sig")
    rijen = list(csv.DictReader(io.StringIO(tekst), delimiter=";"))
    assert len(rijen) >= 2 and {r["belronde"] for r in rijen} == {code}
    assert "telefoon_1" in rijen[0] and "bereikt" in rijen[0]

    nu = timezone.localtime()
    bereikt, fout = rijen[0], rijen[1]
    bereikt.update(
        datum=nu.strftime("%d-%m-%Y"),
        tijd=nu.strftime("%H:%M"),
        bereikt="ja",
        notitie="Gesproken, wil graag een gesprek",
    )
    fout.update(datum="31-02-2026", tijd=nu.strftime("%H:%M"), bereikt="nee")
    uit = io.StringIO()
    schrijver = csv.DictWriter(uit, fieldnames=list(rijen[0]), delimiter=";")
    schrijver.writeheader()
    schrijver.writerows(rijen)
    page.get_by_label("Resultatenbestand van het callcenter").set_input_files(
        files=[
            {
                "name": f"resultaten-{code}.csv",
                "mimeType": "text/csv",
                "buffer": uit.getvalue().encode("utf-8-sig"),
            }
        ]
    )
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Resultaten belronde {code}")
    expect(page.get_by_test_id("aantal-rijen")).to_have_text(str(len(rijen)))
    expect(page.get_by_test_id("aantal-geaccepteerd")).to_have_text("1")
    expect(page.get_by_test_id("aantal-afgewezen")).to_have_text("1")
    expect(page.get_by_test_id("aantal-leeg")).to_have_text(str(len(rijen) - 2))
    regels = page.get_by_test_id("regels")
    afgewezen = regels.locator("tr", has_text="Afgewezen")
    expect(afgewezen).to_have_count(1)
    expect(afgewezen).to_contain_text(fout["referentie"])
    expect(afgewezen).to_contain_text("datum_ongeldig")
    verwerkt = regels.locator("tr", has_text=bereikt["referentie"])
    expect(verwerkt).to_contain_text("Verwerkt")
    expect(verwerkt).to_contain_text("bereikt")

    verwerkt.get_by_role("link", name=bereikt["referentie"]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(bereikt["referentie"])
    expect(_tijdlijn(page)).to_contain_text("Contactpoging telefoon")
    expect(_tijdlijn(page)).to_contain_text(
        f"Callcenter (belronde {code}): Gesproken, wil graag een gesprek"
    )
    zaak = Vroegsignaalzaak.objects.get(referentie=bereikt["referentie"])
    assert zaak.contactpogingen.filter(soort=Contactsoort.TELEFOON, bereikt=True).exists()
    niet = Vroegsignaalzaak.objects.get(referentie=fout["referentie"])
    assert not niet.contactpogingen.filter(notitie__contains=code).exists()

    # Downloads end their navigation with ERR_ABORTED in Chromium: that is not an error.
    fouten = [m for m in browserfouten.meldingen if "ERR_ABORTED" not in m]
    assert fouten == []


def _coordinator():
    from signaalroute.accounts.models import User

    return User.objects.get(username="demo-coordinator")


def _ontvanger(referentie: str, kanaal: str) -> str:
    zaak = contactselectors.zaken_voor_bericht(
        user=_coordinator(), uuids=[Vroegsignaalzaak.objects.get(referentie=referentie).uuid]
    ).get()
    return contactselectors.ontvanger_van(zaak, kanaal).verzendadres


def _zaak_met_mobiel_nummer(*, uitgezonderd: set[str]) -> tuple[Vroegsignaalzaak, str]:
    """An open case of the coordinator's first municipality that a text message can go to."""
    zaken = contactselectors.zaken_voor_bericht(
        user=_coordinator(),
        uuids=Vroegsignaalzaak.objects.filter(fase__in=OPEN_FASEN).values_list("uuid", flat=True),
    ).order_by("referentie")
    for zaak in zaken:
        if zaak.referentie in uitgezonderd:
            continue
        ontvanger = contactselectors.ontvanger_van(zaak, Kanaal.SMS)
        if ontvanger is not None:
            return zaak, ontvanger.verzendadres
    raise AssertionError("geen open demozaak met een mobiel nummer")
