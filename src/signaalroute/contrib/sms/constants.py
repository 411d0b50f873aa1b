"""Fixed values of the generic SMS gateway API (docs/sms-gateway.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

BERICHTEN_PAD = "/berichten"

# Limits of a message, checked by the client before sending and by the local double.
MAX_SEGMENTEN = 4  # at most 4 concatenated parts: 612 GSM-7 or 268 UCS-2 characters
MAX_AFZENDER = 11  # alphanumeric sender ID
MAX_REFERENTIE = 100
MAX_STATUS_URL = 500

# A `Retry-After` up to this many seconds is waited for; a longer one ends the attempts and is
# passed to the caller (`SmsFout.retry_na`), who schedules a new attempt.
MAX_RETRY_AFTER_SECONDEN = 10.0


class Berichtstatus(models.TextChoices):
    """The status of a message at the gateway, as in the API (`status`)."""

    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    AFGELEVERD = "afgeleverd", _("Afgeleverd")
    MISLUKT = "mislukt", _("Mislukt")


# Statuses a delivery report can carry.
EINDSTATUSSEN = frozenset({Berichtstatus.AFGELEVERD, Berichtstatus.MISLUKT})
