from django.conf import settings

from signaalroute.accounts.middleware import is_second_factor_done


def signaalroute(request):
    user = getattr(request, "user", None)
    return {
        "DEMO_TOTP_VISIBLE": settings.DEMO_TOTP_VISIBLE,
        "OIDC_ENABLED": settings.OIDC_ENABLED,
        "sr_ingelogd": bool(
            user is not None and user.is_authenticated and is_second_factor_done(request)
        ),
    }
