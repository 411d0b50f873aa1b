"""Mounted by `contrib/sms/urls.py` when SMS_LOKAAL is on: the double's base URL (the
SMS_GATEWAY_URL) is `<site>/sms/lokaal`. Machines only: the token is the authentication."""

from django.urls import path

from . import views

app_name = "lokaal"

urlpatterns = [
    path("berichten", views.berichten, name="berichten"),
]
