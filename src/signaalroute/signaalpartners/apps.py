from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaalpartnersConfig(AppConfig):
    name = "signaalroute.signaalpartners"
    verbose_name = _("signaalpartners")
