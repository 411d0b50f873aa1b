from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "signaalroute.demo"
    verbose_name = _("demo")
