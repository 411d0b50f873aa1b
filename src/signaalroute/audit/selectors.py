from django.db.models import QuerySet

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User

from .models import Auditregel


def auditregels_voor(user: User) -> QuerySet[Auditregel]:
    """Auditors read the log of their own executing organisation; platform administrators all."""
    if user.heeft_rol(Rol.PLATFORMBEHEERDER):
        qs = Auditregel.objects.all()
    elif user.heeft_rol(Rol.AUDITOR) and user.uitvoeringsorganisatie_id:
        qs = Auditregel.objects.filter(uitvoeringsorganisatie_id=user.uitvoeringsorganisatie_id)
    else:
        qs = Auditregel.objects.none()
    return qs.select_related("gebruiker", "gemeente")
