from django.db import models
from django.utils.translation import gettext_lazy as _


class Auditactie(models.TextChoices):
    INLOGGEN = "inloggen", _("Ingelogd")
    INLOGGEN_MISLUKT = "inloggen_mislukt", _("Inloggen mislukt")
    UITLOGGEN = "uitloggen", _("Uitgelogd")
    TWEEDE_FACTOR_INGESTELD = "tweede_factor_ingesteld", _("Tweede factor ingesteld")
    BEKIJKEN = "bekijken", _("Persoonsgegevens bekeken")
    WIJZIGEN = "wijzigen", _("Gegevens gewijzigd")
    EXPORTEREN = "exporteren", _("Gegevens geëxporteerd")
    AANLEVEREN = "aanleveren", _("Signalen aangeleverd")
