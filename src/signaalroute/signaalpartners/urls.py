from django.urls import path

from . import views

app_name = "signaalpartners"

urlpatterns = [
    path("aanleverbewaking/", views.aanleverbewaking, name="aanleverbewaking"),
    path(
        "aanleverbewaking/export.csv",
        views.aanleverbewaking_export,
        name="aanleverbewaking_export",
    ),
]
