from django.db.models import QuerySet

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User

from .models import Signaalpartner


def signaalpartners_voor(user: User) -> QuerySet[Signaalpartner]:
    """Partner organisations are public information (name, type, published criteria) for
    staff; a partner user sees only its own organisation."""
    if user.heeft_rol(Rol.PARTNERGEBRUIKER):
        return Signaalpartner.objects.filter(pk=user.signaalpartner_id)
    if user.is_authenticated and user.rol:
        return Signaalpartner.objects.filter(actief=True).prefetch_related("contactpersonen")
    return Signaalpartner.objects.none()
