from django.urls import path

from . import views

app_name = "vroegsignaalzaken"

urlpatterns = [
    path("werkvoorraad/", views.werkvoorraad, name="werkvoorraad"),
    path("werkvoorraad/toewijzen/", views.toewijzen, name="toewijzen"),
    path("overzicht/", views.overzicht, name="overzicht"),
    path("zaken/<uuid:uuid>/", views.detail, name="detail"),
    path("signalen/", views.signalen, name="signalen"),
    path("signalen/<uuid:uuid>/", views.signaal, name="signaal"),
    path("signalen/<uuid:uuid>/status/", views.signaalstatus, name="signaalstatus"),
]
