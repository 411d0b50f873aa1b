"""What the local double does with messages: accept them once per referentie, and later
"deliver" them and send the signed delivery reports (`sms_rapporten_versturen`)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..client import rapport_ondertekenen
from ..constants import Berichtstatus
from ..models import LokaalSmsBericht
from . import storingen

logger = logging.getLogger(__name__)

MAX_RAPPORTPOGINGEN = 5
RAPPORT_TIMEOUT_SECONDEN = 5.0


def lokaal_sms_ontvangen(
    *, naar: str, afzender: str, tekst: str, referentie: str, status_url: str = ""
) -> tuple[LokaalSmsBericht, bool]:
    """The message with this referentie, created when new: (message, created). A repeated
    referentie returns the first message unchanged, whatever the repeat carried."""
    return LokaalSmsBericht.objects.get_or_create(
        referentie=referentie,
        defaults={
            "naar": naar,
            "afzender": afzender,
            "tekst": tekst,
            "status_url": status_url or "",
        },
    )


@dataclass(frozen=True)
class Rapportresultaat:
    afgehandeld: int  # messages that got their final status in this run
    verstuurd: int  # reports the receiver accepted (2xx)
    niet_aangekomen: int  # reports that failed this time (kept for the next run, up to a limit)


def _afhandelen() -> int:
    """Give every accepted message its final status (delivered, or failed by `storingen`)."""
    with transaction.atomic():
        berichten = list(
            LokaalSmsBericht.objects.select_for_update().filter(status=Berichtstatus.GEACCEPTEERD)
        )
        for bericht in berichten:
            bericht.status, bericht.reden = storingen.uitkomst(bericht.naar)
        LokaalSmsBericht.objects.bulk_update(berichten, ["status", "reden"])
    return len(berichten)


def rapport_body(bericht: LokaalSmsBericht) -> bytes:
    return json.dumps(
        {
            "id": str(bericht.uuid),
            "referentie": bericht.referentie,
            "status": bericht.status,
            "reden": bericht.reden,
        }
    ).encode()


def _rapport_posten(bericht: LokaalSmsBericht) -> bool:
    body = rapport_body(bericht)
    headers = {
        "Content-Type": "application/json",
        "X-Signature": rapport_ondertekenen(body, settings.SMS_GATEWAY_WEBHOOK_SECRET),
    }
    try:
        response = requests.post(
            bericht.status_url,
            data=body,
            headers=headers,
            timeout=RAPPORT_TIMEOUT_SECONDEN,
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        logger.warning("SMS-rapport %s niet afgeleverd (%s)", bericht.uuid, type(exc).__name__)
        return False
    gelukt = 200 <= response.status_code < 300
    logger.log(
        logging.INFO if gelukt else logging.WARNING,
        "SMS-rapport %s (%s): HTTP %s",
        bericht.uuid,
        bericht.status,
        response.status_code,
    )
    return gelukt


def sms_rapporten_versturen(*, max_pogingen: int = MAX_RAPPORTPOGINGEN) -> Rapportresultaat:
    """Deliver the accepted messages and POST a signed report to each one's statusUrl. A report
    the receiver did not accept is tried again in the next run, at most `max_pogingen` times;
    one may arrive twice (a receiver must be idempotent, as with any real gateway)."""
    afgehandeld = _afhandelen()
    te_versturen = (
        LokaalSmsBericht.objects.exclude(status=Berichtstatus.GEACCEPTEERD)
        .exclude(status_url="")
        .filter(rapport_verstuurd_op__isnull=True, rapport_pogingen__lt=max_pogingen)
        .order_by("id")
    )
    verstuurd = niet_aangekomen = 0
    for bericht in te_versturen:
        gelukt = _rapport_posten(bericht)  # outside a transaction: no lock held over HTTP
        wijziging: dict = {"rapport_pogingen": bericht.rapport_pogingen + 1}
        if gelukt:
            wijziging["rapport_verstuurd_op"] = timezone.now()
            verstuurd += 1
        else:
            niet_aangekomen += 1
        LokaalSmsBericht.objects.filter(pk=bericht.pk).update(**wijziging)
    return Rapportresultaat(
        afgehandeld=afgehandeld, verstuurd=verstuurd, niet_aangekomen=niet_aangekomen
    )
