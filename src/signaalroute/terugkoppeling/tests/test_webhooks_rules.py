"""Pure webhook rules: the CloudEvent, the signature, what an answer means, the back-off,
Retry-After, and which endpoint URLs are allowed. No database."""

import base64
import datetime as dt
import hashlib
import hmac
import ipaddress
import json

import pytest

from signaalroute.terugkoppeling.webhooks import rules
from signaalroute.terugkoppeling.webhooks.constants import Uitkomst

NU = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)
TK = "6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab"


def _event(**extra):
    waarden = {
        "terugkoppeling": TK,
        "cursor": 42,
        "code": "hulp_geaccepteerd",
        "moment": "hulp_geaccepteerd",
        "betalingspauze_tot": dt.date(2026, 12, 24),
        "tijd": NU,
        "source": "urn:nld:oin:00000001234567890000:systeem:signaalroute",
        "api_url": "https://signaalroute.example.nl/api/v1/",
    }
    waarden.update(extra)
    return rules.cloudevent(**waarden)


def test_cloudevent_has_the_required_and_profile_attributes():
    event = _event()
    assert event["specversion"] == "1.0"
    assert event["type"] == "nl.signaalroute.terugkoppeling.gewijzigd"
    assert event["source"].startswith("urn:nld:oin:")
    assert event["id"] == TK
    assert event["subject"] == TK
    assert event["time"] == "2026-11-24T12:00:00Z"
    assert event["datacontenttype"] == "application/json"
    assert event["dataref"] == f"https://signaalroute.example.nl/api/v1/terugkoppelingen/{TK}"
    assert event["data"] == {
        "terugkoppeling": TK,
        "code": "hulp_geaccepteerd",
        "moment": "hulp_geaccepteerd",
        "betalingspauzeTot": "2026-12-24",
    }


def test_attribute_names_follow_the_cloudevents_naming_rule():
    for naam in _event():
        assert naam.isascii() and naam.isalnum() and naam.islower() and len(naam) <= 20


def test_sequence_sorts_as_text_like_the_cursor_as_number():
    assert sorted([rules.volgnummer(10), rules.volgnummer(9)]) == [
        rules.volgnummer(9),
        rules.volgnummer(10),
    ]
    assert _event()["sequence"] == "00000000000000000042"


def test_no_collection_pause_is_null():
    assert _event(betalingspauze_tot=None)["data"]["betalingspauzeTot"] is None


def test_source_falls_back_to_an_oin_urn_then_a_plain_urn():
    assert rules.bron(source="urn:nld:x") == "urn:nld:x"
    assert rules.bron(oin="00000001") == "urn:nld:oin:00000001:systeem:signaalroute"
    assert rules.bron() == "urn:nld:systeem:signaalroute"


def test_body_is_compact_utf8_json():
    inhoud = rules.body(_event())
    assert json.loads(inhoud) == _event()
    assert b": " not in inhoud


# --- Signature ------------------------------------------------------------------------------


def test_secret_has_the_standard_webhooks_form():
    geheim = rules.geheim_maken()
    assert geheim.startswith("whsec_")
    assert len(base64.b64decode(geheim.removeprefix("whsec_"))) == 32
    assert rules.geheim_maken() != geheim


def test_signature_is_hmac_sha256_over_id_timestamp_and_body_with_the_decoded_secret():
    sleutel = b"k" * 32
    geheim = "whsec_" + base64.b64encode(sleutel).decode()
    handtekening = rules.ondertekenen(
        geheim=geheim, bericht_id="id1", tijdstempel=1700000000, inhoud=b"{}"
    )
    verwacht = hmac.new(sleutel, b"id1.1700000000.{}", hashlib.sha256).digest()
    assert handtekening == "v1," + base64.b64encode(verwacht).decode()


def _controleren(geheim, header, *, tijdstempel=None, inhoud=b"{}", nu=NU):
    return rules.handtekening_controleren(
        geheim=geheim,
        bericht_id="id1",
        tijdstempel=str(tijdstempel or int(NU.timestamp())),
        inhoud=inhoud,
        header=header,
        nu=nu,
        tolerantie=dt.timedelta(minutes=5),
    )


