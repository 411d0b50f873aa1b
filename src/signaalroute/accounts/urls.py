from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/verificatie/", views.verificatie_view, name="verificatie"),
    path(
        "inloggen/tweestapsverificatie-instellen/",
        views.tweede_factor_instellen_view,
        name="tweede_factor_instellen",
    ),
    path("uitloggen/", views.logout_view, name="logout"),
]
