"""API authentication for staff sessions: only sessions that passed the second factor count."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import SessionAuthentication

from .middleware import is_second_factor_done


class VerifiedSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None or not is_second_factor_done(request._request):
            return None
        return result


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    """In the OpenAPI document: the session cookie of a logged-in worker (both login steps)."""

    target_class = VerifiedSessionAuthentication
    name = "sessie"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "Sessie van een ingelogde medewerker, na wachtwoord en tweede factor.",
        }
