"""Debt development reported back by the partner (BRIEF §7): some months after the feedback,
how the arrears on a signal developed. Append-only: a partner reports again with a later
peildatum; a report is never edited.

Every report arrives in a batch (a CSV upload in the portal or one API call); the batch keeps
every rejected row with its reasons, so nothing a partner sent is lost."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import AppendOnlyModel, PublicIdModel
from signaalroute.gemeenten.models import Gemeente
from signaalroute.signaalpartners.models import Partnersleutel, Signaalpartner

__all__ = [
    "Schuldontwikkeling",
    "Schuldontwikkelingbatch",
    "Schuldontwikkelingcode",
    "Schuldontwikkelingkanaal",
]


class Schuldontwikkelingcode(models.TextChoices):
    GEGROEID = "gegroeid", _("Achterstand gegroeid")
    DEURWAARDER = "deurwaarder", _("Uit handen gegeven aan deurwaarder")
    BETAALD_NIEUWE_ACHTERSTAND = "betaald_nieuwe_achterstand", _("Betaald, maar nieuwe achterstand")
    VERMINDERD = "verminderd", _("Achterstand verminderd")
    REGELING = "regeling", _("Betalingsregeling getroffen")
    GEEN_ACHTERSTAND = "geen_achterstand", _("Geen achterstand meer")


class Schuldontwikkelingkanaal(models.TextChoices):
    UPLOAD = "upload", _("Upload in het portaal")
    API = "api", _("API")


class Schuldontwikkelingbatch(PublicIdModel):
    """One upload or API call with reports; counts and every rejected row with its reasons."""

    signaalpartner = models.ForeignKey(
        Signaalpartner,
        on_delete=models.CASCADE,
        related_name="schuldontwikkelingbatches",
        verbose_name=_("signaalpartner"),
    )
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Schuldontwikkelingkanaal.choices)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeld door"),
    )
    partnersleutel = models.ForeignKey(
        Partnersleutel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partnersleutel"),
    )
    ontvangen_op = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    aantal_rijen = models.PositiveIntegerField(_("aantal rijen"), default=0)
    aantal_geaccepteerd = models.PositiveIntegerField(_("geaccepteerd"), default=0)
    aantal_al_gemeld = models.PositiveIntegerField(
        _("al eerder gemeld"),
        default=0,
        help_text=_("Rijen die precies zo al gemeld waren: niet opnieuw vastgelegd."),
    )
    aantal_afgewezen = models.PositiveIntegerField(_("afgewezen"), default=0)
    afgewezen = models.JSONField(
        _("afgewezen rijen"),
        default=list,
        blank=True,
        help_text=_("Per afgewezen rij: regelnummer, de gegevens zoals aangeleverd en de redenen."),
    )

    class Meta:
        verbose_name = _("melding schuldontwikkeling")
        verbose_name_plural = _("meldingen schuldontwikkeling")
        ordering = ["-ontvangen_op"]

    def __str__(self) -> str:
        return f"{self.signaalpartner} {self.ontvangen_op:%Y-%m-%d %H:%M}"


class Schuldontwikkeling(PublicIdModel, AppendOnlyModel):
    """How the arrears of one signal stood on `peildatum`, as the partner reports it."""

    vroegsignaal = models.ForeignKey(
        "aanleveringen.Vroegsignaal",
        on_delete=models.CASCADE,
        related_name="schuldontwikkelingen",
        verbose_name=_("vroegsignaal"),
    )
    signaalpartner = models.ForeignKey(
        Signaalpartner,
        on_delete=models.PROTECT,
        related_name="schuldontwikkelingen",
        verbose_name=_("signaalpartner"),
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    batch = models.ForeignKey(
        Schuldontwikkelingbatch,
        on_delete=models.PROTECT,
        related_name="schuldontwikkelingen",
        verbose_name=_("melding"),
    )
    code = models.CharField(
        _("ontwikkeling"), max_length=30, choices=Schuldontwikkelingcode.choices
    )
    peildatum = models.DateField(_("peildatum"))
    bedrag = models.PositiveIntegerField(
        _("achterstand op peildatum (centen)"), null=True, blank=True
    )
    kanaal = models.CharField(_("via"), max_length=10, choices=Schuldontwikkelingkanaal.choices)
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeld door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("schuldontwikkeling")
        verbose_name_plural = _("schuldontwikkelingen")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vroegsignaal", "peildatum"], name="schuldontwikkeling_een_per_peildatum"
            ),
        ]
        indexes = [
            models.Index(fields=["gemeente", "peildatum"], name="schuldontwikkeling_gemeente"),
        ]

    def __str__(self) -> str:
        return f"Schuldontwikkeling {self.pk}: {self.code}"
