"""Writing the audit and processing log, sealing it into the hash chain, and checking it."""

from __future__ import annotations

import logging
import re
import secrets
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from signaalroute.accounts.models import User
from signaalroute.core.logging import huidige_request_id
from signaalroute.gemeenten.models import Gemeente

from .constants import VERWERKINGSREGISTER, Auditactie, Verwerkingsstatus
from .models import Auditregel, Logboekketen
from .rules import (
    GENESIS,
    KETENVELDEN,
    betrokkenen_tekst,
    bsn_normaliseren,
    ketenfout,
    ketenhash,
    pseudoniem,
    verwerkingsactiviteit_bepalen,
)

logger = logging.getLogger(__name__)

VERZEGEL_BATCH = 1000
_TRACE_ID = re.compile(r"^[0-9a-f]{32}$")


# --- pseudonyms -----------------------------------------------------------------------------


def logboeksleutel() -> bytes:
    """The key of the pseudonyms: `LOGBOEK_SLEUTEL`, or else the `SECRET_KEY`. Changing it
    makes earlier rows unsearchable by BSN (docs/security.md)."""
    return (getattr(settings, "LOGBOEK_SLEUTEL", "") or settings.SECRET_KEY).encode()


def bsn_pseudoniem(bsn: str) -> str:
    """The pseudonym of a BSN, or "" when `bsn` is not one."""
    genormaliseerd = bsn_normaliseren(bsn)
    return pseudoniem(logboeksleutel(), "bsn", genormaliseerd) if genormaliseerd else ""


def zaak_pseudoniem(zaak_uuid: uuid.UUID | str) -> str:
    return pseudoniem(logboeksleutel(), "zaak", str(zaak_uuid).lower())


def _pseudoniemen(betrokkene: object) -> Iterator[str]:
    """The pseudonyms of the people an object is about. A case: its UUID and the BSNs of all
    its signals (the household). A signal, or an object made for one signal (a letter to the
    contact detail of that signal): that BSN and the case's UUID. Anything else in a case
    (a contact attempt, a hand-over): the case."""
    if betrokkene is None:
        return
    if isinstance(betrokkene, str):
        if pseudo := bsn_pseudoniem(betrokkene):
            yield pseudo
        return
    meta = getattr(betrokkene, "_meta", None)
    if meta is None:
        return
    if meta.label == "vroegsignaalzaken.Vroegsignaalzaak":
        yield zaak_pseudoniem(betrokkene.uuid)
        for bsn in betrokkene.vroegsignalen.exclude(bsn="").values_list("bsn", flat=True):
            if pseudo := bsn_pseudoniem(bsn):
                yield pseudo
        return
    if pseudo := bsn_pseudoniem(getattr(betrokkene, "bsn", "") or ""):
        yield pseudo
    velden = {veld.name: veld.attname for veld in meta.concrete_fields}
    signaal_id = getattr(betrokkene, velden.get("vroegsignaal", ""), None)
    zaak_id = getattr(betrokkene, velden.get("vroegsignaalzaak", ""), None)
    if signaal_id is not None:
        signaal = betrokkene.vroegsignaal
        if pseudo := bsn_pseudoniem(signaal.bsn):
            yield pseudo
        zaak_id = zaak_id or signaal.vroegsignaalzaak_id
    if zaak_id is not None:
        from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak

        if signaal_id is None and meta.label != "aanleveringen.Vroegsignaal":
            yield from _pseudoniemen(Vroegsignaalzaak.objects.get(pk=zaak_id))
        else:
            zaak_uuid = Vroegsignaalzaak.objects.filter(pk=zaak_id).values_list("uuid", flat=True)
            yield from (zaak_pseudoniem(u) for u in zaak_uuid)


def _trace_id() -> str:
    """The W3C trace id (16 bytes, hex) of the request, or a new one outside a request."""
    request_id = huidige_request_id().lower().replace("-", "")
    return request_id if _TRACE_ID.match(request_id) else secrets.token_hex(16)


# --- writing --------------------------------------------------------------------------------


def auditregel_vastleggen(
    *,
    actie: Auditactie,
    gebruiker: User | None,
    object: models.Model | None = None,
    gemeente: Gemeente | None = None,
    omschrijving: str = "",
    gebruikersnaam: str = "",
    betrokkene: models.Model | str | None = None,
    verwerkingsactiviteit: str = "",
    status: str = Verwerkingsstatus.OK,
) -> Auditregel:
    """Record one audit entry. `omschrijving` must never contain personal data.

    `betrokkene` names the data subject: a BSN or an object (a case, a signal ...); without it
    the subject is derived from `object`. Only a keyed pseudonym is stored. The processing
    activity, purpose and legal ground follow from the action and the object unless
    `verwerkingsactiviteit` is given. The row joins the hash chain when its transaction commits.
    """
    user = gebruiker if gebruiker is not None and gebruiker.is_authenticated else None
    objecttype = object._meta.label if object is not None else ""
    activiteit = verwerkingsactiviteit or verwerkingsactiviteit_bepalen(actie, objecttype)
    doel, grondslag = VERWERKINGSREGISTER.get(activiteit, ("", ""))
    bron = betrokkene if betrokkene is not None else object
    regel = Auditregel.objects.create(
        actie=actie,
        gebruiker=user,
        gebruikersnaam=(user.username if user else gebruikersnaam)[:150],
        objecttype=objecttype,
        object_uuid=getattr(object, "uuid", None),
        uitvoeringsorganisatie=(
            gemeente.uitvoeringsorganisatie
            if gemeente is not None
            else getattr(user, "uitvoeringsorganisatie", None)
        ),
        gemeente=gemeente,
        omschrijving=omschrijving[:255],
        trace_id=_trace_id(),
        operation_id=secrets.token_hex(8),
        status=status,
        verwerkingsactiviteit=activiteit,
        doel=doel,
        grondslag=grondslag,
        betrokkenen=betrokkenen_tekst(_pseudoniemen(bron)),
    )
    _verzegelen_na_commit()
    return regel


