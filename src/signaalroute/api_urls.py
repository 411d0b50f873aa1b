"""The /api/v1 namespace: the partner API (machine credentials) and the work list (session of
a case worker)."""

from django.urls import include, path

app_name = "api"

urlpatterns = [
    path("", include("signaalroute.aanleveringen.api.urls")),
    path("", include("signaalroute.vroegsignaalzaken.api.urls")),
    path("", include("signaalroute.terugkoppeling.api.urls")),
]
