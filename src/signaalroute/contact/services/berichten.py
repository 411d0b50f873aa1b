"""E-mail and text messages: queued per case, sent by a task, each registering a
`Contactpoging`. Sending is idempotent:

1. `berichten_klaarzetten` stores one `Bericht` per case, channel and day (unique
   `idempotentiesleutel`), so a double click or a rerun never makes a second one;
2. `bericht_versturen` claims it under `select_for_update` and commits status `verzenden`
   *before* talking to the SMTP server or SMS gateway; a retry of the job finds `verzenden` or
   `verzonden` and does nothing;
3. the outcome is stored in a new transaction. A temporary failure puts it back to
   `klaargezet` (safe: nothing was accepted); an unclear one (connection lost during the
   transfer) leaves `verzenden` for a person to check (`bericht_controleren`).

Logs name the message's UUID, channel, status and an error code; never the recipient, the
text or anything else personal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import Conflict, SignaalrouteError, ValidatieFout
from signaalroute.vroegsignaalzaken.constants import Contactgegevensoort
from signaalroute.vroegsignaalzaken.models import Contactpoging, Vroegsignaalzaak
from signaalroute.vroegsignaalzaken.rules import dagdeel_van
from signaalroute.vroegsignaalzaken.services import Pogingsgegevens, contactpoging_registreren
from signaalroute.vroegsignaalzaken.services.zaken import zaak_vergrendelen

from .. import selectors
from ..constants import CONTACTSOORT, PRINTKANALEN, Berichtstatus, Kanaal
from ..models import Bericht
from .samenstellen import bericht_samenstellen

logger = logging.getLogger(__name__)


def idempotentiesleutel(zaak: Vroegsignaalzaak, kanaal: str, datum: dt.date) -> str:
    """One message per case, channel and day."""
    return f"{kanaal}:{zaak.uuid}:{datum.isoformat()}"


def message_id(bericht: Bericht) -> str:
    """The e-mail's Message-ID: a bounce quotes it, so it maps back to the message."""
    domein = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "signaalroute.local"
    return f"<bericht.{bericht.uuid}@{domein}>"


def poging_registreren(bericht: Bericht, *, door: User, datum: dt.date) -> Contactpoging | None:
    """The DDAS contact attempt of a sent message (not reached: a message is one-way). Only
    ids in the note; the content stays in the message."""
    if door is None:
        logger.warning(
            "bericht %s: geen gebruiker om de contactpoging op te registreren", bericht.uuid
        )
        return None
    return contactpoging_registreren(
        zaak=bericht.vroegsignaalzaak,
        door=door,
        versie=None,
        gegevens=Pogingsgegevens(
            soort=CONTACTSOORT[bericht.kanaal],
            datum=datum,
            bereikt=False,
            dagdeel=dagdeel_van(timezone.localtime()),
            notitie=_("%(kanaal)s verstuurd met tekstversie %(versie)s.")
            % {"kanaal": bericht.get_kanaal_display(), "versie": bericht.sjabloon.versie},
        ),
        namens_systeem=True,
    )


# --- queueing ---------------------------------------------------------------------------------


@dataclass
class Klaarzetresultaat:
    berichten: list[Bericht] = field(default_factory=list)
    nieuw: int = 0
    overgeslagen: list[tuple[Vroegsignaalzaak, str]] = field(default_factory=list)


def per_zaak(zaken, resultaat: Klaarzetresultaat, maken, versie: int | None) -> None:
    """`maken(zaak) -> (bericht, nieuw)` for each case. A case that cannot get a message is
    skipped with the reason; for one case from the case page (`versie` given) the error goes
    to the worker instead."""
    for zaak in zaken:
        try:
            bericht, nieuw = maken(zaak)
        except SignaalrouteError as fout:
            if versie is not None:
                raise
            resultaat.overgeslagen.append((zaak, str(fout.message)))
            continue
        resultaat.berichten.append(bericht)
        resultaat.nieuw += int(nieuw)


def _versturen_na_commit(bericht: Bericht) -> None:
    from ..tasks import bericht_versturen_taak

    transaction.on_commit(lambda pk=bericht.pk: bericht_versturen_taak.enqueue(pk))


