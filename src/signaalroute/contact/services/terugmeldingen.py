"""What comes back: e-mail bounces (DSN), SMS delivery reports and returned letters. A
permanent failure marks the contact detail invalid on the case (and, when a partner delivered
it, in the partner's feedback) and the message `onbestelbaar`."""

from __future__ import annotations

import logging
import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from signaalroute.accounts.models import User
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.vroegsignaalzaken.constants import Contactgegevensoort, Ongeldigreden
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak
from signaalroute.vroegsignaalzaken.services import contactgegeven_ongeldig_melden
from signaalroute.vroegsignaalzaken.services.zaken import zaak_vergrendelen

from .. import dsn, selectors
from ..constants import CONTACTGEGEVEN, PRINTKANALEN, Berichtstatus, Kanaal
from ..models import Bericht
from .berichten import verzonden_vastleggen

logger = logging.getLogger(__name__)

REDEN = {
    Kanaal.EMAIL: Ongeldigreden.ONBESTELBAAR,
    Kanaal.BRIEF: Ongeldigreden.ONBESTELBAAR,
    Kanaal.KAARTJE: Ongeldigreden.ONBESTELBAAR,
    Kanaal.SMS: Ongeldigreden.ONBEKEND_NUMMER,
}


@transaction.atomic
def bericht_onbestelbaar_melden(
    *, bericht: Bericht, door: User | None, foutcode: str = ""
) -> Bericht:
    """The message did not arrive because the recipient is wrong: status `onbestelbaar`, the
    contact detail invalid. Idempotent (a second bounce changes nothing)."""
    bericht = (
        Bericht.objects.select_for_update(of=("self",))
        .select_related("vroegsignaalzaak", "vroegsignaal")
        .get(pk=bericht.pk)
    )
    if bericht.status == Berichtstatus.ONBESTELBAAR:
        return bericht
    zaak = bericht.vroegsignaalzaak
    signaal = bericht.vroegsignaal
    if signaal is not None and signaal.vroegsignaalzaak_id != zaak.pk:
        signaal = None
    contactgegeven_ongeldig_melden(
        zaak=zaak,
        door=door,
        soort=CONTACTGEGEVEN[bericht.kanaal],
        waarde=bericht.ontvanger,
        reden=REDEN[bericht.kanaal],
        vroegsignaal=signaal,
    )
    bericht.status = Berichtstatus.ONBESTELBAAR
    bericht.foutcode = foutcode[:100] or bericht.foutcode
    bericht.save(update_fields=["status", "foutcode", "status_gewijzigd_op"])
    logger.info("bericht %s kanaal=%s status=%s", bericht.uuid, bericht.kanaal, bericht.status)
    return bericht


def bounce_verwerken(raw: bytes) -> str:
    """One e-mail from the bounce mailbox: 'onbestelbaar' (a permanent DSN for one of our
    messages), 'uitgesteld' (a delay notice), or 'genegeerd' (anything else)."""
    rapport = dsn.dsn_lezen(raw)
    if rapport is None:
        return "genegeerd"
    berichten = Bericht.objects.filter(uuid__in=rapport.berichten, kanaal=Kanaal.EMAIL)
    if not rapport.definitief:
        return "uitgesteld" if berichten.exists() else "genegeerd"
    gevonden = False
    for bericht in berichten:
        gevonden = True
        bericht_onbestelbaar_melden(bericht=bericht, door=None, foutcode=f"dsn_{rapport.status}")
    return "onbestelbaar" if gevonden else "genegeerd"


def sms_statusrapport_verwerken(*, referentie: str, extern_id: str, status: str) -> str:
    """A delivery report of the SMS gateway: 'afgeleverd' or 'mislukt' (the number is marked
    invalid). Returns what was done; unknown or repeated reports change nothing."""
    try:
        bericht_uuid = uuid.UUID(str(referentie))
    except ValueError:
        return "onbekend"
    bericht = Bericht.objects.filter(uuid=bericht_uuid, kanaal=Kanaal.SMS).first()
    if bericht is None:
        return "onbekend"
    if status not in ("afgeleverd", "mislukt"):
        raise ValidatieFout(_("Onbekende status in het afleverrapport."))
    # The report can overtake the worker that sent it: it proves the gateway accepted it.
    if bericht.status == Berichtstatus.VERZENDEN:
        bericht = verzonden_vastleggen(bericht, extern_id=extern_id)
    if status == "mislukt":
        bericht = bericht_onbestelbaar_melden(bericht=bericht, door=None, foutcode="sms_mislukt")
        return "mislukt"
    with transaction.atomic():
        bericht = Bericht.objects.select_for_update(of=("self",)).get(pk=bericht.pk)
        if bericht.status == Berichtstatus.VERZONDEN:
            bericht.status = Berichtstatus.AFGELEVERD
            bericht.save(update_fields=["status", "status_gewijzigd_op"])
    logger.info("bericht %s kanaal=sms status=%s", bericht.uuid, bericht.status)
    return "afgeleverd"


@transaction.atomic
def brief_retour_melden(
    *, zaak: Vroegsignaalzaak, door: User, versie: int | None
) -> Bericht | None:
    """A letter or card came back: its address becomes invalid (so no new letters go there)
    and the latest letter or card to it `onbestelbaar`."""
    zaak = zaak_vergrendelen(zaak, versie)
    bericht = (
        Bericht.objects.filter(
            vroegsignaalzaak=zaak,
            kanaal__in=PRINTKANALEN,
            status__in=(Berichtstatus.VERZONDEN, Berichtstatus.ONBESTELBAAR),
        )
        .order_by("-aangemaakt_op", "-pk")
        .first()
    )
    if bericht is not None:
        return bericht_onbestelbaar_melden(bericht=bericht, door=door, foutcode="retour")
    adres, signaal = selectors.adres_van(zaak)
    if adres is None:
        raise ValidatieFout(_("Er is geen adres van deze zaak bekend."))
    contactgegeven_ongeldig_melden(
        zaak=zaak,
        door=door,
        soort=Contactgegevensoort.ADRES,
        waarde=adres.een_regel(),
        reden=Ongeldigreden.ONBESTELBAAR,
        vroegsignaal=signaal,
    )
    return None
