"""Which municipalities a user may see figures of. Tenancy starts in
`gemeenten.selectors.gemeenten_voor`; reporting narrows it to the reporting roles."""

from django.db.models import QuerySet

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.gemeenten.models import Gemeente
from signaalroute.gemeenten.selectors import gemeenten_voor

# Coordinators steer the work, functional administrators set capacity, triage and deadlines:
# both need the figures of their organisation's municipalities. Case workers and external
# executors work cases, not the municipality's management information; auditors check the
# audit log (their role sees no case data at all); partners get feedback per signal only.
RAPPORTEURS = (Rol.COORDINATOR, Rol.FUNCTIONEEL_BEHEERDER)
# The platform administrator of a host serving many municipalities: aggregates over all of
# them with small cells suppressed, never the dashboard of one municipality.
PLATFORM = (Rol.PLATFORMBEHEERDER,)


def rapportagegemeenten(user: User) -> QuerySet[Gemeente]:
    """The municipalities whose dashboards `user` may open (none for other roles)."""
    if not user.heeft_rol(*RAPPORTEURS):
        return Gemeente.objects.none()
    return gemeenten_voor(user).select_related("uitvoeringsorganisatie").order_by("naam")


def platformgemeenten(user: User) -> QuerySet[Gemeente]:
    """Every municipality on the platform, for the platform-wide aggregates only."""
    if not user.heeft_rol(*PLATFORM):
        return Gemeente.objects.none()
    return Gemeente.objects.all()