def _klaarzetten(
    zaak: Vroegsignaalzaak, kanaal: str, door: User, versie: int | None, datum: dt.date
) -> tuple[Bericht, bool]:
    sleutel = idempotentiesleutel(zaak, kanaal, datum)
    with transaction.atomic():
        zaak_vergrendelen(zaak, versie)
        bestaand = Bericht.objects.filter(idempotentiesleutel=sleutel).first()
        if bestaand is not None:
            return bestaand, False
        samenstelling = bericht_samenstellen(zaak=zaak, kanaal=kanaal, datum=datum)
        bericht = Bericht.objects.create(
            vroegsignaalzaak=zaak,
            kanaal=kanaal,
            sjabloon=samenstelling.sjabloon,
            ontvanger=samenstelling.ontvanger.waarde,
            vroegsignaal=samenstelling.ontvanger.vroegsignaal,
            onderwerp=samenstelling.onderwerp,
            inhoud=samenstelling.inhoud,
            idempotentiesleutel=sleutel,
            aangemaakt_door=door,
        )
        _versturen_na_commit(bericht)
    logger.info("bericht %s kanaal=%s status=%s", bericht.uuid, kanaal, bericht.status)
    return bericht, True


def berichten_klaarzetten(
    *,
    zaken: Iterable[Vroegsignaalzaak],
    kanaal: str,
    door: User,
    versie: int | None = None,
    datum: dt.date | None = None,
) -> Klaarzetresultaat:
    """Queue an e-mail or text message for each case; a task sends them after the commit.
    `versie` only for one case (the case page)."""
    if kanaal not in (Kanaal.EMAIL, Kanaal.SMS):
        raise ValidatieFout(_("Alleen e-mail en sms worden via de achtergrond verstuurd."))
    if kanaal == Kanaal.SMS and _sms_gateway() is None:
        raise ValidatieFout(_("Sms is niet ingesteld voor deze installatie."))
    datum = datum or timezone.localdate()
    resultaat = Klaarzetresultaat()
    per_zaak(zaken, resultaat, lambda zaak: _klaarzetten(zaak, kanaal, door, versie, datum), versie)
    if resultaat.nieuw:
        auditregel_vastleggen(
            actie=Auditactie.WIJZIGEN,
            gebruiker=door,
            gemeente=resultaat.berichten[0].vroegsignaalzaak.gemeente,
            omschrijving=f"{resultaat.nieuw} {kanaal} klaargezet om te versturen",
        )
    return resultaat


# --- sending ----------------------------------------------------------------------------------


class _Tijdelijk(Exception):
    """Nothing was accepted; trying again later is safe."""


class _Definitief(Exception):
    """Refused for good. `onbestelbaar`: the recipient itself is wrong."""

    def __init__(self, code: str, *, onbestelbaar: bool = False):
        super().__init__(code)
        self.onbestelbaar = onbestelbaar


def _sms_gateway():
    try:
        from signaalroute.contrib.sms.client import sms_gateway
    except ImportError:  # pragma: no cover - the adapter is part of the same release
        return None
    return sms_gateway()


def _email_versturen(bericht: Bericht) -> str:
    if selectors.contactgegeven_ongeldig(
        bericht.vroegsignaalzaak, Contactgegevensoort.EMAIL, bericht.ontvanger
    ):
        raise _Definitief("email_ongeldig_gemeld")
    huisstijl = selectors.huisstijl_van(bericht.vroegsignaalzaak.gemeente)
    bericht_id = message_id(bericht)
    verbinding = get_connection(fail_silently=False)
    try:
        verbinding.open()
    except (OSError, smtplib.SMTPException) as exc:
        raise _Tijdelijk("smtp_verbinding") from exc
    try:
        EmailMessage(
            subject=bericht.onderwerp,
            body=bericht.inhoud,
            from_email=formataddr((huisstijl.afzender, settings.DEFAULT_FROM_EMAIL)),
            to=[bericht.ontvanger.strip()],
            reply_to=[huisstijl.email] if huisstijl.email else None,
            headers={
                "Message-ID": bericht_id,
                "X-Signaalroute-Bericht": str(bericht.uuid),
                "Auto-Submitted": "auto-generated",
            },
            connection=verbinding,
        ).send()
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _tekst in exc.recipients.values()]
        if codes and all(400 <= c < 500 for c in codes):
            raise _Tijdelijk(f"smtp_{codes[0]}") from exc
        raise _Definitief(f"smtp_{codes[0] if codes else 550}", onbestelbaar=True) from exc
    except smtplib.SMTPResponseException as exc:  # sender or data refused
        if 400 <= exc.smtp_code < 500:
            raise _Tijdelijk(f"smtp_{exc.smtp_code}") from exc
        raise _Definitief(f"smtp_{exc.smtp_code}") from exc
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            verbinding.close()  # closing never decides the outcome
    return bericht_id


