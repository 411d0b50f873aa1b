from django.urls import path

from . import views

app_name = "aanleveringen"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
]
