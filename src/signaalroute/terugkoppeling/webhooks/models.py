"""Webhook subscriptions of a partner and the delivery of each event to each subscription.

Imported at the bottom of `terugkoppeling/models.py`, so the models belong to that app."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import PublicIdModel
from signaalroute.gemeenten.models import Gemeente
from signaalroute.signaalpartners.models import Signaalpartner

from .constants import MAX_FOUT, MAX_URL, Afleverstatus

__all__ = ["Webhookabonnement", "Webhookaflevering"]


class Webhookabonnement(PublicIdModel):
    """An endpoint of a partner that receives its feedback events. The signing secret is
    shown once, when the subscription is made; it is kept because every delivery is signed
    with it. An ended subscription stays (with who/when/why) and receives nothing."""

    signaalpartner = models.ForeignKey(
        Signaalpartner,
        on_delete=models.CASCADE,
        related_name="webhookabonnementen",
        verbose_name=_("signaalpartner"),
    )
    url = models.URLField(_("adres (URL)"), max_length=MAX_URL)
    omschrijving = models.CharField(_("omschrijving"), max_length=100, blank=True)
    geheim = models.CharField(_("ondertekeningsgeheim"), max_length=100, editable=False)
    bearer_token = models.CharField(
        _("bearer-token"),
        max_length=500,
        blank=True,
        help_text=_("Meegestuurd als Authorization: Bearer, als uw ontvanger dat verwacht."),
    )
    gemeenten = models.ManyToManyField(
        Gemeente,
        blank=True,
        related_name="+",
        verbose_name=_("alleen voor gemeenten"),
        help_text=_("Leeg: terugkoppeling uit alle gemeenten."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    beeindigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beëindigd door"),
        help_text=_("Leeg bij een beëindigd abonnement: beëindigd door het systeem."),
    )
    reden_beeindiging = models.CharField(_("reden van beëindiging"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("webhookabonnement")
        verbose_name_plural = _("webhookabonnementen")
        ordering = ["-aangemaakt_op"]
        indexes = [
            models.Index(fields=["signaalpartner", "beeindigd_op"], name="webhookabonnement_actief")
        ]
        constraints = [
            models.CheckConstraint(
                name="webhookabonnement_reden_bij_einde",
                condition=models.Q(beeindigd_op__isnull=True, reden_beeindiging="")
                | (models.Q(beeindigd_op__isnull=False) & ~models.Q(reden_beeindiging="")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.signaalpartner} · {self.omschrijving or self.uuid}"

    @property
    def actief(self) -> bool:
        return self.beeindigd_op is None


class Webhookaflevering(PublicIdModel):
    """One event (one feedback row) to one subscription: its state, attempts and the last
    answer. The last error holds only our own words (status, kind of failure), never the
    receiver's body or anything from the event."""

    abonnement = models.ForeignKey(
        Webhookabonnement,
        on_delete=models.CASCADE,
        related_name="afleveringen",
        verbose_name=_("abonnement"),
    )
    terugkoppeling = models.ForeignKey(
        "terugkoppeling.Terugkoppeling",
        on_delete=models.CASCADE,
        related_name="webhookafleveringen",
        verbose_name=_("terugkoppeling"),
    )
    event_id = models.UUIDField(_("CloudEvent-id"))
    status = models.CharField(
        _("status"), max_length=20, choices=Afleverstatus.choices, default=Afleverstatus.GEPLAND
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging op"), null=True, blank=True)
    laatste_poging_op = models.DateTimeField(_("laatste poging op"), null=True, blank=True)
    laatste_http_status = models.PositiveSmallIntegerField(
        _("laatste HTTP-status"), null=True, blank=True
    )
    laatste_fout = models.CharField(_("laatste fout"), max_length=MAX_FOUT, blank=True)
    afgeleverd_op = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    # Which worker holds the delivery, until when (a crashed worker's claim runs out).
    claim = models.UUIDField(null=True, blank=True, editable=False)
    geclaimd_tot = models.DateTimeField(null=True, blank=True, editable=False)
    herleveringen = models.PositiveSmallIntegerField(_("keer opnieuw aangeboden"), default=0)
    herleverd_op = models.DateTimeField(_("opnieuw aangeboden op"), null=True, blank=True)
    herleverd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opnieuw aangeboden door"),
    )

    class Meta:
        verbose_name = _("webhookaflevering")
        verbose_name_plural = _("webhookafleveringen")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "volgende_poging_op"], name="webhookaflevering_te_doen"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["abonnement", "terugkoppeling"], name="webhookaflevering_eenmalig"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.abonnement_id}: {self.status}"
