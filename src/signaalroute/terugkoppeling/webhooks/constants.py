"""Fixed values of the webhook delivery: event type, media types, headers, statuses."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

SPECVERSION = "1.0"
EVENTTYPE = "nl.signaalroute.terugkoppeling.gewijzigd"
CLOUDEVENTS_JSON = "application/cloudevents+json; charset=utf-8"
DATACONTENTTYPE = "application/json"
# The API path of one feedback row, below WEBHOOK_API_URL (the partner API, `/api/v1`).
TERUGKOPPELING_PAD = "/terugkoppelingen/{uuid}"

# Standard Webhooks headers (https://www.standardwebhooks.com/) and the signature version.
HEADER_ID = "webhook-id"
HEADER_TIMESTAMP = "webhook-timestamp"
HEADER_SIGNATURE = "webhook-signature"
HANDTEKENING_VERSIE = "v1"
GEHEIM_VOORVOEGSEL = "whsec_"
GEHEIM_BYTES = 32
# How far a receiver should allow the timestamp to be off its own clock (documented only).
TIJDSTEMPEL_TOLERANTIE = dt.timedelta(minutes=5)

# CloudEvents HTTP webhook spec (abuse protection), as the NL GOV guideline for webhooks asks.
HEADER_REQUEST_ORIGIN = "WebHook-Request-Origin"
HEADER_ALLOWED_ORIGIN = "WebHook-Allowed-Origin"

# Back-off after the n-th failed attempt (the last value repeats); jitter spreads retries.
WACHTTIJDEN = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=12),
    dt.timedelta(hours=24),
)
JITTER = 0.1  # +/- 10 %

STANDAARD_MAX_POGINGEN = 8
STANDAARD_TIMEOUT_SECONDEN = 10.0
STANDAARD_MAX_RETRY_AFTER = dt.timedelta(hours=24)
STANDAARD_BATCH = 100
# A claimed delivery is free again after this long (a worker that died mid-send).
CLAIMDUUR = dt.timedelta(minutes=5)

MAX_URL = 500
MAX_FOUT = 200


class Afleverstatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    AFGELEVERD = "afgeleverd", _("Afgeleverd")
    MISLUKT = "mislukt", _("Mislukt: abonnement beëindigd")
    DEAD_LETTER = "dead_letter", _("Niet afgeleverd (dead letter)")


class Uitkomst(models.TextChoices):
    """What one attempt means for the delivery."""

    AFGELEVERD = "afgeleverd", _("Afgeleverd")
    OPNIEUW = "opnieuw", _("Opnieuw proberen")
    TE_VEEL_VERZOEKEN = "te_veel_verzoeken", _("Te veel verzoeken (429)")
    WEG = "weg", _("Ontvanger bestaat niet meer (410)")
