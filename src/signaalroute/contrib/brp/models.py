"""The local BRP: fictitious persons served by the local service (`lokaal/`).

Dates are kept as the register keeps them, `JJJJMMDD` with `00` for unknown parts, so partial
dates (born "March 1978") are ordinary data here.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import (
    AanduidingNaamgebruik,
    Geslacht,
    LokaleVerblijfplaats,
    Opschortingsreden,
    SoortVerbintenis,
)
from .gegevens import BrpDatum

bsn_validator = RegexValidator(r"^\d{9}$", _("Een BSN bestaat uit 9 cijfers."))
gemeentecode_validator = RegexValidator(r"^\d{4}$", _("Een gemeentecode bestaat uit 4 cijfers."))
postcode_validator = RegexValidator(r"^[1-9]\d{3}[A-Z]{2}$", _("Postcode als 1234AB."))


def brp_datum_validator(waarde: str) -> None:
    try:
        BrpDatum.van_gba(waarde)
    except ValueError as exc:
        raise ValidationError(
            _("Een BRP-datum heeft de vorm JJJJMMDD, met 00 voor onbekende delen (19780300).")
        ) from exc


def _datum() -> dict:
    return {
        "max_length": 8,
        "blank": True,
        "validators": [brp_datum_validator],
        "help_text": _("JJJJMMDD; 00 voor onbekende delen."),
    }


class LokaalBrpPersoon(models.Model):
    """One fictitious person of the local BRP. Never real data: the service is open to anyone
    who can reach it (see docs/configuration.md, BRP_LOKAAL)."""

    bsn = models.CharField(_("BSN"), max_length=9, unique=True, validators=[bsn_validator])
    geslacht = models.CharField(
        _("geslacht"), max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND
    )
    voornamen = models.CharField(_("voornamen"), max_length=200, blank=True)
    voorvoegsel = models.CharField(_("voorvoegsel"), max_length=10, blank=True)
    geslachtsnaam = models.CharField(_("geslachtsnaam"), max_length=200)
    aanduiding_naamgebruik = models.CharField(
        _("aanduiding naamgebruik"),
        max_length=1,
        choices=AanduidingNaamgebruik.choices,
        default=AanduidingNaamgebruik.EIGEN,
    )
    geboortedatum = models.CharField(_("geboortedatum"), **_datum())

    # The current partner, or the last one when dissolved (as the API delivers partners).
    partner_bsn = models.CharField(
        _("BSN partner"), max_length=9, blank=True, validators=[bsn_validator]
    )
    partner_voornamen = models.CharField(_("voornamen partner"), max_length=200, blank=True)
    partner_voorvoegsel = models.CharField(_("voorvoegsel partner"), max_length=10, blank=True)
    partner_geslachtsnaam = models.CharField(_("geslachtsnaam partner"), max_length=200, blank=True)
    partner_soort_verbintenis = models.CharField(
        _("soort verbintenis"), max_length=1, choices=SoortVerbintenis.choices, blank=True
    )
    partner_datum_ontbinding = models.CharField(_("datum ontbinding"), **_datum())

    # Residence
    verblijfplaats = models.CharField(
        _("verblijfplaats"),
        max_length=30,
        choices=LokaleVerblijfplaats.choices,
        default=LokaleVerblijfplaats.ADRES,
    )
    straat = models.CharField(_("straat"), max_length=80, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=6, blank=True, validators=[postcode_validator]
    )
    huisnummer = models.PositiveIntegerField(_("huisnummer"), null=True, blank=True)
    huisletter = models.CharField(_("huisletter"), max_length=1, blank=True)
    huisnummertoevoeging = models.CharField(_("huisnummertoevoeging"), max_length=4, blank=True)
    woonplaats = models.CharField(_("woonplaats"), max_length=80, blank=True)
    land = models.CharField(_("land (buitenland)"), max_length=40, blank=True)
    adres_sinds = models.CharField(_("op dit adres sinds"), **_datum())
    verblijft_niet_op_adres = models.BooleanField(
        _("vastgesteld verblijft niet op adres"), default=False
    )
    gemeente_code = models.CharField(
        _("gemeente van inschrijving (code)"),
        max_length=4,
        blank=True,
        validators=[gemeentecode_validator],
    )
    gemeente_naam = models.CharField(_("gemeente van inschrijving"), max_length=80, blank=True)
    datum_inschrijving_gemeente = models.CharField(_("datum inschrijving in gemeente"), **_datum())
    # The previous address: not served by the Personen API (that is BRP historie), kept so the
    # demo can show why a signal names someone who moved.
    vorige_postcode = models.CharField(_("vorige postcode"), max_length=6, blank=True)
    vorig_huisnummer = models.PositiveIntegerField(_("vorig huisnummer"), null=True, blank=True)
    vorige_huisletter = models.CharField(_("vorige huisletter"), max_length=1, blank=True)
    vorige_huisnummertoevoeging = models.CharField(
        _("vorige huisnummertoevoeging"), max_length=4, blank=True
    )

    overlijdensdatum = models.CharField(_("overlijdensdatum"), **_datum())
    geheimhouding = models.BooleanField(_("geheimhouding persoonsgegevens"), default=False)
    toelichting = models.CharField(
        _("toelichting"),
        max_length=200,
        blank=True,
        help_text=_("Waarom deze fictieve persoon zo is (voor demo en tests)."),
    )
    gegenereerd = models.BooleanField(
        _("gegenereerd"),
        default=False,
        help_text=_("Aangemaakt door brp_lokaal_vullen; wordt bij de volgende run vervangen."),
    )

    class Meta:
        verbose_name = _("persoon in de lokale BRP")
        verbose_name_plural = _("personen in de lokale BRP")
        ordering = ["postcode", "huisnummer", "id"]
        indexes = [models.Index(fields=["postcode", "huisnummer"], name="lokaal_brp_adres")]

    def __str__(self) -> str:
        # Fictitious, but the same rule as everywhere: no personal data in str().
        return f"Lokale BRP-persoon {self.pk}"

    @property
    def opschortingsreden(self) -> str:
        if self.overlijdensdatum:
            return Opschortingsreden.OVERLIJDEN
        if self.verblijfplaats == LokaleVerblijfplaats.BUITENLAND:
            return Opschortingsreden.EMIGRATIE
        return ""
