"""In the demo, closing a case updates the partner's portal and fires a webhook to a local test
receiver: the partner subscribes its receiver in the portal (the receiver answers the
CloudEvents OPTIONS handshake), a worker closes a case with a signal of that partner with
"help accepted", and the partner sees the feedback with the collection pause while its
receiver got a signed CloudEvent without personal data. Another partner sees nothing of it.

The receiver is a small HTTP server in a thread of its own: the browser's live server handles
one request at a time, so it cannot answer the handshake or the delivery that it makes itself
while handling the partner's or the worker's click.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Exists, OuterRef
from django.utils import timezone
from playwright.sync_api import expect

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.accounts.models import User
from signaalroute.demo.organisaties import demo_verwijderen
from signaalroute.terugkoppeling.constants import Terugkoppelcode
from signaalroute.terugkoppeling.models import Terugkoppeling
from signaalroute.terugkoppeling.webhooks import rules
from signaalroute.terugkoppeling.webhooks.constants import (
    HEADER_ID,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
)
from signaalroute.terugkoppeling.webhooks.models import Webhookabonnement
from signaalroute.vroegsignaalzaken.constants import Hulpstap, Zaakfase
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak
from signaalroute.vroegsignaalzaken.selectors import zaken_voor

from .conftest import FAVICON, TIMEOUT_MS
from .test_outreach_e2e import demo_inloggen

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PARTNER = "zorgverzekeraar-zuid"
ANDERE_PARTNER = "stroomlijn-energie"
ONTVANGERPAD = "/webhooks/signaalroute"


@pytest.fixture
def demo(live_server):
    call_command("demo", force=True, stdout=StringIO())
    yield
    demo_verwijderen()


class Ontvanger:
    """A partner's webhook receiver: agrees to the handshake, keeps every request, answers 204."""

    def __init__(self):
        self.verzoeken: list[dict] = []
        self._slot = threading.Lock()
        ontvanger = self

        class Handler(BaseHTTPRequestHandler):
            def _bewaren(self) -> None:
                lengte = int(self.headers.get("Content-Length") or 0)
                with ontvanger._slot:
                    ontvanger.verzoeken.append(
                        {
                            "methode": self.command,
                            "pad": self.path,
                            "headers": {k.lower(): v for k, v in self.headers.items()},
                            "body": self.rfile.read(lengte) if lengte else b"",
                        }
                    )

            def _antwoorden(self, status: int, headers: dict[str, str]) -> None:
                self.send_response(status)
                for naam, waarde in headers.items():
                    self.send_header(naam, waarde)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_OPTIONS(self):  # noqa: N802 - http.server's naming
                self._bewaren()
                origin = self.headers.get("WebHook-Request-Origin", "")
                self._antwoorden(200, {"WebHook-Allowed-Origin": origin, "Allow": "POST"})

            def do_POST(self):  # noqa: N802
                self._bewaren()
                self._antwoorden(204, {})

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{ONTVANGERPAD}"

    def van(self, methode: str) -> list[dict]:
        with self._slot:
            return [v for v in self.verzoeken if v["methode"] == methode]


@pytest.fixture
def ontvanger(settings):
    settings.WEBHOOK_ONTVANGER_LOKAAL = True  # plain http to this machine (tests, the demo)
    ontvanger = Ontvanger()
    ontvanger.thread.start()
    yield ontvanger
    ontvanger.server.shutdown()
    ontvanger.server.server_close()


@pytest.fixture
def nieuwe_pagina(browser, live_server, browserfouten):
    """Pages in browser contexts of their own (another user), with the same error capture as
    the `page` fixture."""
    contexten = []

    def _nieuwe_pagina():
        context = browser.new_context(base_url=live_server.url, locale="nl-NL")
        context.set_default_timeout(TIMEOUT_MS)
        contexten.append(context)
        pagina = context.new_page()
        fouten = browserfouten.meldingen

        def console(msg):
            if msg.type == "error" and not msg.location.get("url", "").endswith(FAVICON):
                fouten.append(f"console: {msg.text} ({msg.location.get('url')})")

        def response(res):
            if res.status >= 400 and not res.url.endswith(FAVICON):
                fouten.append(f"HTTP {res.status}: {res.url}")

        pagina.on("console", console)
        pagina.on("pageerror", lambda exc: fouten.append(f"javascript: {exc}"))
        pagina.on(
            "requestfailed", lambda req: fouten.append(f"request failed: {req.url} {req.failure}")
        )
        pagina.on("response", response)
        return pagina

    yield _nieuwe_pagina
    for context in contexten:
        context.close()


