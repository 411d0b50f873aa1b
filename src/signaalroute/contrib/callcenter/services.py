"""Writes of the callcenter loop: make a call round, export its call list, receive a results
file and process it row by row into contact attempts and phone numbers found.

Every row of a results file ends up processed, rejected with all its reasons, or counted as
"no attempt"; a rejected row changes nothing. The attempts go through the case-handling
services (`contactpoging_registreren`, `contactgegeven_toevoegen`), so the case's phase,
history and audit trail follow exactly as when a worker records them by hand.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import Counter
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from signaalroute.aanleveringen.velden import echo, telefoonnummer_parsen
from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import (
    Conflict,
    OngeldigeOvergang,
    SignaalrouteError,
    ValidatieFout,
)
from signaalroute.core.export import csv_bytes, veilige_cel, xlsx_bytes
from signaalroute.gemeenten.models import Gemeente
from signaalroute.gemeenten.selectors import gemeenten_voor
from signaalroute.vroegsignaalzaken.constants import (
    Contactgegevenbron,
    Contactgegevensoort,
    Contactsoort,
    Zaakfase,
)
from signaalroute.vroegsignaalzaken.models import Contactgegeven, Vroegsignaalzaak
from signaalroute.vroegsignaalzaken.selectors import zaken_voor
from signaalroute.vroegsignaalzaken.services import (
    Pogingsgegevens,
    contactgegeven_toevoegen,
    contactpoging_registreren,
)

from .constants import Belrondestatus, Bestandsformaat, Importstatus, Regelstatus
from .models import (
    Belronde,
    Belrondeimport,
    Belrondeimportbestand,
    Belronderegel,
    Belrondezaak,
)
from .parsing import resultaatbestand_lezen
from .rules import (
    RESULTAATVELDEN,
    Melding,
    Rijcontext,
    Rijuitkomst,
    dagdeel_bij_tijd,
    melding,
    pogingnotitie,
    resultaatrij_valideren,
)
from .selectors import MAX_ZAKEN, afwijzingsrapport, bellijst

logger = logging.getLogger(__name__)

# Results files up to this many rows are processed in the request; larger ones in a task.
DIRECT_VERWERKEN_TOT = 200


# --- the round and its call list ----------------------------------------------------------


@transaction.atomic
def belronde_aanmaken(
    *,
    gemeente: Gemeente,
    zaken: Sequence[Vroegsignaalzaak],
    formaat: str,
    door: User,
    omschrijving: str = "",
) -> Belronde:
    """A new call round of open cases of one municipality, all visible to `door`."""
    if formaat not in Bestandsformaat.values:
        raise ValidatieFout("Kies CSV of Excel.")
    if not gemeenten_voor(door).filter(pk=gemeente.pk).exists():
        raise ValidatieFout("U werkt niet voor deze gemeente.")
    ids = list(dict.fromkeys(z.pk for z in zaken))
    if not ids:
        raise ValidatieFout("Er zijn geen zaken om te bellen.")
    if len(ids) > MAX_ZAKEN:
        raise ValidatieFout(
            f"Een belronde heeft hoogstens {MAX_ZAKEN} zaken; kies een kleinere selectie."
        )
    toegestaan = set(
        zaken_voor(door)
        .filter(pk__in=ids, gemeente=gemeente)
        .exclude(fase=Zaakfase.AFGESLOTEN)
        .values_list("pk", flat=True)
    )
    if len(toegestaan) != len(ids):
        raise ValidatieFout(
            "Niet alle zaken zijn open zaken van deze gemeente die u mag zien; "
            "maak de selectie opnieuw."
        )
    nu = timezone.now()
    belronde = Belronde.objects.create(
        code=f"tmp-{nu:%H%M%S%f}",
        gemeente=gemeente,
        formaat=formaat,
        omschrijving=omschrijving[:200],
        aangemaakt_door=door,
    )
    belronde.code = f"BR-{timezone.localtime(nu):%Y}-{belronde.pk:05d}"
    belronde.save(update_fields=["code"])
    Belrondezaak.objects.bulk_create(
        Belrondezaak(belronde=belronde, vroegsignaalzaak_id=pk, volgorde=i)
        for i, pk in enumerate(ids, start=1)
    )
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=belronde,
        gemeente=gemeente,
        omschrijving=f"Belronde {belronde.code} aangemaakt: {len(ids)} zaken",
    )
    return belronde


def bellijst_exporteren(*, belronde: Belronde, door: User) -> tuple[bytes, str]:
    """The call list (bytes, file name) in the round's format. Every cell is neutralised
    against formula injection, in CSV and XLSX alike. Audited with the count only."""
    with transaction.atomic():
        belronde = (
            Belronde.objects.select_for_update().select_related("gemeente").get(pk=belronde.pk)
        )
        kolommen, rijen = bellijst(belronde, door)
        rijen = [[veilige_cel(cel) for cel in rij] for rij in rijen]
        naam = f"bellijst-{belronde.code}.{belronde.formaat}"
        if belronde.formaat == Bestandsformaat.XLSX:
            inhoud = xlsx_bytes(kolommen, rijen, blad=belronde.code)
        else:
            inhoud = csv_bytes(kolommen, rijen)
        if belronde.status == Belrondestatus.AANGEMAAKT:
            belronde.status = Belrondestatus.GEEXPORTEERD
        belronde.gedownload_op = timezone.now()
        belronde.aantal_downloads += 1
        belronde.save(update_fields=["status", "gedownload_op", "aantal_downloads"])
        auditregel_vastleggen(
            actie=Auditactie.EXPORTEREN,
            gebruiker=door,
            object=belronde,
            gemeente=belronde.gemeente,
            omschrijving=(
                f"Bellijst {belronde.code} geëxporteerd: {len(rijen)} zaken ({belronde.formaat})"
            ),
        )
    return inhoud, naam


def afwijzingsrapport_exporteren(*, belrondeimport: Belrondeimport, door: User) -> bytes:
    """The rows of an import that were not processed, with their reasons and the result
    columns as delivered (CSV). Audited with the count only."""
    kolommen, rijen = afwijzingsrapport(belrondeimport)
    auditregel_vastleggen(
        actie=Auditactie.EXPORTEREN,
        gebruiker=door,
        object=belrondeimport,
        gemeente=belrondeimport.belronde.gemeente,
        omschrijving=(
            f"Afwijzingen belronde {belrondeimport.belronde.code} geëxporteerd: {len(rijen)} regels"
        ),
    )
    return csv_bytes(kolommen, rijen)


# --- receiving a results file -------------------------------------------------------------


class DubbeleImport(Conflict):
    code = "dubbele_import"

    def __init__(self, eerdere: Belrondeimport):
        self.eerdere = eerdere
        moment = timezone.localtime(eerdere.ontvangen_op)
        super().__init__(
            f"Dit bestand is al ingelezen voor deze belronde op {moment:%d-%m-%Y} om "
            f"{moment:%H:%M} en wordt niet opnieuw verwerkt."
        )


def _hash(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()


def belrondeimport_ontvangen(
    *, belronde: Belronde, inhoud: bytes, bestandsnaam: str, door: User
) -> Belrondeimport:
    """Receive a results file for `belronde`. A file that cannot be read as a whole is refused
    at once (`ValidatieFout`, nothing stored); the same file twice raises `DubbeleImport`.
    Small files are processed right away, larger ones by a background task."""
    bestand = resultaatbestand_lezen(inhoud)  # refuse an unusable file before storing it
    inhoud_hash = _hash(inhoud)
    with transaction.atomic():
        Belronde.objects.select_for_update().filter(pk=belronde.pk).first()
        eerdere = (
            Belrondeimport.objects.filter(belronde=belronde, inhoud_hash=inhoud_hash)
            .exclude(status=Importstatus.MISLUKT)
            .first()
        )
        if eerdere is not None:
            raise DubbeleImport(eerdere)
        belrondeimport = Belrondeimport.objects.create(
            belronde=belronde,
            bestandsnaam=bestandsnaam[:255],
            inhoud_hash=inhoud_hash,
            ingelezen_door=door,
        )
        Belrondeimportbestand.objects.create(belrondeimport=belrondeimport, inhoud=inhoud)
        # Always queued: should processing in the request fail, a worker still picks it up
        # (processing is idempotent; a processed import is skipped).
        from .tasks import belrondeimport_verwerken_taak

        transaction.on_commit(lambda: belrondeimport_verwerken_taak.enqueue(belrondeimport.pk))
    if len(bestand.rijen) <= DIRECT_VERWERKEN_TOT:
        belrondeimport_verwerken(belrondeimport_id=belrondeimport.pk)
        belrondeimport.refresh_from_db()
    return belrondeimport


# --- processing it ------------------------------------------------------------------------


class _Verwerking:
    """What the rows of one import are checked against, loaded once."""

    def __init__(self, belrondeimport: Belrondeimport, door: User | None):
        belronde = belrondeimport.belronde
        self.belrondeimport = belrondeimport
        self.belronde = belronde
        self.door = door
        nu = timezone.localtime()
        self.context = Rijcontext(
            belronde=belronde.code,
            exportdatum=timezone.localdate(belronde.aangemaakt_op),
            nu=nu.replace(tzinfo=None),
        )
        # Only the round's cases that the importer may (still) see: another municipality's
        # reference, or one outside the round, is simply unknown here.
        zaken = (
            zaken_voor(door).filter(belrondes=belronde) if door else Vroegsignaalzaak.objects.none()
        )
        self.zaken = {z.referentie.upper(): z for z in zaken}
        self.eerder: set[tuple[int, dt.date, dt.time]] = set(
            Belronderegel.objects.filter(
                belrondeimport__belronde=belronde, status=Regelstatus.GEACCEPTEERD
            ).values_list("vroegsignaalzaak_id", "datum", "tijd")
        )
        self.aantallen: Counter = Counter()

    def regel(self, nummer: int, rij: dict[str, str]) -> Belronderegel:
        uitkomst = resultaatrij_valideren(rij, context=self.context, rijnummer=nummer)
        regel = Belronderegel(
            belrondeimport=self.belrondeimport,
            regelnummer=nummer,
            referentie=(uitkomst.referentie or rij.get("referentie", ""))[:40],
            datum=uitkomst.datum,
            tijd=uitkomst.tijd,
        )
        if uitkomst.leeg:
            regel.status = Regelstatus.LEEG
            regel.meldingen = [melding("geen_resultaat").als_dict()]
            regel.gegevens = {"referentie": rij.get("referentie", "")}
            regel.vroegsignaalzaak = self.zaken.get(uitkomst.referentie.upper())
            return regel
        zaak = self._zaak_controleren(uitkomst)
        regel.vroegsignaalzaak = zaak
        if not uitkomst.afgewezen and zaak is not None:
            self._verwerken(regel, uitkomst, zaak)
        if uitkomst.afgewezen:
            regel.status = Regelstatus.AFGEWEZEN
            regel.meldingen = [m.als_dict() for m in uitkomst.meldingen]
            regel.gegevens = {
                "referentie": rij.get("referentie", ""),
                **{veld: rij.get(veld, "") for veld in RESULTAATVELDEN},
            }
        return regel

    def _zaak_controleren(self, uitkomst: Rijuitkomst) -> Vroegsignaalzaak | None:
        if not uitkomst.referentie:
            return None
        zaak = self.zaken.get(uitkomst.referentie.upper())
        if zaak is None:
            uitkomst.meldingen.append(
                melding(
                    "referentie_onbekend",
                    f"Zaakreferentie '{echo(uitkomst.referentie)}' hoort niet bij belronde "
                    f"{self.belronde.code}.",
                )
            )
            return None
        zaak.refresh_from_db(fields=["fase", "vervolg_op", "vervolgactie"])
        if zaak.fase == Zaakfase.AFGESLOTEN:
            uitkomst.meldingen.append(
                melding(
                    "zaak_afgesloten",
                    f"Zaak {zaak.referentie} is intussen afgesloten; de poging is niet "
                    "geregistreerd. Heropen de zaak of leg de poging zelf vast.",
                )
            )
        sleutel = (zaak.pk, uitkomst.datum, uitkomst.tijd)
        if uitkomst.datum and uitkomst.tijd and sleutel in self.eerder:
            uitkomst.meldingen.append(
                melding(
                    "dubbele_poging",
                    f"De poging bij zaak {zaak.referentie} op {uitkomst.datum:%d-%m-%Y} om "
                    f"{uitkomst.tijd:%H:%M} is al ingelezen.",
                )
            )
        return zaak

    def _verwerken(
        self, regel: Belronderegel, uitkomst: Rijuitkomst, zaak: Vroegsignaalzaak
    ) -> None:
        assert uitkomst.datum and uitkomst.tijd and uitkomst.bereikt is not None and self.door
        gegevens = Pogingsgegevens(
            soort=Contactsoort.TELEFOON,
            datum=uitkomst.datum,
            bereikt=uitkomst.bereikt,
            dagdeel=dagdeel_bij_tijd(uitkomst.tijd),
            notitie=pogingnotitie(uitkomst.notitie, self.belronde.code),
        )
        opmerkingen: list[Melding] = []
        try:
            with transaction.atomic():
                regel.contactpoging = contactpoging_registreren(
                    zaak=zaak, door=self.door, versie=None, gegevens=gegevens, namens_systeem=True
                )
                if uitkomst.telefoonnummer:
                    regel.contactgegeven = self._nummer_opslaan(
                        zaak, uitkomst.telefoonnummer, opmerkingen
                    )
        except OngeldigeOvergang as fout:
            uitkomst.meldingen.append(
                melding("zaak_afgesloten", f"Zaak {zaak.referentie}: {fout.message}")
            )
            return
        except SignaalrouteError as fout:
            uitkomst.meldingen.append(
                melding("poging_geweigerd", f"Zaak {zaak.referentie}: {fout.message}")
            )
            return
        self.eerder.add((zaak.pk, uitkomst.datum, uitkomst.tijd))
        regel.status = Regelstatus.GEACCEPTEERD
        regel.meldingen = [m.als_dict() for m in opmerkingen]

    def _nummer_opslaan(
        self, zaak: Vroegsignaalzaak, nummer: str, opmerkingen: list[Melding]
    ) -> Contactgegeven | None:
        """Store the number found with source callcenter, unless it was reported wrong
        before (compared as E.164, however it was stored)."""
        for waarde in Contactgegeven.objects.filter(
            vroegsignaalzaak=zaak, soort=Contactgegevensoort.TELEFOON, geldig=False
        ).values_list("waarde", flat=True):
            if telefoonnummer_parsen(waarde) == (nummer, True):
                opmerkingen.append(melding("telefoon_eerder_onjuist"))
                return None
        try:
            with transaction.atomic():
                return contactgegeven_toevoegen(
                    zaak=zaak,
                    door=self.door,
                    soort=Contactgegevensoort.TELEFOON,
                    waarde=nummer,
                    bron=Contactgegevenbron.CALLCENTER,
                )
        except ValidatieFout:
            opmerkingen.append(melding("telefoon_eerder_onjuist"))
            return None


def belrondeimport_verwerken(*, belrondeimport_id: int) -> Belrondeimport | None:
    """Process one received results file. One import of a round at a time (the round is
    locked), and all-or-nothing: a crash leaves nothing half stored and a re-run succeeds.
    Returns None when another worker has it or it was processed already."""
    with transaction.atomic():
        belrondeimport = (
            Belrondeimport.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("belronde", "ingelezen_door")
            .filter(pk=belrondeimport_id, status=Importstatus.ONTVANGEN)
            .first()
        )
        if belrondeimport is None:
            return None
        belronde = (
            Belronde.objects.select_for_update()
            .select_related("gemeente")
            .get(pk=belrondeimport.belronde_id)
        )
        belrondeimport.belronde = belronde
        bestand = Belrondeimportbestand.objects.get(belrondeimport=belrondeimport)
        try:
            rijen = resultaatbestand_lezen(bytes(bestand.inhoud)).rijen
        except ValidatieFout as fout:
            belrondeimport.status = Importstatus.MISLUKT
            belrondeimport.foutmelding = str(fout.message)
            belrondeimport.verwerkt_op = timezone.now()
            belrondeimport.save(update_fields=["status", "foutmelding", "verwerkt_op"])
            bestand.delete()
            return belrondeimport
        verwerking = _Verwerking(belrondeimport, belrondeimport.ingelezen_door)
        regels = []
        for nummer, rij in rijen:
            regel = verwerking.regel(nummer, rij)
            verwerking.aantallen[regel.status] += 1
            regels.append(regel)
        Belronderegel.objects.bulk_create(regels, batch_size=1000)
        aantallen = verwerking.aantallen
        belrondeimport.status = Importstatus.VERWERKT
        belrondeimport.verwerkt_op = timezone.now()
        belrondeimport.aantal_rijen = len(regels)
        belrondeimport.aantal_geaccepteerd = aantallen[Regelstatus.GEACCEPTEERD]
        belrondeimport.aantal_afgewezen = aantallen[Regelstatus.AFGEWEZEN]
        belrondeimport.aantal_leeg = aantallen[Regelstatus.LEEG]
        belrondeimport.save()
        bestand.delete()  # personal data: not kept once every row is stored
        belronde.status = Belrondestatus.RESULTATEN_INGELEZEN
        belronde.save(update_fields=["status"])
        auditregel_vastleggen(
            actie=Auditactie.WIJZIGEN,
            gebruiker=belrondeimport.ingelezen_door,
            object=belrondeimport,
            gemeente=belronde.gemeente,
            omschrijving=(
                f"Resultaten belronde {belronde.code} ingelezen: {belrondeimport.aantal_rijen} "
                f"regels, {belrondeimport.aantal_geaccepteerd} verwerkt, "
                f"{belrondeimport.aantal_afgewezen} afgewezen, "
                f"{belrondeimport.aantal_leeg} zonder poging"
            ),
        )
    logger.info(
        "belronde-import %s verwerkt: %s regels, %s afgewezen",
        belrondeimport.uuid,
        belrondeimport.aantal_rijen,
        belrondeimport.aantal_afgewezen,
    )
    return belrondeimport
