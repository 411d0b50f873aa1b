from django.db.models import Q, QuerySet

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.gemeenten.selectors import gemeenten_voor

from .models import Auditregel


def auditregels_voor(user: User) -> QuerySet[Auditregel]:
    """Auditors read the log of their own executing organisation; platform administrators all."""
    if user.heeft_rol(Rol.PLATFORMBEHEERDER):
        qs = Auditregel.objects.all()
    elif user.heeft_rol(Rol.AUDITOR) and user.uitvoeringsorganisatie_id:
        qs = Auditregel.objects.filter(uitvoeringsorganisatie_id=user.uitvoeringsorganisatie_id)
        if user.gemeenten.exists():  # an auditor restricted to some municipalities
            qs = qs.filter(Q(gemeente__in=gemeenten_voor(user)) | Q(gemeente__isnull=True))
    else:
        qs = Auditregel.objects.none()
    return qs.select_related("gebruiker", "gemeente")
