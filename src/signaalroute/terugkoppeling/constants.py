"""What a partner may learn about its signal (BRIEF §6): a fixed coarse code, never the content
of the help, never notes, never the reason behind "niet opgepakt: andere reden"."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Terugkoppelcode(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Ontvangen, nog niet opgepakt")
    OPGEPAKT = "opgepakt", _("Opgepakt door de gemeente")
    NIET_OPGEPAKT_ONTERECHT = "niet_opgepakt_onterecht", _("Niet opgepakt: onterecht signaal")
    NIET_OPGEPAKT_HERHAALD = "niet_opgepakt_herhaald", _("Niet opgepakt: herhaalde melding")
    OVERLEDEN = "overleden", _("Niet opgepakt: inwoner is overleden")
    GEEN_INWONER = "geen_inwoner", _("Niet opgepakt: geen inwoner (meer) van de gemeente")
    NIET_OPGEPAKT = "niet_opgepakt", _("Niet opgepakt")
    BEKEND_BIJ_SHV = "bekend_bij_shv", _("Inwoner is al bekend bij schuldhulpverlening")
    HULP_GEACCEPTEERD = "hulp_geaccepteerd", _("Inwoner heeft hulp geaccepteerd")
    NIET_BEREIKT_GEEN_HULP = "niet_bereikt_geen_hulp", _("Niet bereikt of geen hulp gewenst")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


class Terugkoppelmoment(models.TextChoices):
    """Why the feedback was given now."""

    CONTROLE = "controle", _("Na de controles")
    OPGEPAKT = "opgepakt", _("Zaak opgepakt")
    HULP_GEACCEPTEERD = "hulp_geaccepteerd", _("Hulp geaccepteerd")
    AFGESLOTEN = "afgesloten", _("Zaak afgesloten")
    HEROPEND = "heropend", _("Zaak heropend")
    TERMIJN = "termijn", _("Termijn verstreken (tussenstand)")
