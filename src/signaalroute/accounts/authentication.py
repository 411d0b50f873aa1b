"""API authentication for staff sessions: only sessions that passed the second factor count."""

from rest_framework.authentication import SessionAuthentication

from .middleware import is_second_factor_done


class VerifiedSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None or not is_second_factor_done(request._request):
            return None
        return result
