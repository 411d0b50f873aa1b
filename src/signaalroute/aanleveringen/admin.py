from django.contrib import admin

from .models import Aanlevering


@admin.register(Aanlevering)
class AanleveringAdmin(admin.ModelAdmin):
    """Deliveries only; signals hold personal data and are not shown in the admin."""

    list_display = [
        "ontvangen_op",
        "signaalpartner",
        "kanaal",
        "status",
        "aantal_rijen",
        "aantal_geaccepteerd",
        "aantal_afgewezen",
    ]
    list_filter = ["status", "kanaal", "signaalpartner"]
    readonly_fields = [f.name for f in Aanlevering._meta.fields]

    def has_add_permission(self, request):
        return False
