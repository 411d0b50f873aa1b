"""Configuration: every environment variable is documented; production is secure by default."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from signaalroute.conf.env import REGISTRY

REPO = Path(__file__).resolve().parents[4]


def test_every_environment_variable_is_documented():
    documented = (REPO / "docs" / "configuration.md").read_text()
    missing = [name for name in REGISTRY if f"`{name}`" not in documented]
    assert not missing, f"Add to docs/configuration.md: {missing}"


def _import_production(env: dict) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import signaalroute.conf.production"],
        env={**clean, **env, "PYTHONPATH": str(REPO / "src")},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _import_production({})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _import_production({"SECRET_KEY": "x" * 50})
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_debug():
    result = _import_production({"SECRET_KEY": "x" * 50, "DEBUG": "true"})
    assert "DEBUG must be off" in result.stderr


@override_settings(OIDC_ENABLED=True, OIDC_RP_CLIENT_ID="signaalroute", OIDC_RP_CLIENT_SECRET="")
def test_half_configured_oidc_fails_the_start_up_check():
    errors = [e for e in run_checks() if e.id == "signaalroute.E001"]
    assert errors
    assert any("OIDC_RP_CLIENT_SECRET" in e.msg for e in errors)


def test_unreadable_environment_value_is_a_clear_error(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from signaalroute.conf.env import config

    monkeypatch.setenv("SR_TEST_NUMBER", "veel")
    with pytest.raises(ImproperlyConfigured, match="SR_TEST_NUMBER"):
        config("SR_TEST_NUMBER", 5, help_text="test")
    REGISTRY.pop("SR_TEST_NUMBER")
