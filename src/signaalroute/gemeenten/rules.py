"""Pure rules for postcodes (no database)."""

import re

_PC6 = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})\s*$")
_PC4 = re.compile(r"^\s*([1-9]\d{3})\s*$")
# SA, SD and SS are not used in Dutch postcodes.
_UNUSED_LETTERS = {"SA", "SD", "SS"}


def normaliseer_postcode(value: str) -> str | None:
    """`1234 ab` -> `1234AB`; `1234` stays a PC4. None when it is not a Dutch postcode."""
    if match := _PC6.match(value or ""):
        letters = match.group(2).upper()
        if letters in _UNUSED_LETTERS:
            return None
        return f"{match.group(1)}{letters}"
    if match := _PC4.match(value or ""):
        return match.group(1)
    return None


def pc4(postcode: str) -> str:
    return postcode[:4]


def huisnummer_weergave(huisnummer: int, huisletter: str = "", toevoeging: str = "") -> str:
    """`12`, `12A`, `12A-2`: a house number as written on an envelope."""
    nummer = f"{huisnummer}{huisletter}"
    return f"{nummer}-{toevoeging}" if toevoeging else nummer
