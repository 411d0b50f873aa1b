"""The login flow in a real browser: password, TOTP code, first-time set-up, logout, and the
keyboard basics of the login page."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from playwright.sync_api import expect

from signaalroute.e2e.conftest import (
    code_invullen,
    totp_code,
    totp_code_uit_sleutel,
    wachtwoord_invullen,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def foute_code(device) -> str:
    """A 6-digit code that is none of the codes the server accepts right now (±1 step)."""
    geldig = {
        f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=d):06d}" for d in (-1, 0, 1)
    }
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in geldig)


def test_wrong_totp_code_shows_dutch_error_and_stays_on_verification(
    page, users, met_totp, browserfouten
):
    user = users["vroegsignaleerder"]
    device = met_totp(user)
    wachtwoord_invullen(page, user.username)
    page.wait_for_url("**/inloggen/verificatie/")

    code_invullen(page, foute_code(device))

    expect(page.get_by_role("alert")).to_contain_text(
        "Deze code is onjuist of verlopen. Probeer de nieuwste code."
    )
    assert page.url.endswith(reverse("accounts:verificatie"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verificatiecode")
    # Still not logged in: the application sends the visitor back to verification.
    page.goto(reverse("vroegsignaalzaken:werkvoorraad"))
    page.wait_for_url("**/inloggen/verificatie/")
    assert not browserfouten, browserfouten.meldingen


def test_first_login_sets_up_totp_with_qr_code_and_secret(page, users, browserfouten):
    user = users["coordinator"]  # no TOTP device yet
    wachtwoord_invullen(page, user.username)

    page.wait_for_url(f"**{reverse('accounts:tweede_factor_instellen')}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    expect(page.locator(".sr-qr svg")).to_be_visible()
    sleutel = page.get_by_test_id("totp-sleutel").inner_text()
    assert len(sleutel.strip()) >= 16

    page.get_by_label("Verificatiecode").fill(totp_code_uit_sleutel(sleutel))
    page.get_by_role("button", name="Bevestigen").click()

    page.wait_for_url(f"**{reverse('vroegsignaalzaken:overzicht')}")
    expect(page.get_by_role("status")).to_contain_text("Tweestapsverificatie is ingesteld.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht vroegsignalering")
    assert not browserfouten, browserfouten.meldingen


def test_logout_returns_to_login_and_start_page_needs_login_again(
    page, inloggen, users, browserfouten
):
    inloggen(users["vroegsignaleerder"])
    page.wait_for_url(f"**{reverse('vroegsignaalzaken:werkvoorraad')}")

    page.get_by_role("banner").get_by_role("button", name="Uitloggen").click()

    page.wait_for_url(f"**{reverse('accounts:login')}")
    expect(page.get_by_role("status")).to_contain_text("U bent uitgelogd.")
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
    page.goto(reverse("core:start"))
    page.wait_for_url(f"**{reverse('accounts:login')}?next=/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    assert not browserfouten, browserfouten.meldingen


EERSTE_FOCUSBARE = """() => [...document.querySelectorAll(
    'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, '
    + 'textarea, [tabindex]:not([tabindex="-1"])')][0].outerHTML"""


def test_skip_link_is_the_first_focusable_element_on_the_login_page(page, browserfouten):
    page.goto(reverse("accounts:login"))
    eerste = page.evaluate(EERSTE_FOCUSBARE)
    assert 'href="#inhoud"' in eerste
    assert "Naar de inhoud" in eerste
    assert not browserfouten, browserfouten.meldingen


def test_first_tab_focuses_the_visible_skip_link_which_jumps_to_the_content(
    page, inloggen, users, browserfouten
):
    inloggen(users["vroegsignaleerder"])  # the worker's start page has no autofocus
    page.wait_for_url(f"**{reverse('vroegsignaalzaken:werkvoorraad')}")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    expect(skip_link).not_to_be_in_viewport()  # hidden until focused

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.url.endswith("#inhoud")
    assert not browserfouten, browserfouten.meldingen


ZONDER_LABEL = """() => [...document.querySelectorAll("input, select, textarea")]
    .filter((el) => el.type !== "hidden")
    .filter((el) => el.labels.length === 0 && !el.getAttribute("aria-label")
        && !el.getAttribute("aria-labelledby"))
    .map((el) => el.name || el.id || el.outerHTML)"""


def test_every_input_on_the_login_page_has_a_label(page, browserfouten):
    page.goto(reverse("accounts:login"))
    assert page.locator("input:not([type=hidden])").count() >= 2
    assert page.evaluate(ZONDER_LABEL) == []
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()
    expect(page.get_by_label("Wachtwoord")).to_be_visible()
    assert not browserfouten, browserfouten.meldingen


def test_every_input_on_the_verification_page_has_a_label(page, users, met_totp, browserfouten):
    user = users["auditor"]
    met_totp(user)
    wachtwoord_invullen(page, user.username)
    page.wait_for_url("**/inloggen/verificatie/")
    assert page.evaluate(ZONDER_LABEL) == []
    assert not browserfouten, browserfouten.meldingen


def test_login_code_from_device_is_accepted(page, users, met_totp, browserfouten):
    """The same as an authenticator app: the code computed from the stored device."""
    user = users["auditor"]
    device = met_totp(user)
    wachtwoord_invullen(page, user.username)
    code_invullen(page, totp_code(device))
    page.wait_for_url(f"**{reverse('audit:logboek')}")
    assert not browserfouten, browserfouten.meldingen


VERWIJZINGEN_ZONDER_DOEL = """() => [...document.querySelectorAll("[aria-describedby]")]
    .flatMap((el) => el.getAttribute("aria-describedby").split(/\\s+/)
        .filter((id) => id && !document.getElementById(id))
        .map((id) => `${el.name || el.id}: #${id}`))"""


def test_help_and_error_texts_are_tied_to_their_input(page, users, met_totp, browserfouten):
    """Screen readers read a field's help text and error through aria-describedby; every id it
    names must exist on the page."""
    user = users["auditor"]
    device = met_totp(user)
    wachtwoord_invullen(page, user.username)
    code_invullen(page, foute_code(device))
    expect(page.get_by_role("alert")).to_contain_text("onjuist of verlopen")
    assert page.evaluate(VERWIJZINGEN_ZONDER_DOEL) == []
    assert not browserfouten, browserfouten.meldingen


def test_pages_declare_a_favicon_that_loads(page, browserfouten):
    """Without one the browser asks for /favicon.ico on every visit: a 404 (and a warning in
    the server log) for every logged-in user."""
    page.goto(reverse("accounts:login"))
    icon = page.locator("link[rel~=icon]")
    assert icon.count() == 1, "no <link rel=icon> in base.html"
    href = icon.get_attribute("href")
    assert page.request.get(href).status == 200
