"""Municipalities, the organisations that execute vroegsignalering for them, their teams,
districts (wijken) and the postcode table that routes a signal to its municipality."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import PublicIdModel

cbs_code_validator = RegexValidator(r"^\d{4}$", _("Een CBS-gemeentecode bestaat uit 4 cijfers."))
kvk_validator = RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit 8 cijfers."))
postcode_validator = RegexValidator(
    r"^[1-9]\d{3}([A-Z]{2})?$", _("Postcode als 1234AB (PC6) of 1234 (PC4).")
)


class Uitvoeringsorganisatie(PublicIdModel):
    """The organisation that handles the signals of one or more municipalities
    (the municipality itself, or a regional service such as a Kredietbank)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    kvk_nummer = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, validators=[kvk_validator]
    )

    class Meta:
        verbose_name = _("uitvoeringsorganisatie")
        verbose_name_plural = _("uitvoeringsorganisaties")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Gemeente(PublicIdModel):
    cbs_code = models.CharField(
        _("CBS-code"), max_length=4, unique=True, validators=[cbs_code_validator]
    )
    naam = models.CharField(_("naam"), max_length=100)
    inwoners = models.PositiveIntegerField(_("aantal inwoners"))
    uitvoeringsorganisatie = models.ForeignKey(
        Uitvoeringsorganisatie,
        on_delete=models.PROTECT,
        related_name="gemeenten",
        verbose_name=_("uitvoeringsorganisatie"),
    )
    aangesloten = models.BooleanField(
        _("aangesloten"),
        default=True,
        help_text=_("Alleen aangesloten gemeenten ontvangen signalen via Signaalroute."),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    @property
    def gm_code(self) -> str:
        return f"GM{self.cbs_code}"


class Wijk(PublicIdModel):
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="wijken", verbose_name=_("gemeente")
    )
    code = models.CharField(_("code"), max_length=20)
    naam = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["gemeente", "code"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "code"], name="wijk_unieke_code"),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"


class Team(PublicIdModel):
    """A team of the executing organisation, or an external executor (e.g. a district team)
    whose members see only the cases assigned to it."""

    uitvoeringsorganisatie = models.ForeignKey(
        Uitvoeringsorganisatie,
        on_delete=models.CASCADE,
        related_name="teams",
        verbose_name=_("uitvoeringsorganisatie"),
    )
    naam = models.CharField(_("naam"), max_length=100)
    extern = models.BooleanField(
        _("externe uitvoerder"),
        default=False,
        help_text=_(
            "Leden van een extern team zien alleen de zaken die aan het team zijn toegewezen."
        ),
    )
    wijken = models.ManyToManyField(
        Wijk, blank=True, related_name="teams", verbose_name=_("wijken")
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["uitvoeringsorganisatie", "naam"], name="team_unieke_naam"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Postcodegebied(models.Model):
    """PC6 (`1234AB`) or PC4 (`1234`) mapped to a municipality and optionally a district.
    Routing tries the PC6 first, then the PC4."""

    postcode = models.CharField(
        _("postcode"), max_length=6, unique=True, validators=[postcode_validator]
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="postcodes", verbose_name=_("gemeente")
    )
    wijk = models.ForeignKey(
        Wijk,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="postcodes",
        verbose_name=_("wijk"),
    )

    class Meta:
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode
