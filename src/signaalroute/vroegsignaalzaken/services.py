"""Changing a signal's DDAS status: by the checks after intake (in bulk), and by a worker who
overrides a check (one signal, with a reason). Every change leaves a history row."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import Conflict, ValidatieFout

from .constants import CONTROLESTATUSSEN, Signaalstatus
from .models import Signaalstatuswijziging

WIJZIGBAAR = CONTROLESTATUSSEN | {Signaalstatus.NOG_NIET_OPGEPAKT}


def signaalstatussen_zetten(
    wijzigingen: Iterable[tuple[Vroegsignaal, str, str]], *, door: User | None = None
) -> list[Signaalstatuswijziging]:
    """Give many signals a new status at once: (signal, new status, reason) triples. The
    signals' `status` attribute is updated too. Call inside a transaction."""
    rijen = [
        Signaalstatuswijziging(
            vroegsignaal=signaal, van=signaal.status, naar=naar, toelichting=reden, door=door
        )
        for signaal, naar, reden in wijzigingen
        if naar != signaal.status
    ]
    for rij in rijen:
        rij.vroegsignaal.status = rij.naar
    Vroegsignaal.objects.bulk_update([r.vroegsignaal for r in rijen], ["status"], batch_size=2000)
    return Signaalstatuswijziging.objects.bulk_create(rijen, batch_size=2000)


@transaction.atomic
def signaalstatus_wijzigen(
    *, signaal: Vroegsignaal, naar: str, door: User, toelichting: str
) -> Signaalstatuswijziging:
    """A worker overrides what a check decided: e.g. picks up a signal the threshold stopped
    ("nog niet opgepakt": the next matching run bundles it), or closes one the checks let
    through. Only for signals not yet in a case; the reason is mandatory."""
    toelichting = toelichting.strip()
    if not toelichting:
        raise ValidatieFout("Geef een toelichting: waarom wijkt u af van de controle?")
    if naar not in WIJZIGBAAR:
        raise ValidatieFout("Deze status kan hier niet gekozen worden.")
    signaal = Vroegsignaal.objects.select_for_update().get(pk=signaal.pk)
    if signaal.vroegsignaalzaak_id is not None:
        raise Conflict("Dit signaal hoort al bij een zaak; wijzig de zaak.")
    if signaal.status == naar:
        raise Conflict("Het signaal heeft deze status al.")
    if signaal.gecontroleerd_op is None:
        raise Conflict("De controles van dit signaal lopen nog; probeer het straks opnieuw.")
    (wijziging,) = signaalstatussen_zetten(
        [(signaal, naar, f"Handmatig: {toelichting}")], door=door
    )
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=signaal,
        gemeente=signaal.gemeente,
        omschrijving=f"Signaalstatus gewijzigd naar {naar}",
    )
    return wijziging
