"""The local SMS gateway double's received messages (only used when SMS_LOKAAL is on)."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import MAX_AFZENDER, MAX_REFERENTIE, MAX_STATUS_URL, Berichtstatus


class LokaalSmsBericht(models.Model):
    """A message the local double accepted, as a real gateway would hold it. Fictitious in
    tests; in a demo it holds what the demo sent, so it is not shown in the admin."""

    uuid = models.UUIDField(_("gateway-id"), default=uuid.uuid4, unique=True, editable=False)
    referentie = models.CharField(_("referentie"), max_length=MAX_REFERENTIE, unique=True)
    naar = models.CharField(_("naar"), max_length=16)
    afzender = models.CharField(_("afzender"), max_length=MAX_AFZENDER)
    tekst = models.TextField(_("tekst"))
    status_url = models.CharField(_("status-URL"), max_length=MAX_STATUS_URL, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Berichtstatus.choices,
        default=Berichtstatus.GEACCEPTEERD,
    )
    reden = models.CharField(_("reden"), max_length=100, blank=True)
    ontvangen_op = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    rapport_verstuurd_op = models.DateTimeField(_("rapport verstuurd op"), null=True, blank=True)
    rapport_pogingen = models.PositiveIntegerField(_("rapportpogingen"), default=0)

    class Meta:
        verbose_name = _("lokaal sms-bericht")
        verbose_name_plural = _("lokale sms-berichten")
        ordering = ("id",)

    def __str__(self) -> str:
        return f"sms {self.uuid} ({self.status})"  # never the number or the text
