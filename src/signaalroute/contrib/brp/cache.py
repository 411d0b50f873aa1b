"""BRP answers cached only as long as the case needs them.

Answers are kept in Django's cache (`default`) for `BRP_CACHE_SECONDS` (default one hour; 0
switches caching off), under a key that is an HMAC of the request: a BSN has only about 10^8
valid values, so a plain hash of it could be reversed by trying them all. Every answer is also
listed under the address (postcode + house number) it was asked for, so that
`vergeet_adres()` can drop everything about an address at once, e.g. when its case closes.

The address list is read, extended and written back without a lock: two lookups at the same
moment can lose one entry from the list; that answer then lives until its TTL ends.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.core.cache import caches
from django.utils.crypto import salted_hmac

from .gegevens import normaliseer_postcode

PREFIX = "brp:v1"


def pseudoniem(*delen: Any, doel: str = "signaalroute.brp") -> str:
    """A keyed hash (HMAC with SECRET_KEY) of `delen`: stable within one installation, useless
    outside it. For cache keys and, shortened, for log lines."""
    tekst = json.dumps(delen, sort_keys=True, ensure_ascii=True, default=str)
    return salted_hmac(doel, tekst, algorithm="sha256").hexdigest()


def _adressleutel(postcode: str, huisnummer: int) -> str:
    return f"{PREFIX}:adres:{pseudoniem(normaliseer_postcode(postcode), int(huisnummer))}"


class BrpCache:
    def __init__(self, *, seconden: int, alias: str = "default"):
        self.seconden = max(int(seconden), 0)
        self.alias = alias

    @property
    def ingeschakeld(self) -> bool:
        return self.seconden > 0

    @property
    def _cache(self):
        return caches[self.alias]

    def sleutel(self, *delen: Any) -> str:
        return f"{PREFIX}:antwoord:{pseudoniem(*delen)}"

    def lees(self, sleutel: str) -> dict | None:
        if not self.ingeschakeld:
            return None
        return self._cache.get(sleutel)

    def bewaar(self, sleutel: str, antwoord: dict, *, adressen: Iterable[tuple[str, int]]) -> None:
        if not self.ingeschakeld:
            return
        self._cache.set(sleutel, antwoord, timeout=self.seconden)
        for postcode, huisnummer in adressen:
            index = _adressleutel(postcode, huisnummer)
            sleutels = self._cache.get(index) or []
            if sleutel not in sleutels:
                sleutels.append(sleutel)
            self._cache.set(index, sleutels, timeout=self.seconden)

    def vergeet_adres(self, *, postcode: str, huisnummer: int) -> int:
        """Drop every cached answer asked for this postcode + house number (all letters and
        additions). Returns how many answers were listed."""
        index = _adressleutel(postcode, huisnummer)
        sleutels = self._cache.get(index) or []
        self._cache.delete_many([*sleutels, index])
        return len(sleutels)
