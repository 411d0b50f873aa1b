"""Intake: receive a delivery, then process it (parse, validate, route, de-duplicate, store).

Receiving is cheap and happens in the request; processing runs as a background task
(`tasks.aanlevering_verwerken_taak`) or directly from the command line. A delivery is stored
all-or-nothing, and every delivered row ends up as a stored signal or a reported row.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import Conflict, ValidatieFout
from signaalroute.gemeenten.models import Gemeente
from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.signaalpartners.models import Signaalpartner
from signaalroute.vroegsignaalzaken.constants import Signaalstatus
from signaalroute.vroegsignaalzaken.models import Signaalstatuswijziging

from .constants import Aanleverkanaal, Aanleverstatus, Regelstatus
from .models import Aanleverbestand, Aanlevering, Aanleverregel, Vroegsignaal
from .opslag import vroegsignalen_opslaan
from .parsing import (
    STANDAARD_LIMIETEN,
    BestandOnleesbaar,
    Leeslimieten,
    bestand_lezen,
    json_signaal_omzetten,
)
from .routing import Routering
from .rules import Rijresultaat, Validatiecontext, criteria_bepalen, rij_valideren
from .velden import VROEGSIGNAAL_VELDEN

logger = logging.getLogger(__name__)

BATCH = 2000
JSON_BESTANDSNAAM = "api.json"
# Lists a municipality imports itself (CAK, bronheffing): the registration date is the date
# the arrears count from, and an amount is optional.
LIJST_PROFIEL = {
    "datum aanmelding": "ontstaansdatum",
    "aanmeldingsdatum": "ontstaansdatum",
    "aanmelddatum": "ontstaansdatum",
    "datum aanmelding cak": "ontstaansdatum",
    "ingangsdatum": "ontstaansdatum",
    "ingangsdatum bronheffing": "ontstaansdatum",
    "startdatum bronheffing": "ontstaansdatum",
    "bestuursrechtelijke premie": "termijnbedrag",
}
LIJST_LIMIETEN = Leeslimieten(
    verplichte_velden=tuple(v for v in STANDAARD_LIMIETEN.verplichte_velden if v != "bedrag")
)


class DubbeleAanlevering(Conflict):
    code = "dubbele_aanlevering"

    def __init__(self, eerdere: Aanlevering):
        self.eerdere = eerdere
        moment = timezone.localtime(eerdere.ontvangen_op)
        super().__init__(
            f"Dit bestand is al aangeleverd op {moment:%d-%m-%Y} om {moment:%H:%M} en wordt "
            "niet opnieuw verwerkt."
        )


def _hash(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()


@transaction.atomic
def aanlevering_ontvangen(
    *,
    signaalpartner: Signaalpartner,
    kanaal: Aanleverkanaal,
    inhoud: bytes,
    bestandsnaam: str = "",
    door: User | None = None,
    idempotency_key: str = "",
    concept: bool = False,
    wachtrij: bool = True,
) -> Aanlevering:
    """Store a delivered file (or API batch) and queue it for processing. A `concept` is only
    checked (see `aanlevering_controleren`) until the partner confirms it. With
    `wachtrij=False` the caller processes it itself (command line, small API batches).

    The same Idempotency-Key returns the earlier delivery; the same content delivered again
    by the same partner raises `DubbeleAanlevering` (nothing is imported twice)."""
    if len(inhoud) > settings.AANLEVERING_MAX_BYTES:
        raise ValidatieFout(
            f"Het bestand is groter dan {settings.AANLEVERING_MAX_BYTES // (1024 * 1024)} MB. "
            "Lever het in delen aan."
        )
    inhoud_hash = _hash(inhoud)
    if len(idempotency_key) > 100:  # keep long keys exact: store their hash
        idempotency_key = "sha256:" + _hash(idempotency_key.encode())
    if idempotency_key:
        eerdere = Aanlevering.objects.filter(
            signaalpartner=signaalpartner, idempotency_key=idempotency_key
        ).first()
        if eerdere is not None:
            if eerdere.inhoud_hash != inhoud_hash:
                raise Conflict(
                    "Deze Idempotency-Key is eerder gebruikt voor een andere aanlevering."
                )
            return eerdere
    eerdere = (
        Aanlevering.objects.filter(signaalpartner=signaalpartner, inhoud_hash=inhoud_hash)
        .exclude(status__in=[Aanleverstatus.MISLUKT, Aanleverstatus.CONCEPT])
        .first()
    )
    if eerdere is not None:
        raise DubbeleAanlevering(eerdere)
    aanlevering = Aanlevering.objects.create(
        signaalpartner=signaalpartner,
        kanaal=kanaal,
        bestandsnaam=bestandsnaam[:255],
        inhoud_hash=inhoud_hash,
        aangeleverd_door=door,
        idempotency_key=idempotency_key,
        status=Aanleverstatus.CONCEPT if concept else Aanleverstatus.ONTVANGEN,
    )
    Aanleverbestand.objects.create(aanlevering=aanlevering, inhoud=inhoud)
    if not concept:
        _aanlevering_starten(aanlevering, door=door, wachtrij=wachtrij)
    return aanlevering


def _aanlevering_starten(
    aanlevering: Aanlevering, *, door: User | None, wachtrij: bool = True
) -> None:
    kanaal = Aanleverkanaal(aanlevering.kanaal)
    auditregel_vastleggen(
        actie=Auditactie.AANLEVEREN,
        gebruiker=door,
        object=aanlevering,
        gebruikersnaam=aanlevering.signaalpartner.code,
        omschrijving=f"Aanlevering via {kanaal.label}",
    )
    if wachtrij:
        from .tasks import aanlevering_verwerken_taak

        transaction.on_commit(lambda: aanlevering_verwerken_taak.enqueue(aanlevering.pk))


@transaction.atomic
def aanlevering_bevestigen(*, aanlevering: Aanlevering, door: User | None) -> Aanlevering:
    """The partner confirms a checked concept: it is delivered and processed."""
    aanlevering = Aanlevering.objects.select_for_update().get(pk=aanlevering.pk)
    if aanlevering.status != Aanleverstatus.CONCEPT:
        raise Conflict("Deze aanlevering is al aangeleverd.")
    eerdere = (
        Aanlevering.objects.filter(
            signaalpartner_id=aanlevering.signaalpartner_id, inhoud_hash=aanlevering.inhoud_hash
        )
        .exclude(status__in=[Aanleverstatus.MISLUKT, Aanleverstatus.CONCEPT])
        .first()
    )
    if eerdere is not None:
        raise DubbeleAanlevering(eerdere)
    aanlevering.status = Aanleverstatus.ONTVANGEN
    aanlevering.save(update_fields=["status"])
    _aanlevering_starten(aanlevering, door=door)
    return aanlevering


class _Terugdraaien(Exception):
    pass


@dataclass
class Controle:
    """The outcome of checking a delivery without storing it."""

    samenvatting: dict
    regels: list[Aanleverregel]
    foutmelding: str = ""


def aanlevering_controleren(*, aanlevering: Aanlevering, max_regels: int = 1000) -> Controle:
    """Run the complete processing of a concept delivery and roll it back: the partner sees
    exactly the per-row result an actual delivery would give, and nothing is stored."""
    inhoud = bytes(Aanleverbestand.objects.get(aanlevering=aanlevering).inhoud)
    uitkomst: Controle | None = None
    try:
        with transaction.atomic():
            try:
                verwerking = _regels_verwerken(aanlevering, inhoud)
            except BestandOnleesbaar as exc:
                uitkomst = Controle({}, [], foutmelding=str(exc.message))
                raise _Terugdraaien from exc
            aantallen = verwerking.aantallen
            uitkomst = Controle(
                samenvatting={
                    "total": sum(aantallen.values()),
                    "accepted": aantallen[Regelstatus.GEACCEPTEERD]
                    + aantallen[Regelstatus.WAARSCHUWING],
                    "warnings": aantallen[Regelstatus.WAARSCHUWING],
                    "rejected": aantallen[Regelstatus.AFGEWEZEN],
                    "perGemeente": dict(verwerking.per_gemeente),
                },
                regels=list(
                    Aanleverregel.objects.filter(aanlevering=aanlevering)
                    .select_related("gemeente")
                    .order_by("regelnummer")[:max_regels]
                ),
            )
            raise _Terugdraaien
    except _Terugdraaien:
        pass
    assert uitkomst is not None
    return uitkomst


CAK_PARTNERCODE = "cak"


def cak_partner() -> Signaalpartner:
    """The CAK as source of the lists of health-insurance defaulters (wanbetalersregeling)."""
    partner, _ = Signaalpartner.objects.get_or_create(
        code=CAK_PARTNERCODE,
        defaults={
            "naam": "CAK (wanbetalersregeling)",
            "soort": Signaalpartnersoort.CAK_ZORGVERZEKERINGEN,
            "criteria": "Inwoners met ten minste 6 maanden premieachterstand, aangemeld bij "
            "het CAK. De gemeente vraagt de lijst zelf op.",
        },
    )
    return partner


def lijst_importeren(
    *,
    gemeente: Gemeente,
    inhoud: bytes,
    bestandsnaam: str,
    door: User,
    zorgverzekeraar: Signaalpartner | None = None,
    alleen_nieuw: bool = False,
) -> Aanlevering:
    """A municipality imports the CAK list, or an insurer's list of customers in bronheffing,
    as signals of type "CAK Zorgverzekeringen" for itself. With `alleen_nieuw`, persons who
    were on an earlier list of the same source are skipped (and reported)."""
    with transaction.atomic():
        aanlevering = aanlevering_ontvangen(
            signaalpartner=zorgverzekeraar or cak_partner(),
            kanaal=Aanleverkanaal.GEMEENTE,
            inhoud=inhoud,
            bestandsnaam=bestandsnaam,
            door=door,
            concept=True,
        )
        aanlevering.gemeente = gemeente
        aanlevering.signaalsoort = Signaalpartnersoort.CAK_ZORGVERZEKERINGEN
        aanlevering.alleen_nieuw = alleen_nieuw
        aanlevering.status = Aanleverstatus.ONTVANGEN
        aanlevering.save(update_fields=["gemeente", "signaalsoort", "alleen_nieuw", "status"])
        _aanlevering_starten(aanlevering, door=door)
    return aanlevering


def signalen_als_json(signalen: list[dict]) -> bytes:
    """The canonical bytes of an API batch: stored like a file, hashed for duplicates."""
    return json.dumps({"signalen": signalen}, sort_keys=True, ensure_ascii=False).encode()


@dataclass
class Verwerking:
    """Running totals of one delivery's processing."""

    aantallen: Counter = field(default_factory=Counter)
    per_gemeente: Counter = field(default_factory=Counter)
    lege_regels: int = 0


