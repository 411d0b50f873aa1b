from django.urls import path, re_path

from . import views

app_name = "aanleveringen"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("formaat/", views.formaat, name="formaat"),
    path("lijst-importeren/", views.lijst_import, name="lijst_import"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/aanleveren/", views.bevestigen, name="bevestigen"),
    re_path(
        r"^(?P<uuid>[0-9a-f-]{36})/afwijzingen\.(?P<formaat>csv|xlsx)$",
        views.rapport,
        name="rapport",
    ),
]
