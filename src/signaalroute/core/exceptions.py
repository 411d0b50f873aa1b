"""One exception hierarchy for the whole application.

Services raise these; `core.api.exception_handler` turns them into problem+json and
`core.views` into Dutch messages in the UI. Messages are Dutch and never contain personal data.
"""

from django.utils.translation import gettext_lazy as _


class SignaalrouteError(Exception):
    status = 400
    code = "fout"
    default_message = _("Er ging iets mis.")

    def __init__(self, message=None, *, invalid_params: list[dict] | None = None):
        self.message = message or self.default_message
        self.invalid_params = invalid_params or []
        super().__init__(str(self.message))


class ValidatieFout(SignaalrouteError):
    status = 400
    code = "validatiefout"
    default_message = _("De invoer is niet geldig.")


class GeenToegang(SignaalrouteError):
    status = 403
    code = "geen_toegang"
    default_message = _("U heeft geen toegang tot deze gegevens.")


class NietGevonden(SignaalrouteError):
    status = 404
    code = "niet_gevonden"
    default_message = _("Niet gevonden.")


class Conflict(SignaalrouteError):
    status = 409
    code = "conflict"
    default_message = _("Deze actie botst met de huidige toestand.")


class OngeldigeOvergang(Conflict):
    code = "ongeldige_overgang"
    default_message = _("Deze statusovergang is niet toegestaan.")
