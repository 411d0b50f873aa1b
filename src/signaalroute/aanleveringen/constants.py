from django.db import models
from django.utils.translation import gettext_lazy as _


class Aanleverkanaal(models.TextChoices):
    PORTAAL = "portaal", _("Upload in het partnerportaal")
    API = "api", _("API")
    OPDRACHTREGEL = "opdrachtregel", _("Opdrachtregel")
    GEMEENTE = "gemeente", _("Import door de gemeente")
    DEMO = "demo", _("Demogegevens")


class Aanleverstatus(models.TextChoices):
    CONCEPT = "concept", _("Gecontroleerd, nog niet aangeleverd")
    ONTVANGEN = "ontvangen", _("Ontvangen")
    IN_VERWERKING = "in_verwerking", _("In verwerking")
    VERWERKT = "verwerkt", _("Verwerkt")
    MISLUKT = "mislukt", _("Mislukt")


class Regelstatus(models.TextChoices):
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    WAARSCHUWING = "waarschuwing", _("Geaccepteerd met waarschuwing")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
