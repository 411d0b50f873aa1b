"""Writes of the webhook delivery: subscribing, ending, planning events after feedback is
recorded, delivering (by a task right away, by `webhooks_afleveren` for retries) and
offering a dead letter again.

Delivery is at least once: a worker claims a batch (row locks with SKIP LOCKED on
PostgreSQL, and a conditional update with a claim token that also holds on SQLite), sends
outside any transaction, and records the answer only while its claim holds. A worker that
dies mid-send leaves a claim that runs out (`CLAIMDUUR`); the event is then sent again with
the same id, which receivers use to drop duplicates."""

from __future__ import annotations

import logging
import random
import uuid
from collections import Counter
from collections.abc import Iterable

import requests
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalroute.core.exceptions import Conflict, ValidatieFout
from signaalroute.gemeenten.models import Gemeente
from signaalroute.signaalpartners.models import Signaalpartner

from . import rules, verzenden
from .constants import CLAIMDUUR, MAX_FOUT, Afleverstatus, Uitkomst
from .instellingen import Instellingen
from .models import Webhookabonnement, Webhookaflevering

logger = logging.getLogger(__name__)

REDEN_GONE = "410 Gone: de ontvanger bestaat niet meer"


# --- Subscriptions --------------------------------------------------------------------------


def webhookabonnement_aanmaken(
    *,
    signaalpartner: Signaalpartner,
    url: str,
    door,
    omschrijving: str = "",
    gemeenten: Iterable[Gemeente] = (),
    bearer_token: str = "",
) -> tuple[Webhookabonnement, str]:
    """Subscribe an endpoint of the partner. The URL must pass the rules and the endpoint
    must agree in the validation handshake (OPTIONS) before anything is stored. Returns the
    subscription and its signing secret, which the caller shows once."""
    url = url.strip()
    instellingen = Instellingen.uit_settings()
    fouten = rules.url_fouten(url, lokaal_toegestaan=instellingen.lokaal)
    if not fouten:
        reden = verzenden.handdruk(url, instellingen)
        fouten = [reden] if reden else []
    if fouten:
        raise ValidatieFout(
            fouten[0], invalid_params=[{"name": "url", "code": "invalid", "reason": fouten[0]}]
        )
    with transaction.atomic():
        abonnement = Webhookabonnement.objects.create(
            signaalpartner=signaalpartner,
            url=url,
            omschrijving=omschrijving.strip(),
            bearer_token=bearer_token.strip(),
            geheim=rules.geheim_maken(),
            aangemaakt_door=door,
        )
        abonnement.gemeenten.set(list(gemeenten))
    logger.info("webhookabonnement %s aangemaakt voor %s", abonnement.uuid, signaalpartner.code)
    return abonnement, abonnement.geheim


def webhookabonnement_beeindigen(
    *, abonnement: Webhookabonnement, door, reden: str = ""
) -> Webhookabonnement:
    """End a subscription: nothing more is sent to it; its planned deliveries fail."""
    with transaction.atomic():
        abonnement = Webhookabonnement.objects.select_for_update().get(pk=abonnement.pk)
        if not abonnement.actief:
            raise Conflict(_("Dit abonnement is al beëindigd."))
        _beeindigen(abonnement, reden=reden.strip() or _("Beëindigd door de partner"), door=door)
    return abonnement


def _beeindigen(abonnement: Webhookabonnement, *, reden: str, door) -> None:
    nu = timezone.now()
    abonnement.beeindigd_op = nu
    abonnement.beeindigd_door = door
    abonnement.reden_beeindiging = reden[:200]
    abonnement.save(update_fields=["beeindigd_op", "beeindigd_door", "reden_beeindiging"])
    Webhookaflevering.objects.filter(abonnement=abonnement, status=Afleverstatus.GEPLAND).update(
        status=Afleverstatus.MISLUKT,
        volgende_poging_op=None,
        claim=None,
        geclaimd_tot=None,
    )
    logger.info("webhookabonnement %s beëindigd: %s", abonnement.uuid, reden)


# --- Planning -------------------------------------------------------------------------------


