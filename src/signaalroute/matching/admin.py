from django.contrib import admin

from .models import (
    Huishoudkenmerken,
    Matchinginstellingen,
    Referentieteller,
    Signaaldrempel,
    Uitsluiting,
)


@admin.register(Matchinginstellingen)
class MatchinginstellingenAdmin(admin.ModelAdmin):
    list_display = [
        "gemeente",
        "periodesoort",
        "afsluitdag",
        "terugkijkperiode_maanden",
        "huur_telt_als_match",
        "alleen_matches_behandelen",
    ]
    list_filter = ["periodesoort", "huur_telt_als_match", "alleen_matches_behandelen"]
    search_fields = ["gemeente__naam", "gemeente__cbs_code"]
    autocomplete_fields = ["gemeente"]


@admin.register(Huishoudkenmerken)
class HuishoudkenmerkenAdmin(admin.ModelAdmin):
    """Computed by matching: read-only."""

    list_display = [
        "vroegsignaalzaak",
        "recidive",
        "gaten_dichten",
        "sleper",
        "telt_als_match",
        "alleen_brief",
    ]
    list_filter = ["gaten_dichten", "sleper", "telt_als_match", "alleen_brief"]
    search_fields = ["vroegsignaalzaak__referentie"]
    list_select_related = ["vroegsignaalzaak"]
    readonly_fields = [
        "vroegsignaalzaak",
        "recidive",
        "gaten_dichten",
        "sleper",
        "telt_als_match",
        "alleen_brief",
        "vorige_zaak",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Referentieteller)
class ReferentietellerAdmin(admin.ModelAdmin):
    list_display = ["jaar", "laatste"]
    readonly_fields = ["jaar", "laatste"]

    def has_add_permission(self, request):
        return False


@admin.register(Signaaldrempel)
class SignaaldrempelAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "soort", "minimum_bedrag", "minimale_achterstand_dagen"]
    list_filter = ["gemeente", "soort"]


@admin.register(Uitsluiting)
class UitsluitingAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "postcode", "huisnummer", "huisletter", "huisnummertoevoeging"]
    list_filter = ["gemeente"]
    search_fields = ["postcode"]