def _sms_versturen(bericht: Bericht, gateway) -> str:
    if gateway is None:
        raise _Tijdelijk("sms_niet_ingesteld")
    huisstijl = selectors.huisstijl_van(bericht.vroegsignaalzaak.gemeente)
    afzender = (
        huisstijl.sms_afzender
        or "".join(t for t in bericht.vroegsignaalzaak.gemeente.naam if t.isalnum())[:11]
    )
    naar = selectors.mobiel_nummer(bericht.ontvanger)
    if not naar or selectors.contactgegeven_ongeldig(
        bericht.vroegsignaalzaak, Contactgegevensoort.TELEFOON, bericht.ontvanger
    ):
        raise _Definitief("sms_geen_geldig_nummer")
    try:
        verzonden = gateway.versturen(
            naar=naar,
            afzender=afzender,
            tekst=bericht.inhoud,
            referentie=str(bericht.uuid),
            status_url=getattr(settings, "SMS_STATUS_URL", ""),
        )
    except Exception as exc:
        if not hasattr(exc, "tijdelijk"):
            raise
        code = f"sms_{getattr(exc, 'oorzaak', '') or getattr(exc, 'http_status', '') or 'fout'}"
        if exc.tijdelijk:
            raise _Tijdelijk(code.replace(" ", "_")) from exc
        raise _Definitief(code.replace(" ", "_")) from exc
    return verzonden.id


def _claimen(bericht_id: int) -> Bericht | None:
    """Set `verzenden` in its own committed transaction; None when it is not `klaargezet`."""
    with transaction.atomic():
        bericht = (
            Bericht.objects.select_for_update(of=("self",))
            .select_related("vroegsignaalzaak__gemeente", "sjabloon")
            .filter(pk=bericht_id)
            .first()
        )
        if bericht is None or bericht.status != Berichtstatus.KLAARGEZET:
            if bericht is not None:
                logger.info(
                    "bericht %s niet opnieuw verstuurd: status=%s", bericht.uuid, bericht.status
                )
            return None
        bericht.status = Berichtstatus.VERZENDEN
        bericht.verzenden_sinds = timezone.now()
        bericht.pogingen += 1
        bericht.save(update_fields=["status", "verzenden_sinds", "pogingen", "status_gewijzigd_op"])
    return bericht


def verzonden_vastleggen(bericht: Bericht, *, extern_id: str = "") -> Bericht:
    """`verzenden` → `verzonden` with the contact attempt; a no-op for any other status."""
    with transaction.atomic():
        bericht = (
            Bericht.objects.select_for_update(of=("self",))
            .select_related("vroegsignaalzaak", "sjabloon", "aangemaakt_door")
            .get(pk=bericht.pk)
        )
        if bericht.status != Berichtstatus.VERZENDEN:
            return bericht
        bericht.status = Berichtstatus.VERZONDEN
        bericht.verzonden_op = timezone.now()
        bericht.extern_id = extern_id[:200] or bericht.extern_id
        bericht.foutcode = ""
        try:
            bericht.contactpoging = poging_registreren(
                bericht, door=bericht.aangemaakt_door, datum=timezone.localdate()
            )
        except SignaalrouteError:  # e.g. the case was closed meanwhile: the message went
            bericht.foutcode = "geen_contactpoging"
        bericht.save()
    logger.info("bericht %s kanaal=%s status=%s", bericht.uuid, bericht.kanaal, bericht.status)
    return bericht


