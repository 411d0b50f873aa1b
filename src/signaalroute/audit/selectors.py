import datetime
import uuid

from django.db.models import Q, QuerySet
from django.utils import timezone

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.gemeenten.models import Gemeente
from signaalroute.gemeenten.selectors import gemeenten_voor

from .models import Auditregel
from .services import zaak_pseudoniem


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


def _begin_van(dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))


def auditregels_zoeken(
    user: User,
    *,
    van: datetime.date | None = None,
    tot: datetime.date | None = None,
    gebruiker: str = "",
    actie: str = "",
    activiteit: str = "",
    gemeente: Gemeente | None = None,
    object_uuid: uuid.UUID | None = None,
    betrokkene: str = "",
) -> QuerySet[Auditregel]:
    """The rows `user` may read that match every filter given. `object_uuid` finds the rows
    about the object and, for a case, the rows about anything in it (by the case pseudonym);
    `betrokkene` is a pseudonym (`services.bsn_pseudoniem`)."""
    qs = auditregels_voor(user)
    if van:
        qs = qs.filter(op__gte=_begin_van(van))
    if tot:
        qs = qs.filter(op__lt=_begin_van(tot + datetime.timedelta(days=1)))
    if gebruiker:
        qs = qs.filter(gebruikersnaam__iexact=gebruiker)
    if actie:
        qs = qs.filter(actie=actie)
    if activiteit:
        qs = qs.filter(verwerkingsactiviteit=activiteit)
    if gemeente is not None:
        qs = qs.filter(gemeente=gemeente)
    if object_uuid:
        qs = qs.filter(
            Q(object_uuid=object_uuid) | Q(betrokkenen__contains=zaak_pseudoniem(object_uuid))
        )
    if betrokkene:
        qs = qs.filter(betrokkenen__contains=betrokkene)
    return qs
