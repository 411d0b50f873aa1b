"""Browser fixtures: one Chromium per test session, a fresh context and page per test.

Debian's Chromium (`/usr/bin/chromium`) is driven through Playwright's sync API against
pytest-django's `live_server` (which serves the static files from `STATICFILES_DIRS` itself).
Without Chromium the tests skip locally and fail on CI (`CI=true`), so CI cannot go green
without having run them.
"""

import base64
import os
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from signaalroute.accounts.tests.factories import TEST_PASSWORD

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# (factories, assertions) are still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 10_000
FAVICON = "/favicon.ico"


class _SerieleWSGIServer(WSGIServer):
    """Handles one request at a time. Django's live server is threaded and its threads share
    the one in-memory SQLite connection, so a request Chrome makes on the side (favicon) can
    interleave with a login POST and break its transaction (random 400s and time-outs)."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's `live_server`, on a server that serves requests one after another."""
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    with mock.patch.object(LiveServerThread, "server_class", _SerieleWSGIServer):
        server = LiveServer(addr)  # creates and starts the server before returning
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: install the Debian package 'chromium'."
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class Browserfouten:
    """Everything that went wrong in the browser: console errors (CSP violations land here),
    uncaught exceptions, failed requests and HTTP error responses."""

    meldingen: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.meldingen)


@pytest.fixture
def browserfouten() -> Browserfouten:
    return Browserfouten()


@pytest.fixture
def page(browser, live_server, browserfouten):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    fouten = browserfouten.meldingen

    def console(msg):
        # Chrome fetches /favicon.ico by itself, at a moment that varies; its own test is
        # test_pages_declare_a_favicon_that_loads.
        if msg.type == "error" and not msg.location.get("url", "").endswith(FAVICON):
            fouten.append(f"console: {msg.text} ({msg.location.get('url')})")

    def response(res):
        if res.status >= 400 and not res.url.endswith(FAVICON):
            fouten.append(f"HTTP {res.status}: {res.url}")

    page.on("console", console)
    page.on("pageerror", lambda exc: fouten.append(f"javascript: {exc}"))
    page.on("requestfailed", lambda req: fouten.append(f"request failed: {req.url} {req.failure}"))
    page.on("response", response)
    yield page
    context.close()


def totp_code(device: TOTPDevice) -> str:
    """The code an authenticator app shows now for `device`."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def totp_code_uit_sleutel(sleutel: str) -> str:
    """The code an authenticator app shows now for a base32 secret typed in by hand."""
    sleutel = sleutel.strip().replace(" ", "").upper()
    key = base64.b32decode(sleutel + "=" * (-len(sleutel) % 8))
    return f"{totp(key, step=30, t0=0, digits=6):06d}"


def wachtwoord_invullen(page, username: str) -> None:
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def code_invullen(page, code: str) -> None:
    page.get_by_label("Verificatiecode").fill(code)
    page.get_by_role("button", name="Controleren").click()


@pytest.fixture
def met_totp():
    """Give a user a confirmed TOTP device, as after their first login."""

    def _met_totp(user) -> TOTPDevice:
        return TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)

    return _met_totp


@pytest.fixture
def inloggen(page, met_totp):
    """Log in through the pages, password then TOTP code; returns the page."""

    def _inloggen(user):
        device = met_totp(user)
        wachtwoord_invullen(page, user.username)
        page.wait_for_url("**/inloggen/verificatie/")
        code_invullen(page, totp_code(device))
        return page

    return _inloggen
