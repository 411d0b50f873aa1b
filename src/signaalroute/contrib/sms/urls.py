"""URLs of the SMS gateway adapter, mounted at /sms/: the local gateway double under
/sms/lokaal/ (namespace `sms:lokaal`), only when SMS_LOKAAL is on. Delivery reports are
received by the `contact` app."""

from django.conf import settings
from django.urls import include, path

app_name = "sms"

urlpatterns: list = []
if settings.SMS_LOKAAL:
    urlpatterns.append(path("lokaal/", include("signaalroute.contrib.sms.lokaal.urls")))
