"""The start-up check: the SMS gateway is off until configured, refused when half-configured."""

import pytest
from django.core.checks import run_checks

HTTPS = "https://sms.example.nl/api"
STATUS = "https://signaalroute.example.nl/contact/sms-statusrapporten/"


def _ids(deploy=False):
    return sorted(
        e.id
        for e in run_checks(include_deployment_checks=deploy)
        if e.id.startswith("signaalroute.sms.")
    )


@pytest.fixture
def sms(settings):
    """sms_schoon (conftest) has switched everything off."""
    return settings


@pytest.fixture
def volledig(sms):
    sms.SMS_GATEWAY_URL = HTTPS
    sms.SMS_GATEWAY_TOKEN = "token"
    sms.SMS_GATEWAY_WEBHOOK_SECRET = "geheim"
    sms.SMS_STATUS_URL = STATUS
    return sms


def test_off_by_default_and_no_complaints(sms):
    assert _ids() == []


def test_sms_settings_without_an_url_are_half_a_configuration(sms):
    sms.SMS_GATEWAY_TOKEN = "token"
    sms.SMS_STATUS_URL = STATUS
    assert _ids() == ["signaalroute.sms.E001", "signaalroute.sms.E001"]


def test_a_complete_configuration_passes(volledig):
    assert _ids() == []


def test_an_url_without_token_or_secret_is_refused(volledig):
    volledig.SMS_GATEWAY_TOKEN = ""
    volledig.SMS_GATEWAY_WEBHOOK_SECRET = ""
    assert _ids() == ["signaalroute.sms.E004", "signaalroute.sms.E005"]


@pytest.mark.parametrize(
    ("url", "fout"),
    [
        ("sms.example.nl", "signaalroute.sms.E002"),
        ("http://sms.example.nl/api", "signaalroute.sms.E003"),
    ],
)
def test_the_gateway_is_reached_over_https(volledig, url, fout):
    volledig.SMS_GATEWAY_URL = url
    assert _ids() == [fout]


def test_plain_http_is_allowed_to_this_machine(volledig):
    volledig.SMS_GATEWAY_URL = "http://127.0.0.1:8000/sms/lokaal"
    volledig.SMS_STATUS_URL = "http://localhost:8000/contact/sms-statusrapporten/"
    assert _ids() == []


def test_the_status_url_is_https_too(volledig):
    volledig.SMS_STATUS_URL = "http://signaalroute.example.nl/rapport/"
    assert _ids() == ["signaalroute.sms.E008"]


def test_without_a_status_url_only_a_warning(volledig):
    volledig.SMS_STATUS_URL = ""
    assert _ids() == ["signaalroute.sms.W001"]


def test_the_local_doubles_public_credentials_are_refused_for_a_real_gateway(volledig):
    volledig.SMS_GATEWAY_TOKEN = volledig.SMS_LOKAAL_TOKEN
    assert _ids() == ["signaalroute.sms.E006"]


def test_negative_numbers_are_refused(volledig):
    volledig.SMS_TIMEOUT_SECONDS = 0
    volledig.SMS_RETRY_BACKOFF_SECONDS = -1
    assert _ids() == ["signaalroute.sms.E010", "signaalroute.sms.E011"]


def test_the_local_double_is_refused_in_a_deployment(sms):
    sms.SMS_LOKAAL = True
    assert _ids() == []
    assert _ids(deploy=True) == ["signaalroute.sms.E020"]