def afleveringen_plannen(terugkoppeling_ids: list[int]) -> list[int]:
    """One delivery per new feedback row and active subscription of *that row's own
    partner* (and, when the subscription names municipalities, of one of those). Idempotent.
    Returns the ids of the planned deliveries."""
    from signaalroute.terugkoppeling.models import Terugkoppeling

    rijen = list(
        Terugkoppeling.objects.filter(pk__in=terugkoppeling_ids).values_list(
            "pk", "uuid", "signaalpartner_id", "gemeente_id"
        )
    )
    partners = {partner for _pk, _uuid, partner, _gemeente in rijen}
    per_partner: dict[int, list[tuple[int, set[int]]]] = {}
    for abonnement in Webhookabonnement.objects.filter(
        signaalpartner_id__in=partners, beeindigd_op__isnull=True
    ).prefetch_related("gemeenten"):
        gemeenten = {g.pk for g in abonnement.gemeenten.all()}
        per_partner.setdefault(abonnement.signaalpartner_id, []).append((abonnement.pk, gemeenten))
    nu = timezone.now()
    nieuw = [
        Webhookaflevering(
            abonnement_id=abonnement_id,
            terugkoppeling_id=pk,
            event_id=event_id,
            volgende_poging_op=nu,
            aangemaakt_op=nu,
        )
        for pk, event_id, partner, gemeente in rijen
        for abonnement_id, gemeenten in per_partner.get(partner, ())
        if not gemeenten or gemeente in gemeenten
    ]
    if not nieuw:
        return []
    Webhookaflevering.objects.bulk_create(nieuw, batch_size=1000, ignore_conflicts=True)
    ids = list(
        Webhookaflevering.objects.filter(
            terugkoppeling_id__in=terugkoppeling_ids,
            status=Afleverstatus.GEPLAND,
            pogingen=0,
        ).values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: taken_starten(ids))
    return ids


def bij_nieuwe_terugkoppelingen(terugkoppeling_ids: list[int]) -> None:
    """The hook `terugkoppeling.services` calls after new rows are committed. It never
    raises: the feedback itself is recorded, and partners can always read it from the API;
    a missed delivery must not turn the worker's action into an error."""
    try:
        afleveringen_plannen(terugkoppeling_ids)
    except Exception:  # noqa: BLE001 - logged; the API remains the source of truth
        logger.exception(
            "webhooks plannen mislukt voor %d terugkoppelingen", len(terugkoppeling_ids)
        )


def taken_starten(aflevering_ids: list[int]) -> None:
    """Hand the deliveries to background tasks in batches. Should the queue be down, the
    deliveries stay planned and `webhooks_afleveren` (cron) sends them."""
    from .tasks import webhooks_afleveren_taak

    batch = Instellingen.uit_settings().batch
    for begin in range(0, len(aflevering_ids), batch):
        try:
            webhooks_afleveren_taak.enqueue(aflevering_ids[begin : begin + batch])
        except Exception:  # noqa: BLE001 - the periodic command picks them up
            logger.exception("webhooktaak niet in de wachtrij gezet")


# --- Delivering -----------------------------------------------------------------------------


def _claimen(*, ids: list[int] | None, limiet: int) -> tuple[uuid.UUID, list[Webhookaflevering]]:
    nu = timezone.now()
    vrij = Q(geclaimd_tot__isnull=True) | Q(geclaimd_tot__lt=nu)
    te_doen = Webhookaflevering.objects.filter(
        vrij,
        status=Afleverstatus.GEPLAND,
        volgende_poging_op__lte=nu,
        abonnement__beeindigd_op__isnull=True,
    )
    if ids is not None:
        te_doen = te_doen.filter(pk__in=ids)
    claim = uuid.uuid4()
    with transaction.atomic():
        kandidaten = list(
            te_doen.select_for_update(skip_locked=True, of=("self",))
            .order_by("volgende_poging_op", "id")
            .values_list("pk", flat=True)[:limiet]
        )
        # The same conditions again: on SQLite (no row locks) two workers may pick the same
        # rows, and only the first update takes them.
        Webhookaflevering.objects.filter(
            vrij, pk__in=kandidaten, status=Afleverstatus.GEPLAND
        ).update(claim=claim, geclaimd_tot=nu + CLAIMDUUR)
    return claim, list(
        Webhookaflevering.objects.filter(claim=claim)
        .select_related("abonnement", "terugkoppeling")
        .order_by("volgende_poging_op", "id")
    )


def afleveringen_afleveren(*, ids: list[int] | None = None, limiet: int = 500) -> Counter:
    """Send the due deliveries (only `ids`, when given), at most `limiet`. Safe to run in
    several workers at once. Returns how many ended in each outcome."""
    instellingen = Instellingen.uit_settings()
    claim, afleveringen = _claimen(ids=ids, limiet=limiet)
    telling: Counter = Counter()
    if not afleveringen:
        return telling
    overslaan: set[int] = set()  # subscriptions that said 410 or 429 in this run
    with requests.Session() as sessie:
        for aflevering in afleveringen:
            if aflevering.abonnement_id in overslaan:
                continue  # released by the 410/429 handling below
            antwoord = _versturen(sessie, aflevering, instellingen)
            uitkomst = _vastleggen(aflevering, antwoord, claim=claim, instellingen=instellingen)
            telling[uitkomst] += 1
            if uitkomst in (Uitkomst.WEG, Uitkomst.TE_VEEL_VERZOEKEN):
                overslaan.add(aflevering.abonnement_id)
    _vrijgeven(claim)
    return telling


def _event(aflevering: Webhookaflevering, instellingen: Instellingen) -> dict:
    terugkoppeling = aflevering.terugkoppeling
    return rules.cloudevent(
        terugkoppeling=str(terugkoppeling.uuid),
        cursor=terugkoppeling.pk,
        code=terugkoppeling.code,
        moment=terugkoppeling.moment,
        betalingspauze_tot=terugkoppeling.betalingspauze_tot,
        tijd=terugkoppeling.aangemaakt_op,
        source=instellingen.source,
        api_url=instellingen.api_url,
    )


