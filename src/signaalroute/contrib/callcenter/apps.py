from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallcenterConfig(AppConfig):
    name = "signaalroute.contrib.callcenter"
    label = "callcenter"
    verbose_name = _("callcenter (belrondes)")
