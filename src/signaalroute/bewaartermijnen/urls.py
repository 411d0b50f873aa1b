from django.urls import path

from . import views

app_name = "bewaartermijnen"

urlpatterns = [
    path("", views.rapporten, name="rapporten"),
    path("instellingen", views.instellingen, name="instellingen"),
]
