"""The adapter against the local double over real HTTP (live_server): sending, idempotency,
errors, retries with Retry-After, timeouts, and logs without the number or the text."""

import logging
import socket
import time

import pytest

from signaalroute.contrib.sms.client import (
    SmsFout,
    SmsGateway,
    SmsInstellingen,
    SmsVerzonden,
    sms_gateway,
)
from signaalroute.contrib.sms.lokaal import storingen
from signaalroute.contrib.sms.models import LokaalSmsBericht

from .conftest import LOKAAL_PAD

NUMMER = "+31612345678"
TEKST = "Beste bewoner, wij willen graag met u in contact komen over uw vaste lasten."


def _versturen(naar=NUMMER, referentie="contactpoging-1", **extra):
    gateway = sms_gateway()
    assert gateway is not None
    return gateway.versturen(
        naar=naar, afzender="Gemeente", tekst=TEKST, referentie=referentie, **extra
    )


def test_sms_is_off_until_a_gateway_url_is_set(settings):
    assert sms_gateway() is None


def test_one_gateway_per_configuration(lokale_gateway):
    assert sms_gateway() is sms_gateway()


def test_the_token_is_not_in_the_settings_repr(lokale_gateway):
    assert "proef-token" not in repr(sms_gateway().instellingen)


@pytest.mark.django_db(transaction=True)
def test_a_message_is_accepted_and_stored_by_the_gateway(lokale_gateway):
    verzonden = _versturen(status_url=lokale_gateway.SMS_STATUS_URL)
    assert isinstance(verzonden, SmsVerzonden)
    assert verzonden.status == "geaccepteerd"
    bericht = LokaalSmsBericht.objects.get()
    assert verzonden.id == str(bericht.uuid)
    assert (bericht.naar, bericht.afzender, bericht.tekst) == (NUMMER, "Gemeente", TEKST)
    assert bericht.referentie == "contactpoging-1"
    assert bericht.status_url == lokale_gateway.SMS_STATUS_URL


@pytest.mark.django_db(transaction=True)
def test_sending_the_same_referentie_again_sends_no_second_message(lokale_gateway):
    eerste = _versturen()
    tweede = _versturen()
    assert tweede == eerste
    assert LokaalSmsBericht.objects.count() == 1
    assert _versturen(referentie="contactpoging-2").id != eerste.id
    assert LokaalSmsBericht.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_logs_name_the_referentie_and_id_but_never_the_number_or_the_text(
    lokale_gateway, caplog
):
    caplog.set_level(logging.DEBUG)
    verzonden = _versturen()
    with pytest.raises(SmsFout):
        _versturen(naar="+31612349430", referentie="contactpoging-9")  # 429, long Retry-After
    with pytest.raises(SmsFout):
        _versturen(naar="+3161234567", referentie="contactpoging-8")  # 400 from the gateway
    logs = "\n".join(r.getMessage() for r in caplog.records)
    assert "contactpoging-1" in logs and verzonden.id in logs
    for geheim in (NUMMER, "612345678", "+31612349430", "3161234567", "vaste lasten"):
        assert geheim not in logs
    assert "proef-token" not in logs


@pytest.mark.django_db(transaction=True)
def test_a_number_the_numbering_plan_does_not_know_is_refused_for_good(lokale_gateway):
    with pytest.raises(SmsFout) as fout:
        _versturen(naar="+3161234567")  # E.164 form, but one digit short
    assert fout.value.tijdelijk is False
    assert fout.value.http_status == 400
    assert [p["name"] for p in fout.value.invalid_params] == ["naar"]
    assert LokaalSmsBericht.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_text_too_long_is_refused_before_anything_is_sent(lokale_gateway, caplog):
    gateway = sms_gateway()
    with pytest.raises(SmsFout) as fout:
        gateway.versturen(naar=NUMMER, afzender="Gemeente", tekst="a" * 613, referentie="r-1")
    assert fout.value.tijdelijk is False
    assert fout.value.oorzaak == "eigen controle"
    assert fout.value.http_status is None
    assert [p["name"] for p in fout.value.invalid_params] == ["tekst"]
    assert LokaalSmsBericht.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_wrong_token_is_refused_for_good(lokale_gateway):
    gateway = SmsGateway(
        SmsInstellingen(url=lokale_gateway.SMS_GATEWAY_URL, token="fout", retries=2, backoff=0)
    )
    with pytest.raises(SmsFout) as fout:
        gateway.versturen(naar=NUMMER, afzender="Gemeente", tekst=TEKST, referentie="r-1")
    assert (fout.value.tijdelijk, fout.value.http_status) == (False, 401)
    assert LokaalSmsBericht.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_503_is_retried_and_then_the_message_goes_once(lokale_gateway):
    verzonden = _versturen(naar="+31612349513")
    assert storingen.teller("contactpoging-1") == 2
    assert LokaalSmsBericht.objects.get().uuid.hex == verzonden.id.replace("-", "")


