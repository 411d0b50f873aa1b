"""Case deadlines: set when a case is triaged (crisis: working days), watched daily with
notifications to the worker and, when passed, the coordinators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.gemeenten.models import Gemeente
from signaalroute.triage.models import Triage

from ..constants import Termijnsoort, Zaakfase
from ..models import Melding, Termijninstellingen, Vroegsignaalzaak, Zaakwijziging
from ..rules import Termijnregels, termijnstand
from ..selectors import termijnregels
from ..workflow import Zaakactie
from .zaken import nazorg_starten


def termijnen_berekenen(
    zaken: Iterable[Vroegsignaalzaak], regels: Termijnregels
) -> list[Vroegsignaalzaak]:
    """Set the first-contact and closing deadlines of `zaken` (not saved) from their matching
    date; a crisis counts in working days."""
    zaken = list(zaken)
    for zaak in zaken:
        zaak.termijn_eerste_contact = regels.eerste_contact_uiterlijk(
            zaak.matchingsdatum, crisis=_crisis(zaak)
        )
        zaak.termijn_afsluiten = regels.afsluiten_uiterlijk(zaak.matchingsdatum)
    return zaken


def _crisis(zaak: Vroegsignaalzaak) -> bool:
    """Whether the crisis deadline applies: the triage's deadline profile decides, as it did
    when the case was triaged (a rule may treat a case as a crisis or not); without a triage
    the case's own crisis flag."""
    from signaalroute.triage.rules import TERMIJNPROFIEL_CRISIS

    triage = getattr(zaak, "triage", None)
    if triage is None:
        return zaak.crisis
    return triage.termijnprofiel == TERMIJNPROFIEL_CRISIS


@transaction.atomic
def termijninstellingen_opslaan(
    *, gemeente: Gemeente, door: User, **waarden
) -> Termijninstellingen:
    """Store a municipality's deadlines and recompute them for its open cases."""
    instellingen, _nieuw = Termijninstellingen.objects.get_or_create(gemeente=gemeente)
    for veld, waarde in waarden.items():
        setattr(instellingen, veld, waarde)
    try:
        instellingen.full_clean()
    except ValidationError as exc:
        raise ValidatieFout(
            _("Controleer de termijnen."),
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
        omschrijving="Termijnen gewijzigd",
    )
    # Open cases get the new deadlines; a reopened case keeps the closing deadline it got when
    # it was reopened (counted from that day), unless the new rule gives a later one.
    open_zaken = list(
        Vroegsignaalzaak.objects.filter(gemeente=gemeente)
        .exclude(fase__in=[Zaakfase.AFGESLOTEN, Zaakfase.NAZORG])
        .select_related("triage")
        .only("pk", "matchingsdatum", "crisis", "termijn_afsluiten", "triage__termijnprofiel")
    )
    vorige = {z.pk: z.termijn_afsluiten for z in open_zaken}
    heropend = set(
        Zaakwijziging.objects.filter(
            vroegsignaalzaak__in=open_zaken, actie=Zaakactie.HEROPENEN
        ).values_list("vroegsignaalzaak_id", flat=True)
    )
    zaken = termijnen_berekenen(open_zaken, instellingen.regels())
    for zaak in zaken:
        if zaak.pk in heropend and vorige[zaak.pk] and vorige[zaak.pk] > zaak.termijn_afsluiten:
            zaak.termijn_afsluiten = vorige[zaak.pk]
    Vroegsignaalzaak.objects.bulk_update(
        zaken, ["termijn_eerste_contact", "termijn_afsluiten"], batch_size=2000
    )
    # The work list sorts on the triage's first-contact date: keep it in step.
    triages = [z.triage for z in zaken if getattr(z, "triage", None) is not None]
    for triage in triages:
        triage.uiterste_datum = triage.vroegsignaalzaak.termijn_eerste_contact
    Triage.objects.bulk_update(triages, ["uiterste_datum"], batch_size=2000)
    return instellingen


_TEKSTEN = {
    (Termijnsoort.EERSTE_CONTACT, "verlopen"): gettext_lazy(
        "Termijn eerste contact verlopen op %(datum)s"
    ),
    (Termijnsoort.EERSTE_CONTACT, "binnenkort"): gettext_lazy("Eerste contact uiterlijk %(datum)s"),
    (Termijnsoort.AFSLUITEN, "verlopen"): gettext_lazy("Termijn afsluiten verlopen op %(datum)s"),
    (Termijnsoort.AFSLUITEN, "binnenkort"): gettext_lazy("Afsluiten uiterlijk %(datum)s"),
    (Termijnsoort.VERVOLG, "vandaag"): gettext_lazy("Geplande vervolgactie: %(datum)s"),
    (Termijnsoort.NAZORG, "vandaag"): gettext_lazy("Nazorg is aan de beurt (%(datum)s)"),
}


def _coordinatoren(gemeente_ids: set[int]) -> dict[int, list[User]]:
    """Per municipality the active coordinators who work for it."""
    per_gemeente: dict[int, list[User]] = {pk: [] for pk in gemeente_ids}
    gemeenten = Gemeente.objects.filter(pk__in=gemeente_ids).values_list(
        "pk", "uitvoeringsorganisatie_id"
    )
    coordinatoren = User.objects.filter(rol=Rol.COORDINATOR, is_active=True).prefetch_related(
        "gemeenten"
    )
    for gebruiker in coordinatoren:
        beperkt = {g.pk for g in gebruiker.gemeenten.all()}
        for pk, organisatie in gemeenten:
            if organisatie == gebruiker.uitvoeringsorganisatie_id and (
                not beperkt or pk in beperkt
            ):
                per_gemeente[pk].append(gebruiker)
    return per_gemeente


