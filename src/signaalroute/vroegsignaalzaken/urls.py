from django.urls import path

from . import views

app_name = "vroegsignaalzaken"

urlpatterns = [
    path("werkvoorraad/", views.werkvoorraad, name="werkvoorraad"),
    path("werkvoorraad/toewijzen/", views.toewijzen, name="toewijzen"),
    path("overzicht/", views.overzicht, name="overzicht"),
    path("zaken/<uuid:uuid>/", views.detail, name="detail"),
    path("zaken/<uuid:uuid>/oppakken/", views.oppakken, name="zaak_oppakken"),
    path("zaken/<uuid:uuid>/contactpoging/", views.contactpoging, name="zaak_contactpoging"),
    path("zaken/<uuid:uuid>/snelkeuze/", views.snelkeuze, name="zaak_snelkeuze"),
    path("zaken/<uuid:uuid>/afsluiten/", views.afsluiten, name="zaak_afsluiten"),
    path("zaken/<uuid:uuid>/heropenen/", views.heropenen, name="zaak_heropenen"),
    path("zaken/<uuid:uuid>/overdracht/", views.overdracht, name="zaak_overdracht"),
    path("zaken/<uuid:uuid>/nazorg/", views.nazorg_plannen, name="zaak_nazorg_plannen"),
    path("zaken/<uuid:uuid>/nazorg/afronden/", views.nazorg_afronden, name="zaak_nazorg_afronden"),
    path(
        "zaken/<uuid:uuid>/medebehandelaars/",
        views.medebehandelaars,
        name="zaak_medebehandelaars",
    ),
    path(
        "zaken/<uuid:uuid>/contactgegevens/",
        views.contactgegeven_toevoegen,
        name="zaak_contactgegeven",
    ),
    path(
        "zaken/<uuid:uuid>/contactgegevens/onjuist/",
        views.contactgegeven_onjuist,
        name="zaak_contactgegeven_onjuist",
    ),
    path("termijnen/", views.termijnen, name="termijnen"),
    path("meldingen/", views.meldingen, name="meldingen"),
    path("meldingen/gelezen/", views.meldingen_gelezen, name="meldingen_gelezen"),
    path("termijninstellingen/", views.termijninstellingen, name="termijninstellingen"),
    path("signalen/", views.signalen, name="signalen"),
    path("signalen/<uuid:uuid>/", views.signaal, name="signaal"),
    path("signalen/<uuid:uuid>/status/", views.signaalstatus, name="signaalstatus"),
]
