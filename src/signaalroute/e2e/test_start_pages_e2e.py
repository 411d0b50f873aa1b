"""After password and TOTP code every role lands on its own start page, styled, without errors
in the browser console (Content-Security-Policy violations would show up there)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOT_WERKVOORRAAD = "/tmp/e2e-werkvoorraad.png"  # noqa: S108 (for a human look)

# role -> (start page, heading); the partner's heading names their organisation.
STARTPAGINAS = {
    "platformbeheerder": ("gemeenten:instellingen", "Instellingen"),
    "functioneel_beheerder": ("gemeenten:instellingen", "Instellingen"),
    "coordinator": ("vroegsignaalzaken:overzicht", "Overzicht vroegsignalering"),
    "vroegsignaleerder": ("vroegsignaalzaken:werkvoorraad", "Werkvoorraad"),
    "externe_uitvoerder": ("vroegsignaalzaken:werkvoorraad", "Werkvoorraad"),
    "partnergebruiker": ("aanleveringen:overzicht", "Aanleveringen van {partner}"),
    "auditor": ("audit:logboek", "Logboek"),
}

STIJL = """() => ({
    sheets: [...document.styleSheets].map((s) => ({href: s.href, rules: s.cssRules.length})),
    token: getComputedStyle(document.documentElement)
        .getPropertyValue("--utrecht-document-font-family").trim(),
    skipLink: getComputedStyle(document.querySelector(".utrecht-skip-link")).position,
    header: getComputedStyle(document.querySelector(".sr-header")).borderBottomWidth,
})"""


def werk_klaarzetten(users, tenant_a):
    """A few cases, so the worker's and coordinator's pages show a table."""
    worker, extern = users["vroegsignaleerder"], users["externe_uitvoerder"]
    for i, (behandelaar, crisis) in enumerate([(worker, True), (worker, False), (None, False)]):
        zaak = VroegsignaalzaakFactory(
            gemeente=tenant_a, behandelaar=behandelaar, team=extern.team, crisis=crisis
        )
        VroegsignaalFactory(
            vroegsignaalzaak=zaak,
            gemeente=tenant_a,
            aanlevering__signaalpartner=users["partnergebruiker"].signaalpartner,
            bedrag=12_500 * (i + 1),
        )


def assert_stijl_geladen(page):
    stijl = page.evaluate(STIJL)
    assert len(stijl["sheets"]) == 3, stijl["sheets"]
    for sheet in stijl["sheets"]:
        assert sheet["rules"] > 0, sheet["href"]
    assert stijl["token"], "Utrecht design tokens (utrecht-tokens/index.css) not applied"
    assert stijl["skipLink"] == "fixed", "Utrecht component CSS (utrecht-css/index.css) not applied"
    assert stijl["header"] == "4px", "signaalroute/app.css not applied"


@pytest.mark.parametrize("rol", list(STARTPAGINAS))
def test_role_lands_on_its_start_page_after_login(
    page, inloggen, users, tenant_a, browserfouten, rol
):
    werk_klaarzetten(users, tenant_a)
    user = users[rol]
    url_name, kop = STARTPAGINAS[rol]
    kop = kop.format(partner=user.signaalpartner)

    inloggen(user)

    page.wait_for_url(f"**{reverse(url_name)}")
    expect(page.get_by_role("heading", level=1)).to_have_text(kop)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert_stijl_geladen(page)
    if rol == "vroegsignaleerder":
        expect(page.get_by_role("table")).to_contain_text("Crisis")
        page.screenshot(path=SCREENSHOT_WERKVOORRAAD, full_page=True)
    assert not browserfouten, browserfouten.meldingen


def test_main_menu_shows_only_the_pages_of_the_role(page, inloggen, users, browserfouten):
    inloggen(users["coordinator"])
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link")).to_have_text(
        [
            "Werkvoorraad",
            "Termijnen",
            "Meldingen",
            "Signalen",
            "BRP-controle",
            "Belrondes",
            "Versturen",
            "Overzicht",
            "Aanleverbewaking",
            "Rapportages",
            "Inrichting",
        ]
    )
    menu.get_by_role("link", name="Werkvoorraad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkvoorraad")
    assert not browserfouten, browserfouten.meldingen
