from django.contrib import admin

from .models import Aanleverherinnering, Contactpersoon, Partnersleutel, Signaalpartner


class ContactpersoonInline(admin.TabularInline):
    model = Contactpersoon
    extra = 0


@admin.register(Signaalpartner)
class SignaalpartnerAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "soort", "kvk_nummer", "actief"]
    list_filter = ["soort", "actief"]
    search_fields = ["naam", "code", "kvk_nummer"]
    inlines = [ContactpersoonInline]


@admin.register(Aanleverherinnering)
class AanleverherinneringAdmin(admin.ModelAdmin):
    """Read-only: which partner was reminded of which month, when."""

    list_display = ["signaalpartner", "maand", "verstuurd_op"]
    list_filter = ["maand"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Partnersleutel)
class PartnersleutelAdmin(admin.ModelAdmin):
    """Keys are created with `partnersleutel_aanmaken` (the key is shown once); here they can
    be seen and revoked."""

    list_display = ["signaalpartner", "naam", "prefix", "scopes", "actief", "laatst_gebruikt_op"]
    list_filter = ["actief", "signaalpartner"]
    readonly_fields = [
        "signaalpartner",
        "naam",
        "prefix",
        "scopes",
        "aangemaakt_op",
        "laatst_gebruikt_op",
    ]
    exclude = ["sleutel_hash"]
    actions = ["intrekken"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Geselecteerde sleutels intrekken")
    def intrekken(self, request, queryset):
        queryset.update(actief=False)
