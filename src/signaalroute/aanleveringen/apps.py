from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanleveringenConfig(AppConfig):
    name = "signaalroute.aanleveringen"
    verbose_name = _("aanleveringen")