def _uitkomst_vastleggen(bericht: Bericht, status: str, foutcode: str) -> Bericht:
    with transaction.atomic():
        bericht = Bericht.objects.select_for_update(of=("self",)).get(pk=bericht.pk)
        if bericht.status == Berichtstatus.VERZENDEN:
            bericht.status = status
        bericht.foutcode = foutcode[:100]
        bericht.save(update_fields=["status", "foutcode", "status_gewijzigd_op"])
    logger.warning(
        "bericht %s kanaal=%s status=%s fout=%s",
        bericht.uuid,
        bericht.kanaal,
        bericht.status,
        foutcode,
    )
    return bericht


def bericht_versturen(*, bericht_id: int, gateway=None) -> str:
    """Send one queued e-mail or text message; returns its status afterwards. Safe to run
    again and again: only a `klaargezet` message is sent. `gateway`: the SMS gateway (default
    from the settings)."""
    bericht = _claimen(bericht_id)
    if bericht is None:
        return Bericht.objects.filter(pk=bericht_id).values_list("status", flat=True).first() or ""
    if bericht.kanaal in PRINTKANALEN:  # pragma: no cover - letters are never queued
        return _uitkomst_vastleggen(bericht, Berichtstatus.MISLUKT, "geen_verzendkanaal").status
    try:
        if bericht.kanaal == Kanaal.EMAIL:
            extern_id = _email_versturen(bericht)
        else:
            extern_id = _sms_versturen(bericht, gateway if gateway is not None else _sms_gateway())
    except _Tijdelijk as fout:
        return _uitkomst_vastleggen(bericht, Berichtstatus.KLAARGEZET, str(fout)).status
    except _Definitief as fout:
        if fout.onbestelbaar:
            from .terugmeldingen import bericht_onbestelbaar_melden

            return bericht_onbestelbaar_melden(
                bericht=bericht, door=None, foutcode=str(fout)
            ).status
        return _uitkomst_vastleggen(bericht, Berichtstatus.MISLUKT, str(fout)).status
    except Exception as exc:  # noqa: BLE001 - unclear whether it went: a person checks it
        # The type only: an exception text may quote the recipient.
        logger.error("bericht %s: verzenden onderbroken (%s)", bericht.uuid, type(exc).__name__)
        return _uitkomst_vastleggen(bericht, Berichtstatus.VERZENDEN, "onderbroken").status
    return verzonden_vastleggen(bericht, extern_id=extern_id).status


def berichten_opnieuw_versturen(*, gateway=None, limiet: int = 500) -> dict[str, int]:
    """Send the queued messages again (after a temporary failure, or a lost task)."""
    telling: dict[str, int] = {}
    ids = Bericht.objects.filter(
        status=Berichtstatus.KLAARGEZET, kanaal__in=(Kanaal.EMAIL, Kanaal.SMS)
    ).values_list("pk", flat=True)[:limiet]
    for pk in list(ids):
        status = bericht_versturen(bericht_id=pk, gateway=gateway)
        telling[status] = telling.get(status, 0) + 1
    return telling


@transaction.atomic
def bericht_controleren(*, bericht: Bericht, verzonden: bool, door: User) -> Bericht:
    """A person decides about an interrupted message (status `verzenden`): it did go (record
    it with the attempt), or it did not (queue it again)."""
    bericht = Bericht.objects.select_for_update(of=("self",)).get(pk=bericht.pk)
    if bericht.status != Berichtstatus.VERZENDEN:
        raise Conflict(_("Dit bericht wacht niet (meer) op controle."))
    if verzonden:
        bericht = verzonden_vastleggen(bericht)
    else:
        bericht.status = Berichtstatus.KLAARGEZET
        bericht.foutcode = ""
        bericht.save(update_fields=["status", "foutcode", "status_gewijzigd_op"])
        _versturen_na_commit(bericht)
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=bericht.vroegsignaalzaak,
        gemeente=bericht.vroegsignaalzaak.gemeente,
        omschrijving=f"Onderbroken {bericht.kanaal} gecontroleerd: "
        + ("verzonden" if verzonden else "opnieuw klaargezet"),
    )
    return bericht
