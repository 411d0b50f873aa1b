from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.core.exceptions import NietGevonden
from signaalroute.gemeenten.models import Gemeente
from signaalroute.gemeenten.selectors import gemeenten_voor

from .constants import CONTROLESTATUSSEN, Zaakfase
from .models import Signaalstatuswijziging, Vroegsignaalzaak


def zaken_voor(user: User) -> QuerySet[Vroegsignaalzaak]:
    """Cases `user` may see: case handlers of the municipality; external executors only the
    cases assigned to their team. Administrators, auditors and partners see no case data."""
    if user.heeft_rol(Rol.COORDINATOR, Rol.VROEGSIGNALEERDER):
        return Vroegsignaalzaak.objects.filter(gemeente__in=gemeenten_voor(user))
    if user.heeft_rol(Rol.EXTERNE_UITVOERDER) and user.team_id:
        return Vroegsignaalzaak.objects.filter(
            gemeente__in=gemeenten_voor(user), team_id=user.team_id
        )
    return Vroegsignaalzaak.objects.none()


def werkvoorraad(user: User) -> QuerySet[Vroegsignaalzaak]:
    """Open cases: the worker's own first, then those of the team nobody has picked up."""
    qs = zaken_voor(user).exclude(fase=Zaakfase.AFGESLOTEN)
    if user.rol == Rol.VROEGSIGNALEERDER:
        eigen = Q(behandelaar=user)
        if user.team_id:
            eigen |= Q(team_id=user.team_id, behandelaar__isnull=True)
        qs = qs.filter(eigen)
    return (
        qs.select_related("gemeente", "team", "behandelaar", "wijk")
        .annotate(aantal_signalen=Count("vroegsignalen"), totaalbedrag=Sum("vroegsignalen__bedrag"))
        .order_by("-crisis", "matchingsdatum", "referentie")
    )


def zaak_ophalen(*, user: User, uuid) -> Vroegsignaalzaak:
    zaak = (
        zaken_voor(user)
        .select_related("gemeente", "team", "behandelaar", "wijk")
        .prefetch_related(
            Prefetch(
                "vroegsignalen",
                queryset=Vroegsignaal.objects.select_related("signaalpartner").order_by(
                    "signaaldatum"
                ),
            ),
            "contactpogingen",
            "historie",
        )
        .filter(uuid=uuid)
        .first()
    )
    if zaak is None:
        raise NietGevonden
    return zaak


def zaken_per_gemeente(user: User) -> QuerySet[Gemeente]:
    """Coordinator's overview: counts per municipality."""
    zaken = zaken_voor(user)
    return gemeenten_voor(user).annotate(
        open_zaken=Count("zaken", filter=Q(zaken__in=zaken) & ~Q(zaken__fase=Zaakfase.AFGESLOTEN)),
        nieuw=Count("zaken", filter=Q(zaken__in=zaken, zaken__fase=Zaakfase.NIEUW)),
        zonder_behandelaar=Count(
            "zaken",
            filter=Q(zaken__in=zaken, zaken__behandelaar__isnull=True)
            & ~Q(zaken__fase=Zaakfase.AFGESLOTEN),
        ),
        crisis=Count(
            "zaken",
            filter=Q(zaken__in=zaken, zaken__crisis=True) & ~Q(zaken__fase=Zaakfase.AFGESLOTEN),
        ),
    )


def losse_signalen_voor(user: User) -> QuerySet[Vroegsignaal]:
    """Signals of the user's municipalities that are not in a case: waiting for matching, or
    held back by a check. Case handlers of the municipality only (not external executors)."""
    if not user.heeft_rol(Rol.COORDINATOR, Rol.VROEGSIGNALEERDER):
        return Vroegsignaal.objects.none()
    return Vroegsignaal.objects.filter(
        gemeente__in=gemeenten_voor(user), vroegsignaalzaak__isnull=True
    )


def losse_signalen(user: User, *, status: str = "") -> QuerySet[Vroegsignaal]:
    """The signals page: by default those a check held back, newest first."""
    qs = losse_signalen_voor(user)
    qs = qs.filter(status=status) if status else qs.filter(status__in=CONTROLESTATUSSEN)
    return qs.select_related("gemeente", "signaalpartner").order_by("-signaaldatum", "-id")


def signaal_ophalen(*, user: User, uuid) -> Vroegsignaal:
    signaal = (
        losse_signalen_voor(user)
        .select_related("gemeente", "signaalpartner", "brpcontrole")
        .prefetch_related("statushistorie__door")
        .filter(uuid=uuid)
        .first()
    )
    if signaal is None:
        raise NietGevonden
    return signaal


def laatste_statusredenen(signaal_ids: list[int]) -> list[tuple[int, str]]:
    """(signal id, reason of its latest status change) for a page of signals."""
    laatste = {}
    for sid, toelichting in (
        Signaalstatuswijziging.objects.filter(vroegsignaal__in=signaal_ids)
        .order_by("op", "id")
        .values_list("vroegsignaal_id", "toelichting")
    ):
        laatste[sid] = toelichting
    return list(laatste.items())