def _te_sluiten_zaak() -> Vroegsignaalzaak:
    """A new, unassigned case of the worker with a signal of PARTNER; preferably one that also
    has a signal of ANDERE_PARTNER (who must then see only its own)."""
    werker = User.objects.get(username="demo-vroegsignaleerder")
    zaken = (
        zaken_voor(werker)
        .filter(
            fase=Zaakfase.NIEUW,
            behandelaar__isnull=True,
            vroegsignalen__signaalpartner__code=PARTNER,
        )
        .exclude(vroegsignalen__klantnummer="")
        .annotate(
            andere=Exists(
                Vroegsignaal.objects.filter(
                    vroegsignaalzaak=OuterRef("pk"), signaalpartner__code=ANDERE_PARTNER
                )
            )
        )
        .distinct()
        .order_by("-andere", "referentie")
    )
    zaak = zaken.first()
    assert zaak is not None, "geen nieuwe demozaak met een signaal van " + PARTNER
    return zaak


def test_closing_a_case_updates_the_portal_and_fires_a_signed_webhook(
    demo, ontvanger, page, nieuwe_pagina, browserfouten
):
    zaak = _te_sluiten_zaak()
    signaal = zaak.vroegsignalen.get(signaalpartner__code=PARTNER)
    ander = zaak.vroegsignalen.filter(signaalpartner__code=ANDERE_PARTNER).first()

    # --- the partner subscribes its receiver -------------------------------------------------
    demo_inloggen(page, "demo-zorgverzekeraar")
    page.get_by_role("link", name="Webhooks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Webhooks")
    page.get_by_role("link", name="Nieuw abonnement").click()
    page.get_by_label("Adres van uw ontvanger").fill(ontvanger.url)
    page.get_by_label("Omschrijving").fill("Proefontvanger incasso")
    page.get_by_role("button", name="Abonnement aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Webhookabonnement aangemaakt")
    geheim = page.get_by_test_id("geheim").inner_text().strip()
    assert geheim.startswith("whsec_")
    handdruk = ontvanger.van("OPTIONS")
    assert len(handdruk) == 1 and handdruk[0]["pad"] == ONTVANGERPAD
    assert handdruk[0]["headers"]["webhook-request-origin"]
    abonnement = Webhookabonnement.objects.get(signaalpartner__code=PARTNER)
    assert abonnement.url == ontvanger.url and abonnement.actief

    # --- a worker, in another browser, closes the case with help accepted -------------------
    werker = nieuwe_pagina()
    demo_inloggen(werker, "demo-vroegsignaleerder")
    werker.goto(f"/werk/zaken/{zaak.uuid}/")
    expect(werker.get_by_role("heading", level=1)).to_contain_text(zaak.referentie)
    werker.get_by_role("button", name="Zaak oppakken").click()
    expect(werker.get_by_text("In behandeling").first).to_be_visible()
    werker.get_by_text("Andere contactpoging").click()
    poging = werker.locator("form", has=werker.get_by_role("button", name="Contactpoging opslaan"))
    poging.get_by_label("Soort contact").select_option(label="Telefoon")
    poging.get_by_label("Ja, contact gehad").check()
    poging.get_by_label("Notitie").fill("Gebeld; samen een budgetplan gemaakt.")
    poging.get_by_role("button", name="Contactpoging opslaan").click()
    expect(werker.get_by_text("Gebeld; samen een budgetplan gemaakt.").first).to_be_visible()

    werker.get_by_text("Zaak afsluiten", exact=True).first.click()
    afsluiten = werker.locator("form", has=werker.get_by_role("button", name="Zaak afsluiten"))
    afsluiten.get_by_label("Resultaat").select_option(
        label="Hulp geaccepteerd (kies de concrete stap)"
    )
    afsluiten.get_by_label("Concrete stap").select_option(label=str(Hulpstap.BUDGETPLAN.label))
    afsluiten.get_by_role("button", name="Zaak afsluiten").click()
    expect(werker.get_by_text(str(Hulpstap.BUDGETPLAN.label)).first).to_be_visible()
    zaak.refresh_from_db()
    assert zaak.fase == Zaakfase.AFGESLOTEN and zaak.hulpstap == Hulpstap.BUDGETPLAN

    terugkoppeling = Terugkoppeling.objects.filter(vroegsignaal=signaal).latest("pk")
    assert terugkoppeling.code == Terugkoppelcode.HULP_GEACCEPTEERD
    pauze = terugkoppeling.betalingspauze_tot
    assert pauze is not None and pauze > timezone.localdate()

    # --- the partner's portal: help accepted, with the collection pause ---------------------
    page.get_by_role("link", name="Terugkoppeling").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Terugkoppeling aan")
    rij = page.locator("tbody tr", has=page.get_by_role("rowheader", name=signaal.klantnummer))
    expect(rij).to_have_count(1)
    expect(rij).to_contain_text(str(Terugkoppelcode.HULP_GEACCEPTEERD.label))
    expect(rij).to_contain_text(pauze.strftime("%d-%m-%Y"))

    # --- the receiver: a signed CloudEvent, without personal data ---------------------------
    posts = ontvanger.van("POST")
    if not any(_event(p)["data"]["code"] == Terugkoppelcode.HULP_GEACCEPTEERD for p in posts):
        call_command("webhooks_afleveren", stdout=StringIO())  # should the task not have run
        posts = ontvanger.van("POST")
    assert posts, "de ontvanger kreeg geen webhook"
    nu = dt.datetime.now(dt.UTC)
    for post in posts:
        headers = post["headers"]
        assert headers["content-type"].startswith("application/cloudevents+json")
        assert post["pad"] == ONTVANGERPAD
        assert rules.handtekening_controleren(
            geheim=geheim,
            bericht_id=headers[HEADER_ID],
            tijdstempel=headers[HEADER_TIMESTAMP],
            inhoud=post["body"],
            header=headers[HEADER_SIGNATURE],
            nu=nu,
            tolerantie=dt.timedelta(minutes=5),
        )
        tekst = post["body"].decode()
        for persoonsgegeven in (
            signaal.achternaam,
            signaal.postcode,
            signaal.bsn,
            signaal.klantnummer,
            signaal.straat,
            signaal.email,
            signaal.telefoonnummer,
        ):
            if persoonsgegeven:
                assert persoonsgegeven not in tekst
    hulp = [p for p in posts if _event(p)["data"]["code"] == Terugkoppelcode.HULP_GEACCEPTEERD]
    assert len(hulp) == 1
    event = _event(hulp[0])
    assert event["specversion"] == "1.0"
    assert event["id"] == str(terugkoppeling.uuid)
    assert hulp[0]["headers"][HEADER_ID] == str(terugkoppeling.uuid)
    assert event["data"]["betalingspauzeTot"] == pauze.isoformat()
    assert event["data"]["terugkoppeling"] == str(terugkoppeling.uuid)

    # The partner's webhook page shows the delivery as delivered.
    page.get_by_role("link", name="Webhooks").click()
    expect(page.locator("main")).to_contain_text("Afgeleverd")

    # --- another partner does not see this signal ------------------------------------------
    energie = nieuwe_pagina()
    demo_inloggen(energie, "demo-energie")
    energie.get_by_role("link", name="Terugkoppeling").click()
    expect(energie.get_by_role("heading", level=1)).to_contain_text("Terugkoppeling aan")
    expect(energie.locator("main")).not_to_contain_text(signaal.klantnummer)
    if ander is not None:  # its own signal of the same household: it does get the feedback
        eigen = energie.locator(
            "tbody tr", has=energie.get_by_role("rowheader", name=ander.klantnummer)
        )
        expect(eigen).to_contain_text(str(Terugkoppelcode.HULP_GEACCEPTEERD.label))
    assert len(ontvanger.van("OPTIONS")) == 1  # no other subscription, no other handshake
    assert not browserfouten, browserfouten.meldingen


def _event(verzoek: dict) -> dict:
    return json.loads(verzoek["body"])
