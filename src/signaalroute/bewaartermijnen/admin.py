from django.contrib import admin

from .models import Bewaarinstellingen, Opschoonrapport


@admin.register(Bewaarinstellingen)
class BewaarinstellingenAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "zonder_hulp_maanden", "tegengehouden_maanden", "met_hulp_maanden"]


@admin.register(Opschoonrapport)
class OpschoonrapportAdmin(admin.ModelAdmin):
    """Read-only: a report says what a run did."""

    list_display = ["uitgevoerd_op", "gemeente", "droog", "peildatum"]
    list_filter = ["droog", "gemeente"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
