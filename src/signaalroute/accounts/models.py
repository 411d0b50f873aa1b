"""Users with exactly one role, bound to the organisation whose data they may see."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from signaalroute.gemeenten.models import Gemeente, Team, Uitvoeringsorganisatie
from signaalroute.signaalpartners.models import Signaalpartner

from .constants import ORGANISATIEROLLEN, Rol


class User(AbstractUser):
    rol = models.CharField(_("rol"), max_length=30, choices=Rol.choices)
    uitvoeringsorganisatie = models.ForeignKey(
        Uitvoeringsorganisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medewerkers",
        verbose_name=_("uitvoeringsorganisatie"),
    )
    gemeenten = models.ManyToManyField(
        Gemeente,
        blank=True,
        related_name="+",
        verbose_name=_("beperkt tot gemeenten"),
        help_text=_("Leeg: alle gemeenten van de uitvoeringsorganisatie."),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leden",
        verbose_name=_("team"),
    )
    signaalpartner = models.ForeignKey(
        Signaalpartner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebruikers",
        verbose_name=_("signaalpartner"),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                name="partnergebruiker_heeft_partner",
                condition=~Q(rol=Rol.PARTNERGEBRUIKER)
                | (Q(signaalpartner__isnull=False) & Q(uitvoeringsorganisatie__isnull=True)),
            ),
            models.CheckConstraint(
                name="alleen_partnergebruiker_heeft_partner",
                condition=Q(rol=Rol.PARTNERGEBRUIKER) | Q(signaalpartner__isnull=True),
            ),
            models.CheckConstraint(
                name="organisatierol_heeft_organisatie",
                condition=~Q(rol__in=sorted(ORGANISATIEROLLEN))
                | Q(uitvoeringsorganisatie__isnull=False),
            ),
            models.CheckConstraint(
                name="externe_uitvoerder_heeft_team",
                condition=~Q(rol=Rol.EXTERNE_UITVOERDER) | Q(team__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def heeft_rol(self, *rollen: str) -> bool:
        return self.is_authenticated and self.is_active and self.rol in rollen
