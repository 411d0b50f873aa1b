from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("brp-controle/", views.controlebakje, name="controlebakje"),
    path("brp-controle/<uuid:uuid>/beoordelen/", views.beoordelen, name="beoordelen"),
    path("instellingen/", views.instellingen_overzicht, name="instellingen_overzicht"),
    path("instellingen/<uuid:uuid>/", views.instellingen, name="instellingen"),
]
