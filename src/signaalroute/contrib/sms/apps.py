from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmsConfig(AppConfig):
    name = "signaalroute.contrib.sms"
    label = "sms"
    verbose_name = _("sms-gateway")

    def ready(self):
        from . import checks  # noqa: F401  (registers the start-up checks)
