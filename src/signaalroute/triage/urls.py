from django.urls import path

from . import views

app_name = "triage"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("gemeenten/<uuid:gemeente>/", views.gemeente, name="gemeente"),
    path("gemeenten/<uuid:gemeente>/concept/", views.concept_nieuw, name="concept_nieuw"),
    path("gemeenten/<uuid:gemeente>/importeren/", views.importeren, name="importeren"),
    path("gemeenten/<uuid:gemeente>/capaciteit/", views.capaciteit, name="capaciteit"),
    path(
        "gemeenten/<uuid:gemeente>/capaciteit/verwijderen/",
        views.capaciteit_verwijderen,
        name="capaciteit_verwijderen",
    ),
    path("regelsets/<uuid:uuid>/", views.regelset, name="regelset"),
    path("regelsets/<uuid:uuid>/yaml/", views.exporteren, name="exporteren"),
    path("regelsets/<uuid:uuid>/instellingen/", views.instellingen, name="instellingen"),
    path("regelsets/<uuid:uuid>/regels/nieuw/", views.regel_toevoegen, name="regel_toevoegen"),
    path("regelsets/<uuid:uuid>/regels/<int:nummer>/", views.regel_wijzigen, name="regel_wijzigen"),
    path(
        "regelsets/<uuid:uuid>/regels/<int:nummer>/verwijderen/",
        views.regel_verwijderen,
        name="regel_verwijderen",
    ),
    path(
        "regelsets/<uuid:uuid>/regels/<int:nummer>/verplaatsen/",
        views.regel_verplaatsen,
        name="regel_verplaatsen",
    ),
    path("regelsets/<uuid:uuid>/terugval/", views.terugval, name="terugval"),
    path("regelsets/<uuid:uuid>/simulatie/", views.simulatie, name="simulatie"),
    path("regelsets/<uuid:uuid>/activeren/", views.activeren, name="activeren"),
]
