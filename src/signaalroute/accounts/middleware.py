"""Every page needs a logged-in user who has passed the second factor.

Anonymous users go to the login page; users who entered a password but no TOTP code yet go to
the verification (or first-time set-up) page. The API authenticates itself (problem+json).
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# Open to machines without a session: they authenticate themselves (API keys, tokens, signed
# delivery reports from the SMS gateway, the local SMS gateway double's bearer token).
OPEN_PREFIXES = (
    "/inloggen/",
    "/oidc/",
    "/static/",
    "/api/",
    "/gezondheid",
    "/contact/sms-statusrapporten/",
    "/sms/lokaal/",
    "/metrics",
)


def is_second_factor_done(request) -> bool:
    user = request.user
    return bool(user.is_verified()) or request.session.get("signaalroute_auth") == "oidc"


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if not path.startswith(OPEN_PREFIXES):
            user = request.user
            if not user.is_authenticated:
                return redirect(f"{reverse(settings.LOGIN_URL)}?next={path}")
            if not is_second_factor_done(request):
                return redirect("accounts:verificatie")
        return self.get_response(request)
