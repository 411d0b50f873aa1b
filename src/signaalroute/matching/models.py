"""Household matching: the municipality's matching policy and what matching learns about a case.

`Vroegsignaalzaak` itself belongs to `vroegsignaalzaken`; the household features that only
matching computes (recidive, gaten dichten, slepers, telt als match) live next to it here.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import PublicIdModel
from signaalroute.gemeenten.models import Gemeente
from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak

from .rules.huishoudens import (
    LAATSTE_DAG,
    Matchingbeleid,
    Periodesoort,
)


class Matchingperiodesoort(models.TextChoices):
    MAAND = Periodesoort.MAAND.value, _("Kalendermaand met afsluitdag")
    DOORLOPEND = Periodesoort.DOORLOPEND.value, _("Doorlopend (elke run)")


class Matchinginstellingen(models.Model):
    """How one municipality bundles signals into cases. Without a row the defaults apply
    (calendar month, 6 months look-back, no options)."""

    gemeente = models.OneToOneField(
        Gemeente,
        on_delete=models.CASCADE,
        related_name="matchinginstellingen",
        verbose_name=_("gemeente"),
    )
    periodesoort = models.CharField(
        _("matchingperiode"),
        max_length=20,
        choices=Matchingperiodesoort.choices,
        default=Matchingperiodesoort.MAAND,
    )
    afsluitdag = models.PositiveSmallIntegerField(
        _("afsluitdag"),
        default=LAATSTE_DAG,
        validators=[MinValueValidator(1), MaxValueValidator(LAATSTE_DAG)],
        help_text=_(
            "Signalen tot en met deze dag van de maand horen bij de matching van die maand; "
            "31: de laatste dag van de maand (kalendermaand)."
        ),
    )
    terugkijkperiode_maanden = models.PositiveSmallIntegerField(
        _("terugkijkperiode (maanden)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("Een eerder signaal binnen zoveel maanden maakt een zaak opeenvolgend."),
    )
    huur_telt_als_match = models.BooleanField(
        _("huursignaal telt altijd als match"),
        default=False,
        help_text=_("Een enkel huursignaal krijgt dezelfde voorrang als een meervoudige zaak."),
    )
    alleen_matches_behandelen = models.BooleanField(
        _("alleen matches behandelen"),
        default=False,
        help_text=_("Zaken die geen match zijn, krijgen alleen een brief."),
    )
    slepers_drempel = models.PositiveSmallIntegerField(
        _("drempel slepers (maanden)"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(24)],
        help_text=_(
            "Dezelfde partner signaleert in minstens zoveel maanden van de terugkijkperiode "
            "(de huidige maand meegeteld): een sleper."
        ),
    )
    gaten_dichten_maanden = models.PositiveSmallIntegerField(
        _("gaten dichten (maanden)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_(
            "In elk van zoveel voorgaande maanden een signaal, telkens van een andere partner "
            "dan de maand erna: gaten dichten."
        ),
    )

    class Meta:
        verbose_name = _("matchinginstellingen")
        verbose_name_plural = _("matchinginstellingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(afsluitdag__gte=1, afsluitdag__lte=LAATSTE_DAG),
                name="matchinginstellingen_afsluitdag_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"Matchinginstellingen {self.gemeente}"

    @property
    def beleid(self) -> Matchingbeleid:
        return Matchingbeleid(
            periodesoort=Periodesoort(self.periodesoort),
            afsluitdag=self.afsluitdag,
            terugkijkperiode_maanden=self.terugkijkperiode_maanden,
            huur_telt_als_match=self.huur_telt_als_match,
            alleen_matches_behandelen=self.alleen_matches_behandelen,
            slepers_drempel=self.slepers_drempel,
            gaten_dichten_maanden=self.gaten_dichten_maanden,
        )


class Huishoudkenmerken(models.Model):
    """What household matching found for one case; triage reads it."""

    vroegsignaalzaak = models.OneToOneField(
        Vroegsignaalzaak,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="huishoudkenmerken",
        verbose_name=_("vroegsignaalzaak"),
    )
    recidive = models.PositiveSmallIntegerField(
        _("recidive"),
        default=0,
        help_text=_("Aantal eerdere maanden met een signaal op het adres in de terugkijkperiode."),
    )
    gaten_dichten = models.BooleanField(_("gaten dichten"), default=False)
    sleper = models.BooleanField(_("sleper"), default=False)
    telt_als_match = models.BooleanField(
        _("telt als match"),
        default=False,
        help_text=_("Meervoudig, of een huursignaal als de gemeente dat als match telt."),
    )
    alleen_brief = models.BooleanField(
        _("alleen brief"),
        default=False,
        help_text=_("De gemeente behandelt alleen matches; deze zaak krijgt een brief."),
    )
    vorige_zaak = models.ForeignKey(
        Vroegsignaalzaak,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vorige zaak op het adres"),
    )

    class Meta:
        verbose_name = _("huishoudkenmerken")
        verbose_name_plural = _("huishoudkenmerken")

    def __str__(self) -> str:
        return f"Huishoudkenmerken {self.vroegsignaalzaak_id}"


class Referentieteller(models.Model):
    """The last case number handed out per year (`VS-<jaar>-<nummer>`); its row is locked while
    numbering, so concurrent runs for different municipalities never hand out the same number."""

    jaar = models.PositiveSmallIntegerField(_("jaar"), primary_key=True)
    laatste = models.PositiveIntegerField(_("laatste volgnummer"), default=0)

    class Meta:
        verbose_name = _("referentieteller")
        verbose_name_plural = _("referentietellers")

    def __str__(self) -> str:
        return f"VS-{self.jaar}: {self.laatste}"


class Brpuitkomst(models.TextChoices):
    BEVESTIGD = "bevestigd", _("Inwoner bevestigd")
    TWIJFEL = "twijfel", _("Twijfel: controleren")
    NIET_GEVONDEN = "niet_gevonden", _("Niet gevonden op dit adres")
    VERHUISD = "verhuisd", _("Verhuisd")
    OVERLEDEN = "overleden", _("Overleden")


class Brpbeoordeling(models.TextChoices):
    BEVESTIGD = "bevestigd", _("Persoon bevestigd door medewerker")
    GEEN_BEWONER = "geen_bewoner", _("Geen van de bewoners")


class Brpcontrole(PublicIdModel):
    """The BRP check of one signal: the outcome, why, the candidates with their explanation,
    and a worker's decision on a drop-out (who, when, why). Re-running replaces the outcome."""

    vroegsignaal = models.OneToOneField(
        "aanleveringen.Vroegsignaal",
        on_delete=models.CASCADE,
        related_name="brpcontrole",
        verbose_name=_("vroegsignaal"),
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente")
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Brpuitkomst.choices)
    reden = models.TextField(_("reden"), blank=True)
    kandidaten = models.JSONField(
        _("kandidaten"),
        default=list,
        blank=True,
        help_text=_("Bewoners op het adres met score en uitleg (BSN alleen intern)."),
    )
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    voorstel = models.CharField(_("voorstel"), max_length=40, blank=True)
    naar_controle = models.BooleanField(_("in het controlebakje"), default=False, db_index=True)
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"))
    beoordeling = models.CharField(
        _("beoordeling"), max_length=20, choices=Brpbeoordeling.choices, blank=True
    )
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("BRP-controle")
        verbose_name_plural = _("BRP-controles")
        ordering = ["-uitgevoerd_op"]

    def __str__(self) -> str:
        return f"BRP-controle {self.uuid}"


