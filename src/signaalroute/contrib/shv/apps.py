from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShvConfig(AppConfig):
    name = "signaalroute.contrib.shv"
    label = "shv"
    verbose_name = _("schuldhulpverlening (SHV-check)")
