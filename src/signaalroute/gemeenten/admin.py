from django.contrib import admin

from .models import Gemeente, Postcodegebied, Team, Uitvoeringsorganisatie, Wijk


@admin.register(Uitvoeringsorganisatie)
class UitvoeringsorganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "kvk_nummer"]
    search_fields = ["naam", "code"]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "cbs_code", "inwoners", "uitvoeringsorganisatie", "aangesloten"]
    list_filter = ["aangesloten", "uitvoeringsorganisatie"]
    search_fields = ["naam", "cbs_code"]


@admin.register(Wijk)
class WijkAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "gemeente"]
    list_filter = ["gemeente"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["naam", "uitvoeringsorganisatie", "extern"]
    list_filter = ["extern", "uitvoeringsorganisatie"]
    filter_horizontal = ["wijken"]


@admin.register(Postcodegebied)
class PostcodegebiedAdmin(admin.ModelAdmin):
    list_display = ["postcode", "gemeente", "wijk"]
    list_filter = ["gemeente"]
    search_fields = ["postcode"]
