from django.contrib import admin

from .models import Contactpersoon, Signaalpartner


class ContactpersoonInline(admin.TabularInline):
    model = Contactpersoon
    extra = 0


@admin.register(Signaalpartner)
class SignaalpartnerAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "soort", "kvk_nummer", "actief"]
    list_filter = ["soort", "actief"]
    search_fields = ["naam", "code", "kvk_nummer"]
    inlines = [ContactpersoonInline]
