"""DDAS versions, paging limits and token lifetime."""

from django.db import models


class Versie(models.TextChoices):
    """The official schema versions we can produce (`schemas/`)."""

    V1_2 = "1.2", "1.2"
    V0_9 = "0.9", "0.9"


STANDAARD_VERSIE = Versie.V1_2

# POST /gegevens: records (vroegsignalen + vroegsignaalzaken) per page. The DDAS-VS API sets no
# limit; its example uses 25,000.
PAGE_SIZE_STANDAARD = 1000
PAGE_SIZE_MAX = 25_000

# OAuth2 client credentials: lifetime of an access token in seconds (setting
# DDAS_TOKEN_GELDIGHEID) and the only scope the DDAS-VS API defines.
TOKEN_GELDIGHEID_STANDAARD = 300
TOKEN_SCOPE = "read"
