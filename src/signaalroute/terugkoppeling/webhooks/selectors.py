"""What a partner user may see of webhooks: its own organisation's, never another's."""

from django.db.models import QuerySet

from signaalroute.accounts.constants import Rol
from signaalroute.core.exceptions import NietGevonden

from .constants import Afleverstatus
from .models import Webhookabonnement, Webhookaflevering


def _partner_id(user) -> int | None:
    if user.heeft_rol(Rol.PARTNERGEBRUIKER) and user.signaalpartner_id:
        return user.signaalpartner_id
    return None


def abonnementen_voor(user) -> QuerySet[Webhookabonnement]:
    partner = _partner_id(user)
    if partner is None:
        return Webhookabonnement.objects.none()
    return Webhookabonnement.objects.filter(signaalpartner_id=partner).prefetch_related("gemeenten")


def afleveringen_voor(user) -> QuerySet[Webhookaflevering]:
    partner = _partner_id(user)
    if partner is None:
        return Webhookaflevering.objects.none()
    return Webhookaflevering.objects.filter(abonnement__signaalpartner_id=partner).select_related(
        "abonnement", "terugkoppeling"
    )


def dead_letters_voor(user) -> QuerySet[Webhookaflevering]:
    return afleveringen_voor(user).filter(status=Afleverstatus.DEAD_LETTER)


def abonnement_ophalen(*, user, uuid) -> Webhookabonnement:
    abonnement = abonnementen_voor(user).filter(uuid=uuid).first()
    if abonnement is None:
        raise NietGevonden
    return abonnement


def aflevering_ophalen(*, user, uuid) -> Webhookaflevering:
    aflevering = afleveringen_voor(user).filter(uuid=uuid).first()
    if aflevering is None:
        raise NietGevonden
    return aflevering
