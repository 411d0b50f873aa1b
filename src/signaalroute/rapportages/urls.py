from django.urls import path

from . import views

app_name = "rapportages"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("export/<slug:tabel>/<slug:formaat>/", views.export, name="export"),
    path("gemeenten/<uuid:gemeente>/", views.gemeente, name="gemeente"),
    path(
        "gemeenten/<uuid:gemeente>/export/<slug:tabel>/<slug:formaat>/",
        views.gemeente_export,
        name="gemeente_export",
    ),
    path(
        "gemeenten/<uuid:gemeente>/maandrapport/<int:jaar>/<int:maand>.pdf",
        views.maandrapport,
        name="maandrapport",
    ),
    path(
        "gemeenten/<uuid:gemeente>/jaarevaluatie/<int:jaar>/",
        views.jaarevaluatie,
        name="jaarevaluatie",
    ),
    path(
        "gemeenten/<uuid:gemeente>/jaarevaluatie/<int:jaar>/export/<slug:tabel>/<slug:formaat>/",
        views.jaarevaluatie_export,
        name="jaarevaluatie_export",
    ),
    path("platform/", views.platform, name="platform"),
    path(
        "platform/export/<slug:tabel>/<slug:formaat>/",
        views.platform_export,
        name="platform_export",
    ),
]
