"""The DDAS-VS API for CBS. Mounted in the root URLconf (see docs/ddas.md):
`…/gegevens` (the data) and `…/gegevens/token` (OAuth2 client credentials)."""

from django.urls import path

from .api.views import GegevensView, TokenView

app_name = "ddas"

urlpatterns = [
    path("gegevens", GegevensView.as_view(), name="gegevens"),
    path("gegevens/token", TokenView.as_view(), name="token"),
]
