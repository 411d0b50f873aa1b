"""Partner pages, mounted at /partner/webhooks/ (namespace `webhooks`)."""

from django.urls import path

from . import views

app_name = "webhooks"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("dead-letters/", views.dead_letters, name="dead_letters"),
    path("<uuid:uuid>/beeindigen/", views.beeindigen, name="beeindigen"),
    path(
        "afleveringen/<uuid:uuid>/opnieuw-afleveren/",
        views.opnieuw_afleveren,
        name="opnieuw_afleveren",
    ),
]
