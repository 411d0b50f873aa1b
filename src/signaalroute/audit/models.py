"""The audit log: who looked at or changed which personal data, when. Append-only.

An entry names the object by type and UUID, never by its personal data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import AppendOnlyModel
from signaalroute.gemeenten.models import Gemeente, Uitvoeringsorganisatie

from .constants import Auditactie


class Auditregel(AppendOnlyModel):
    op = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    actie = models.CharField(_("actie"), max_length=30, choices=Auditactie.choices)
    objecttype = models.CharField(_("objecttype"), max_length=60, blank=True)
    object_uuid = models.UUIDField(_("object-UUID"), null=True, blank=True)
    uitvoeringsorganisatie = models.ForeignKey(
        Uitvoeringsorganisatie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitvoeringsorganisatie"),
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        ordering = ["-op", "-id"]

    def __str__(self) -> str:
        return f"{self.op:%Y-%m-%d %H:%M} {self.gebruikersnaam} {self.actie}"
