"""Recording feedback: whenever a signal's status or its case's result changes, the partner's
code is derived again (`rules.terugkoppelcode`) and a row is added when it differs from the last
one. Webhooks are planned after the transaction commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.vroegsignaalzaken.constants import Zaakfase

from . import rules
from .constants import Terugkoppelcode, Terugkoppelmoment
from .models import STANDAARD_BETALINGSPAUZE_DAGEN, Betalingspauze, Terugkoppeling

# Called with the ids of new rows after commit (webhooks); set by the webhook module.
_NA_VASTLEGGEN: list = []


def na_vastleggen(functie) -> None:
    """Register `functie(ids)` to run after the commit of new feedback rows."""
    if functie not in _NA_VASTLEGGEN:
        _NA_VASTLEGGEN.append(functie)


def _laatste_codes(signaal_ids: list[int]) -> dict[int, str]:
    laatste: dict[int, str] = {}
    for sid, code in (
        Terugkoppeling.objects.filter(vroegsignaal_id__in=signaal_ids)
        .order_by("id")
        .values_list("vroegsignaal_id", "code")
    ):
        laatste[sid] = code
    return laatste


def _pauzes() -> dict[str, int]:
    return dict(Betalingspauze.objects.values_list("soort", "dagen"))


def terugkoppelingen_bijwerken(
    signalen: Iterable[Vroegsignaal], *, vandaag: dt.date | None = None
) -> list[Terugkoppeling]:
    """Add a feedback row for every signal whose partner code changed. Call inside the
    transaction that changed the status or the case (reads the case as stored)."""
    ids = [s.pk for s in signalen]
    if not ids:
        return []
    vandaag = vandaag or timezone.localdate()
    laatste = _laatste_codes(ids)
    pauzes = None
    rijen = []
    for signaal in (
        Vroegsignaal.objects.filter(pk__in=ids)
        .select_related("vroegsignaalzaak", "signaalpartner")
        .only(
            "pk",
            "status",
            "gemeente_id",
            "signaalpartner__soort",
            "vroegsignaalzaak__fase",
            "vroegsignaalzaak__eindresultaat",
        )
    ):
        zaak = signaal.vroegsignaalzaak
        code = rules.terugkoppelcode(
            signaal.status, zaak.fase if zaak else "", zaak.eindresultaat if zaak else ""
        )
        vorige = laatste.get(signaal.pk, Terugkoppelcode.ONTVANGEN)
        if code == vorige:
            continue
        pauze_tot = None
        if code == Terugkoppelcode.HULP_GEACCEPTEERD:
            pauzes = _pauzes() if pauzes is None else pauzes
            dagen = pauzes.get(signaal.signaalpartner.soort, STANDAARD_BETALINGSPAUZE_DAGEN)
            pauze_tot = vandaag + dt.timedelta(days=dagen)
        rijen.append(
            Terugkoppeling(
                vroegsignaal_id=signaal.pk,
                signaalpartner_id=signaal.signaalpartner_id,
                gemeente_id=signaal.gemeente_id,
                code=code,
                moment=rules.moment_van(code, vorige, in_zaak=zaak is not None),
                betalingspauze_tot=pauze_tot,
            )
        )
    nieuw = Terugkoppeling.objects.bulk_create(rijen, batch_size=2000)
    _na_commit(nieuw)
    return nieuw


def _na_commit(rijen: list[Terugkoppeling]) -> None:
    ids = [r.pk for r in rijen if r.pk is not None]
    if ids and _NA_VASTLEGGEN:
        transaction.on_commit(lambda: [functie(ids) for functie in _NA_VASTLEGGEN])


def tussenstanden_terugkoppelen(*, vandaag: dt.date | None = None) -> int:
    """Daily: for signals whose case passed its closing deadline while still open, the partner
    gets the current code once (moment "termijn"), so it is never left without an answer."""
    vandaag = vandaag or timezone.localdate()
    signalen = list(
        Vroegsignaal.objects.filter(
            vroegsignaalzaak__termijn_afsluiten__lt=vandaag,
            vroegsignaalzaak__fase__in=[
                Zaakfase.NIEUW,
                Zaakfase.IN_BEHANDELING,
                Zaakfase.NIEUWE_POGING,
            ],
        )
        .exclude(terugkoppelingen__moment=Terugkoppelmoment.TERMIJN)
        .select_related("vroegsignaalzaak")
        .only("pk", "status", "gemeente_id", "signaalpartner_id", "vroegsignaalzaak__fase")
    )
    rijen = [
        Terugkoppeling(
            vroegsignaal_id=s.pk,
            signaalpartner_id=s.signaalpartner_id,
            gemeente_id=s.gemeente_id,
            code=rules.terugkoppelcode(s.status, s.vroegsignaalzaak.fase),
            moment=Terugkoppelmoment.TERMIJN,
        )
        for s in signalen
    ]
    nieuw = Terugkoppeling.objects.bulk_create(rijen, batch_size=2000)
    _na_commit(nieuw)
    return len(rijen)
