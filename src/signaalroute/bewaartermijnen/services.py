"""Applying the retention periods: personal data is wiped in place, in batches; what reports
and the DDAS figures count (dates, statuses, results, amounts, partner types, PC4, contact
attempts) stays. Idempotent: a row already wiped is not touched again. Field by field:
docs/security.md, "Bewaartermijnen".
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat, Substr
from django.utils import timezone

from signaalroute.aanleveringen.constants import Aanleverstatus
from signaalroute.aanleveringen.models import Aanleverbestand, Aanleverregel, Vroegsignaal
from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.contact.models import Bericht
from signaalroute.contrib.callcenter.constants import Importstatus
from signaalroute.contrib.callcenter.models import Belrondeimportbestand, Belronderegel
from signaalroute.contrib.shv.models import SchuldhulpRegistratie
from signaalroute.gemeenten.models import Gemeente
from signaalroute.matching.models import Brpcontrole, Matchinginstellingen
from signaalroute.vroegsignaalzaken.constants import CONTROLESTATUSSEN, Eindresultaat, Zaakfase
from signaalroute.vroegsignaalzaken.models import (
    Contactgegeven,
    Contactpoging,
    Melding,
    Nazorg,
    Overdracht,
    Signaalstatuswijziging,
    Vroegsignaalzaak,
    Zaakwijziging,
)
from signaalroute.vroegsignaalzaken.workflow import HULP_GEACCEPTEERD

from .constants import Opschoonsoort as S
from .models import Bewaarinstellingen, Opschoonrapport
from .rules import Bewaarbeleid, Grenzen, grenzen_bepalen

logger = logging.getLogger(__name__)

BATCH = 2000
VERWIJDERD = "[verwijderd]"
# Help accepted (and the generic v1.2 result that may stand for it in imported cases).
MET_HULP = frozenset(HULP_GEACCEPTEERD | {Eindresultaat.VERVOLGHULP})

# What is wiped, per model: field -> the value it gets. Everything else stays.
SIGNAAL_PERSOON = {
    "voorletters": "",
    "voornamen": "",
    "voorvoegsel": "",
    "achternaam": "",
    "geboortedatum": None,
    "bsn": "",
    "telefoonnummer": "",
    "email": "",
    "klantnummer": "",
    "straat": "",
    "woonplaats": "",
    "huisletter": "",
    "huisnummertoevoeging": "",
    "huisnummer": 0,
}
ADRES_PC4 = {"huisnummer": 0, "huisletter": "", "huisnummertoevoeging": ""}
ZAAK_TEKST = {"reden_intern": "", "vervolgactie": ""}
CONTACTPOGING = {"notitie": "", "vervolgafspraak": ""}
BERICHT = {"ontvanger": "", "onderwerp": "", "inhoud": "", "opmaak": ""}
OVERDRACHT = {"contactpersoon": "", "afspraken": ""}
NAZORG = {"reden": "", "notitie": ""}
TOELICHTING = {"toelichting": ""}
BRP_CONTROLE = {"bsn": "", "reden": "", "toelichting": "", "kandidaten": []}
REGELGEGEVENS = {"gegevens": {}}


def _nog_gevuld(waarden: dict) -> Q:
    """Rows where at least one of the fields does not have its wiped value yet."""
    q = Q()
    for veld, waarde in waarden.items():
        q |= Q(**{f"{veld}__isnull": False}) if waarde is None else ~Q(**{veld: waarde})
    return q


def _wissen(qs: models.QuerySet, waarden: dict, *, droog: bool, extra: dict | None = None) -> int:
    qs = qs.filter(_nog_gevuld(waarden))
    return qs.count() if droog else qs.update(**waarden, **(extra or {}))


def _verwijderen(qs: models.QuerySet, *, droog: bool) -> int:
    if droog:
        return qs.count()
    totaal = 0
    while ids := list(qs.values_list("pk", flat=True)[:BATCH]):
        totaal += qs.model.objects.filter(pk__in=ids).delete()[1].get(qs.model._meta.label, 0)
    return totaal


def _begin(dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))


def _in_batches(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield list(ids[start : start + BATCH])


# --- scope ----------------------------------------------------------------------------------


def beleid_van(gemeente: Gemeente) -> Bewaarbeleid:
    terugkijk = (
        Matchinginstellingen.objects.filter(gemeente=gemeente)
        .values_list("terugkijkperiode_maanden", flat=True)
        .first()
    ) or 6
    instellingen = Bewaarinstellingen.objects.filter(gemeente=gemeente).first()
    if instellingen is None:
        return Bewaarbeleid(terugkijkperiode_maanden=terugkijk)
    return instellingen.beleid(terugkijkperiode_maanden=terugkijk)


def zaken_te_schonen(gemeente: Gemeente, grenzen: Grenzen) -> models.QuerySet[Vroegsignaalzaak]:
    """Closed cases past their term: without help after `zonder_hulp`, with help after
    `met_hulp` (when the municipality set one). Never a case with after-care still to come."""
    nazorg_open = Nazorg.objects.filter(vroegsignaalzaak=OuterRef("pk"), afgerond_op__isnull=True)
    zonder_hulp = Q(afgesloten_op__lt=_begin(grenzen.zonder_hulp)) & ~Q(eindresultaat__in=MET_HULP)
    termijn = zonder_hulp
    if grenzen.met_hulp is not None:
        termijn |= Q(afgesloten_op__lt=_begin(grenzen.met_hulp), eindresultaat__in=MET_HULP)
    return (
        Vroegsignaalzaak.objects.filter(gemeente=gemeente, fase=Zaakfase.AFGESLOTEN)
        .exclude(afgesloten_op__isnull=True)
        .filter(termijn)
        .exclude(Exists(nazorg_open))
    )


def tegengehouden_signalen(gemeente: Gemeente, grenzen: Grenzen) -> models.QuerySet[Vroegsignaal]:
    """Signals a check held back (no case), received before the cut-off."""
    return Vroegsignaal.objects.filter(
        gemeente=gemeente,
        vroegsignaalzaak__isnull=True,
        status__in=CONTROLESTATUSSEN,
        aangemaakt_op__lt=_begin(grenzen.tegengehouden),
    )


# --- wiping ---------------------------------------------------------------------------------


def _signalen_schonen(signaal_ids: list[int], *, droog: bool) -> Counter:
    """A batch of signals: the person, the street and house number (PC4 stays), and what hangs
    on the signal (its BRP check, its delivered row, the free text of its status history)."""
    aantallen = Counter()
    signalen = Vroegsignaal.objects.filter(pk__in=signaal_ids)
    aantallen[S.SIGNALEN] = _wissen(
        signalen, SIGNAAL_PERSOON, droog=droog, extra={"postcode": Substr("postcode", 1, 4)}
    )
    aantallen[S.BRP_CONTROLES] = _wissen(
        Brpcontrole.objects.filter(vroegsignaal_id__in=signaal_ids), BRP_CONTROLE, droog=droog
    )
    aantallen[S.AANLEVERREGELS] = _wissen(
        Aanleverregel.objects.filter(vroegsignaal_id__in=signaal_ids), REGELGEGEVENS, droog=droog
    )
    aantallen[S.TOELICHTINGEN] += _wissen(
        Signaalstatuswijziging.objects.filter(vroegsignaal_id__in=signaal_ids),
        TOELICHTING,
        droog=droog,
    )
    return aantallen


def _zaken_schonen(zaak_ids: list[int], grenzen: Grenzen, *, droog: bool) -> Counter:
    """A batch of cases past their term. Signals and addresses that household matching may
    still look back at (`grenzen.adres`) wait for a later run."""
    aantallen = Counter()
    zaken = Vroegsignaalzaak.objects.filter(pk__in=zaak_ids)
    per_zaak = {"vroegsignaalzaak_id__in": zaak_ids}
    aantallen[S.ZAKEN] = _wissen(zaken, ZAAK_TEKST, droog=droog)
    aantallen[S.ZAAKADRESSEN] = _wissen(
        zaken.filter(einddatum_matchingperiode__lt=grenzen.adres),
        ADRES_PC4,
        droog=droog,
        extra={"postcode": Substr("postcode", 1, 4)},
    )
    aantallen[S.CONTACTPOGINGEN] = _wissen(
        Contactpoging.objects.filter(**per_zaak), CONTACTPOGING, droog=droog
    )
    # The value is unique per case and kind: each wiped value becomes "[verwijderd] <id>".
    gegevens = Contactgegeven.objects.filter(**per_zaak).exclude(waarde__startswith=VERWIJDERD)
    aantallen[S.CONTACTGEGEVENS] = (
        gegevens.count()
        if droog
        else gegevens.update(waarde=Concat(Value(f"{VERWIJDERD} "), Cast("id", models.CharField())))
    )
    aantallen[S.BERICHTEN] = _wissen(Bericht.objects.filter(**per_zaak), BERICHT, droog=droog)
    aantallen[S.OVERDRACHTEN] = _wissen(
        Overdracht.objects.filter(**per_zaak), OVERDRACHT, droog=droog
    )
    aantallen[S.NAZORG] = _wissen(Nazorg.objects.filter(**per_zaak), NAZORG, droog=droog)
    aantallen[S.MELDINGEN] = _verwijderen(Melding.objects.filter(**per_zaak), droog=droog)
    aantallen[S.TOELICHTINGEN] = _wissen(
        Zaakwijziging.objects.filter(**per_zaak), TOELICHTING, droog=droog
    )
    aantallen[S.BELRONDEREGELS] = _wissen(
        Belronderegel.objects.filter(**per_zaak), REGELGEGEVENS, droog=droog
    )
    signaal_ids = list(
        Vroegsignaal.objects.filter(
            vroegsignaalzaak_id__in=zaak_ids, signaaldatum__lt=grenzen.adres
        ).values_list("pk", flat=True)
    )
    aantallen.update(_signalen_schonen(signaal_ids, droog=droog))
    return aantallen


def bewaartermijnen_toepassen(
    *,
    gemeente: Gemeente,
    peildatum: datetime.date,
    droog: bool = False,
    door: User | None = None,
) -> Opschoonrapport:
    """Apply one municipality's retention periods and write the report. Each batch of
    `BATCH` cases or signals is one short transaction, so a long run never holds many locks."""
    beleid = beleid_van(gemeente)
    grenzen = grenzen_bepalen(beleid, peildatum)
    aantallen: Counter = Counter()

    zaak_ids = list(zaken_te_schonen(gemeente, grenzen).order_by("pk").values_list("pk", flat=True))
    for ids in _in_batches(zaak_ids):
        with transaction.atomic():
            aantallen.update(_zaken_schonen(ids, grenzen, droog=droog))

    signaal_ids = list(
        tegengehouden_signalen(gemeente, grenzen)
        .filter(signaaldatum__lt=grenzen.adres)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for ids in _in_batches(signaal_ids):
        with transaction.atomic():
            aantallen.update(_signalen_schonen(ids, droog=droog))

    with transaction.atomic():
        # Co-residents found in the BRP: only needed while a worker may still review the check.
        klaar = Q(naar_controle=False) | ~Q(beoordeling="")
        aantallen[S.BRP_KANDIDATEN] += _wissen(
            Brpcontrole.objects.filter(
                gemeente=gemeente, uitgevoerd_op__lt=_begin(grenzen.brp_kandidaten)
            ).filter(klaar),
            {"kandidaten": []},
            droog=droog,
        )
        if grenzen.shv is not None:
            aantallen[S.SHV_REGISTRATIES] = _verwijderen(
                SchuldhulpRegistratie.objects.filter(
                    gemeente=gemeente, ingelezen_op__lt=_begin(grenzen.shv)
                ),
                droog=droog,
            )
        rapport = _rapport(gemeente, peildatum, droog, aantallen, grenzen, door)
    return rapport


def bestanden_opschonen(
    *, peildatum: datetime.date, droog: bool = False, door: User | None = None
) -> Opschoonrapport:
    """Platform-wide: delivered files and callcenter result files are kept in the database only
    to be processed; once processed they go after `BEWAARTERMIJN_BESTANDEN_DAGEN` (the rows
    they became stay, with their own retention)."""
    dagen = getattr(settings, "BEWAARTERMIJN_BESTANDEN_DAGEN", 30)
    grens = _begin(peildatum - datetime.timedelta(days=dagen))
    klaar = [Aanleverstatus.VERWERKT, Aanleverstatus.MISLUKT]
    aantallen: Counter = Counter()
    aantallen[S.AANLEVERBESTANDEN] = _verwijderen(
        Aanleverbestand.objects.filter(
            aanlevering__status__in=klaar, aanlevering__ontvangen_op__lt=grens
        ),
        droog=droog,
    )
    aantallen[S.BELRONDEBESTANDEN] = _verwijderen(
        Belrondeimportbestand.objects.filter(
            belrondeimport__status__in=[Importstatus.VERWERKT, Importstatus.MISLUKT],
            belrondeimport__ontvangen_op__lt=grens,
        ),
        droog=droog,
    )
    with transaction.atomic():
        return _rapport(None, peildatum, droog, aantallen, {"bestanden": grens.date()}, door)


def _rapport(gemeente, peildatum, droog, aantallen, grenzen, door) -> Opschoonrapport:
    grensdata = grenzen if isinstance(grenzen, dict) else vars(grenzen)
    rapport = Opschoonrapport.objects.create(
        gemeente=gemeente,
        peildatum=peildatum,
        droog=droog,
        aantallen={str(k): v for k, v in sorted(aantallen.items()) if v},
        grenzen={k: v.isoformat() if v else None for k, v in grensdata.items()},
        gestart_door=door if door is not None and door.is_authenticated else None,
    )
    if not droog:
        samenvatting = ", ".join(f"{k} {v}" for k, v in sorted(rapport.aantallen.items()))
        auditregel_vastleggen(
            actie=Auditactie.OPSCHONEN,
            gebruiker=door,
            gebruikersnaam="bewaartermijnen",
            object=rapport,
            gemeente=gemeente,
            omschrijving=f"Bewaartermijnen toegepast: {samenvatting or 'niets te doen'}"[:255],
        )
    return rapport


def alle_bewaartermijnen_toepassen(
    *,
    peildatum: datetime.date,
    droog: bool = False,
    cbs_codes: Sequence[str] | None = None,
    door: User | None = None,
) -> list[Opschoonrapport]:
    """Every municipality (or those named), then the platform-wide files. One failing
    municipality is logged and does not stop the others."""
    gemeenten = Gemeente.objects.order_by("cbs_code")
    if cbs_codes:
        gemeenten = gemeenten.filter(cbs_code__in=cbs_codes)
    rapporten = []
    for gemeente in gemeenten:
        try:
            rapporten.append(
                bewaartermijnen_toepassen(
                    gemeente=gemeente, peildatum=peildatum, droog=droog, door=door
                )
            )
        except Exception:
            logger.exception(
                "Bewaartermijnen toepassen mislukt voor gemeente %s", gemeente.cbs_code
            )
    if not cbs_codes:
        rapporten.append(bestanden_opschonen(peildatum=peildatum, droog=droog, door=door))
    return rapporten


# --- settings -------------------------------------------------------------------------------


@transaction.atomic
def bewaarinstellingen_opslaan(*, gemeente: Gemeente, door: User, **waarden) -> Bewaarinstellingen:
    """Store a municipality's retention settings (validated by the model's validators)."""
    from django.core.exceptions import ValidationError

    from signaalroute.core.exceptions import ValidatieFout

    instellingen, _nieuw = Bewaarinstellingen.objects.select_for_update().get_or_create(
        gemeente=gemeente
    )
    for veld, waarde in waarden.items():
        setattr(instellingen, veld, waarde)
    try:
        instellingen.full_clean()
    except ValidationError as exc:
        raise ValidatieFout(
            "Controleer de bewaartermijnen.",
            invalid_params=[
                {"name": veld, "reason": " ".join(str(m) for m in meldingen)}
                for veld, meldingen in exc.message_dict.items()
            ],
        ) from exc
    instellingen.save()
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=instellingen,
        gemeente=gemeente,
        omschrijving="Bewaartermijnen gewijzigd",
    )
    return instellingen
