"""The number of unread notifications for the main menu. Counted only when a template uses
it (the value is a callable), so pages without the menu pay nothing."""

from signaalroute.accounts.constants import BEHANDELROLLEN

from .selectors import ongelezen_meldingen


def meldingen(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.rol not in BEHANDELROLLEN:
        return {"sr_ongelezen_meldingen": 0}
    return {"sr_ongelezen_meldingen": lambda: ongelezen_meldingen(user)}
