"""A delivery (`Aanlevering`) by a partner and the signals (`Vroegsignaal`) it holds."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import PublicIdModel
from signaalroute.gemeenten.models import Gemeente
from signaalroute.gemeenten.rules import huisnummer_weergave
from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.signaalpartners.models import Signaalpartner
from signaalroute.vroegsignaalzaken.constants import Signaalstatus

from .constants import Aanleverkanaal, Aanleverstatus, Regelstatus


class Aanlevering(PublicIdModel):
    signaalpartner = models.ForeignKey(
        Signaalpartner,
        on_delete=models.PROTECT,
        related_name="aanleveringen",
        verbose_name=_("signaalpartner"),
    )
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Aanleverkanaal.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Aanleverstatus.choices,
        default=Aanleverstatus.ONTVANGEN,
    )
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    inhoud_hash = models.CharField(
        _("SHA-256 van de inhoud"), max_length=64, blank=True, db_index=True
    )
    ontvangen_op = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    verwerkt_op = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    aangeleverd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangeleverd door"),
    )
    aantal_rijen = models.PositiveIntegerField(_("aantal rijen"), default=0)
    aantal_geaccepteerd = models.PositiveIntegerField(_("geaccepteerd"), default=0)
    aantal_met_waarschuwing = models.PositiveIntegerField(_("met waarschuwing"), default=0)
    aantal_afgewezen = models.PositiveIntegerField(_("afgewezen"), default=0)
    aantal_lege_regels = models.PositiveIntegerField(_("lege regels"), default=0)
    per_gemeente = models.JSONField(
        _("aantallen per gemeente"),
        default=dict,
        blank=True,
        help_text=_("CBS-code -> aantal geaccepteerde signalen."),
    )
    foutmelding = models.TextField(
        _("foutmelding"),
        blank=True,
        help_text=_("Waarom het bestand als geheel niet te lezen was."),
    )
    idempotency_key = models.CharField(_("Idempotency-Key"), max_length=100, blank=True)
    # A list the municipality imports itself (CAK list, an insurer's bronheffing list):
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lijstimports",
        verbose_name=_("ingelezen door gemeente"),
        help_text=_("Alle signalen van deze lijst zijn voor deze gemeente."),
    )
    signaalsoort = models.CharField(
        _("soort signaal"),
        max_length=30,
        choices=Signaalpartnersoort.choices,
        blank=True,
        help_text=_("Leeg: de soort van de partner."),
    )
    alleen_nieuw = models.BooleanField(
        _("alleen nieuwe aanmeldingen"),
        default=False,
        help_text=_("Inwoners die op een eerder ingelezen lijst stonden, worden overgeslagen."),
    )

    class Meta:
        verbose_name = _("aanlevering")
        verbose_name_plural = _("aanleveringen")
        ordering = ["-ontvangen_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["signaalpartner", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="aanlevering_unieke_idempotency_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signaalpartner} {self.ontvangen_op:%Y-%m-%d %H:%M}"


class Vroegsignaal(PublicIdModel):
    """One arrears report from one partner about one person at one address.

    Amounts are integer cents. Personal data lives here and in the case; it is never logged.
    """

    aanlevering = models.ForeignKey(
        Aanlevering,
        on_delete=models.CASCADE,
        related_name="vroegsignalen",
        verbose_name=_("aanlevering"),
    )
    regelnummer = models.PositiveIntegerField(_("regelnummer"), default=0)
    signaalpartner = models.ForeignKey(
        Signaalpartner,
        on_delete=models.PROTECT,
        related_name="vroegsignalen",
        verbose_name=_("signaalpartner"),
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="vroegsignalen", verbose_name=_("gemeente")
    )
    vroegsignaalzaak = models.ForeignKey(
        "vroegsignaalzaken.Vroegsignaalzaak",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vroegsignalen",
        verbose_name=_("vroegsignaalzaak"),
    )
    vorig_signaal = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="updates",
        verbose_name=_("eerder signaal"),
        help_text=_("Het eerdere signaal waarvan dit een update is (bijv. een hoger bedrag)."),
    )
    soort = models.CharField(
        _("soort signaal"),
        max_length=30,
        choices=Signaalpartnersoort.choices,
        help_text=_("DDAS-signaalpartnertype; meestal de soort van de partner."),
    )
    status = models.CharField(
        _("signaalstatus"),
        max_length=40,
        choices=Signaalstatus.choices,
        default=Signaalstatus.NOG_NIET_OPGEPAKT,
    )

    # The arrears
    bedrag = models.PositiveIntegerField(_("achterstand (centen)"))
    termijnbedrag = models.PositiveIntegerField(_("termijnbedrag (centen)"), null=True, blank=True)
    aantal_onbetaalde_termijnen = models.PositiveSmallIntegerField(
        _("aantal onbetaalde termijnen"), null=True, blank=True
    )
    ontstaansdatum = models.DateField(_("ontstaansdatum achterstand"))
    signaaldatum = models.DateField(_("signaaldatum"))
    klantnummer = models.CharField(_("klantnummer"), max_length=50, blank=True)
    crisissignaal = models.BooleanField(_("crisissignaal"), default=False)
    eindelevering = models.BooleanField(_("eindelevering"), default=False)
    einddatum_levering = models.DateField(_("einddatum levering"), null=True, blank=True)
    warme_overdracht = models.BooleanField(_("warme overdracht"), default=False)
    rechtspersoon = models.BooleanField(
        _("rechtspersoon"),
        default=False,
        help_text=_("Signaal over een rechtspersoon (BV, NV, stichting): niet opvolgen."),
    )

    # The person
    voorletters = models.CharField(_("voorletters"), max_length=20, blank=True)
    voornamen = models.CharField(_("voornamen"), max_length=200, blank=True)
    voorvoegsel = models.CharField(_("voorvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    telefoonnummer = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.CharField(_("e-mailadres"), max_length=254, blank=True)

    # The address
    postcode = models.CharField(_("postcode"), max_length=6)
    huisnummer = models.PositiveIntegerField(_("huisnummer"))
    huisletter = models.CharField(_("huisletter"), max_length=1, blank=True)
    huisnummertoevoeging = models.CharField(_("huisnummertoevoeging"), max_length=4, blank=True)
    straat = models.CharField(_("straat"), max_length=100, blank=True)
    woonplaats = models.CharField(_("woonplaats"), max_length=80, blank=True)

    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gecontroleerd_op = models.DateTimeField(
        _("gecontroleerd op"),
        null=True,
        blank=True,
        help_text=_("Wanneer de controles na de aanlevering klaar waren (leeg: nog te doen)."),
    )

    class Meta:
        verbose_name = _("vroegsignaal")
        verbose_name_plural = _("vroegsignalen")
        ordering = ["-signaaldatum", "id"]
        indexes = [
            models.Index(fields=["gemeente", "signaaldatum"], name="vs_gemeente_datum"),
            models.Index(fields=["postcode", "huisnummer"], name="vs_adres"),
            models.Index(fields=["signaalpartner", "klantnummer"], name="vs_partner_klant"),
            # The work list's partner-type filter: which cases have a signal of this type.
            models.Index(fields=["soort", "vroegsignaalzaak"], name="vs_soort_zaak"),
            models.Index(
                fields=["gemeente"],
                condition=models.Q(gecontroleerd_op__isnull=True),
                name="vs_te_controleren",
            ),
        ]

    def __str__(self) -> str:
        # No personal data in str(): it ends up in logs and admin messages.
        return f"Vroegsignaal {self.uuid}"

    @property
    def naam(self) -> str:
        delen = [self.voorletters or self.voornamen, self.voorvoegsel, self.achternaam]
        return " ".join(deel for deel in delen if deel)

    @property
    def adres(self) -> str:
        nummer = huisnummer_weergave(self.huisnummer, self.huisletter, self.huisnummertoevoeging)
        return f"{self.straat} {nummer}, {self.postcode} {self.woonplaats}".strip()


class Aanleverbestand(models.Model):
    """The delivered file itself, kept in the database so that a worker on any machine can
    process it; removed after processing by the retention job."""

    aanlevering = models.OneToOneField(
        Aanlevering, on_delete=models.CASCADE, related_name="bestand", primary_key=True
    )
    inhoud = models.BinaryField(_("inhoud"))

    class Meta:
        verbose_name = _("aanleverbestand")
        verbose_name_plural = _("aanleverbestanden")

    def __str__(self) -> str:
        return f"Bestand van {self.aanlevering_id}"


class Aanleverregel(models.Model):
    """The result of one delivered row: accepted, accepted with warnings, or rejected, with
    every reason. Accepted + warnings + rejected always add up to the rows delivered."""

    aanlevering = models.ForeignKey(
        Aanlevering, on_delete=models.CASCADE, related_name="regels", verbose_name=_("aanlevering")
    )
    regelnummer = models.PositiveIntegerField(_("regelnummer"))
    status = models.CharField(_("status"), max_length=20, choices=Regelstatus.choices)
    meldingen = models.JSONField(_("meldingen"), default=list, blank=True)
    gegevens = models.JSONField(
        _("aangeleverde gegevens"),
        default=dict,
        blank=True,
        help_text=_("De regel zoals aangeleverd; alleen bewaard bij afwijzing of waarschuwing."),
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    vroegsignaal = models.OneToOneField(
        Vroegsignaal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="regel",
        verbose_name=_("vroegsignaal"),
    )

    class Meta:
        verbose_name = _("aanleverregel")
        verbose_name_plural = _("aanleverregels")
        ordering = ["aanlevering", "regelnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["aanlevering", "regelnummer"], name="aanleverregel_uniek_regelnummer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aanlevering_id}:{self.regelnummer} {self.status}"
