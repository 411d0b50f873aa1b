from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.core.exceptions import NietGevonden
from signaalroute.gemeenten.models import Gemeente
from signaalroute.gemeenten.selectors import gemeenten_voor

from .constants import Zaakfase
from .models import Vroegsignaalzaak


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
