"""Letters and cards: into the municipality's print batch of the day, each registering a
`Contactpoging` (Brief / Kaartje) on its case; the PDF is made from the stored pages."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.gemeenten.models import Gemeente
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak
from signaalroute.vroegsignaalzaken.services.zaken import zaak_vergrendelen

from ..constants import PRINTKANALEN, Berichtstatus
from ..models import Bericht, Printbatch
from .berichten import Klaarzetresultaat, idempotentiesleutel, per_zaak, poging_registreren
from .samenstellen import bericht_samenstellen

logger = logging.getLogger(__name__)


@dataclass
class Afdrukresultaat(Klaarzetresultaat):
    """`berichten`: the new letters and the earlier ones of today."""

    batch: Printbatch | None = None


def printbatch_van_vandaag(
    *, gemeente: Gemeente, door: User | None, datum: dt.date | None = None
) -> Printbatch:
    datum = datum or timezone.localdate()
    batch = Printbatch.objects.filter(gemeente=gemeente, datum=datum).first()
    if batch is not None:
        return batch
    try:
        with transaction.atomic():
            return Printbatch.objects.create(gemeente=gemeente, datum=datum, aangemaakt_door=door)
    except IntegrityError:  # a colleague made it at the same moment
        return Printbatch.objects.get(gemeente=gemeente, datum=datum)


def _brief_maken(
    *,
    zaak: Vroegsignaalzaak,
    kanaal: str,
    door: User,
    versie: int | None,
    batch: Printbatch,
    datum: dt.date,
) -> tuple[Bericht, bool]:
    """One letter or card in its own transaction: compose, store, register the attempt. The
    same case and channel on the same day returns the letter made earlier."""
    sleutel = idempotentiesleutel(zaak, kanaal, datum)
    with transaction.atomic():
        zaak = zaak_vergrendelen(zaak, versie)  # serialises two coordinators on one case
        bestaand = Bericht.objects.filter(idempotentiesleutel=sleutel).first()
        if bestaand is not None:
            return bestaand, False
        zaak = (
            Vroegsignaalzaak.objects.select_related("gemeente", "behandelaar", "team")
            .prefetch_related("vroegsignalen__signaalpartner", "contactgegevens")
            .get(pk=zaak.pk)
        )
        samenstelling = bericht_samenstellen(zaak=zaak, kanaal=kanaal, datum=datum)
        bericht = Bericht.objects.create(
            vroegsignaalzaak=zaak,
            kanaal=kanaal,
            sjabloon=samenstelling.sjabloon,
            ontvanger=samenstelling.ontvanger.waarde,
            vroegsignaal=samenstelling.ontvanger.vroegsignaal,
            onderwerp=samenstelling.onderwerp,
            inhoud=samenstelling.inhoud,
            opmaak=samenstelling.opmaak,
            status=Berichtstatus.VERZONDEN,
            idempotentiesleutel=sleutel,
            printbatch=batch,
            aangemaakt_door=door,
            pogingen=1,
            verzonden_op=timezone.now(),
        )
        # The case was locked and checked above; the attempt is a system step of this action.
        bericht.contactpoging = poging_registreren(bericht, door=door, datum=datum)
        bericht.save(update_fields=["contactpoging", "status_gewijzigd_op"])
    logger.info(
        "bericht %s kanaal=%s status=%s batch=%s", bericht.uuid, kanaal, bericht.status, batch.uuid
    )
    return bericht, True


def brieven_afdrukken(
    *,
    zaken: Iterable[Vroegsignaalzaak],
    kanaal: str,
    door: User,
    datum: dt.date | None = None,
    versie: int | None = None,
) -> Afdrukresultaat:
    """Letters (or cards) for `zaken` into the municipality's print batch of the day. Each
    case on its own: a case without an address is skipped with the reason, the others go on.
    `versie` only for one case (the case page); the batch page passes None."""
    if kanaal not in PRINTKANALEN:
        raise ValidatieFout(_("Alleen brieven en kaartjes worden afgedrukt."))
    datum = datum or timezone.localdate()
    resultaat = Afdrukresultaat(batch=None)

    def maken(zaak):
        batch = printbatch_van_vandaag(gemeente=zaak.gemeente, door=door, datum=datum)
        resultaat.batch = resultaat.batch or batch
        return _brief_maken(
            zaak=zaak, kanaal=kanaal, door=door, versie=versie, batch=batch, datum=datum
        )

    per_zaak(zaken, resultaat, maken, versie)
    if resultaat.nieuw:
        auditregel_vastleggen(
            actie=Auditactie.WIJZIGEN,
            gebruiker=door,
            object=resultaat.batch,
            gemeente=resultaat.batch.gemeente if resultaat.batch else None,
            omschrijving=f"{resultaat.nieuw} {kanaal} in printbatch gezet",
        )
    return resultaat


# --- the PDF ----------------------------------------------------------------------------------


def pdf_maken(paginas: list[str], *, titel: str) -> bytes:
    """A PDF of letter/card pages (HTML fragments from `samenstellen.opmaak_maken`)."""
    from weasyprint import HTML  # heavy import: only where a PDF is made

    html = render_to_string("contact/pdf/document.html", {"paginas": paginas, "titel": titel})
    return HTML(string=html).write_pdf()


def printbatch_pdf(*, batch: Printbatch, door: User | None) -> bytes:
    from signaalroute.contact.selectors import berichten_in_batch

    paginas = [b.opmaak for b in berichten_in_batch(batch) if b.opmaak]
    pdf = pdf_maken(paginas, titel=f"Printbatch {batch.datum.isoformat()}")
    Printbatch.objects.filter(pk=batch.pk).update(gedownload_op=timezone.now())
    auditregel_vastleggen(
        actie=Auditactie.EXPORTEREN,
        gebruiker=door,
        object=batch,
        gemeente=batch.gemeente,
        omschrijving=f"Printbatch {batch.datum.isoformat()} als PDF ({len(paginas)} pagina's)",
    )
    return pdf


def bericht_pdf(*, bericht: Bericht, door: User | None) -> bytes:
    if not bericht.opmaak:
        raise ValidatieFout(_("Dit bericht is geen brief of kaartje."))
    pdf = pdf_maken([bericht.opmaak], titel=bericht.vroegsignaalzaak.referentie)
    auditregel_vastleggen(
        actie=Auditactie.EXPORTEREN,
        gebruiker=door,
        object=bericht.vroegsignaalzaak,
        gemeente=bericht.vroegsignaalzaak.gemeente,
        omschrijving=f"{bericht.get_kanaal_display()} als PDF",
    )
    return pdf
