from django.urls import path

from . import views

app_name = "callcenter"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/bellijst/", views.bellijst, name="bellijst"),
    path("<uuid:uuid>/importeren/", views.importeren, name="importeren"),
    path("imports/<uuid:uuid>/", views.import_detail, name="import_detail"),
    path("imports/<uuid:uuid>/afwijzingen.csv", views.afwijzingen, name="afwijzingen"),
]
