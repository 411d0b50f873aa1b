from django.db.models import Count, QuerySet

from signaalroute.accounts.constants import ORGANISATIEROLLEN, Rol
from signaalroute.accounts.models import User

from .models import Gemeente, Postcodegebied, Team, Uitvoeringsorganisatie


def gemeenten_voor(user: User) -> QuerySet[Gemeente]:
    """The municipalities whose data `user` may work with. The one place tenancy starts."""
    if not user.is_authenticated or not user.is_active:
        return Gemeente.objects.none()
    if user.rol == Rol.PLATFORMBEHEERDER:
        return Gemeente.objects.all()
    if user.rol in ORGANISATIEROLLEN and user.uitvoeringsorganisatie_id:
        qs = Gemeente.objects.filter(uitvoeringsorganisatie_id=user.uitvoeringsorganisatie_id)
        beperkt = user.gemeenten.values_list("pk", flat=True)
        if beperkt.exists():
            qs = qs.filter(pk__in=beperkt)
        return qs
    return Gemeente.objects.none()


def uitvoeringsorganisaties_voor(user: User) -> QuerySet[Uitvoeringsorganisatie]:
    if user.rol == Rol.PLATFORMBEHEERDER:
        return Uitvoeringsorganisatie.objects.all()
    return Uitvoeringsorganisatie.objects.filter(pk=user.uitvoeringsorganisatie_id)


def gemeenten_overzicht(user: User) -> QuerySet[Gemeente]:
    return (
        gemeenten_voor(user)
        .select_related("uitvoeringsorganisatie")
        .annotate(aantal_wijken=Count("wijken", distinct=True))
        .annotate(aantal_postcodes=Count("postcodes", distinct=True))
    )


def teams_voor(user: User) -> QuerySet[Team]:
    return (
        Team.objects.filter(uitvoeringsorganisatie__in=uitvoeringsorganisaties_voor(user))
        .prefetch_related("wijken")
        .annotate(aantal_leden=Count("leden", distinct=True))
    )


def postcodegebied_zoeken(postcode: str) -> Postcodegebied | None:
    """Route a (normalised) postcode: the PC6 entry wins, else the PC4 entry."""
    kandidaten = {postcode, postcode[:4]}
    gevonden = {
        p.postcode: p
        for p in Postcodegebied.objects.select_related("gemeente", "wijk").filter(
            postcode__in=kandidaten
        )
    }
    return gevonden.get(postcode) or gevonden.get(postcode[:4])
