from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrpConfig(AppConfig):
    name = "signaalroute.contrib.brp"
    label = "brp"
    verbose_name = _("BRP (Haal Centraal)")

    def ready(self):
        from . import checks  # noqa: F401  (registers the start-up checks)
