"""Pure rules of the processing log: no database."""

import datetime

from signaalroute.audit.constants import Auditactie, Verwerkingsactiviteit
from signaalroute.audit.rules import (
    GENESIS,
    bsn_normaliseren,
    canonieke_inhoud,
    ketenfout,
    ketenhash,
    pseudoniem,
    verwerkingsactiviteit_bepalen,
)


def _rij(**anders):
    rij = {
        "id": 1,
        "volgnummer": 1,
        "op": datetime.datetime(2025, 3, 1, 9, 30, tzinfo=datetime.UTC),
        "gebruikersnaam": "jan",
        "actie": "bekijken",
        "objecttype": "vroegsignaalzaken.Vroegsignaalzaak",
        "object_uuid": "3f0c6f9e-8f7e-4d0b-9a56-0d3f4c1f2a11",
        "uitvoeringsorganisatie_id": 1,
        "gemeente_id": 2,
        "omschrijving": "Zaak bekeken",
        "trace_id": "a" * 32,
        "operation_id": "b" * 16,
        "status": "ok",
        "verwerkingsactiviteit": "vroegsignalering",
        "doel": "doel",
        "grondslag": "Wgs art. 3 lid 3",
        "betrokkenen": "",
    }
    rij.update(anders)
    rij["vorige_hash"] = anders.get("vorige_hash", GENESIS)
    rij["hash"] = anders.get("hash", ketenhash(rij["vorige_hash"], rij))
    return rij


def test_pseudonym_depends_on_the_key_and_the_kind():
    assert pseudoniem(b"k1", "bsn", "111222333") == pseudoniem(b"k1", "bsn", "111222333")
    assert pseudoniem(b"k1", "bsn", "111222333") != pseudoniem(b"k2", "bsn", "111222333")
    assert pseudoniem(b"k1", "bsn", "111222333") != pseudoniem(b"k1", "zaak", "111222333")
    assert "111222333" not in pseudoniem(b"k1", "bsn", "111222333")


def test_eight_digit_bsn_gets_its_leading_zero_back():
    assert bsn_normaliseren("12345672") == "012345672"
    assert bsn_normaliseren("0123 456 72") == "012345672"
    assert bsn_normaliseren("12") == ""


def test_canonical_content_is_the_same_in_any_time_zone():
    utc = _rij()
    amsterdam = _rij(op=utc["op"].astimezone(datetime.timezone(datetime.timedelta(hours=1))))
    assert canonieke_inhoud(utc) == canonieke_inhoud(amsterdam)


def test_intact_row_has_no_chain_error():
    eerste = _rij()
    tweede = _rij(id=2, volgnummer=2, vorige_hash=eerste["hash"])
    assert ketenfout(None, eerste) == ""
    assert ketenfout((1, eerste["hash"]), tweede) == ""


def test_changed_content_breaks_the_hash():
    rij = _rij()
    rij["omschrijving"] = "iets anders"
    assert "gewijzigd" in ketenfout(None, rij)


def test_missing_row_is_reported_by_its_number():
    rij = _rij(id=3, volgnummer=3, vorige_hash="c" * 64)
    assert "ontbreekt" in ketenfout((1, "c" * 64), rij)


def test_changed_previous_row_breaks_the_link():
    rij = _rij(id=2, volgnummer=2, vorige_hash="d" * 64)
    assert "vorige hash" in ketenfout((1, "e" * 64), rij)


def test_processing_activity_follows_action_and_object():
    assert (
        verwerkingsactiviteit_bepalen(Auditactie.INLOGGEN, "")
        == Verwerkingsactiviteit.TOEGANGSBEVEILIGING
    )
    assert (
        verwerkingsactiviteit_bepalen(Auditactie.BEKIJKEN, "vroegsignaalzaken.Vroegsignaalzaak")
        == Verwerkingsactiviteit.VROEGSIGNALERING
    )
    assert (
        verwerkingsactiviteit_bepalen(Auditactie.WIJZIGEN, "triage.Triageregelset")
        == Verwerkingsactiviteit.BEHEER
    )
    assert (
        verwerkingsactiviteit_bepalen(Auditactie.AANLEVEREN, "aanleveringen.Aanlevering")
        == Verwerkingsactiviteit.SIGNALEN_ONTVANGEN
    )
    assert (
        verwerkingsactiviteit_bepalen(Auditactie.OPSCHONEN, "")
        == Verwerkingsactiviteit.BEWAARTERMIJNEN
    )
