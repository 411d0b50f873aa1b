from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VroegsignaalzakenConfig(AppConfig):
    name = "signaalroute.vroegsignaalzaken"
    verbose_name = _("vroegsignaalzaken")
