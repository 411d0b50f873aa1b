"""Mounted by `signaalroute.urls` when BRP_LOKAAL is on: the API's base URL is
`<site>/api/lokaal-brp/haalcentraal/api/brp` (under /api/, which answers machines itself)."""

from django.urls import path

from . import views

app_name = "lokaal_brp"

urlpatterns = [
    path("haalcentraal/api/brp/personen", views.personen, name="personen"),
]
