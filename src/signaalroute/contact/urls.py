from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("teksten/", views.overzicht, name="overzicht"),
    path("teksten/<uuid:gemeente>/", views.gemeente, name="gemeente"),
    path("teksten/<uuid:gemeente>/huisstijl/", views.huisstijl, name="huisstijl"),
    path(
        "teksten/<uuid:gemeente>/<str:kanaal>/bewerken/",
        views.sjabloon_bewerken,
        name="sjabloon_bewerken",
    ),
    path("sjablonen/<uuid:uuid>/", views.sjabloon, name="sjabloon"),
    path("sjablonen/<uuid:uuid>/pdf/", views.sjabloon_pdf, name="sjabloon_pdf"),
    path("sjablonen/<uuid:uuid>/activeren/", views.sjabloon_activeren, name="sjabloon_activeren"),
    path("versturen/", views.versturen, name="versturen"),
    path("printbatches/<uuid:uuid>/", views.printbatch, name="printbatch"),
    path("printbatches/<uuid:uuid>/pdf/", views.printbatch_pdf, name="printbatch_pdf"),
    path("berichten/<uuid:uuid>/pdf/", views.bericht_pdf, name="bericht_pdf"),
    path(
        "berichten/<uuid:uuid>/controleren/", views.bericht_controleren, name="bericht_controleren"
    ),
    path("zaak/versturen/", views.zaak_versturen, name="zaak_versturen"),
    path("zaak/brief-retour/", views.brief_retour, name="brief_retour"),
    path("sms-statusrapporten/", views.sms_statusrapporten, name="sms_statusrapporten"),
]
