"""The organisations that report arrears (vastelastenpartners) and their contact persons."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import AppendOnlyModel, PublicIdModel
from signaalroute.gemeenten.models import Gemeente, kvk_validator

from .constants import Signaalpartnersoort
from .rules import AANLEVERDAG_MAX, AANLEVERDAG_MIN, STANDAARD_AANLEVERDAG


class Signaalpartner(PublicIdModel):
    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Korte code, o.a. voor de opdrachtregel."),
    )
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=30, choices=Signaalpartnersoort.choices)
    kvk_nummer = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, validators=[kvk_validator]
    )
    criteria = models.TextField(
        _("gepubliceerde signaalcriteria"),
        blank=True,
        help_text=_(
            "Wanneer deze partner een signaal afgeeft, zoals gepubliceerd door de partner."
        ),
    )
    minimum_bedrag = models.PositiveIntegerField(
        _("minimumbedrag (centen)"),
        null=True,
        blank=True,
        help_text=_("Leeg: de standaard voor de soort partner."),
    )
    minimale_achterstand_dagen = models.PositiveIntegerField(
        _("minimale achterstand (dagen)"),
        null=True,
        blank=True,
        help_text=_("Leeg: de standaard voor de soort partner."),
    )
    kolomprofiel = models.JSONField(
        _("kolomprofiel"),
        default=dict,
        blank=True,
        help_text=_(
            "Eigen kolomnamen van de partner -> veld in het aanleverformaat (leeg: negeren), "
            "zodat een bestaande export ongewijzigd kan worden aangeleverd."
        ),
    )
    aanleverdag = models.PositiveSmallIntegerField(
        _("aanleverdag"),
        default=STANDAARD_AANLEVERDAG,
        validators=[MinValueValidator(AANLEVERDAG_MIN), MaxValueValidator(AANLEVERDAG_MAX)],
        help_text=_(
            "Dag van de maand (1-28) waarop de maandelijkse aanlevering uiterlijk binnen is. "
            "Crisis- en eindeleveringssignalen mogen elke dag."
        ),
    )
    actief = models.BooleanField(_("actief"), default=True)

    # Partner directory (published by the partner itself, shown on every case).
    aantal_herinneringen = models.PositiveSmallIntegerField(
        _("herinneringen vóór het signaal"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(20)],
        help_text=_(
            "Hoeveel herinneringen of aanmaningen de partner stuurt voordat hij signaleert."
        ),
    )
    telefoonnummer_gemeenten = models.CharField(
        _("telefoonnummer voor gemeenten"), max_length=20, blank=True
    )
    email_gemeenten = models.EmailField(_("e-mailadres voor gemeenten"), blank=True)
    bereikbaarheid = models.TextField(
        _("bereikbaarheid voor gemeenten"),
        blank=True,
        help_text=_("Hoe gemeenten de partner bereiken: openingstijden, vaste lijn, portaal."),
    )
    regeling_max_maanden = models.PositiveSmallIntegerField(
        _("langste betalingsregeling (maanden)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_("De langste looptijd van een betalingsregeling die de partner accepteert."),
    )
    regeling_behandelaar = models.CharField(
        _("team of contactpersoon voor regelingen"),
        max_length=200,
        blank=True,
        help_text=_("Wie verzoeken van gemeenten om een betalingsregeling behandelt."),
    )
    regeling_telefoonnummer = models.CharField(
        _("telefoonnummer voor regelingen"), max_length=20, blank=True
    )
    regeling_email = models.EmailField(_("e-mailadres voor regelingen"), blank=True)
    regeling_toelichting = models.TextField(
        _("toelichting op betalingsregelingen"),
        blank=True,
        help_text=_(
            "Bijv. voorwaarden, minimaal termijnbedrag, of incassorust tijdens de regeling."
        ),
    )
    gegevens_bijgewerkt_op = models.DateTimeField(
        _("gegevens bijgewerkt op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("signaalpartner")
        verbose_name_plural = _("signaalpartners")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                name="signaalpartner_aanleverdag_1_28",
                condition=models.Q(aanleverdag__gte=AANLEVERDAG_MIN)
                & models.Q(aanleverdag__lte=AANLEVERDAG_MAX),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def signaalcriteria(self):
        """The criteria that apply: the partner's own values, else those of its type."""
        from signaalroute.aanleveringen.rules import criteria_bepalen

        return criteria_bepalen(
            self.soort,
            minimum_bedrag=self.minimum_bedrag,
            minimale_achterstand_dagen=self.minimale_achterstand_dagen,
        )


class Contactpersoon(PublicIdModel):
    """A partner's contact person, optionally the one for a specific municipality."""

    signaalpartner = models.ForeignKey(
        Signaalpartner,
        on_delete=models.CASCADE,
        related_name="contactpersonen",
        verbose_name=_("signaalpartner"),
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="partnercontactpersonen",
        verbose_name=_("gemeente"),
        help_text=_("Leeg: contactpersoon voor alle gemeenten."),
    )
    naam = models.CharField(_("naam"), max_length=200)
    functie = models.CharField(_("functie"), max_length=100, blank=True)
    telefoonnummer = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Partnersleutel(PublicIdModel):
    """A machine credential of a partner system for the partner API. Only a SHA-256 hash is
    stored; the key is shown once when created."""

    signaalpartner = models.ForeignKey(
        Signaalpartner,
        on_delete=models.CASCADE,
        related_name="sleutels",
        verbose_name=_("signaalpartner"),
    )
    naam = models.CharField(_("naam"), max_length=100, help_text=_("Bijv. het koppelsysteem."))
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    sleutel_hash = models.CharField(_("SHA-256 van de sleutel"), max_length=64)
    scopes = models.JSONField(_("scopes"), default=list)
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    laatst_gebruikt_op = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("partnersleutel")
        verbose_name_plural = _("partnersleutels")
        ordering = ["signaalpartner", "naam"]

    def __str__(self) -> str:
        return f"{self.signaalpartner} · {self.naam} ({self.prefix}…)"


class Aanleverherinnering(PublicIdModel, AppendOnlyModel):
    """A reminder e-mail sent to a partner whose monthly delivery is missing for one or more
    municipalities. At most one per partner and month: the unique constraint makes sending
    idempotent. Holds no data of residents, only the partner's own contact addresses."""

    signaalpartner = models.ForeignKey(
        Signaalpartner,
        on_delete=models.CASCADE,
        related_name="aanleverherinneringen",
        verbose_name=_("signaalpartner"),
    )
    maand = models.DateField(
        _("maand"), help_text=_("De eerste dag van de maand waarvoor de herinnering geldt.")
    )
    verstuurd_op = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    aan = models.JSONField(_("verstuurd aan"), default=list, blank=True)
    gemeenten = models.JSONField(
        _("gemeenten"),
        default=list,
        blank=True,
        help_text=_("De gemeenten waarvoor de aanlevering ontbrak: CBS-code en naam."),
    )

    class Meta:
        verbose_name = _("aanleverherinnering")
        verbose_name_plural = _("aanleverherinneringen")
        ordering = ["-maand", "signaalpartner"]
        constraints = [
            models.UniqueConstraint(
                fields=["signaalpartner", "maand"], name="aanleverherinnering_een_per_maand"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signaalpartner} · {self.maand:%Y-%m}"
