from django.db import models
from django.utils.translation import gettext_lazy as _


class Signaalpartnersoort(models.TextChoices):
    """DDAS `EnumSignaalpartner` (v1.2) as stable codes; `contrib/ddas` maps them back."""

    ZORG = "zorg", _("Zorgverzekeraar")
    ENERGIE = "energie", _("Energie")
    WATER = "water", _("Water")
    HUUR = "huur", _("Huur")
    HYPOTHEEK = "hypotheek", _("Hypotheek")
    CAK_ZORGVERZEKERINGEN = "cak_zorgverzekeringen", _("CAK Zorgverzekeringen")
    CAK_EIGEN_BIJDRAGE = "cak_eigen_bijdrage", _("CAK Eigen bijdrage")
    DUO = "duo", _("DUO")
    BELASTINGDIENST = "belastingdienst", _("Belastingdienst")
    DIENST_TOESLAGEN = "dienst_toeslagen", _("Dienst Toeslagen")
    OVERIGE = "overige", _("Overige")


class Scope(models.TextChoices):
    """What a partner's machine credential may do in the partner API."""

    AANLEVERINGEN_SCHRIJVEN = "aanleveringen:schrijven", _("Signalen aanleveren")
    AANLEVERINGEN_LEZEN = "aanleveringen:lezen", _("Aanleveringen en resultaten lezen")
    TERUGKOPPELING_LEZEN = "terugkoppeling:lezen", _("Terugkoppeling lezen")
    SCHULDONTWIKKELING_SCHRIJVEN = "schuldontwikkeling:schrijven", _("Schuldontwikkeling melden")
