from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "rol",
        "uitvoeringsorganisatie",
        "signaalpartner",
        "team",
        "is_active",
    ]
    list_filter = ["rol", "is_active", "uitvoeringsorganisatie", "signaalpartner"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Rol en organisatie"),
            {
                "fields": ("rol", "uitvoeringsorganisatie", "gemeenten", "team", "signaalpartner"),
            },
        ),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (
            _("Rol en organisatie"),
            {
                "fields": ("rol", "uitvoeringsorganisatie", "team", "signaalpartner"),
            },
        ),
    )
    filter_horizontal = ["gemeenten", "groups", "user_permissions"]
