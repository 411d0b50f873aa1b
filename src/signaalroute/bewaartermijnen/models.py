"""Retention per municipality and the report of every purge run."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import AppendOnlyModel, PublicIdModel
from signaalroute.gemeenten.models import Gemeente

from .constants import Opschoonsoort
from .rules import STANDAARD_MAANDEN, Bewaarbeleid


class Bewaarinstellingen(models.Model):
    """How long a municipality keeps personal data (BRIEF §4, *configurable*). Without a row
    the defaults apply."""

    gemeente = models.OneToOneField(
        Gemeente,
        on_delete=models.CASCADE,
        related_name="bewaarinstellingen",
        verbose_name=_("gemeente"),
    )
    zonder_hulp_maanden = models.PositiveSmallIntegerField(
        _("zaken zonder hulp: maanden na afsluiten"),
        default=STANDAARD_MAANDEN,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Daarna worden de persoonsgegevens van de zaak en haar signalen gewist."),
    )
    met_hulp_maanden = models.PositiveSmallIntegerField(
        _("zaken met hulp: maanden na afsluiten"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_(
            "Leeg: niet door Signaalroute gewist (het hulpdossier heeft een eigen bewaartermijn)."
        ),
    )
    tegengehouden_maanden = models.PositiveSmallIntegerField(
        _("signalen zonder zaak: maanden na ontvangst"),
        default=STANDAARD_MAANDEN,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Signalen die een controle tegenhield (drempel, herhaling, SHV, BRP)."),
    )
    brp_kandidaten_dagen = models.PositiveSmallIntegerField(
        _("BRP-kandidaten: dagen na de controle"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Medebewoners uit de BRP, zodra er niets meer te beoordelen is."),
    )
    shv_lijst_dagen = models.PositiveSmallIntegerField(
        _("SHV-lijst: dagen na inlezen"),
        null=True,
        blank=True,
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
        help_text=_("Een oudere lijst wordt verwijderd; lees de lijst dus vaker in. Leeg: nooit."),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("bewaarinstellingen")
        verbose_name_plural = _("bewaarinstellingen")

    def __str__(self) -> str:
        return f"Bewaartermijnen {self.gemeente}"

    def beleid(self, *, terugkijkperiode_maanden: int = 6) -> Bewaarbeleid:
        return Bewaarbeleid(
            zonder_hulp_maanden=self.zonder_hulp_maanden,
            met_hulp_maanden=self.met_hulp_maanden,
            tegengehouden_maanden=self.tegengehouden_maanden,
            brp_kandidaten_dagen=self.brp_kandidaten_dagen,
            shv_lijst_dagen=self.shv_lijst_dagen,
            terugkijkperiode_maanden=terugkijkperiode_maanden,
        )


class Opschoonrapport(PublicIdModel, AppendOnlyModel):
    """One purge run for one municipality (or, without one, the platform-wide files): when,
    under which cut-offs, a dry run or not, and how many rows of each kind. No personal data."""

    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), auto_now_add=True, db_index=True)
    peildatum = models.DateField(_("peildatum"))
    droog = models.BooleanField(_("proefdraai"), default=False)
    aantallen = models.JSONField(_("aantallen per soort"), default=dict, blank=True)
    grenzen = models.JSONField(_("grensdata"), default=dict, blank=True)
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gestart door"),
    )

    class Meta:
        verbose_name = _("opschoonrapport")
        verbose_name_plural = _("opschoonrapporten")
        ordering = ["-uitgevoerd_op", "-id"]

    def __str__(self) -> str:
        return f"Opschoonrapport {self.peildatum} {self.gemeente_id or 'platform'}"

    @property
    def totaal(self) -> int:
        return sum(self.aantallen.values())

    @property
    def regels(self) -> list[tuple[str, int]]:
        """(Dutch label, count) for every kind with a count, in the order of `Opschoonsoort`."""
        return [
            (s.label, self.aantallen[s.value]) for s in Opschoonsoort if self.aantallen.get(s.value)
        ]
