"""Case deadlines: set when a case is triaged (crisis: working days), watched daily with
notifications to the worker and, when passed, the coordinators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.gemeenten.models import Gemeente

from ..constants import Termijnsoort, Zaakfase
from ..models import Melding, Termijninstellingen, Vroegsignaalzaak
from ..rules import Termijnregels, termijnstand
from ..selectors import termijnregels
from .zaken import nazorg_starten


def termijnen_berekenen(
    zaken: Iterable[Vroegsignaalzaak], regels: Termijnregels
) -> list[Vroegsignaalzaak]:
    """Set the first-contact and closing deadlines of `zaken` (not saved) from their matching
    date; a crisis counts in working days."""
    zaken = list(zaken)
    for zaak in zaken:
        zaak.termijn_eerste_contact = regels.eerste_contact_uiterlijk(
            zaak.matchingsdatum, crisis=zaak.crisis
        )
        zaak.termijn_afsluiten = regels.afsluiten_uiterlijk(zaak.matchingsdatum)
    return zaken


@transaction.atomic
def termijninstellingen_opslaan(
    *, gemeente: Gemeente, door: User, **waarden
) -> Termijninstellingen:
    """Store a municipality's deadlines and recompute them for its open cases."""
    instellingen, _nieuw = Termijninstellingen.objects.get_or_create(gemeente=gemeente)
    for veld, waarde in waarden.items():
        setattr(instellingen, veld, waarde)
    instellingen.full_clean()
    instellingen.save()
    open_zaken = Vroegsignaalzaak.objects.filter(gemeente=gemeente).exclude(
        fase__in=[Zaakfase.AFGESLOTEN, Zaakfase.NAZORG]
    )
    Vroegsignaalzaak.objects.bulk_update(
        termijnen_berekenen(open_zaken.only("pk", "matchingsdatum", "crisis"), instellingen.regels()),
        ["termijn_eerste_contact", "termijn_afsluiten"],
        batch_size=2000,
    )
    return instellingen


_TEKSTEN = {
    (Termijnsoort.EERSTE_CONTACT, "verlopen"): gettext_lazy("Termijn eerste contact verlopen op %(datum)s"),
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
    for zaak in nazorg_starten(vandaag=vandaag):
        if zaak.behandelaar_id:
            Melding.objects.get_or_create(
                gebruiker_id=zaak.behandelaar_id,
                vroegsignaalzaak=zaak,
                soort=Termijnsoort.NAZORG,
                stand="vandaag",
                termijn=vandaag,
                defaults={
                    "tekst": f"{zaak.referentie}: "
                    + _TEKSTEN[Termijnsoort.NAZORG, "vandaag"]
                    % {"datum": date_format(vandaag, "j F Y")}
                },
            )
    regels_per_gemeente: dict[int, Termijnregels] = {}
    grens = vandaag + dt.timedelta(days=14)
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
    meldingen: list[Melding] = []
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
    return len(Melding.objects.bulk_create(meldingen, ignore_conflicts=True, batch_size=1000))


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
