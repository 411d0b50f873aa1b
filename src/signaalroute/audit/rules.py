"""Pure rules of the processing log: pseudonyms, the hash chain, the processing activity of an
entry, and masking personal data in free text. No ORM."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .constants import Auditactie, Verwerkingsactiviteit

GENESIS = "0" * 64  # `vorige_hash` of the first row of the chain
PSEUDONIEM_LENGTE = 32  # hex characters: 128 bits of an HMAC-SHA256

# --- pseudonyms -----------------------------------------------------------------------------


def bsn_normaliseren(waarde: str) -> str:
    """Digits only; an eight-digit BSN (leading zero lost in a spreadsheet) gets it back.
    Empty when it cannot be a BSN."""
    cijfers = re.sub(r"\D", "", waarde or "")
    if len(cijfers) == 8:
        cijfers = cijfers.zfill(9)
    return cijfers if len(cijfers) == 9 and cijfers != "000000000" else ""


def pseudoniem(sleutel: bytes, soort: str, waarde: str) -> str:
    """A keyed hash (HMAC-SHA256) of `soort:waarde`: the same person gives the same pseudonym
    with the same key, and without the key the pseudonym cannot be traced back or recomputed
    from a list of all BSNs."""
    bericht = f"{soort}:{waarde}".encode()
    return hmac.new(sleutel, bericht, hashlib.sha256).hexdigest()[:PSEUDONIEM_LENGTE]


def betrokkenen_tekst(pseudoniemen: Iterable[str]) -> str:
    """The stored form: unique pseudonyms, sorted, separated by a space."""
    return " ".join(sorted({p for p in pseudoniemen if p}))


# --- the hash chain -------------------------------------------------------------------------

# The fields of a row that the hash covers, in this order. Not `gebruiker_id`: a user may be
# removed (SET_NULL) while the stored user name keeps saying who it was.
KETENVELDEN = (
    "id",
    "volgnummer",
    "op",
    "gebruikersnaam",
    "actie",
    "objecttype",
    "object_uuid",
    "uitvoeringsorganisatie_id",
    "gemeente_id",
    "omschrijving",
    "trace_id",
    "operation_id",
    "status",
    "verwerkingsactiviteit",
    "doel",
    "grondslag",
    "betrokkenen",
)


def _waarde(waarde: Any) -> Any:
    if isinstance(waarde, datetime.datetime):
        if waarde.tzinfo is not None:
            waarde = waarde.astimezone(datetime.UTC)
        return waarde.isoformat(timespec="microseconds")
    if waarde is None or isinstance(waarde, bool | int):
        return waarde
    return str(waarde)


def canonieke_inhoud(rij: Mapping[str, Any]) -> str:
    """The row as canonical JSON: fixed keys, sorted, no whitespace, UTC times."""
    return json.dumps(
        {veld: _waarde(rij.get(veld)) for veld in KETENVELDEN},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def ketenhash(vorige_hash: str, rij: Mapping[str, Any]) -> str:
    """SHA-256 of the previous row's hash followed by this row's canonical content."""
    return hashlib.sha256((vorige_hash + canonieke_inhoud(rij)).encode()).hexdigest()


def ketenfout(vorige: tuple[int, str] | None, rij: Mapping[str, Any]) -> str:
    """Why `rij` breaks the chain after `vorige` (volgnummer, hash), or "" when it does not."""
    verwacht_nummer, verwacht_vorige = (vorige[0] + 1, vorige[1]) if vorige else (1, GENESIS)
    if rij["volgnummer"] != verwacht_nummer:
        return (
            f"volgnummer {rij['volgnummer']} waar {verwacht_nummer} werd verwacht (rij ontbreekt)"
        )
    if rij["vorige_hash"] != verwacht_vorige:
        return "vorige hash klopt niet (een eerdere rij is gewijzigd of verwijderd)"
    if rij["hash"] != ketenhash(rij["vorige_hash"], rij):
        return "hash klopt niet met de inhoud (de rij is gewijzigd)"
    return ""


# --- processing activity --------------------------------------------------------------------

_TOEGANG = frozenset(
    {
        Auditactie.INLOGGEN,
        Auditactie.INLOGGEN_MISLUKT,
        Auditactie.UITLOGGEN,
        Auditactie.TWEEDE_FACTOR_INGESTELD,
    }
)
# Objects that hold personal data of residents (by `app_label.Model`).
_PERSOONSGEGEVENS = frozenset(
    {
        "aanleveringen.Vroegsignaal",
        "vroegsignaalzaken.Vroegsignaalzaak",
        "vroegsignaalzaken.Contactpoging",
        "vroegsignaalzaken.Contactgegeven",
        "vroegsignaalzaken.Overdracht",
        "vroegsignaalzaken.Nazorg",
        "contact.Bericht",
        "contact.Printbatch",
        "callcenter.Belronde",
        "callcenter.Belrondeimport",
    }
)
_PER_APP = {
    "aanleveringen": Verwerkingsactiviteit.SIGNALEN_ONTVANGEN,
    "matching": Verwerkingsactiviteit.SIGNALEN_ONTVANGEN,
    "shv": Verwerkingsactiviteit.SIGNALEN_ONTVANGEN,
    "terugkoppeling": Verwerkingsactiviteit.TERUGKOPPELING,
    "ddas": Verwerkingsactiviteit.STATISTIEK,
    "rapportages": Verwerkingsactiviteit.STATISTIEK,
    "audit": Verwerkingsactiviteit.TOEZICHT,
    "bewaartermijnen": Verwerkingsactiviteit.BEWAARTERMIJNEN,
}


def verwerkingsactiviteit_bepalen(actie: str, objecttype: str) -> str:
    """The processing activity of an entry without an explicit one: from the action and the
    kind of object. Unknown personal-data work counts as vroegsignalering."""
    if actie in _TOEGANG:
        return Verwerkingsactiviteit.TOEGANGSBEVEILIGING
    if actie == Auditactie.AANLEVEREN:
        return Verwerkingsactiviteit.SIGNALEN_ONTVANGEN
    if actie == Auditactie.OPSCHONEN:
        return Verwerkingsactiviteit.BEWAARTERMIJNEN
    if objecttype in _PERSOONSGEGEVENS:
        return Verwerkingsactiviteit.VROEGSIGNALERING
    app = objecttype.partition(".")[0]
    if app in _PER_APP:
        return _PER_APP[app]
    if objecttype:  # settings, templates, partners, rule sets: no resident's data
        return Verwerkingsactiviteit.BEHEER
    return Verwerkingsactiviteit.VROEGSIGNALERING
