"""A call round (`Belronde`): open cases exported as a call list for a callcenter, and the
imports (`Belrondeimport`) of its results, row by row (`Belronderegel`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import PublicIdModel
from signaalroute.gemeenten.models import Gemeente
from signaalroute.vroegsignaalzaken.models import Contactgegeven, Contactpoging, Vroegsignaalzaak

from .constants import Belrondestatus, Bestandsformaat, Importstatus, Regelstatus


class Belronde(PublicIdModel):
    """One call list of a municipality, handed to a callcenter. The cases are fixed when the
    round is made; the phone numbers are read again at every download."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="belrondes", verbose_name=_("gemeente")
    )
    zaken = models.ManyToManyField(
        Vroegsignaalzaak,
        through="Belrondezaak",
        related_name="belrondes",
        verbose_name=_("zaken"),
    )
    formaat = models.CharField(_("formaat"), max_length=10, choices=Bestandsformaat.choices)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=Belrondestatus.choices,
        default=Belrondestatus.AANGEMAAKT,
    )
    omschrijving = models.CharField(
        _("omschrijving"),
        max_length=200,
        blank=True,
        help_text=_("Waarmee de zaken gekozen zijn (filters); geen persoonsgegevens."),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gedownload_op = models.DateTimeField(_("laatst gedownload op"), null=True, blank=True)
    aantal_downloads = models.PositiveIntegerField(_("aantal downloads"), default=0)

    class Meta:
        verbose_name = _("belronde")
        verbose_name_plural = _("belrondes")
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return self.code


class Belrondezaak(models.Model):
    """A case in a call round, in the order of the call list."""

    belronde = models.ForeignKey(
        Belronde, on_delete=models.CASCADE, related_name="regels", verbose_name=_("belronde")
    )
    vroegsignaalzaak = models.ForeignKey(
        Vroegsignaalzaak,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("vroegsignaalzaak"),
    )
    volgorde = models.PositiveIntegerField(_("volgorde"))

    class Meta:
        verbose_name = _("zaak in belronde")
        verbose_name_plural = _("zaken in belronde")
        ordering = ["belronde", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["belronde", "vroegsignaalzaak"], name="belrondezaak_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.belronde_id}:{self.volgorde}"


class Belrondeimport(PublicIdModel):
    """One results file of a call round. Every row ends up processed, rejected (with every
    reason) or empty; the counts always add up to the rows read."""

    belronde = models.ForeignKey(
        Belronde, on_delete=models.CASCADE, related_name="imports", verbose_name=_("belronde")
    )
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    inhoud_hash = models.CharField(_("SHA-256 van de inhoud"), max_length=64)
    status = models.CharField(
        _("status"), max_length=20, choices=Importstatus.choices, default=Importstatus.ONTVANGEN
    )
    foutmelding = models.TextField(_("foutmelding"), blank=True)
    ingelezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ingelezen door"),
    )
    ontvangen_op = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    verwerkt_op = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    aantal_rijen = models.PositiveIntegerField(_("aantal regels"), default=0)
    aantal_geaccepteerd = models.PositiveIntegerField(_("verwerkt"), default=0)
    aantal_afgewezen = models.PositiveIntegerField(_("afgewezen"), default=0)
    aantal_leeg = models.PositiveIntegerField(_("zonder poging"), default=0)

    class Meta:
        verbose_name = _("belronde-import")
        verbose_name_plural = _("belronde-imports")
        ordering = ["-ontvangen_op", "-id"]
        constraints = [
            # The same file is never processed twice for a round (a failed one may be retried).
            models.UniqueConstraint(
                fields=["belronde", "inhoud_hash"],
                condition=~models.Q(status="mislukt"),
                name="belrondeimport_uniek_bestand",
            )
        ]

    def __str__(self) -> str:
        return f"Import {self.belronde_id} {self.ontvangen_op:%Y-%m-%d %H:%M}"


class Belrondeimportbestand(models.Model):
    """The uploaded file while it waits for a worker; removed once it is processed."""

    belrondeimport = models.OneToOneField(
        Belrondeimport, on_delete=models.CASCADE, related_name="bestand", primary_key=True
    )
    inhoud = models.BinaryField(_("inhoud"))

    class Meta:
        verbose_name = _("belronde-importbestand")
        verbose_name_plural = _("belronde-importbestanden")

    def __str__(self) -> str:
        return f"Bestand van {self.belrondeimport_id}"


class Belronderegel(models.Model):
    """The result of one row of a results file: what was read, what became of it, and why."""

    belrondeimport = models.ForeignKey(
        Belrondeimport, on_delete=models.CASCADE, related_name="regels", verbose_name=_("import")
    )
    regelnummer = models.PositiveIntegerField(_("regelnummer"))
    status = models.CharField(_("status"), max_length=20, choices=Regelstatus.choices)
    meldingen = models.JSONField(
        _("meldingen"),
        default=list,
        blank=True,
        help_text=_("Alle redenen van afwijzing, of opmerkingen bij een verwerkte regel."),
    )
    gegevens = models.JSONField(
        _("aangeleverde gegevens"),
        default=dict,
        blank=True,
        help_text=_("De resultaatkolommen van de regel zoals aangeleverd."),
    )
    referentie = models.CharField(_("referentie"), max_length=40, blank=True)
    vroegsignaalzaak = models.ForeignKey(
        Vroegsignaalzaak,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vroegsignaalzaak"),
    )
    datum = models.DateField(_("datum"), null=True, blank=True)
    tijd = models.TimeField(_("tijd"), null=True, blank=True)
    contactpoging = models.OneToOneField(
        Contactpoging,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="belronderegel",
        verbose_name=_("contactpoging"),
    )
    contactgegeven = models.ForeignKey(
        Contactgegeven,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gevonden telefoonnummer"),
    )

    class Meta:
        verbose_name = _("belronderegel")
        verbose_name_plural = _("belronderegels")
        ordering = ["belrondeimport", "regelnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["belrondeimport", "regelnummer"], name="belronderegel_uniek_regelnummer"
            )
        ]
        indexes = [
            # Finding an attempt that was imported before (re-upload of a corrected file).
            models.Index(
                fields=["vroegsignaalzaak", "datum", "tijd"],
                condition=models.Q(status="geaccepteerd"),
                name="belronderegel_poging",
            )
        ]

    def __str__(self) -> str:
        return f"{self.belrondeimport_id}:{self.regelnummer} {self.status}"
