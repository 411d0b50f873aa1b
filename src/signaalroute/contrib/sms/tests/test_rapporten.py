"""Delivery reports: the signature helpers, and the double's `sms_rapporten_versturen` posting
signed reports to the statusUrl over real HTTP."""

import json

import pytest
from django.core.management import CommandError, call_command

from signaalroute.contrib.sms.client import rapport_controleren, rapport_ondertekenen, sms_gateway
from signaalroute.contrib.sms.lokaal.services import sms_rapporten_versturen
from signaalroute.contrib.sms.models import LokaalSmsBericht

from . import urls as proef_urls
from .conftest import GEHEIM

BODY = b'{"id": "a", "referentie": "r", "status": "afgeleverd", "reden": ""}'


def test_a_signature_is_the_hex_hmac_sha256_of_the_raw_body():
    # HMAC-SHA256 test vector of RFC 4231, test case 2
    assert rapport_ondertekenen(b"what do ya want for nothing?", "Jefe") == (
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    )


def test_a_signed_body_is_accepted():
    assert rapport_controleren(BODY, rapport_ondertekenen(BODY, GEHEIM), GEHEIM)
    hoofdletters = "SHA256=" + rapport_ondertekenen(BODY, GEHEIM)[7:].upper()
    assert rapport_controleren(BODY, hoofdletters, GEHEIM)


@pytest.mark.parametrize(
    ("body", "header", "geheim"),
    [
        (BODY + b" ", rapport_ondertekenen(BODY, GEHEIM), GEHEIM),  # body changed
        (BODY, rapport_ondertekenen(BODY, "ander geheim"), GEHEIM),
        (BODY, rapport_ondertekenen(BODY, GEHEIM).replace("sha256", "sha1"), GEHEIM),
        (BODY, rapport_ondertekenen(BODY, GEHEIM)[7:], GEHEIM),  # without the scheme
        (BODY, "", GEHEIM),
        (BODY, None, GEHEIM),
        (BODY, "sha256=é", GEHEIM),
        (BODY, rapport_ondertekenen(BODY, ""), ""),  # no secret configured: nothing passes
    ],
)
def test_anything_else_is_refused(body, header, geheim):
    assert rapport_controleren(body, header, geheim) is False


def _versturen(naar, referentie, status_url):
    return sms_gateway().versturen(
        naar=naar, afzender="Gemeente", tekst="Tekst", referentie=referentie, status_url=status_url
    )


def _ontvangen():
    return [(json.loads(body), geldig) for body, geldig in proef_urls.ONTVANGEN]


@pytest.mark.django_db(transaction=True)
def test_the_double_reports_delivered_and_failed_messages_signed(lokale_gateway):
    status_url = lokale_gateway.SMS_STATUS_URL
    afgeleverd = _versturen("+31612345678", "r-1", status_url)
    mislukt = _versturen("+31612340000", "r-2", status_url)
    vast = _versturen("+31201234567", "r-3", status_url)
    _versturen("+31687654321", "r-4", "")  # no statusUrl: no report

    resultaat = sms_rapporten_versturen()

    assert (resultaat.afgehandeld, resultaat.verstuurd, resultaat.niet_aangekomen) == (4, 3, 0)
    assert _ontvangen() == [
        ({"id": afgeleverd.id, "referentie": "r-1", "status": "afgeleverd", "reden": ""}, True),
        (
            {"id": mislukt.id, "referentie": "r-2", "status": "mislukt", "reden": "onbereikbaar"},
            True,
        ),
        (
            {
                "id": vast.id,
                "referentie": "r-3",
                "status": "mislukt",
                "reden": "geen_mobiel_nummer",
            },
            True,
        ),
    ]
    assert LokaalSmsBericht.objects.get(referentie="r-4").status == "afgeleverd"
    # The gateway now answers a repeat with the final status.
    assert _versturen("+31612340000", "r-2", status_url).status == "mislukt"


@pytest.mark.django_db(transaction=True)
def test_a_report_goes_once(lokale_gateway):
    _versturen("+31612345678", "r-1", lokale_gateway.SMS_STATUS_URL)
    sms_rapporten_versturen()
    resultaat = sms_rapporten_versturen()
    assert (resultaat.afgehandeld, resultaat.verstuurd) == (0, 0)
    assert len(proef_urls.ONTVANGEN) == 1


@pytest.mark.django_db(transaction=True)
def test_a_report_the_receiver_did_not_take_is_offered_again_up_to_a_limit(
    lokale_gateway, live_server
):
    _versturen("+31612345678", "r-1", live_server.url + proef_urls.STORING_PAD)
    for _ in range(3):
        assert sms_rapporten_versturen(max_pogingen=2).niet_aangekomen in (0, 1)
    bericht = LokaalSmsBericht.objects.get()
    assert bericht.rapport_pogingen == 2
    assert bericht.rapport_verstuurd_op is None


@pytest.mark.django_db(transaction=True)
def test_a_receiver_with_another_secret_refuses_the_report(lokale_gateway):
    _versturen("+31612345678", "r-1", lokale_gateway.SMS_STATUS_URL)
    lokale_gateway.SMS_GATEWAY_WEBHOOK_SECRET = "ander geheim"  # the double signs with this one
    assert sms_rapporten_versturen().niet_aangekomen == 1
    lokale_gateway.SMS_GATEWAY_WEBHOOK_SECRET = GEHEIM
    assert sms_rapporten_versturen().verstuurd == 1
    assert [geldig for _, geldig in proef_urls.ONTVANGEN] == [False, True]


@pytest.mark.django_db(transaction=True)
def test_the_command_sends_the_reports(lokale_gateway, capsys):
    _versturen("+31612345678", "r-1", lokale_gateway.SMS_STATUS_URL)
    call_command("sms_rapporten_versturen")
    assert "1 bericht(en) afgehandeld, 1 rapport(en) verstuurd" in capsys.readouterr().out


def test_the_command_refuses_without_the_double(settings):
    with pytest.raises(CommandError, match="SMS_LOKAAL"):
        call_command("sms_rapporten_versturen")