def _verzegelen_na_commit() -> None:
    """Seal after the commit, once per transaction: the chain lock is then held for a few
    milliseconds in a transaction of its own, never during the caller's transaction (which may
    hold row locks of its own: no waiting on each other, no deadlocks)."""
    if any(getattr(callback, "__wrapped_logboek__", False) for _, callback, *_ in _geplande()):
        return
    transaction.on_commit(_verzegelen_callback, robust=True)


def _geplande() -> list:
    return list(getattr(connection, "run_on_commit", []) or [])


def _verzegelen_callback() -> None:
    logboek_verzegelen()


_verzegelen_callback.__wrapped_logboek__ = True  # type: ignore[attr-defined]


# --- sealing --------------------------------------------------------------------------------


def logboek_verzegelen(*, batch: int = VERZEGEL_BATCH) -> int:
    """Append every committed row without a hash to the chain, oldest first. Safe to run
    from several processes at once: each batch locks the chain head. Returns the rows sealed."""
    totaal = 0
    while True:
        with transaction.atomic():
            # The UPDATE takes the row lock on PostgreSQL and the write lock on SQLite before
            # the head is read, so no two sealers read the same head.
            bijgewerkt = Logboekketen.objects.filter(pk=1).update(bijgewerkt_op=timezone.now())
            if not bijgewerkt:
                Logboekketen.objects.get_or_create(pk=1)
            kop = Logboekketen.objects.select_for_update().get(pk=1)
            ids = list(
                Auditregel.objects.filter(hash="")
                .order_by("id")
                .values_list("id", flat=True)[:batch]
            )
            if not ids:
                return totaal
            volgnummer, vorige = kop.volgnummer, kop.hash or GENESIS
            for rij in Auditregel.objects.filter(id__in=ids).order_by("id").values(*_LEESVELDEN):
                volgnummer += 1
                rij["volgnummer"] = volgnummer
                rij_hash = ketenhash(vorige, rij)
                # Append-only: only the empty chain fields of an unsealed row are filled.
                Auditregel.objects.filter(id=rij["id"], hash="").update(
                    volgnummer=volgnummer, vorige_hash=vorige, hash=rij_hash
                )
                vorige = rij_hash
            Logboekketen.objects.filter(pk=1).update(volgnummer=volgnummer, hash=vorige)
            totaal += len(ids)


_LEESVELDEN = tuple(veld for veld in KETENVELDEN if veld != "volgnummer")


# --- checking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ketencontrole:
    """The result of checking the chain: how many rows were checked, the first broken row
    (none: intact), and the head an operator can write down elsewhere."""

    gecontroleerd: int
    onverzegeld: int
    kop_volgnummer: int
    kop_hash: str
    fout_volgnummer: int | None = None
    fout_id: int | None = None
    fout_op: object = None
    fout: str = ""

    @property
    def intact(self) -> bool:
        return not self.fout


def logboek_controleren(*, verzegelen: bool = True, batch: int = 5000) -> Ketencontrole:
    """Walk the chain in order and stop at the first row that does not fit: a changed row
    (its hash), a changed or removed earlier row (the link), a missing row (the number), or
    rows removed at the end (the head)."""
    if verzegelen:
        logboek_verzegelen()
    kop = Logboekketen.objects.filter(pk=1).first()
    kop_nummer, kop_hash = (kop.volgnummer, kop.hash) if kop else (0, "")
    onverzegeld = Auditregel.objects.filter(hash="").count()
    vorige: tuple[int, str] | None = None
    gecontroleerd = 0
    velden = (*KETENVELDEN, "vorige_hash", "hash")
    na = 0
    while True:
        rijen = list(
            Auditregel.objects.filter(volgnummer__gt=na)
            .order_by("volgnummer")
            .values(*velden)[:batch]
        )
        for rij in rijen:
            if fout := ketenfout(vorige, rij):
                return Ketencontrole(
                    gecontroleerd=gecontroleerd,
                    onverzegeld=onverzegeld,
                    kop_volgnummer=kop_nummer,
                    kop_hash=kop_hash,
                    fout_volgnummer=rij["volgnummer"],
                    fout_id=rij["id"],
                    fout_op=rij["op"],
                    fout=fout,
                )
            vorige = (rij["volgnummer"], rij["hash"])
            gecontroleerd += 1
        if len(rijen) < batch:
            break
        na = rijen[-1]["volgnummer"]
    laatste = vorige or (0, "")
    if laatste != (kop_nummer, kop_hash):
        return Ketencontrole(
            gecontroleerd=gecontroleerd,
            onverzegeld=onverzegeld,
            kop_volgnummer=kop_nummer,
            kop_hash=kop_hash,
            fout_volgnummer=laatste[0] + 1,
            fout=(
                f"de keten eindigt bij volgnummer {laatste[0]}, maar de kop staat op "
                f"{kop_nummer} (rijen aan het eind verwijderd of de kop gewijzigd)"
            ),
        )
    return Ketencontrole(
        gecontroleerd=gecontroleerd,
        onverzegeld=onverzegeld,
        kop_volgnummer=kop_nummer,
        kop_hash=kop_hash,
    )
