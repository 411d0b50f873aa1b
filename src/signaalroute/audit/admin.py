from django.contrib import admin

from .models import Auditregel


@admin.register(Auditregel)
class AuditregelAdmin(admin.ModelAdmin):
    """Read-only: the audit log cannot be changed, not even by a platform administrator."""

    list_display = ["op", "gebruikersnaam", "actie", "gemeente", "objecttype", "object_uuid"]
    list_filter = ["actie", "gemeente"]
    search_fields = ["gebruikersnaam", "object_uuid"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
