from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "signaalroute.core"
    verbose_name = _("core")

    def ready(self):
        from . import checks, lookups  # noqa: F401  (registers checks and the __any lookup)
