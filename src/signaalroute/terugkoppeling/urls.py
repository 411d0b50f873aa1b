from django.urls import path, re_path

from . import views

app_name = "terugkoppeling"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    re_path(r"^export\.(?P<formaat>csv|xlsx)$", views.export, name="export"),
    path("contactgegevens/", views.contactgegevens, name="contactgegevens"),
    re_path(
        r"^contactgegevens/export\.(?P<formaat>csv|xlsx)$",
        views.contactgegevens_export,
        name="contactgegevens_export",
    ),
    path("schuldontwikkeling/", views.schuldontwikkeling, name="schuldontwikkeling"),
    path(
        "schuldontwikkeling/<uuid:uuid>/",
        views.schuldontwikkeling_batch,
        name="schuldontwikkeling_batch",
    ),
    re_path(
        r"^schuldontwikkeling/(?P<uuid>[0-9a-f-]{36})/afwijzingen\.(?P<formaat>csv|xlsx)$",
        views.schuldontwikkeling_afwijzingen,
        name="schuldontwikkeling_afwijzingen",
    ),
]
