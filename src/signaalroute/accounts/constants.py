from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    PLATFORMBEHEERDER = "platformbeheerder", _("Platformbeheerder")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")
    COORDINATOR = "coordinator", _("Coördinator")
    VROEGSIGNALEERDER = "vroegsignaleerder", _("Vroegsignaleerder")
    EXTERNE_UITVOERDER = "externe_uitvoerder", _("Externe uitvoerder")
    PARTNERGEBRUIKER = "partnergebruiker", _("Partnergebruiker")
    AUDITOR = "auditor", _("Auditor")


# Roles that work for an executing organisation (and so see its municipalities' data).
ORGANISATIEROLLEN = frozenset(
    {
        Rol.FUNCTIONEEL_BEHEERDER,
        Rol.COORDINATOR,
        Rol.VROEGSIGNALEERDER,
        Rol.EXTERNE_UITVOERDER,
        Rol.AUDITOR,
    }
)
# Roles that handle cases.
BEHANDELROLLEN = frozenset({Rol.COORDINATOR, Rol.VROEGSIGNALEERDER, Rol.EXTERNE_UITVOERDER})
