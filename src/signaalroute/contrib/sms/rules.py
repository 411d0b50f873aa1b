"""Pure rules of the SMS gateway API: what a valid message is and how many parts it takes.

No ORM and no phonenumbers metadata: the client checks these before anything leaves the
building; the local double checks them too, plus the number against the numbering plan.
"""

from __future__ import annotations

import math
import re
from urllib.parse import urlsplit

from .constants import MAX_AFZENDER, MAX_REFERENTIE, MAX_SEGMENTEN, MAX_STATUS_URL

E164 = re.compile(r"^\+[1-9][0-9]{7,14}$")
AFZENDER = re.compile(rf"^[A-Za-z0-9]{{1,{MAX_AFZENDER}}}$")
REFERENTIE = re.compile(rf"^[A-Za-z0-9._:\-]{{1,{MAX_REFERENTIE}}}$")

# GSM 03.38: the basic character set (one septet each) and the extension table (two septets:
# escape + character). Anything else makes the whole message UCS-2.
GSM7_BASIS = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_UITBREIDING = frozenset("^{}\\[~]|€\f")


def is_gsm7(tekst: str) -> bool:
    return all(teken in GSM7_BASIS or teken in GSM7_UITBREIDING for teken in tekst)


def sms_lengte(tekst: str) -> tuple[str, int]:
    """The encoding (`"gsm7"` or `"ucs2"`) and the length in its units (septets or UTF-16 code
    units: an emoji counts 2)."""
    if is_gsm7(tekst):
        return "gsm7", sum(2 if teken in GSM7_UITBREIDING else 1 for teken in tekst)
    return "ucs2", len(tekst.encode("utf-16-le")) // 2


def sms_segmenten(tekst: str) -> int:
    """How many SMS parts the text takes: 160/70 units in one part, 153/67 per part when the
    text is split (each part then carries a header). 0 for an empty text."""
    codering, lengte = sms_lengte(tekst)
    enkel, per_deel = (160, 153) if codering == "gsm7" else (70, 67)
    if lengte <= enkel:
        return 1 if lengte else 0
    return math.ceil(lengte / per_deel)


def _param(naam: str, code: str, reden: str) -> dict:
    return {"name": naam, "code": code, "reason": reden}


def is_status_url(url: str) -> bool:
    if len(url) > MAX_STATUS_URL:
        return False
    delen = urlsplit(url)
    return delen.scheme in ("http", "https") and bool(delen.hostname)


def bericht_controleren(
    *, naar: object, afzender: object, tekst: object, referentie: object, status_url: object = ""
) -> list[dict]:
    """The request's faults as `invalidParams` (name in the API's spelling, code, Dutch reason,
    never the value itself); empty when valid."""
    fouten = []
    if not isinstance(naar, str) or not E164.match(naar):
        fouten.append(_param("naar", "e164", "Geen telefoonnummer in E.164-vorm (+31612345678)."))
    if not isinstance(afzender, str) or not AFZENDER.match(afzender):
        fouten.append(
            _param(
                "afzender", "pattern", f"1 tot {MAX_AFZENDER} letters en cijfers, zonder spaties."
            )
        )
    if not isinstance(tekst, str) or not tekst.strip():
        fouten.append(_param("tekst", "required", "De tekst is leeg."))
    elif sms_segmenten(tekst) > MAX_SEGMENTEN:
        fouten.append(
            _param("tekst", "maxLength", f"De tekst is langer dan {MAX_SEGMENTEN} sms-delen.")
        )
    if not isinstance(referentie, str) or not REFERENTIE.match(referentie):
        fouten.append(
            _param(
                "referentie",
                "pattern",
                f"1 tot {MAX_REFERENTIE} tekens: letters, cijfers en . _ : -",
            )
        )
    if status_url not in ("", None) and (
        not isinstance(status_url, str) or not is_status_url(status_url)
    ):
        fouten.append(_param("statusUrl", "url", "Geen http(s)-URL."))
    return fouten