@pytest.mark.django_db(transaction=True)
def test_a_429_waits_the_retry_after_and_tries_again(lokale_gateway):
    begin = time.monotonic()
    _versturen(naar="+31612349429")
    assert time.monotonic() - begin >= 1.0  # Retry-After: 1
    assert storingen.teller("contactpoging-1") == 2
    assert LokaalSmsBericht.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_retry_after_longer_than_the_client_waits_goes_back_to_the_caller(lokale_gateway):
    begin = time.monotonic()
    with pytest.raises(SmsFout) as fout:
        _versturen(naar="+31612349430")
    assert time.monotonic() - begin < 1.0
    assert fout.value.tijdelijk is True
    assert (fout.value.http_status, fout.value.retry_na) == (429, 3600)
    assert storingen.teller("contactpoging-1") == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("naar", "status"), [("+31612349503", 503), ("+31612349500", 500)])
def test_a_gateway_that_keeps_failing_gets_a_bounded_number_of_attempts(
    lokale_gateway, naar, status
):
    with pytest.raises(SmsFout) as fout:
        _versturen(naar=naar)
    assert (fout.value.tijdelijk, fout.value.http_status) == (True, status)
    assert storingen.teller("contactpoging-1") == 3  # SMS_RETRIES = 2
    assert LokaalSmsBericht.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_after_a_timeout_the_retry_gets_the_same_message_not_a_second_one(lokale_gateway):
    begin = time.monotonic()
    verzonden = _versturen(naar="+31612349408")  # the first answer comes after 3 s
    assert time.monotonic() - begin < storingen.TRAAG_SECONDEN
    assert verzonden.id == str(LokaalSmsBericht.objects.get().uuid)


@pytest.mark.django_db(transaction=True)
def test_a_timeout_on_every_attempt_is_temporary(lokale_gateway):
    lokale_gateway.SMS_RETRIES = 0
    with pytest.raises(SmsFout) as fout:
        _versturen(naar="+31612349408")
    assert (fout.value.tijdelijk, fout.value.oorzaak) == (True, "tijdslimiet")
    # The gateway did take the message: the caller's later retry with the same referentie
    # gets it, not a second one.
    lokale_gateway.SMS_RETRIES = 2
    assert _versturen(naar="+31612349408").id == str(LokaalSmsBericht.objects.get().uuid)


def test_a_gateway_that_cannot_be_reached_is_temporary(settings):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        poort = sock.getsockname()[1]
    settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{poort}{LOKAAL_PAD}"
    settings.SMS_GATEWAY_TOKEN = "x"
    settings.SMS_RETRIES = 1
    settings.SMS_RETRY_BACKOFF_SECONDS = 0.0
    with pytest.raises(SmsFout) as fout:
        _versturen()
    assert (fout.value.tijdelijk, fout.value.oorzaak, fout.value.http_status) == (
        True,
        "verbinding",
        None,
    )


def test_the_error_message_is_dutch_and_holds_no_personal_data():
    fout = SmsFout(tijdelijk=True, http_status=503, oorzaak="status")
    assert str(fout) == "De sms kon niet worden verstuurd."


def test_a_gateway_can_be_made_from_explicit_settings():
    gateway = SmsGateway(SmsInstellingen(url="https://sms.example.nl/api/", token="t"))
    assert gateway.url == "https://sms.example.nl/api/berichten"
    assert gateway.session.headers["Authorization"] == "Bearer t"
