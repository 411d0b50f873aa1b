"""A local webhook receiver for development, the demo and the tests: it does what a partner's
receiver should do (docs/webhooks.md). It answers the OPTIONS handshake, checks the media
type and the signature with the secret of the subscription(s) pointing at it, and keeps what
it received in memory (GET shows it). Only when DEBUG or WEBHOOK_ONTVANGER_LOKAAL is on;
mounted by `signaalroute.urls` at /api/lokale-webhookontvanger/ (open to machines).

Names that simulate a receiver in trouble: `weg` answers 410 Gone, `druk` 429 with
`Retry-After: 120`, `storing` 503."""

from __future__ import annotations

import json
import threading
from collections import deque
from urllib.parse import urlsplit

from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import rules
from .constants import (
    HEADER_ALLOWED_ORIGIN,
    HEADER_ID,
    HEADER_REQUEST_ORIGIN,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    TIJDSTEMPEL_TOLERANTIE,
)
from .instellingen import lokaal_toegestaan
from .models import Webhookabonnement

ONTVANGEN: deque[dict] = deque(maxlen=500)
_SLOT = threading.Lock()
STORINGEN = {"weg": (410, {}), "druk": (429, {"Retry-After": "120"}), "storing": (503, {})}


def ontvangen(naam: str | None = None) -> list[dict]:
    with _SLOT:
        return [o for o in ONTVANGEN if naam is None or o["naam"] == naam]


def wissen() -> None:
    with _SLOT:
        ONTVANGEN.clear()


def _geheimen(pad: str) -> list[str]:
    """The secrets of the active subscriptions whose URL has exactly this path."""
    return [
        geheim
        for url, geheim in Webhookabonnement.objects.filter(
            beeindigd_op__isnull=True, url__contains=pad
        ).values_list("url", "geheim")
        if urlsplit(url).path == pad
    ]


@csrf_exempt
@require_http_methods(["OPTIONS", "POST", "GET"])
def ontvanger(request, naam: str):
    if not lokaal_toegestaan():
        raise Http404
    if request.method == "OPTIONS":
        origin = request.headers.get(HEADER_REQUEST_ORIGIN, "")
        if not origin:
            return HttpResponse(status=400)
        response = HttpResponse(status=200)
        response[HEADER_ALLOWED_ORIGIN] = origin
        response["Allow"] = "GET, POST, OPTIONS"
        return response
    if request.method == "GET":
        return JsonResponse({"ontvangen": ontvangen(naam)})
    if naam in STORINGEN:
        status, headers = STORINGEN[naam]
        response = HttpResponse(status=status)
        for sleutel, waarde in headers.items():
            response[sleutel] = waarde
        return response
    if request.content_type != "application/cloudevents+json":
        return HttpResponse(status=415)
    inhoud = request.body
    geldig = any(
        rules.handtekening_controleren(
            geheim=geheim,
            bericht_id=request.headers.get(HEADER_ID, ""),
            tijdstempel=request.headers.get(HEADER_TIMESTAMP, ""),
            inhoud=inhoud,
            header=request.headers.get(HEADER_SIGNATURE, ""),
            nu=timezone.now(),
            tolerantie=TIJDSTEMPEL_TOLERANTIE,
        )
        for geheim in _geheimen(request.path)
    )
    if not geldig:
        return HttpResponse(status=401)
    try:
        event = json.loads(inhoud)
    except ValueError:
        return HttpResponse(status=400)
    with _SLOT:
        ONTVANGEN.append(
            {
                "naam": naam,
                "webhookId": request.headers.get(HEADER_ID),
                "ontvangenOp": timezone.now().isoformat(),
                "event": event,
            }
        )
    return HttpResponse(status=204)
