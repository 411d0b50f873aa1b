"""Failures on request, keyed on the last four digits of the number (valid Dutch mobile
numbers such as +3161234xxxx), so the adapter's retries, timeouts and delivery reports can be
tried against the local double:

| number ends in | answer |
|---|---|
| `0000` | accepted; the delivery report says `mislukt` (reden `onbereikbaar`) |
| `9503` | always 503 Service Unavailable |
| `9513` | 503 on the first request for a referentie, then the normal answer |
| `9429` | 429 with `Retry-After: 1` on the first request for a referentie, then normal |
| `9430` | always 429 with `Retry-After: 3600` (longer than the client waits) |
| `9500` | always 500 Internal Server Error |
| `9408` | accepts and stores the message, but answers the first request for a referentie only after 3 s (a client with a shorter timeout retries and gets 200 with the same id) |

A valid number that is not a mobile number is accepted and reported `mislukt` (reden
`geen_mobiel_nummer`), as a real gateway would. The counters live in this process (`teller()`,
`reset()`): tests reset them; `reset()` also wakes slow answers still waiting.
"""

from __future__ import annotations

import threading
from collections import Counter

import phonenumbers

from ..constants import Berichtstatus

MISLUKT = "0000"
ALTIJD_503 = "9503"
EERST_503 = "9513"
EERST_429 = "9429"
ALTIJD_429_LANG = "9430"
ALTIJD_500 = "9500"
TRAAG = "9408"
TRAAG_SECONDEN = 3.0

_lock = threading.Condition()
_tellers: Counter = Counter()
_wakker = threading.Event()
_traag_bezig = 0


def reset() -> None:
    """Clear the counters; wake slow answers and wait (up to 10 s) until they are done."""
    _wakker.set()
    with _lock:
        _lock.wait_for(lambda: _traag_bezig == 0, timeout=10)
        _tellers.clear()
    _wakker.clear()


def teller(referentie: str) -> int:
    """How many requests the double received for this referentie with a failure number."""
    with _lock:
        return _tellers[referentie]


def _tel(referentie: str) -> int:
    with _lock:
        _tellers[referentie] += 1
        return _tellers[referentie]


def storing(naar: str, referentie: str) -> tuple[int, int | None] | None:
    """(HTTP status, Retry-After) to fail with before the message is stored, or None."""
    einde = naar[-4:]
    if einde not in (ALTIJD_503, EERST_503, EERST_429, ALTIJD_429_LANG, ALTIJD_500):
        return None
    aantal = _tel(referentie)
    if einde == ALTIJD_503:
        return 503, None
    if einde == ALTIJD_500:
        return 500, None
    if einde == ALTIJD_429_LANG:
        return 429, 3600
    if aantal == 1:
        return (503, None) if einde == EERST_503 else (429, 1)
    return None


def vertraging(naar: str, referentie: str) -> None:
    """Wait before answering, after the message was stored (the `9408` numbers)."""
    global _traag_bezig
    if not naar.endswith(TRAAG) or _tel(referentie) != 1:
        return
    with _lock:
        _traag_bezig += 1
    try:
        _wakker.wait(TRAAG_SECONDEN)
    finally:
        with _lock:
            _traag_bezig -= 1
            _lock.notify_all()


def uitkomst(naar: str) -> tuple[str, str]:
    """(status, reden) of delivering a message to this number."""
    if naar.endswith(MISLUKT):
        return Berichtstatus.MISLUKT, "onbereikbaar"
    nummer = phonenumbers.parse(naar, None)
    if phonenumbers.number_type(nummer) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        return Berichtstatus.MISLUKT, "geen_mobiel_nummer"
    return Berichtstatus.AFGELEVERD, ""
