"""`POST /berichten` of the local SMS gateway double: the generic API (docs/sms-gateway.md),
with its token check, validation, idempotency per referentie and problem+json errors."""

from __future__ import annotations

import hmac
import json

import phonenumbers
from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..rules import bericht_controleren
from . import storingen
from .services import lokaal_sms_ontvangen

PROBLEM_JSON = "application/problem+json"
PROBLEMEN = {
    400: ("https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.1", "Ongeldig verzoek."),
    401: (
        "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.2",
        "Niet correct geauthenticeerd.",
    ),
    429: (
        "https://datatracker.ietf.org/doc/html/rfc6585#section-4",
        "Te veel verzoeken.",
    ),
    500: ("https://datatracker.ietf.org/doc/html/rfc9110#section-15.6.1", "Interne serverfout."),
    503: (
        "https://datatracker.ietf.org/doc/html/rfc9110#section-15.6.4",
        "De sms-gateway is tijdelijk niet beschikbaar.",
    ),
}


def _probleem(
    request: HttpRequest,
    status: int,
    *,
    invalid_params: list[dict] | None = None,
    retry_after: int | None = None,
) -> JsonResponse:
    soort, titel = PROBLEMEN[status]
    body: dict = {"type": soort, "title": titel, "status": status, "instance": request.path}
    if invalid_params:
        namen = ", ".join(dict.fromkeys(p["name"] for p in invalid_params))
        body["detail"] = f"De foutieve parameter(s) zijn {namen}."
        body["invalidParams"] = invalid_params
    response = JsonResponse(body, status=status, content_type=PROBLEM_JSON)
    if status == 401:
        response["WWW-Authenticate"] = "Bearer"
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def _token_klopt(request: HttpRequest) -> bool:
    """The bearer token equals SMS_GATEWAY_TOKEN; without a configured token nothing passes."""
    verwacht = settings.SMS_GATEWAY_TOKEN
    schema, _, token = request.headers.get("Authorization", "").partition(" ")
    if not verwacht or schema.lower() != "bearer":
        return False
    return hmac.compare_digest(token.strip().encode(), verwacht.encode())


def _nummer_fouten(naar: str) -> list[dict]:
    """The numbering plan's check, after the E.164 form passed (`rules`)."""
    try:
        nummer = phonenumbers.parse(naar, None)
    except phonenumbers.NumberParseException:
        nummer = None
    if nummer is None or not phonenumbers.is_valid_number(nummer):
        return [{"name": "naar", "code": "invalid", "reason": "Geen bestaand telefoonnummer."}]
    return []


@csrf_exempt
@require_POST
def berichten(request: HttpRequest) -> JsonResponse:
    if not settings.SMS_LOKAAL:
        raise Http404
    if not _token_klopt(request):
        return _probleem(request, 401)
    try:
        body = json.loads(request.body)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return _probleem(
            request,
            400,
            invalid_params=[{"name": "body", "code": "json", "reason": "Geen JSON-object."}],
        )
    velden = {
        "naar": body.get("naar"),
        "afzender": body.get("afzender"),
        "tekst": body.get("tekst"),
        "referentie": body.get("referentie"),
        "status_url": body.get("statusUrl", ""),
    }
    fouten = bericht_controleren(**velden)
    if not fouten:
        fouten = _nummer_fouten(velden["naar"])
    if fouten:
        return _probleem(request, 400, invalid_params=fouten)
    if storing := storingen.storing(velden["naar"], velden["referentie"]):
        status, retry_after = storing
        return _probleem(request, status, retry_after=retry_after)
    bericht, nieuw = lokaal_sms_ontvangen(**velden)
    storingen.vertraging(bericht.naar, bericht.referentie)
    return JsonResponse(
        {"id": str(bericht.uuid), "status": bericht.status}, status=201 if nieuw else 200
    )