class Signaaldrempel(models.Model):
    """A municipality's threshold per partner type: below it a signal is "Niet opgepakt:
    onterecht signaal" (BRIEF §4: thresholds of €0-€100 are common)."""

    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.CASCADE,
        related_name="signaaldrempels",
        verbose_name=_("gemeente"),
    )
    soort = models.CharField(
        _("soort partner"),
        max_length=30,
        blank=True,
        choices=Signaalpartnersoort.choices,
        help_text=_("Leeg: voor alle soorten zonder eigen drempel."),
    )
    minimum_bedrag = models.PositiveIntegerField(_("minimumbedrag (centen)"), default=0)
    minimale_achterstand_dagen = models.PositiveIntegerField(
        _("minimale achterstand (dagen)"), default=0
    )

    class Meta:
        verbose_name = _("signaaldrempel")
        verbose_name_plural = _("signaaldrempels")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "soort"], name="drempel_per_soort"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.soort or 'alle'}"


class Uitsluiting(models.Model):
    """An address whose signals are not followed up (e.g. unsafe for workers): such signals get
    "Niet opgepakt: andere reden"; the reason stays inside the municipality."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="uitsluitingen", verbose_name=_("gemeente")
    )
    postcode = models.CharField(_("postcode"), max_length=6)
    huisnummer = models.PositiveIntegerField(_("huisnummer"))
    huisletter = models.CharField(_("huisletter"), max_length=1, blank=True)
    huisnummertoevoeging = models.CharField(_("huisnummertoevoeging"), max_length=4, blank=True)
    reden = models.CharField(_("reden (intern)"), max_length=200)
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("uitgesloten adres")
        verbose_name_plural = _("uitgesloten adressen")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "postcode", "huisnummer", "huisletter", "huisnummertoevoeging"],
                name="uitsluiting_uniek_adres",
            ),
        ]

    def __str__(self) -> str:
        return f"Uitsluiting {self.pk}"
