"""Every way a BRP request can fail, as one branch of the application's exception hierarchy.

Messages are Dutch and never hold personal data; the BRP's own problem details (status, code,
title, invalidParams) are kept on the exception for logs and tests.
"""

from django.utils.translation import gettext_lazy as _

from signaalroute.core.exceptions import SignaalrouteError


class BrpFout(SignaalrouteError):
    """The BRP gave an error Signaalroute cannot do anything about."""

    status = 502
    code = "brp_fout"
    default_message = _("De BRP gaf een onverwachte fout.")

    def __init__(
        self,
        message=None,
        *,
        invalid_params: list[dict] | None = None,
        http_status: int | None = None,
        brp_code: str = "",
        oorzaak: str = "",
    ):
        super().__init__(message, invalid_params=invalid_params)
        self.http_status = http_status  # the BRP's HTTP status, if it answered
        self.brp_code = brp_code  # the BRP's problem+json `code`
        self.oorzaak = oorzaak  # e.g. "tijdslimiet", "verbinding", "tls", "status"


class BrpNietGeconfigureerd(BrpFout):
    status = 503
    code = "brp_niet_geconfigureerd"
    default_message = _("De koppeling met de BRP is niet ingesteld.")


class BrpNietBeschikbaar(BrpFout):
    """Timeouts, connection errors and 429/5xx answers, after the retries."""

    status = 503
    code = "brp_niet_beschikbaar"
    default_message = _("De BRP is tijdelijk niet bereikbaar. Probeer het later opnieuw.")


class BrpOngeldigVerzoek(BrpFout):
    """The request was refused as invalid (400), or did not pass our own check before sending."""

    status = 400
    code = "brp_ongeldig_verzoek"
    default_message = _("De BRP-bevraging is niet geldig.")


class BrpGeenToegang(BrpFout):
    """401/403: the API key, certificate or purpose binding (doelbinding) is not accepted."""

    status = 502
    code = "brp_geen_toegang"
    default_message = _(
        "Signaalroute heeft geen toegang tot deze BRP-gegevens; controleer de autorisatie en "
        "doelbinding."
    )


class BrpOngeldigAntwoord(BrpFout):
    status = 502
    code = "brp_ongeldig_antwoord"
    default_message = _("De BRP gaf een antwoord dat Signaalroute niet kan lezen.")
