from django.contrib import admin

from .models import LokaalBrpPersoon


@admin.register(LokaalBrpPersoon)
class LokaalBrpPersoonAdmin(admin.ModelAdmin):
    """The fictitious persons of the local BRP, for the demo."""

    list_display = ("id", "postcode", "huisnummer", "huisletter", "verblijfplaats", "toelichting")
    list_filter = ("verblijfplaats", "gegenereerd")
    search_fields = ("postcode",)
