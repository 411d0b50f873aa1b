from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerugkoppelingConfig(AppConfig):
    name = "signaalroute.terugkoppeling"
    verbose_name = _("terugkoppeling aan signaalpartners")

    def ready(self):
        # New feedback rows are announced to the partner's webhooks after commit.
        from .services import na_vastleggen
        from .webhooks.services import bij_nieuwe_terugkoppelingen

        na_vastleggen(bij_nieuwe_terugkoppelingen)
