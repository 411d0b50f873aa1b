"""Start-up checks: integrations are off until configured and fail when half-configured."""

from django.conf import settings
from django.core.checks import Error, register

OIDC_REQUIRED = [
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
]


@register()
def oidc_configuration(app_configs, **kwargs):
    if not settings.OIDC_ENABLED:
        return []
    missing = [name for name in OIDC_REQUIRED if not getattr(settings, name, "")]
    return [
        Error(
            f"OIDC_ENABLED is set but {name} is empty.",
            hint="Set all OIDC_* variables (docs/configuration.md) or switch OIDC_ENABLED off.",
            id="signaalroute.E001",
        )
        for name in missing
    ]
