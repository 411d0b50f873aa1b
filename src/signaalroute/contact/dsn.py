"""Reading bounces: RFC 3464 delivery status notifications (DSN), mapped at the edge to the
message they are about (our Message-ID `<bericht.<uuid>@domain>`) and whether it failed for good.
Pure: bytes in, a small result out."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import Message
from email.parser import BytesHeaderParser

_BERICHT_ID = re.compile(r"bericht\.([0-9a-fA-F-]{36})@")


@dataclass(frozen=True)
class Afleverbericht:
    """What a DSN says: the messages it names, and whether delivery failed permanently
    (Action: failed with a 5.x.x status) or only got delayed."""

    berichten: tuple[uuid.UUID, ...]
    definitief: bool
    status: str  # the first per-recipient Status, e.g. '5.1.1'


def _statusvelden(deel: Message) -> list[Message]:
    """The field groups of a message/delivery-status part (per message, then per recipient)."""
    payload = deel.get_payload()
    if isinstance(payload, list):
        return [p for p in payload if isinstance(p, Message)]
    tekst = payload if isinstance(payload, str) else ""
    groepen = re.split(r"\r?\n\s*\r?\n", tekst.strip())
    return [BytesHeaderParser().parsebytes(g.encode() + b"\n\n") for g in groepen if g.strip()]


def _uuids(tekst: str) -> list[uuid.UUID]:
    gevonden = []
    for match in _BERICHT_ID.finditer(tekst):
        try:
            gevonden.append(uuid.UUID(match.group(1)))
        except ValueError:
            continue
    return list(dict.fromkeys(gevonden))


def _origineel(deel: Message) -> str:
    """The headers of the returned original (message/rfc822 or text/rfc822-headers)."""
    payload = deel.get_payload()
    if isinstance(payload, list):
        return "".join(f"{k}: {v}\n" for p in payload for k, v in p.items())
    if isinstance(payload, str):
        return payload
    return ""


def dsn_lezen(raw: bytes) -> Afleverbericht | None:
    """The DSN in `raw`, or None when it is not a delivery report naming one of our messages."""
    bericht = message_from_bytes(raw, policy=policy.compat32)
    if bericht.get_content_type() != "multipart/report":
        return None
    acties, statussen, origineel = [], [], []
    for deel in bericht.walk():
        soort = deel.get_content_type()
        if soort == "message/delivery-status":
            for groep in _statusvelden(deel):
                if groep.get("Action"):
                    acties.append(str(groep.get("Action")).strip().lower())
                    statussen.append(str(groep.get("Status", "")).strip().split(" ")[0])
        elif soort in ("message/rfc822", "text/rfc822-headers"):
            origineel.append(_origineel(deel))
    berichten = _uuids("\n".join(origineel))
    if not berichten or not acties:
        return None
    definitief = any(
        actie == "failed" and status.startswith("5")
        for actie, status in zip(acties, statussen, strict=True)
    )
    return Afleverbericht(tuple(berichten), definitief, statussen[0] if statussen else "")
