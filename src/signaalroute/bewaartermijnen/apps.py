from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BewaartermijnenConfig(AppConfig):
    name = "signaalroute.bewaartermijnen"
    verbose_name = _("bewaartermijnen")
