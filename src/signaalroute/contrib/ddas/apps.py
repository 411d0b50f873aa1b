from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DdasConfig(AppConfig):
    """The CBS delivery (DDAS): the document, the export command and the pull endpoint.

    No models: the app is registered for its management command and start-up checks."""

    name = "signaalroute.contrib.ddas"
    label = "ddas"
    verbose_name = _("DDAS (levering aan CBS)")

    def ready(self):
        from . import checks  # noqa: F401  (registers the start-up checks)
