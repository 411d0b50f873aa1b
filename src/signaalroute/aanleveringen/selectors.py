from django.db.models import QuerySet

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.vroegsignaalzaken.selectors import zaken_voor

from .models import Aanlevering, Vroegsignaal


def aanleveringen_voor(user: User) -> QuerySet[Aanlevering]:
    """A partner user sees the deliveries of their own organisation only."""
    if user.heeft_rol(Rol.PARTNERGEBRUIKER) and user.signaalpartner_id:
        return Aanlevering.objects.filter(signaalpartner_id=user.signaalpartner_id)
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