def aanlevering_verwerken(*, aanlevering_id: int) -> Aanlevering | None:
    """Process one received delivery. Safe to call from several workers at once: the row lock
    (skip locked) lets exactly one of them take it; the others return None. All rows are
    stored in one transaction, so a crash leaves nothing half stored and a re-run succeeds."""
    with transaction.atomic():
        aanlevering = (
            Aanlevering.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("signaalpartner")
            .filter(pk=aanlevering_id, status=Aanleverstatus.ONTVANGEN)
            .first()
        )
        if aanlevering is None:
            return None
        # One delivery of a partner at a time: duplicate detection must see the other's rows.
        Signaalpartner.objects.select_for_update().filter(pk=aanlevering.signaalpartner_id).first()
        inhoud = bytes(Aanleverbestand.objects.get(aanlevering=aanlevering).inhoud)
        try:
            with transaction.atomic():
                verwerking = _regels_verwerken(aanlevering, inhoud)
        except BestandOnleesbaar as exc:
            aanlevering.status = Aanleverstatus.MISLUKT
            aanlevering.foutmelding = str(exc.message)
            aanlevering.verwerkt_op = timezone.now()
            aanlevering.save(update_fields=["status", "foutmelding", "verwerkt_op"])
            return aanlevering
        aantallen = verwerking.aantallen
        aanlevering.status = Aanleverstatus.VERWERKT
        aanlevering.verwerkt_op = timezone.now()
        aanlevering.aantal_geaccepteerd = aantallen[Regelstatus.GEACCEPTEERD]
        aanlevering.aantal_met_waarschuwing = aantallen[Regelstatus.WAARSCHUWING]
        aanlevering.aantal_afgewezen = aantallen[Regelstatus.AFGEWEZEN]
        aanlevering.aantal_rijen = sum(aantallen.values())
        aanlevering.aantal_lege_regels = verwerking.lege_regels
        aanlevering.per_gemeente = dict(sorted(verwerking.per_gemeente.items()))
        aanlevering.save()
        if aanlevering.per_gemeente:
            _controles_starten(list(aanlevering.per_gemeente))
    logger.info(
        "aanlevering %s verwerkt: %s regels, %s afgewezen",
        aanlevering.uuid,
        aanlevering.aantal_rijen,
        aanlevering.aantal_afgewezen,
    )
    return aanlevering


