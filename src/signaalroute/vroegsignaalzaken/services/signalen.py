"""Changing a signal's DDAS status: by the checks after intake (in bulk), and by a worker who
overrides a check (one signal, with a reason). Every change leaves a history row."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import Conflict, ValidatieFout
from signaalroute.gemeenten.models import Team
from signaalroute.gemeenten.selectors import gemeenten_voor
from signaalroute.terugkoppeling.services import terugkoppelingen_bijwerken

from ..constants import CONTROLESTATUSSEN, Signaalstatus, Zaakfase
from ..models import Signaalstatuswijziging, Vroegsignaalzaak, Zaakwijziging

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
    wijzigingen = Signaalstatuswijziging.objects.bulk_create(rijen, batch_size=2000)
    terugkoppelingen_bijwerken([r.vroegsignaal for r in rijen])
    return wijzigingen


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


@transaction.atomic
def zaken_toewijzen(
    *, zaken: list[Vroegsignaalzaak], behandelaar: User | None, door: User, team: Team | None = None
) -> int:
    """Assign cases to a worker (claiming: to oneself) and/or a team, with a history row per
    case. Closed cases are skipped. Returns how many cases changed."""
    if behandelaar is not None and not behandelaar.heeft_rol(
        Rol.COORDINATOR, Rol.VROEGSIGNALEERDER, Rol.EXTERNE_UITVOERDER
    ):
        raise ValidatieFout("Deze gebruiker behandelt geen zaken.")
    vergrendeld = list(
        Vroegsignaalzaak.objects.select_for_update()
        .filter(pk__in=[z.pk for z in zaken])
        .exclude(fase=Zaakfase.AFGESLOTEN)
        .select_related("gemeente")
    )
    toegestaan = (
        set(gemeenten_voor(behandelaar).values_list("pk", flat=True)) if behandelaar else set()
    )
    wijzigingen = []
    for zaak in vergrendeld:
        if behandelaar is not None and zaak.gemeente_id not in toegestaan:
            raise ValidatieFout("Deze medewerker werkt niet voor de gemeente van de zaak.")
        if team is not None and team.uitvoeringsorganisatie_id != (
            zaak.gemeente.uitvoeringsorganisatie_id
        ):
            raise ValidatieFout("Dit team werkt niet voor de gemeente van de zaak.")
        delen = []
        if team is not None and zaak.team_id != team.pk:
            zaak.team = team
            delen.append(f"team {team.naam}")
        if behandelaar is not None and zaak.behandelaar_id != behandelaar.pk:
            zaak.behandelaar = behandelaar
            delen.append(f"behandelaar {behandelaar.get_full_name() or behandelaar.username}")
        if delen:
            zaak.versie += 1
            wijzigingen.append(
                Zaakwijziging(
                    vroegsignaalzaak=zaak,
                    fase_van=zaak.fase,
                    fase_naar=zaak.fase,
                    toelichting="Toegewezen aan " + " en ".join(delen) + ".",
                    door=door,
                )
            )
    Vroegsignaalzaak.objects.bulk_update(
        [w.vroegsignaalzaak for w in wijzigingen],
        ["team", "behandelaar", "versie"],
        batch_size=500,
    )
    Zaakwijziging.objects.bulk_create(wijzigingen)
    for wijziging in wijzigingen:
        auditregel_vastleggen(
            actie=Auditactie.WIJZIGEN,
            gebruiker=door,
            object=wijziging.vroegsignaalzaak,
            gemeente=wijziging.vroegsignaalzaak.gemeente,
            omschrijving="Zaak toegewezen",
        )
    return len(wijzigingen)
