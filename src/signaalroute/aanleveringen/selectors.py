from django.db.models import QuerySet

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.core.exceptions import NietGevonden
from signaalroute.gemeenten.selectors import gemeenten_voor
from signaalroute.vroegsignaalzaken.selectors import zaken_voor

from .models import Aanlevering, Aanleverregel, Vroegsignaal


def aanleveringen_voor(user: User) -> QuerySet[Aanlevering]:
    """A partner user sees the deliveries of their own organisation only (not the lists a
    municipality imported itself from it); coordinators and functional administrators see the
    lists their municipalities imported (CAK, bronheffing)."""
    if user.heeft_rol(Rol.PARTNERGEBRUIKER) and user.signaalpartner_id:
        return Aanlevering.objects.filter(
            signaalpartner_id=user.signaalpartner_id, gemeente__isnull=True
        )
    if user.heeft_rol(Rol.COORDINATOR, Rol.FUNCTIONEEL_BEHEERDER):
        return Aanlevering.objects.filter(gemeente__in=gemeenten_voor(user))
    return Aanlevering.objects.none()


def aanlevering_overzicht(user: User) -> QuerySet[Aanlevering]:
    return aanleveringen_voor(user).select_related("signaalpartner", "aangeleverd_door")


def vroegsignalen_voor(user: User) -> QuerySet[Vroegsignaal]:
    """Signals visible to `user`: partners their own; case handlers those of visible cases."""
    if user.heeft_rol(Rol.PARTNERGEBRUIKER) and user.signaalpartner_id:
        return Vroegsignaal.objects.filter(signaalpartner_id=user.signaalpartner_id)
    if user.heeft_rol(Rol.COORDINATOR, Rol.VROEGSIGNALEERDER, Rol.EXTERNE_UITVOERDER):
        return Vroegsignaal.objects.filter(vroegsignaalzaak__in=zaken_voor(user))
    return Vroegsignaal.objects.none()


def aanlevering_ophalen(*, user: User, uuid) -> Aanlevering:
    aanlevering = aanlevering_overzicht(user).filter(uuid=uuid).first()
    if aanlevering is None:
        raise NietGevonden
    return aanlevering


def regels_met_meldingen(aanlevering: Aanlevering) -> QuerySet[Aanleverregel]:
    """Rows that were rejected or accepted with warnings (accepted rows without findings are
    the delivery's stored signals)."""
    return aanlevering.regels.select_related("gemeente", "vroegsignaal").order_by("regelnummer")


def aanlevering_samenvatting(aanlevering: Aanlevering) -> dict:
    """The summary the command line prints and the API returns. `accepted` counts every stored
    signal (with or without warnings); `warnings` those of them with warnings."""
    opgeslagen = aanlevering.aantal_geaccepteerd + aanlevering.aantal_met_waarschuwing
    return {
        "aanlevering": str(aanlevering.uuid),
        "status": aanlevering.status,
        "total": aanlevering.aantal_rijen,
        "accepted": opgeslagen,
        "warnings": aanlevering.aantal_met_waarschuwing,
        "rejected": aanlevering.aantal_afgewezen,
        "emptyRowsSkipped": aanlevering.aantal_lege_regels,
        "perGemeente": aanlevering.per_gemeente,
        "foutmelding": aanlevering.foutmelding,
    }


RAPPORT_KOLOMMEN = ["regelnummer", "status", "meldingcodes", "meldingen"]


def afwijzingsrapport(aanlevering: Aanlevering) -> tuple[list[str], list[list]]:
    """Columns and rows of the rejection report: every row with findings, its reasons, and
    the data as delivered so the partner can correct and re-deliver it."""
    regels = list(regels_met_meldingen(aanlevering))
    velden: list[str] = []
    for regel in regels:
        velden.extend(v for v in regel.gegevens if v not in velden)
    rijen = [
        [
            regel.regelnummer,
            regel.get_status_display(),
            ", ".join(m["code"] for m in regel.meldingen),
            " | ".join(m["bericht"] for m in regel.meldingen),
            *(regel.gegevens.get(v, "") for v in velden),
        ]
        for regel in regels
    ]
    return [*RAPPORT_KOLOMMEN, *velden], rijen