def _controles_starten(cbs_codes: list[str]) -> None:
    """The new signals go on through the checks and matching (phase 2), in the background."""
    from signaalroute.matching.tasks import signalen_verwerken_taak

    transaction.on_commit(lambda: signalen_verwerken_taak.enqueue(cbs_codes))


def _rijen(
    aanlevering: Aanlevering, inhoud: bytes, verwerking: Verwerking
) -> Iterator[tuple[int, Mapping[str, Any], list[str]]]:
    if aanlevering.kanaal == Aanleverkanaal.API and aanlevering.bestandsnaam == JSON_BESTANDSNAAM:
        for nummer, signaal in enumerate(json.loads(inhoud)["signalen"], start=1):
            rij, onbekend = json_signaal_omzetten(signaal)
            yield nummer, rij, onbekend
        return
    profiel = aanlevering.signaalpartner.kolomprofiel or {}
    limieten = STANDAARD_LIMIETEN
    if aanlevering.kanaal == Aanleverkanaal.GEMEENTE:
        profiel = {**LIJST_PROFIEL, **profiel}
        limieten = LIJST_LIMIETEN
    lezer = bestand_lezen(inhoud, profiel=profiel or None, limieten=limieten)
    for nummer, rij in lezer.rijen():
        yield nummer, rij, []
    verwerking.lege_regels = lezer.overgeslagen_leeg


