from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.logboek, name="logboek"),
    path("export", views.exporteren, name="exporteren"),
    path("keten-controleren", views.keten_controleren, name="keten_controleren"),
]