def test_receiver_accepts_the_signature_and_refuses_tampering():
    geheim = rules.geheim_maken()
    header = rules.ondertekenen(
        geheim=geheim, bericht_id="id1", tijdstempel=int(NU.timestamp()), inhoud=b"{}"
    )
    assert _controleren(geheim, header)
    assert _controleren(geheim, f"v1,bm9wZQ== {header}")  # one of several (secret rotation)
    assert not _controleren(geheim, header, inhoud=b'{"x":1}')
    assert not _controleren(rules.geheim_maken(), header)
    assert not _controleren(geheim, header, nu=NU + dt.timedelta(minutes=6))  # replay
    assert not _controleren(geheim, "")
    assert not _controleren("geen-geheim", header)


# --- Answers, back-off, Retry-After ---------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "uitkomst"),
    [
        (200, Uitkomst.AFGELEVERD),
        (202, Uitkomst.AFGELEVERD),
        (204, Uitkomst.AFGELEVERD),
        (301, Uitkomst.OPNIEUW),
        (400, Uitkomst.OPNIEUW),
        (404, Uitkomst.OPNIEUW),
        (410, Uitkomst.WEG),
        (429, Uitkomst.TE_VEEL_VERZOEKEN),
        (500, Uitkomst.OPNIEUW),
        (503, Uitkomst.OPNIEUW),
    ],
)
def test_what_an_answer_means(status, uitkomst):
    assert rules.uitkomst(status) == uitkomst


def test_back_off_grows_and_stays_within_the_jitter():
    minuut = dt.timedelta(minutes=1)
    assert rules.wachttijd(1, 0.5) == minuut
    assert rules.wachttijd(2, 0.5) == 5 * minuut
    assert rules.wachttijd(3, 0.5) == 30 * minuut
    assert rules.wachttijd(4, 0.5) == 120 * minuut
    assert rules.wachttijd(5, 0.5) == 720 * minuut
    assert rules.wachttijd(6, 0.5) == rules.wachttijd(60, 0.5) == 24 * 60 * minuut
    assert 0.9 * minuut <= rules.wachttijd(1, 0.0) < rules.wachttijd(1, 0.999) <= 1.1 * minuut


def test_retry_after_in_seconds_or_as_http_date_and_bounded():
    maximum = dt.timedelta(hours=1)
    assert rules.retry_after("120", nu=NU, maximum=maximum) == dt.timedelta(seconds=120)
    assert rules.retry_after(
        "Tue, 24 Nov 2026 12:10:00 GMT", nu=NU, maximum=maximum
    ) == dt.timedelta(minutes=10)
    assert rules.retry_after("99999", nu=NU, maximum=maximum) == maximum
    assert rules.retry_after(
        "Tue, 24 Nov 2026 11:00:00 GMT", nu=NU, maximum=maximum
    ) == dt.timedelta(0)
    assert rules.retry_after("morgen", nu=NU, maximum=maximum) is None
    assert rules.retry_after(None, nu=NU, maximum=maximum) is None


# --- Endpoints ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "lokaal", "goed"),
    [
        ("https://partner.example.nl/webhooks", False, True),
        ("https://partner.example.nl:8443/webhooks?k=v", False, True),
        ("http://partner.example.nl/webhooks", False, False),
        ("http://127.0.0.1:8000/ontvanger", False, False),
        ("http://127.0.0.1:8000/ontvanger", True, True),
        ("http://localhost/ontvanger", True, True),
        ("https://10.1.2.3/intern", False, False),
        ("https://169.254.169.254/latest/meta-data", False, False),
        ("https://[fd00::1]/intern", False, False),
        ("https://gebruiker:wachtwoord@partner.example.nl/", False, False),
        ("ftp://partner.example.nl/", False, False),
        ("partner.example.nl/webhooks", False, False),
        ("https://partner.example.nl:99999/", False, False),
        ("https://partner.example.nl/#deel", False, False),
    ],
)
def test_endpoint_urls(url, lokaal, goed):
    assert (rules.url_fouten(url, lokaal_toegestaan=lokaal) == []) is goed


def test_only_public_addresses_are_called():
    assert rules.adres_toegestaan(ipaddress.ip_address("145.12.1.1"), lokaal_toegestaan=False)
    assert not rules.adres_toegestaan(ipaddress.ip_address("192.168.1.1"), lokaal_toegestaan=True)
    assert not rules.adres_toegestaan(ipaddress.ip_address("127.0.0.1"), lokaal_toegestaan=False)
    assert rules.adres_toegestaan(ipaddress.ip_address("127.0.0.1"), lokaal_toegestaan=True)