def _versturen(
    sessie: requests.Session, aflevering: Webhookaflevering, instellingen: Instellingen
) -> verzenden.Antwoord:
    abonnement = aflevering.abonnement
    return verzenden.afleveren(
        sessie,
        url=abonnement.url,
        inhoud=rules.body(_event(aflevering, instellingen)),
        bericht_id=str(aflevering.event_id),
        geheim=abonnement.geheim,
        bearer_token=abonnement.bearer_token,
        instellingen=instellingen,
        abonnement=str(abonnement.uuid),
        poging=aflevering.pogingen + 1,
    )


def _vastleggen(
    aflevering: Webhookaflevering,
    antwoord: verzenden.Antwoord,
    *,
    claim: uuid.UUID,
    instellingen: Instellingen,
) -> str:
    """Record one attempt, while this worker's claim holds; decide what comes next."""
    nu = timezone.now()
    status = antwoord.http_status
    uitkomst = rules.uitkomst(status) if status is not None else Uitkomst.OPNIEUW
    with transaction.atomic():
        rij = (
            Webhookaflevering.objects.select_for_update()
            .filter(pk=aflevering.pk, claim=claim)
            .first()
        )
        if rij is None:  # the claim ran out or the subscription ended meanwhile
            return uitkomst
        rij.pogingen += 1
        rij.laatste_poging_op = nu
        rij.laatste_http_status = status
        rij.laatste_fout = rules.foutmelding(antwoord.fout, MAX_FOUT)
        rij.claim, rij.geclaimd_tot = None, None
        if uitkomst == Uitkomst.AFGELEVERD:
            rij.status, rij.afgeleverd_op, rij.volgende_poging_op = (
                Afleverstatus.AFGELEVERD,
                nu,
                None,
            )
        elif uitkomst == Uitkomst.WEG:
            rij.status, rij.volgende_poging_op = Afleverstatus.MISLUKT, None
        elif rij.pogingen >= instellingen.max_pogingen:
            rij.status, rij.volgende_poging_op = Afleverstatus.DEAD_LETTER, None
            logger.warning("webhook %s: dead letter na %d pogingen", rij.event_id, rij.pogingen)
        else:
            wacht = None
            if uitkomst == Uitkomst.TE_VEEL_VERZOEKEN:
                wacht = rules.retry_after(
                    antwoord.retry_after, nu=nu, maximum=instellingen.max_retry_after
                )
            if wacht is None:
                wacht = rules.wachttijd(rij.pogingen, random.random())  # noqa: S311 - jitter
            rij.volgende_poging_op = nu + wacht
        rij.save()
        if uitkomst == Uitkomst.WEG:
            abonnement = Webhookabonnement.objects.select_for_update().get(pk=rij.abonnement_id)
            if abonnement.actief:
                _beeindigen(abonnement, reden=REDEN_GONE, door=None)
        elif uitkomst == Uitkomst.TE_VEEL_VERZOEKEN and rij.volgende_poging_op:
            # The receiver asked us to slow down: hold back all its waiting deliveries.
            Webhookaflevering.objects.filter(
                Q(claim__isnull=True) | Q(claim=claim),
                abonnement_id=rij.abonnement_id,
                status=Afleverstatus.GEPLAND,
                volgende_poging_op__lt=rij.volgende_poging_op,
            ).update(volgende_poging_op=rij.volgende_poging_op, claim=None, geclaimd_tot=None)
    return uitkomst


def _vrijgeven(claim: uuid.UUID) -> None:
    Webhookaflevering.objects.filter(claim=claim).update(claim=None, geclaimd_tot=None)


# --- Dead letters ---------------------------------------------------------------------------


def aflevering_opnieuw_afleveren(*, aflevering: Webhookaflevering, door) -> Webhookaflevering:
    """Offer a dead letter again: a fresh series of attempts, starting now, with the same
    event id (so a receiver that did get it can recognise it)."""
    with transaction.atomic():
        rij = (
            Webhookaflevering.objects.select_for_update()
            .select_related("abonnement")
            .get(pk=aflevering.pk)
        )
        if rij.status != Afleverstatus.DEAD_LETTER:
            raise Conflict(_("Alleen een niet-afgeleverd bericht kan opnieuw worden aangeboden."))
        if not rij.abonnement.actief:
            raise Conflict(_("Het abonnement is beëindigd; maak een nieuw abonnement."))
        nu = timezone.now()
        rij.status = Afleverstatus.GEPLAND
        rij.pogingen = 0
        rij.volgende_poging_op = nu
        rij.herleveringen += 1
        rij.herleverd_op = nu
        rij.herleverd_door = door
        rij.save()
        transaction.on_commit(lambda: taken_starten([rij.pk]))
    return rij
