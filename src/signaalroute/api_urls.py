"""The /api/v1 namespace: the partner API (machine credentials)."""

from django.urls import include, path

app_name = "api"

urlpatterns = [
    path("", include("signaalroute.aanleveringen.api.urls")),
]
