"""The partner's own directory pages (role partnergebruiker), mounted at /partner/gegevens/."""

from django.urls import path

from . import views

app_name = "partnergegevens"

urlpatterns = [
    path("", views.partnergegevens, name="overzicht"),
    path("bewerken/", views.partnergegevens_bewerken, name="bewerken"),
    path("contactpersonen/nieuw/", views.contactpersoon, name="contactpersoon_nieuw"),
    path("contactpersonen/<uuid:uuid>/", views.contactpersoon, name="contactpersoon"),
    path(
        "contactpersonen/<uuid:uuid>/verwijderen/",
        views.contactpersoon_verwijderen,
        name="contactpersoon_verwijderen",
    ),
]
