"""Security headers and session settings that every page gets."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_sessions_time_out_and_cookies_are_http_only():
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.CSRF_COOKIE_HTTPONLY


def test_login_page_is_dutch(client):
    content = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="nl"' in content
    assert "Gebruikersnaam" in content
    assert "Wachtwoord" in content


def test_empty_login_form_gives_dutch_errors(client):
    content = client.post(reverse("accounts:login"), {}).content.decode()
    assert "Dit veld is vereist." in content
