"""Choices of outreach as stable snake_case codes with Dutch labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.vroegsignaalzaken.constants import Contactgegevensoort, Contactsoort


class Kanaal(models.TextChoices):
    BRIEF = "brief", _("Brief")
    KAARTJE = "kaartje", _("Kaartje")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Sms")


# Printed channels go into the day's print batch; the others are sent by a task.
PRINTKANALEN = frozenset({Kanaal.BRIEF, Kanaal.KAARTJE})

# The DDAS contact kind each channel registers on the case.
CONTACTSOORT = {
    Kanaal.BRIEF: Contactsoort.BRIEF,
    Kanaal.KAARTJE: Contactsoort.KAARTJE,
    Kanaal.EMAIL: Contactsoort.MAIL,
    Kanaal.SMS: Contactsoort.SMS_WHATSAPP,
}
KANAAL_VAN_CONTACTSOORT = {soort: kanaal for kanaal, soort in CONTACTSOORT.items()}

# The contact detail a channel needs (letters and cards go to the address).
CONTACTGEGEVEN = {
    Kanaal.BRIEF: Contactgegevensoort.ADRES,
    Kanaal.KAARTJE: Contactgegevensoort.ADRES,
    Kanaal.EMAIL: Contactgegevensoort.EMAIL,
    Kanaal.SMS: Contactgegevensoort.TELEFOON,
}


class Sjabloonstatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    ACTIEF = "actief", _("Actief")
    VERVANGEN = "vervangen", _("Vervangen")


class Berichtstatus(models.TextChoices):
    """klaargezet → verzenden → verzonden → afgeleverd / onbestelbaar, or mislukt.

    `verzenden` is set (and committed) before the call to the SMTP server or SMS gateway; a
    message that stays there was interrupted and is checked by a person, never resent blindly.
    """

    KLAARGEZET = "klaargezet", _("Klaargezet")
    VERZENDEN = "verzenden", _("Wordt verzonden")
    VERZONDEN = "verzonden", _("Verzonden")
    AFGELEVERD = "afgeleverd", _("Afgeleverd")
    ONBESTELBAAR = "onbestelbaar", _("Onbestelbaar / retour")
    MISLUKT = "mislukt", _("Mislukt")


# Messages that count as sent: the case has its contact attempt.
VERSTUURD = frozenset(
    {Berichtstatus.VERZONDEN, Berichtstatus.AFGELEVERD, Berichtstatus.ONBESTELBAAR}
)
# Messages that still block a new message of the same channel for the case.
LOPEND = frozenset({Berichtstatus.KLAARGEZET, Berichtstatus.VERZENDEN, *VERSTUURD})
