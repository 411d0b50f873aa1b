from django.db.models import Q, QuerySet

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.gemeenten.models import Gemeente
from signaalroute.gemeenten.selectors import gemeenten_voor

from .models import Bewaarinstellingen, Opschoonrapport


def opschoonrapporten_voor(user: User) -> QuerySet[Opschoonrapport]:
    """The reports of the user's municipalities; the platform-wide ones (files) only for the
    platform administrator. Reports hold counts only."""
    gemeenten = gemeenten_voor(user)
    if user.heeft_rol(Rol.PLATFORMBEHEERDER):
        qs = Opschoonrapport.objects.filter(Q(gemeente__in=gemeenten) | Q(gemeente__isnull=True))
    elif user.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER, Rol.AUDITOR):
        qs = Opschoonrapport.objects.filter(gemeente__in=gemeenten)
    else:
        qs = Opschoonrapport.objects.none()
    return qs.select_related("gemeente")


def bewaarinstellingen_voor(user: User) -> list[tuple[Gemeente, Bewaarinstellingen]]:
    """Per municipality of the user its retention settings (unsaved defaults when none)."""
    gemeenten = list(gemeenten_voor(user).order_by("naam"))
    opgeslagen = {
        b.gemeente_id: b for b in Bewaarinstellingen.objects.filter(gemeente__in=gemeenten)
    }
    return [(g, opgeslagen.get(g.pk) or Bewaarinstellingen(gemeente=g)) for g in gemeenten]
