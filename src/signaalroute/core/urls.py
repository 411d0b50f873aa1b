from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.start, name="start"),
    path("inrichting/", views.inrichting, name="inrichting"),
    path("gezondheid", views.gezondheid, name="gezondheid"),
    path("gezondheid/gereed", views.gereed, name="gereed"),
    path("metrics", views.metrics, name="metrics"),
]
