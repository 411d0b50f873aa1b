"""Codes of the callcenter loop: call rounds, their files, and the reasons a result row is
rejected. Codes are stable snake_case; labels and reasons Dutch."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Belrondestatus(models.TextChoices):
    AANGEMAAKT = "aangemaakt", _("Aangemaakt, nog niet gedownload")
    GEEXPORTEERD = "geexporteerd", _("Bellijst gedownload")
    RESULTATEN_INGELEZEN = "resultaten_ingelezen", _("Resultaten ingelezen")


class Bestandsformaat(models.TextChoices):
    CSV = "csv", _("CSV (puntkomma, UTF-8)")
    XLSX = "xlsx", _("Excel (.xlsx)")


class Importstatus(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Ontvangen, wordt verwerkt")
    VERWERKT = "verwerkt", _("Verwerkt")
    MISLUKT = "mislukt", _("Mislukt")


class Regelstatus(models.TextChoices):
    GEACCEPTEERD = "geaccepteerd", _("Verwerkt")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    # A row of the call list that came back without a result: not called (yet). Not an error,
    # and nothing was recorded; counted apart so the rejections stay meaningful.
    LEEG = "leeg", _("Geen poging ingevuld")


# Why a result row was rejected (or, for `LEEG`, not processed). The reason texts are the
# generic ones for the documentation; the row's own message may add the value it found.
REDENEN: dict[str, str] = {
    "geen_resultaat": "Geen poging ingevuld: datum, tijd en bereikt zijn leeg (niet gebeld?).",
    "referentie_ontbreekt": "De zaakreferentie ontbreekt.",
    "referentie_onbekend": "De zaakreferentie hoort niet bij deze belronde.",
    "andere_belronde": "De regel hoort bij een andere belronde.",
    "zaak_afgesloten": "De zaak is intussen afgesloten; de poging is niet geregistreerd.",
    "datum_ontbreekt": "De datum van de poging ontbreekt.",
    "datum_ongeldig": "De datum is geen geldige datum (verwacht: 31-03-2025).",
    "datum_toekomst": "De datum of tijd ligt in de toekomst.",
    "datum_voor_export": "De datum ligt voor de export van de belronde.",
    "tijd_ontbreekt": "De tijd van de poging ontbreekt.",
    "tijd_ongeldig": "De tijd is geen geldige tijd (verwacht: UU:MM, bijvoorbeeld 14:30).",
    "bereikt_ontbreekt": "Bereikt ontbreekt (verwacht: ja of nee).",
    "bereikt_ongeldig": "Bereikt is niet ja of nee.",
    "telefoon_ongeldig": "Het gevonden telefoonnummer is geen geldig Nederlands of "
    "internationaal (+land) nummer.",
    "notitie_te_lang": "De notitie is te lang.",
    "dubbele_poging": "Deze poging (zaak, datum en tijd) is al ingelezen.",
    "poging_geweigerd": "De zaak accepteert deze poging niet.",
}

# Remarks on a processed row: the attempt was recorded, something else was not.
OPMERKINGEN: dict[str, str] = {
    "telefoon_eerder_onjuist": "Het gevonden telefoonnummer is eerder als onjuist gemeld en "
    "is niet opnieuw opgeslagen.",
}
