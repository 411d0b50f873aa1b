"""Failures on request, so the adapter's retries and timeouts can be tried against the local
service. Only for `ZoekMetPostcodeEnHuisnummer`, keyed on special postcodes (PC4 9999 with the
letters Z*, which no real address uses):

| postcode | answer |
|---|---|
| `9999ZZ` | always 503 Service Unavailable |
| `9999ZY` | 503 for the first *huisnummer* requests for that address, then the normal answer |
| `9999ZW` | 429 Too Many Requests for the first *huisnummer* requests, then the normal answer |
| `9999ZV` | 500 Internal Server Error for the first *huisnummer* requests (not retried) |
| `9999ZX` | waits *huisnummer* x 0.1 s (at most 5 s), then 503 |

The counters live in this process (`teller()`, `reset()`): tests reset them; `reset()` also
wakes slow answers still waiting, so none outlives its test.
"""

from __future__ import annotations

import threading
from collections import Counter

from ..gegevens import normaliseer_postcode

_lock = threading.Condition()
_tellers: Counter = Counter()
_wakker = threading.Event()
_traag_bezig = 0

ALTIJD_503 = "9999ZZ"
EERST_503 = "9999ZY"
EERST_429 = "9999ZW"
EERST_500 = "9999ZV"
TRAAG = "9999ZX"
STORINGSPOSTCODES = frozenset({ALTIJD_503, EERST_503, EERST_429, EERST_500, TRAAG})


def reset() -> None:
    _wakker.set()
    with _lock:
        _lock.wait_for(lambda: _traag_bezig == 0, timeout=10)
        _tellers.clear()
    _wakker.clear()


def teller(postcode: str, huisnummer: int) -> int:
    """How many requests the local service received for this failure address."""
    with _lock:
        return _tellers[(normaliseer_postcode(postcode), huisnummer)]


def _traag(seconden: float) -> None:
    global _traag_bezig
    with _lock:
        _traag_bezig += 1
    try:
        _wakker.wait(seconden)
    finally:
        with _lock:
            _traag_bezig -= 1
            _lock.notify_all()


def storing(parameters: dict) -> int | None:
    """The HTTP status to fail with for this search, or None to answer normally."""
    postcode = normaliseer_postcode(str(parameters.get("postcode", "")))
    if postcode not in STORINGSPOSTCODES:
        return None
    huisnummer = int(parameters.get("huisnummer") or 0)
    with _lock:
        _tellers[(postcode, huisnummer)] += 1
        aantal = _tellers[(postcode, huisnummer)]
    if postcode == ALTIJD_503:
        return 503
    if postcode == TRAAG:
        _traag(min(huisnummer * 0.1, 5.0))
        return 503
    if aantal <= huisnummer:
        return {EERST_503: 503, EERST_429: 429, EERST_500: 500}[postcode]
    return None
