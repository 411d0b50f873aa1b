"""The audit log and processing log (Logboek Dataverwerkingen): who looked at, exported or
changed which personal data, when, for which processing activity and purpose. Append-only and
tamper-evident: every row joins a hash chain (ADR 0028).

An entry names the object by type and UUID and the data subject by a pseudonym, never by its
personal data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import AppendOnlyModel
from signaalroute.gemeenten.models import Gemeente, Uitvoeringsorganisatie

from .constants import Auditactie, Verwerkingsactiviteit, Verwerkingsstatus


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

    # Logboek Dataverwerkingen (Logius): trace_id, operation_id, status_code and the
    # attributes dpl.core.processing_activity_id and dpl.core.data_subject_id.
    trace_id = models.CharField(_("trace-id"), max_length=32, blank=True, db_default="")
    operation_id = models.CharField(_("operation-id"), max_length=16, blank=True, db_default="")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Verwerkingsstatus.choices,
        default=Verwerkingsstatus.OK,
        db_default=Verwerkingsstatus.OK,
    )
    verwerkingsactiviteit = models.CharField(
        _("verwerkingsactiviteit"),
        max_length=40,
        choices=Verwerkingsactiviteit.choices,
        blank=True,
        db_default="",
    )
    doel = models.CharField(_("doel"), max_length=200, blank=True, db_default="")
    grondslag = models.CharField(_("grondslag"), max_length=200, blank=True, db_default="")
    betrokkenen = models.TextField(
        _("betrokkenen (pseudoniem)"),
        blank=True,
        db_default="",
        help_text=_("Sleutel-hashes van BSN of zaak, gescheiden door een spatie; nooit het BSN."),
    )

    # The hash chain, filled when the row is sealed just after its transaction commits.
    volgnummer = models.PositiveBigIntegerField(_("volgnummer"), null=True, blank=True)
    vorige_hash = models.CharField(_("vorige hash"), max_length=64, blank=True, db_default="")
    hash = models.CharField(_("hash"), max_length=64, blank=True, db_default="")

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        ordering = ["-op", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["volgnummer"], name="auditregel_uniek_volgnummer"),
        ]
        indexes = [
            models.Index(fields=["object_uuid"], name="auditregel_object"),
            models.Index(fields=["uitvoeringsorganisatie", "op"], name="auditregel_org_op"),
            models.Index(fields=["id"], condition=models.Q(hash=""), name="auditregel_onverzegeld"),
        ]

    def __str__(self) -> str:
        return f"{self.op:%Y-%m-%d %H:%M} {self.gebruikersnaam} {self.actie}"


class Logboekketen(models.Model):
    """The head of the hash chain: one row (pk 1) holding the last sealed row's number and
    hash. Sealing locks this row, so concurrent sealers append one after the other."""

    volgnummer = models.PositiveBigIntegerField(_("laatste volgnummer"), default=0)
    hash = models.CharField(_("laatste hash"), max_length=64, default="")
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("logboekketen")
        verbose_name_plural = _("logboekketen")

    def __str__(self) -> str:
        return f"Logboekketen {self.volgnummer}"
