"""Reads of household matching."""

from django.db.models import QuerySet

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.gemeenten.models import Gemeente
from signaalroute.vroegsignaalzaken.constants import Signaalstatus

from .models import Huishoudkenmerken, Matchinginstellingen


def matchinginstellingen_van(*, gemeente: Gemeente) -> Matchinginstellingen:
    """The municipality's settings, or the defaults (unsaved) when it has none."""
    instellingen = Matchinginstellingen.objects.filter(gemeente=gemeente).first()
    return instellingen or Matchinginstellingen(gemeente=gemeente)


def ongematchte_signalen(*, gemeente: Gemeente) -> QuerySet[Vroegsignaal]:
    """Signals of the municipality that are still to be bundled into a case."""
    return Vroegsignaal.objects.filter(
        gemeente=gemeente,
        vroegsignaalzaak__isnull=True,
        status=Signaalstatus.NOG_NIET_OPGEPAKT,
        rechtspersoon=False,
    )


def huishoudkenmerken_lijst(*, gemeente: Gemeente) -> QuerySet[Huishoudkenmerken]:
    return Huishoudkenmerken.objects.filter(vroegsignaalzaak__gemeente=gemeente).select_related(
        "vroegsignaalzaak"
    )


def brp_controlebakje(user) -> QuerySet:
    """BRP drop-outs a case handler of the municipality must look at (never another
    municipality's BRP answers)."""
    from signaalroute.accounts.constants import Rol
    from signaalroute.gemeenten.selectors import gemeenten_voor

    from .models import Brpcontrole

    if not user.heeft_rol(Rol.COORDINATOR, Rol.VROEGSIGNALEERDER):
        return Brpcontrole.objects.none()
    return (
        Brpcontrole.objects.filter(naar_controle=True, gemeente__in=gemeenten_voor(user))
        .select_related("vroegsignaal__signaalpartner", "gemeente")
        .order_by("uitgevoerd_op", "id")
    )