def termijnen_bewaken(*, vandaag: dt.date | None = None) -> int:
    """Daily: start due after-care, then notify the worker of every open case whose deadline
    is due soon or passed or whose planned follow-up is due, and the municipality's
    coordinators of every passed deadline. Idempotent: a notification exists once per user,
    case, deadline and state. Returns the number of new notifications."""
    vandaag = vandaag or timezone.localdate()
    meldingen: list[Melding] = []
    for zaak in nazorg_starten(vandaag=vandaag):
        if zaak.behandelaar_id:
            meldingen += _meldingen(
                zaak, Termijnsoort.NAZORG, "vandaag", vandaag, [zaak.behandelaar]
            )
    regels_per_gemeente: dict[int, Termijnregels] = {}
    grens = vandaag + dt.timedelta(days=62)  # any warning window up to ~40 working days
    zaken = (
        Vroegsignaalzaak.objects.exclude(fase=Zaakfase.AFGESLOTEN)
        .filter(
            Q(termijn_eerste_contact__lte=grens, eerste_contactpoging_op__isnull=True)
            | Q(termijn_afsluiten__lte=grens)
            | Q(vervolg_op__lte=vandaag)
        )
        .select_related("gemeente", "behandelaar")
        .prefetch_related("medebehandelaars")
    )
    zaken = list(zaken)
    coordinatoren = _coordinatoren({z.gemeente_id for z in zaken})
    for zaak in zaken:
        if zaak.gemeente_id not in regels_per_gemeente:
            regels_per_gemeente[zaak.gemeente_id] = termijnregels(zaak.gemeente)
        regels = regels_per_gemeente[zaak.gemeente_id]
        kandidaten = []
        if zaak.eerste_contactpoging_op is None and zaak.fase != Zaakfase.NAZORG:
            kandidaten.append((Termijnsoort.EERSTE_CONTACT, zaak.termijn_eerste_contact))
        if zaak.fase != Zaakfase.NAZORG:
            kandidaten.append((Termijnsoort.AFSLUITEN, zaak.termijn_afsluiten))
        for soort, termijn in kandidaten:
            stand = termijnstand(termijn, vandaag, regels)
            if not stand:
                continue
            ontvangers = _ontvangers(zaak)
            if stand == "verlopen" or not ontvangers:
                ontvangers += coordinatoren.get(zaak.gemeente_id, [])
            meldingen += _meldingen(zaak, soort, stand, termijn, ontvangers)
        if zaak.vervolg_op and zaak.vervolg_op <= vandaag and zaak.fase != Zaakfase.NAZORG:
            meldingen += _meldingen(
                zaak, Termijnsoort.VERVOLG, "vandaag", zaak.vervolg_op, _ontvangers(zaak)
            )
    nieuw = _nog_niet_gemeld(meldingen)
    Melding.objects.bulk_create(nieuw, ignore_conflicts=True, batch_size=1000)
    return len(nieuw)


def _nog_niet_gemeld(meldingen: list[Melding]) -> list[Melding]:
    """The notifications that do not exist yet (`bulk_create(ignore_conflicts=True)` cannot
    tell which rows it skipped, so the count of new ones is made here)."""

    def sleutel(m):
        return (m.gebruiker_id, m.vroegsignaalzaak_id, str(m.soort), m.stand, m.termijn)

    zaak_ids = sorted({m.vroegsignaalzaak_id for m in meldingen})
    bestaand = set()
    for begin in range(0, len(zaak_ids), 1000):
        bestaand.update(
            Melding.objects.filter(
                vroegsignaalzaak_id__in=zaak_ids[begin : begin + 1000]
            ).values_list("gebruiker_id", "vroegsignaalzaak_id", "soort", "stand", "termijn")
        )
    nieuw = []
    for melding in meldingen:
        if sleutel(melding) not in bestaand:
            bestaand.add(sleutel(melding))
            nieuw.append(melding)
    return nieuw


def _ontvangers(zaak: Vroegsignaalzaak) -> list[User]:
    ontvangers = [u for u in zaak.medebehandelaars.all() if u.is_active]
    if zaak.behandelaar_id:
        ontvangers.insert(0, zaak.behandelaar)
    return ontvangers


def _meldingen(zaak, soort, stand, termijn, ontvangers) -> list[Melding]:
    tekst = _TEKSTEN[soort, stand] % {"datum": date_format(termijn, "j F Y")}
    gezien = set()
    meldingen = []
    for gebruiker in ontvangers:
        if gebruiker.pk in gezien:
            continue
        gezien.add(gebruiker.pk)
        meldingen.append(
            Melding(
                gebruiker=gebruiker,
                vroegsignaalzaak=zaak,
                soort=soort,
                stand=stand,
                termijn=termijn,
                tekst=f"{zaak.referentie}: {tekst}",
            )
        )
    return meldingen


def meldingen_gelezen_markeren(*, gebruiker: User) -> int:
    """Mark all of the user's own unread notifications read; returns how many."""
    return Melding.objects.filter(gebruiker=gebruiker, gelezen_op__isnull=True).update(
        gelezen_op=timezone.now()
    )
