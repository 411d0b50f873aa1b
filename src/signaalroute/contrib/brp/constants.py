"""Names and codes of the BRP Personen API v2 that the adapter and the local service share."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The query types (`type` of the polymorphic request body) we use.
ZOEK_MET_POSTCODE_EN_HUISNUMMER = "ZoekMetPostcodeEnHuisnummer"
RAADPLEEG_MET_BURGERSERVICENUMMER = "RaadpleegMetBurgerservicenummer"
ZOEK_MET_GESLACHTSNAAM_EN_GEBOORTEDATUM = "ZoekMetGeslachtsnaamEnGeboortedatum"

# Data minimisation: only what matching needs. A search returns a `PersoonBeperkt` (no
# verblijfplaats, overlijden or partners); the rest needs a consultation by BSN.
ZOEK_VELDEN = (
    "burgerservicenummer",
    "naam.voornamen",
    "naam.voorletters",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "geboorte.datum",
    "adressering.adresregel1",
    "adressering.adresregel2",
    "adressering.indicatieVastgesteldVerblijftNietOpAdres",
)
RAADPLEEG_VELDEN = (
    "burgerservicenummer",
    "naam.voornamen",
    "naam.voorletters",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "naam.aanduidingNaamgebruik",
    "geboorte.datum",
    "overlijden.datum",
    "verblijfplaats.verblijfadres.officieleStraatnaam",
    "verblijfplaats.verblijfadres.korteStraatnaam",
    "verblijfplaats.verblijfadres.huisnummer",
    "verblijfplaats.verblijfadres.huisletter",
    "verblijfplaats.verblijfadres.huisnummertoevoeging",
    "verblijfplaats.verblijfadres.postcode",
    "verblijfplaats.verblijfadres.woonplaats",
    "verblijfplaats.verblijfadres.land",
    "verblijfplaats.datumVan",
    "verblijfplaats.indicatieVastgesteldVerblijftNietOpAdres",
    "gemeenteVanInschrijving",
    "datumInschrijvingInGemeente",
    "partners.burgerservicenummer",
    "partners.naam.voornamen",
    "partners.naam.voorletters",
    "partners.naam.voorvoegsel",
    "partners.naam.geslachtsnaam",
    "partners.ontbindingHuwelijkPartnerschap.datum",
)
MAX_BSNS_PER_VERZOEK = 20  # `burgerservicenummer` has maxItems 20

# Answers the gateway may give for a while: retried with back-off.
HERHAAL_BIJ_STATUS = (429, 502, 503, 504)


class Opschortingsreden(models.TextChoices):
    """`opschortingBijhouding.reden.code`: why the register stopped keeping the person up."""

    OVERLIJDEN = "O", _("overlijden")
    EMIGRATIE = "E", _("emigratie")
    MINISTERIEEL_BESLUIT = "M", _("ministerieel besluit")
    RNI = "R", _("persoonslijst aangelegd in de RNI")
    FOUT = "F", _("fout")


class AanduidingNaamgebruik(models.TextChoices):
    """`naam.aanduidingNaamgebruik.code`: which surname the person uses."""

    EIGEN = "E", _("eigen geslachtsnaam")
    PARTNER_NA_EIGEN = (
        "N",
        _("geslachtsnaam echtgenoot/geregistreerd partner na eigen geslachtsnaam"),
    )
    PARTNER = "P", _("geslachtsnaam echtgenoot/geregistreerd partner")
    PARTNER_VOOR_EIGEN = (
        "V",
        _("geslachtsnaam echtgenoot/geregistreerd partner voor eigen geslachtsnaam"),
    )


class Geslacht(models.TextChoices):
    MAN = "M", _("man")
    VROUW = "V", _("vrouw")
    ONBEKEND = "O", _("onbekend")


class SoortVerbintenis(models.TextChoices):
    HUWELIJK = "H", _("huwelijk")
    PARTNERSCHAP = "P", _("geregistreerd partnerschap")


class LokaleVerblijfplaats(models.TextChoices):
    """Where a person of the local BRP lives (the API's `verblijfplaats.type`)."""

    ADRES = "Adres", _("adres in Nederland")
    BUITENLAND = "VerblijfplaatsBuitenland", _("buitenland")
    ONBEKEND = "VerblijfplaatsOnbekend", _("onbekend")
