"""Feedback to partners: one append-only row per change of what a partner may know about its
signal. The row id is the partner's cursor (`GET` feedback since a cursor)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import AppendOnlyModel, PublicIdModel
from signaalroute.gemeenten.models import Gemeente
from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.signaalpartners.models import Signaalpartner

from .constants import Terugkoppelcode, Terugkoppelmoment

STANDAARD_BETALINGSPAUZE_DAGEN = 30


class Terugkoppeling(PublicIdModel, AppendOnlyModel):
    vroegsignaal = models.ForeignKey(
        "aanleveringen.Vroegsignaal",
        on_delete=models.CASCADE,
        related_name="terugkoppelingen",
        verbose_name=_("vroegsignaal"),
    )
    signaalpartner = models.ForeignKey(
        Signaalpartner,
        on_delete=models.PROTECT,
        related_name="terugkoppelingen",
        verbose_name=_("signaalpartner"),
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    code = models.CharField(_("code"), max_length=30, choices=Terugkoppelcode.choices)
    moment = models.CharField(_("moment"), max_length=20, choices=Terugkoppelmoment.choices)
    betalingspauze_tot = models.DateField(
        _("incassopauze tot en met"),
        null=True,
        blank=True,
        help_text=_("Bij hulp geaccepteerd: tot wanneer de partner de incasso pauzeert."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("terugkoppeling")
        verbose_name_plural = _("terugkoppelingen")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["signaalpartner", "id"], name="terugkoppeling_cursor"),
            models.Index(fields=["vroegsignaal", "id"], name="terugkoppeling_signaal"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["vroegsignaal"],
                condition=models.Q(moment=Terugkoppelmoment.TERMIJN),
                name="terugkoppeling_tussenstand_eenmalig",
            )
        ]

    def __str__(self) -> str:
        return f"Terugkoppeling {self.pk}: {self.code}"


class Betalingspauze(models.Model):
    """How long a partner type pauses collection after help is accepted (default 30 days)."""

    soort = models.CharField(
        _("soort partner"), max_length=30, choices=Signaalpartnersoort.choices, unique=True
    )
    dagen = models.PositiveSmallIntegerField(_("dagen"), default=STANDAARD_BETALINGSPAUZE_DAGEN)

    class Meta:
        verbose_name = _("incassopauze")
        verbose_name_plural = _("incassopauzes")

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.dagen} dagen"


from .schuld import *  # noqa: E402,F401,F403
from .webhooks.models import *  # noqa: E402,F401,F403
