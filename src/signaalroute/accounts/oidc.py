"""OpenID Connect login for municipalities with their own identity provider.

Only existing, active accounts can log in; the provider's MFA replaces our TOTP step.
"""

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class SignaalrouteOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        username = claims.get(settings.OIDC_USERNAME_CLAIM)
        if not username:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username__iexact=username, is_active=True)

    def authenticate(self, request, **kwargs):
        user = super().authenticate(request, **kwargs)
        if user is not None and request is not None:
            request.session["signaalroute_auth"] = "oidc"
        return user
