"""House style and versioned templates: a concept is edited, activating it replaces the active
version (which stays for the messages that used it)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import Conflict, ValidatieFout
from signaalroute.gemeenten.models import Gemeente

from .. import rules
from ..constants import Kanaal, Sjabloonstatus
from ..models import Berichtsjabloon, Huisstijl

HUISSTIJLVELDEN = (
    "afzender",
    "afdeling",
    "retouradres",
    "telefoon",
    "email",
    "website",
    "kleur",
    "ondertekenaar",
    "functie_ondertekenaar",
    "sms_afzender",
)


def _ongeldig(fouten: dict[str, list[str]]) -> ValidatieFout:
    params = [{"name": veld, "reason": str(m)} for veld, lijst in fouten.items() for m in lijst]
    return ValidatieFout(params[0]["reason"], invalid_params=params)


@transaction.atomic
def huisstijl_opslaan(*, gemeente: Gemeente, door: User | None, **velden) -> Huisstijl:
    huisstijl = Huisstijl.objects.select_for_update().filter(gemeente=gemeente).first()
    huisstijl = huisstijl or Huisstijl(gemeente=gemeente)
    for veld in HUISSTIJLVELDEN:
        if veld in velden:
            setattr(huisstijl, veld, (velden[veld] or "").strip())
    huisstijl.gewijzigd_door = door
    try:
        huisstijl.full_clean()
    except ValidationError as exc:
        raise _ongeldig({k: [str(m) for m in v] for k, v in exc.message_dict.items()}) from exc
    huisstijl.save()
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=gemeente,
        gemeente=gemeente,
        omschrijving="Huisstijl voor brieven en berichten gewijzigd",
    )
    return huisstijl


def _volgende_versie(gemeente: Gemeente, kanaal: str) -> int:
    hoogste = Berichtsjabloon.objects.filter(gemeente=gemeente, kanaal=kanaal).aggregate(
        m=Max("versie")
    )["m"]
    return (hoogste or 0) + 1


@transaction.atomic
def sjabloon_concept_opslaan(
    *,
    gemeente: Gemeente,
    kanaal: str,
    onderwerp: str,
    tekst: str,
    toelichting: str = "",
    door: User | None,
) -> Berichtsjabloon:
    """Save the text as the concept of this channel: the existing concept is updated, else a
    new version is made (the active one is never edited). Unknown merge fields are refused."""
    if kanaal not in Kanaal.values:
        raise ValidatieFout(_("Onbekend kanaal."))
    onderwerp, tekst = onderwerp.strip(), tekst.strip().replace("\r\n", "\n")
    fouten = rules.sjabloon_fouten(kanaal=kanaal, onderwerp=onderwerp, tekst=tekst)
    if fouten:
        raise _ongeldig(fouten)
    # Lock the municipality's templates of this channel: two editors get consecutive versions.
    list(Berichtsjabloon.objects.select_for_update().filter(gemeente=gemeente, kanaal=kanaal))
    concept = Berichtsjabloon.objects.filter(
        gemeente=gemeente, kanaal=kanaal, status=Sjabloonstatus.CONCEPT
    ).first()
    if concept is None:
        concept = Berichtsjabloon(
            gemeente=gemeente,
            kanaal=kanaal,
            versie=_volgende_versie(gemeente, kanaal),
            aangemaakt_door=door,
        )
    concept.onderwerp = onderwerp if kanaal in (Kanaal.BRIEF, Kanaal.EMAIL) else ""
    concept.tekst = tekst
    concept.toelichting = toelichting.strip()[:300]
    try:
        with transaction.atomic():
            concept.save()
    except IntegrityError as exc:
        raise Conflict(
            _("Een collega sloeg tegelijk een concept op. Probeer het opnieuw.")
        ) from exc
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=concept,
        gemeente=gemeente,
        omschrijving=f"Concept berichtsjabloon {kanaal} versie {concept.versie} opgeslagen",
    )
    return concept


@transaction.atomic
def sjabloon_activeren(*, sjabloon: Berichtsjabloon, door: User | None) -> Berichtsjabloon:
    sjabloon = Berichtsjabloon.objects.select_for_update().get(pk=sjabloon.pk)
    if sjabloon.status != Sjabloonstatus.CONCEPT:
        raise Conflict(_("Alleen een concept kan actief worden gemaakt."))
    fouten = rules.sjabloon_fouten(
        kanaal=sjabloon.kanaal, onderwerp=sjabloon.onderwerp, tekst=sjabloon.tekst
    )
    if fouten:
        raise _ongeldig(fouten)
    Berichtsjabloon.objects.select_for_update().filter(
        gemeente_id=sjabloon.gemeente_id, kanaal=sjabloon.kanaal, status=Sjabloonstatus.ACTIEF
    ).update(status=Sjabloonstatus.VERVANGEN)
    sjabloon.status = Sjabloonstatus.ACTIEF
    sjabloon.geactiveerd_door = door
    sjabloon.geactiveerd_op = timezone.now()
    sjabloon.save()
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=sjabloon,
        gemeente=sjabloon.gemeente,
        omschrijving=f"Berichtsjabloon {sjabloon.kanaal} versie {sjabloon.versie} geactiveerd",
    )
    return sjabloon


@transaction.atomic
def standaardsjablonen_aanmaken(*, gemeente: Gemeente, door: User | None = None) -> list:
    """Version 1 from the B1 default texts, active, for every channel that has no template at
    all yet. Idempotent."""
    gemaakt = []
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).first()
    for kanaal in Kanaal.values:
        if Berichtsjabloon.objects.filter(gemeente=gemeente, kanaal=kanaal).exists():
            continue
        standaard = rules.STANDAARDTEKSTEN[kanaal]
        gemaakt.append(
            Berichtsjabloon.objects.create(
                gemeente=gemeente,
                kanaal=kanaal,
                versie=1,
                status=Sjabloonstatus.ACTIEF,
                onderwerp=standaard.onderwerp,
                tekst=standaard.tekst,
                toelichting="Standaardtekst (taalniveau B1)",
                aangemaakt_door=door,
                geactiveerd_door=door,
                geactiveerd_op=timezone.now(),
            )
        )
    return gemaakt
