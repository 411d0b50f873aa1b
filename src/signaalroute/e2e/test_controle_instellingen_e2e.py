"""The functional administrator sets a threshold and excludes an address in the browser."""

import pytest
from playwright.sync_api import expect

from signaalroute.matching.models import Signaaldrempel, Uitsluiting

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_administrator_sets_a_threshold_and_excludes_an_address(
    page, inloggen, users, tenant_a, browserfouten
):
    inloggen(users["functioneel_beheerder"])
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inrichting").click()
    page.get_by_role("link", name="Controles", exact=True).click()
    page.get_by_role("link", name=tenant_a.naam).click()

    page.get_by_label("Soort partner").select_option("energie")
    page.get_by_label("Minimumbedrag (€)").fill("50,00")
    page.get_by_role("button", name="Drempel opslaan").click()
    expect(page.get_by_text("De drempel is opgeslagen.")).to_be_visible()
    expect(page.locator("table").nth(0)).to_contain_text("€ 50,00")

    page.get_by_label("Postcode").fill("7411 ab")
    page.get_by_label("Huisnummer").fill("12-a")
    page.get_by_label("Reden (intern)").fill("Onveilig voor medewerkers")
    page.get_by_role("button", name="Adres uitsluiten").click()
    expect(page.get_by_text("Het adres staat op de uitsluitingslijst.")).to_be_visible()
    expect(page.locator("table").nth(1)).to_contain_text("7411AB 12A")

    assert Signaaldrempel.objects.get().minimum_bedrag == 5000
    assert Uitsluiting.objects.get().huisletter == "A"
    assert not browserfouten, browserfouten.meldingen