def _regels_verwerken(aanlevering: Aanlevering, inhoud: bytes) -> Verwerking:
    partner = aanlevering.signaalpartner
    context = Validatiecontext(
        criteria=criteria_bepalen(
            partner.soort,
            minimum_bedrag=partner.minimum_bedrag,
            minimale_achterstand_dagen=partner.minimale_achterstand_dagen,
        ),
        aanleverdatum=timezone.localdate(aanlevering.ontvangen_op),
        bedrag_verplicht=aanlevering.kanaal != Aanleverkanaal.GEMEENTE,
    )
    routering = Routering(
        partner=partner,
        vaste_gemeente=aanlevering.gemeente,
        alleen_nieuw=aanlevering.alleen_nieuw,
    )
    verwerking = Verwerking()
    batch: list[tuple[Rijresultaat, Mapping[str, Any]]] = []
    for nummer, rij, _onbekend in _rijen(aanlevering, inhoud, verwerking):
        batch.append((rij_valideren(rij, context=context, rijnummer=nummer), rij))
        if len(batch) >= BATCH:
            _batch_opslaan(aanlevering, batch, routering, verwerking)
            batch = []
    if batch:
        _batch_opslaan(aanlevering, batch, routering, verwerking)
    return verwerking


def _batch_opslaan(
    aanlevering: Aanlevering,
    batch: list[tuple[Rijresultaat, Mapping[str, Any]]],
    routering: Routering,
    verwerking: Verwerking,
) -> None:
    partner = aanlevering.signaalpartner
    routering.voorbereiden([resultaat for resultaat, _ in batch if not resultaat.afgewezen])
    vast = {
        "aanlevering_id": aanlevering.pk,
        "signaalpartner_id": partner.pk,
        "soort": aanlevering.signaalsoort or partner.soort,
    }
    signalen: list[dict[str, Any]] = []
    regels: list[Aanleverregel] = []
    for resultaat, rij in batch:
        gemeente = None
        if not resultaat.afgewezen:
            gemeente = routering.gemeente_bepalen(resultaat)
            if gemeente is not None:
                routering.dubbel_controleren(resultaat, gemeente)
        if resultaat.meldingen:
            regels.append(
                Aanleverregel(
                    aanlevering=aanlevering,
                    regelnummer=resultaat.rijnummer,
                    status=resultaat.status,
                    meldingen=[m.als_dict() for m in resultaat.meldingen],
                    gegevens=_als_tekst(rij),
                    gemeente=None if resultaat.afgewezen else gemeente,
                )
            )
        verwerking.aantallen[resultaat.status] += 1
        if resultaat.afgewezen:
            continue
        verwerking.per_gemeente[gemeente.cbs_code] += 1
        waarden = resultaat.waarden
        signaal = {veld: waarden[veld] for veld in VROEGSIGNAAL_VELDEN}
        signaal.update(vast)
        signaal["regelnummer"] = resultaat.rijnummer
        signaal["gemeente_id"] = gemeente.pk
        signaal["vorig_signaal_id"] = routering.vorig_signaal_id(resultaat)
        if waarden["rechtspersoon"]:
            signaal["status"] = Signaalstatus.NIET_OPGEPAKT_ANDERE_REDEN
        signalen.append(signaal)
    vroegsignalen_opslaan(signalen)
    nodig = {r.regelnummer for r in regels} | {
        s["regelnummer"] for s in signalen if s["rechtspersoon"]
    }
    per_regel = (
        dict(
            Vroegsignaal.objects.filter(
                aanlevering=aanlevering, regelnummer__any=nodig
            ).values_list("regelnummer", "id")
        )
        if nodig
        else {}
    )
    Signaalstatuswijziging.objects.bulk_create(
        Signaalstatuswijziging(
            vroegsignaal_id=per_regel[s["regelnummer"]],
            van=Signaalstatus.NOG_NIET_OPGEPAKT,
            naar=s["status"],
            toelichting="Signaal over een rechtspersoon: wordt niet opgevolgd.",
        )
        for s in signalen
        if s["rechtspersoon"]
    )
    for regel in regels:
        regel.vroegsignaal_id = per_regel.get(regel.regelnummer)
    Aanleverregel.objects.bulk_create(regels, batch_size=BATCH)


def _als_tekst(rij: Mapping[str, Any]) -> dict[str, str]:
    """The row as delivered, for the rejection report (NUL cannot be stored in JSON/text)."""
    return {
        k: "" if v is None else str(v).replace("\x00", "")
        for k, v in rij.items()
        if not k.startswith("_")
    }


def vastgelopen_aanleveringen_hervatten(*, ouder_dan: datetime.timedelta) -> list[Aanlevering]:
    """Queue again every received delivery that no worker holds and that has waited longer
    than `ouder_dan` (its worker was killed, or its task was lost). Processing is idempotent:
    a delivery that another worker has taken is skipped."""
    grens = timezone.now() - ouder_dan
    with transaction.atomic():
        vastgelopen = list(
            Aanlevering.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=Aanleverstatus.ONTVANGEN, ontvangen_op__lt=grens)
            .order_by("ontvangen_op")
        )
        from .tasks import aanlevering_verwerken_taak

        for aanlevering in vastgelopen:
            transaction.on_commit(lambda pk=aanlevering.pk: aanlevering_verwerken_taak.enqueue(pk))
    if vastgelopen:
        logger.warning("%s vastgelopen aanlevering(en) opnieuw in de wachtrij", len(vastgelopen))
    return vastgelopen
