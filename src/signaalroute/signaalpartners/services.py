"""Writes for signal partners: machine credentials for the partner API."""

import hashlib
import secrets

from django.db import transaction

from signaalroute.core.exceptions import ValidatieFout

from .constants import Scope
from .models import Partnersleutel, Signaalpartner

SLEUTEL_VOORVOEGSEL = "sr_"


def sleutel_hashen(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


@transaction.atomic
def partnersleutel_aanmaken(
    *, signaalpartner: Signaalpartner, naam: str, scopes: list[str]
) -> tuple[Partnersleutel, str]:
    """Create a credential; returns it with the plain key, which is never stored or shown
    again."""
    if onbekend := set(scopes) - set(Scope.values):
        raise ValidatieFout(f"Onbekende scope(s): {', '.join(sorted(onbekend))}")
    if not scopes:
        raise ValidatieFout("Kies minstens één scope.")
    prefix = secrets.token_hex(4)
    sleutel = f"{SLEUTEL_VOORVOEGSEL}{prefix}_{secrets.token_urlsafe(32)}"
    record = Partnersleutel.objects.create(
        signaalpartner=signaalpartner,
        naam=naam,
        prefix=prefix,
        sleutel_hash=sleutel_hashen(sleutel),
        scopes=sorted(set(scopes)),
    )
    return record, sleutel


def partnersleutel_intrekken(*, sleutel: Partnersleutel) -> None:
    Partnersleutel.objects.filter(pk=sleutel.pk).update(actief=False)
