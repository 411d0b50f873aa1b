"""The start-up check: BRP off until configured, refused when half-configured."""

import pytest
from django.core.checks import run_checks

HTTPS = "https://brp.example.nl/haalcentraal/api/brp"


def _ids(deploy=False):
    return sorted(
        e.id
        for e in run_checks(include_deployment_checks=deploy)
        if e.id.startswith("signaalroute.brp.")
    )


@pytest.fixture
def brp(settings):
    settings.BRP_LOKAAL = False
    settings.BRP_API_URL = ""
    for naam in (
        "API_KEY",
        "CLIENT_CERT",
        "CLIENT_KEY",
        "CA_BUNDLE",
        "DOELBINDING",
        "VERWERKING",
        "OIN",
    ):
        setattr(settings, f"BRP_{naam}", "")
    return settings


@pytest.fixture
def pem(tmp_path):
    cert, key = tmp_path / "client.crt", tmp_path / "client.key"
    cert.write_text("-----BEGIN CERTIFICATE-----\n")
    key.write_text("-----BEGIN PRIVATE KEY-----\n")
    return str(cert), str(key)


def test_off_by_default_and_no_complaints(brp):
    assert _ids() == []


def test_brp_settings_without_an_url_are_half_a_configuration(brp):
    brp.BRP_API_KEY = "geheim"
    brp.BRP_DOELBINDING = "BRPACT-Vroegsignalering"
    assert _ids() == ["signaalroute.brp.E001", "signaalroute.brp.E001"]


def test_a_production_url_needs_an_api_key_or_a_client_certificate(brp, pem):
    brp.BRP_API_URL = HTTPS
    assert _ids() == ["signaalroute.brp.E006"]
    brp.BRP_API_KEY = "geheim"
    assert _ids() == []
    brp.BRP_API_KEY = ""
    brp.BRP_CLIENT_CERT, brp.BRP_CLIENT_KEY = pem
    assert _ids() == []


def test_a_client_certificate_without_its_key_fails(brp, pem):
    brp.BRP_API_URL = HTTPS
    brp.BRP_API_KEY = "geheim"
    brp.BRP_CLIENT_CERT = pem[0]
    assert _ids() == ["signaalroute.brp.E004"]


def test_unreadable_certificate_files_fail(brp, tmp_path):
    brp.BRP_API_URL = HTTPS
    brp.BRP_CLIENT_CERT = str(tmp_path / "bestaat-niet.crt")
    brp.BRP_CLIENT_KEY = str(tmp_path / "bestaat-niet.key")
    brp.BRP_CA_BUNDLE = str(tmp_path / "bestaat-niet.pem")
    assert _ids().count("signaalroute.brp.E005") == 3


def test_plain_http_only_to_this_machine(brp):
    brp.BRP_API_KEY = "geheim"
    brp.BRP_API_URL = "http://brp.example.nl/haalcentraal/api/brp"
    assert _ids() == ["signaalroute.brp.E003"]
    brp.BRP_API_URL = "http://127.0.0.1:8080/haalcentraal/api/brp"
    assert _ids() == []
    brp.BRP_API_URL = "brp.example.nl"
    assert _ids() == ["signaalroute.brp.E002"]


def test_the_local_service_needs_no_key(brp):
    brp.BRP_LOKAAL = True
    brp.BRP_API_URL = brp.BRP_LOKAAL_URL
    assert _ids() == []


def test_wrong_oin_header_names_and_numbers_fail(brp):
    brp.BRP_API_URL = HTTPS
    brp.BRP_API_KEY = "geheim"
    brp.BRP_OIN = "1234"
    brp.BRP_DOELBINDING_HEADER = "x doelbinding"
    brp.BRP_TIMEOUT_SECONDS = 0
    brp.BRP_CACHE_SECONDS = -1
    assert _ids() == [
        "signaalroute.brp.E008",
        "signaalroute.brp.E009",
        "signaalroute.brp.E010",
        "signaalroute.brp.E011",
    ]


def test_check_deploy_refuses_the_local_service(brp):
    brp.BRP_LOKAAL = True
    brp.BRP_API_URL = brp.BRP_LOKAAL_URL
    assert _ids(deploy=False) == []
    assert "signaalroute.brp.E020" in _ids(deploy=True)
