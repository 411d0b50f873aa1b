"""The demo of issue #5 in a real browser: the functional administrator makes a concept, adds a
rule ("totaalbedrag minstens € 1.000 → bakje ‘Hoog bedrag’, twee keer bellen"), simulates it on
last month next to the active rules, activates it, and the next case lands in that tray."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.triage.beheer import vorige_maand
from signaalroute.triage.models import Triage
from signaalroute.triage.services import zaken_trieren
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOT_SIMULATIE = "/tmp/e2e-triage-simulatie.png"  # noqa: S108 (for a human look)
ZIN = (
    "Als het totaalbedrag minstens € 1.000,00 is, dan: bakje ‘Hoog bedrag’, "
    "aanpak twee keer bellen, team van de wijk, termijnen ‘standaard’."
)


def zaak(gemeente, bedrag):
    z = VroegsignaalzaakFactory(gemeente=gemeente)
    VroegsignaalFactory(
        gemeente=gemeente, vroegsignaalzaak=z, bedrag=bedrag, telefoonnummer="0612345678"
    )
    return z


def test_administrator_edits_simulates_and_activates_a_rule(
    page, inloggen, users, tenant_a, browserfouten
):
    maand = vorige_maand(timezone.localdate())
    for bedrag in (150_000, 40_000, 10_000):
        zaak(tenant_a, bedrag)
    zaken_trieren(gemeente=tenant_a, peildatum=maand + datetime.timedelta(days=9))

    inloggen(users["functioneel_beheerder"])
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inrichting").click()
    page.get_by_role("link", name="Triage", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Triage")
    page.get_by_role("link", name=tenant_a.naam, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Triage {tenant_a.naam}")

    # A concept: a copy of the active rules (version 1, made by last month's triage).
    page.get_by_role("button", name="Nieuw concept").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Triageregels {tenant_a.naam}, versie 2"
    )

    # A rule, right after the crisis rule; choosing the fact brings its value fields (HTMX).
    page.get_by_role("link", name="Regel toevoegen").click()
    page.get_by_label("Naam van de regel").fill("Hoog bedrag")
    page.get_by_label("Plaats in de lijst").select_option(label="2 (na ‘Crisis of eindelevering’)")
    voorwaarde = page.get_by_role("group", name="Voorwaarde 1", exact=True)
    voorwaarde.get_by_label("Feit").select_option(label="Totaalbedrag")
    voorwaarde.get_by_label("Vergelijking").select_option(label="is minstens")
    voorwaarde.get_by_label("Bedrag in euro's", exact=True).fill("1.000")
    page.get_by_label("Bakje", exact=True).fill("Hoog bedrag")
    stap = page.get_by_role("group", name="Stap 1", exact=True)
    stap.get_by_label("Kanaal").select_option(label="Telefoon")
    stap.get_by_label("Aantal keer").fill("2")
    page.get_by_role("button", name="Voorbeeld bijwerken").click()
    expect(page.locator("#voorbeeld")).to_have_text(f"Zo leest de regel: {ZIN}")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    expect(page.get_by_text("De regels zijn opgeslagen.")).to_be_visible()
    expect(page.locator("#regel-2")).to_contain_text(f"‘Hoog bedrag’: {ZIN}")

    # Simulation on last month (the default), next to the active version.
    page.get_by_role("link", name="Simuleren", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Simulatie: versie 2 naast de actieve versie 1"
    )
    expect(page.get_by_label("Maand")).to_have_value(maand.strftime("%Y-%m"))
    expect(page.locator("#samenvatting")).to_contain_text("3 zaken getrieerd")
    bakjes = page.get_by_role("table", name="Per bakje")
    expect(bakjes.get_by_role("row", name=re.compile("Hoog bedrag"))).to_have_text(
        re.compile(r"Hoog bedrag\s*1\s*0\s*\+1")
    )
    expect(bakjes.get_by_role("row", name=re.compile("Telefoon"))).to_have_text(
        re.compile(r"Telefoon\s*1\s*2\s*-1")
    )
    page.screenshot(path=SCREENSHOT_SIMULATIE, full_page=True)

    # Activation, after a confirmation page.
    page.get_by_role("link", name="Versie 2 activeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versie 2 activeren")
    page.get_by_role("button", name="Versie 2 activeren").click()
    expect(page.get_by_text("Versie 2 is nu actief.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Versie 2, actief sinds"))).to_be_visible()
    versies = page.get_by_role("table").filter(has_text="Geactiveerd")
    expect(versies.get_by_role("row").nth(1)).to_contain_text("Actief")
    expect(versies.get_by_role("row").nth(2)).to_contain_text("Vervangen")

    # The next delivery's case lands in the tray the new rule says.
    nieuw = zaak(tenant_a, 120_000)
    zaken_trieren(gemeente=tenant_a)
    triage = Triage.objects.get(vroegsignaalzaak=nieuw)
    assert (triage.bakje, triage.regelset.versie) == ("Hoog bedrag", 2)
    assert not browserfouten, browserfouten.meldingen
