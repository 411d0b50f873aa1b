from django.urls import path

from . import views

app_name = "gemeenten"

urlpatterns = [
    path("", views.instellingen, name="instellingen"),
]
