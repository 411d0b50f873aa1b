"""Authentication of partner systems with a machine credential (`Authorization: Bearer sr_…`).

The partner API is separate from the back-office API: a credential acts for exactly one
partner, with the scopes it was given; it never acts as a user.
"""

import hmac
from dataclasses import dataclass

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from signaalroute.signaalpartners.models import Partnersleutel, Signaalpartner
from signaalroute.signaalpartners.services import SLEUTEL_VOORVOEGSEL, sleutel_hashen


@dataclass(frozen=True)
class Partnersysteem:
    """The authenticated caller: request.user in the partner API."""

    signaalpartner: Signaalpartner
    sleutel: Partnersleutel
    scopes: frozenset[str]
    is_authenticated: bool = True
    is_active: bool = True
    rol: str = "partnersysteem"

    @property
    def username(self) -> str:
        return f"{self.signaalpartner.code}/{self.sleutel.prefix}"


class PartnersleutelAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace")
        soort, _, sleutel = header.partition(" ")
        if soort != self.keyword or not sleutel.startswith(SLEUTEL_VOORVOEGSEL):
            return None
        prefix = sleutel[len(SLEUTEL_VOORVOEGSEL) :].split("_", 1)[0]
        record = (
            Partnersleutel.objects.select_related("signaalpartner")
            .filter(prefix=prefix, actief=True, signaalpartner__actief=True)
            .first()
        )
        if record is None or not hmac.compare_digest(record.sleutel_hash, sleutel_hashen(sleutel)):
            raise exceptions.AuthenticationFailed("Ongeldige of ingetrokken sleutel.")
        Partnersleutel.objects.filter(pk=record.pk).update(laatst_gebruikt_op=timezone.now())
        systeem = Partnersysteem(record.signaalpartner, record, frozenset(record.scopes))
        return systeem, record

    def authenticate_header(self, request):
        return f'{self.keyword} realm="signaalroute"'


def scope_vereist(scope: str) -> type[permissions.BasePermission]:
    """A permission class that admits a partner system holding `scope`."""

    class HeeftScope(permissions.BasePermission):
        message = f"Deze sleutel heeft de scope '{scope}' niet."

        def has_permission(self, request, view):
            return isinstance(request.user, Partnersysteem) and scope in request.user.scopes

    HeeftScope.__name__ = f"HeeftScope_{scope.replace(':', '_')}"
    return HeeftScope


class PartnersleutelScheme(OpenApiAuthenticationExtension):
    """Describes the partner credential in the OpenAPI document."""

    target_class = PartnersleutelAuthentication
    name = "partnersleutel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "API-sleutel van het partnersysteem (sr_…), met scopes.",
        }
