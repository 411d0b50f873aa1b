"""Normalising names: folding, sound and spelling keys, edit distance.

Folding a name: lower case; accents off (`é`->`e`, `ü`->`u`, `ı`->`i`, `ł`->`l`, `ĳ`->`ij`,
`ß`->`ss`); hyphens, apostrophes and other punctuation become spaces. Everything here works on
one string and is cached per string, so that comparing prepared names stays cheap.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA

from .. import constants as c

_VERVANG = str.maketrans(
    {
        "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
        "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ĳ": "ij", "Ĳ": "IJ",
        "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D", "ŀ": "l",
    }
)  # fmt: skip
UMLAUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_NIET_LETTER = re.compile(r"[\W_]+")


def accenten_weg(tekst: str) -> str:
    """`Müller` -> `Muller`, `Łukasz` -> `Lukasz`, `Ĳsbrand` -> `IJsbrand` (case kept)."""
    t = tekst.translate(_VERVANG)
    if not t.isascii():
        t = "".join(k for k in unicodedata.normalize("NFKD", t) if not unicodedata.combining(k))
    return t


def leestekens_weg(tekst: str) -> str:
    """Hyphens, apostrophes, dots and runs of spaces become one space."""
    return _NIET_LETTER.sub(" ", tekst).strip()


@lru_cache(maxsize=65536)
def vouwen(tekst: str) -> str:
    """`  Müller-Lüdenscheidt ` -> `muller ludenscheidt`; `'t Hart` -> `t hart`."""
    return leestekens_weg(accenten_weg(tekst).lower())


def umlaut_vouwen(tekst: str) -> str | None:
    """The German spelling `ü` -> `ue` (`Müller` -> `mueller`), or None without umlauts."""
    omgezet = tekst.translate(UMLAUT)
    return vouwen(omgezet) if omgezet != tekst else None


_KLANK = (
    ("ij", "y"), ("ei", "y"), ("ey", "y"), ("y", "i"), ("oe", "u"), ("ou", "u"), ("dj", "j"),
    ("ue", "u"), ("ae", "a"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("c", "k"), ("z", "s"),
    ("ie", "i"), ("w", "v"),
)  # fmt: skip
_DUBBEL = re.compile(r"(.)\1+")
_SPELLING = (("oe", "u"), ("ue", "u"), ("dj", "j"))


def spellingsleutel(sleutel: str) -> str:
    """Transliterations of one sound: Dutch `oe` and English `u` (Soekhlal/Sukhlal), German
    `ue` for `ü` (Oeztuerk/Öztürk), `dj`/`j` (Djamila/Jamila)."""
    for oud, nieuw in _SPELLING:
        if oud in sleutel:
            sleutel = sleutel.replace(oud, nieuw)
    return sleutel


@lru_cache(maxsize=65536)
def klank(sleutel: str) -> str:
    """A rough sound key of a folded, compact name: Dutch and Surinamese spellings of the same
    sound agree (`soekhlal`/`sukhlal`, `meijer`/`meyer`/`meier`, `janssen`/`jansen`,
    `smidt`/`smit`)."""
    for oud, nieuw in _KLANK:
        if oud in sleutel:
            sleutel = sleutel.replace(oud, nieuw)
    sleutel = _DUBBEL.sub(r"\1", sleutel)
    if sleutel.endswith("dt"):
        sleutel = sleutel[:-2] + "t"
    elif sleutel.endswith("d"):
        sleutel = sleutel[:-1] + "t"
    return sleutel


def max_tikfouten(lengte: int) -> int:
    """Edits allowed in a name of this length (the shorter of the two)."""
    for tot, fouten in c.MAX_TIKFOUTEN:
        if lengte < tot:
            return fouten
    return c.MAX_TIKFOUTEN_LANG


_MAX_TIKFOUTEN = [max_tikfouten(lengte) for lengte in range(64)]


def tikfouten(a: str, b: str) -> int | None:
    """The number of edits (a swap of two adjacent letters counts as one) between two keys, or
    None if more than their length allows."""
    la, lb = len(a), len(b)
    grens = _MAX_TIKFOUTEN[min(la, lb, 63)]
    if grens == 0 or abs(la - lb) > grens:
        return None
    afstand = OSA.distance(a, b, score_cutoff=grens)
    return afstand if afstand <= grens else None
