"""Handling a case: picking it up, contact attempts, closing with a result that means something,
warm hand-over, after-care, reopening, co-workers.

Every change goes through `_overgang` (the transition table in `workflow.py`), takes the case's
`versie` as the worker saw it (a stale version raises `Conflict`: two workers never overwrite
each other), bumps it, and leaves an append-only `Zaakwijziging` plus an audit entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import Conflict, GeenToegang, ValidatieFout
from signaalroute.gemeenten.selectors import gemeenten_voor
from signaalroute.terugkoppeling.services import terugkoppelingen_bijwerken

from .. import workflow
from ..constants import Nazorguitkomst, Signaalstatus, Zaakfase
from ..models import Contactpoging, Nazorg, Overdracht, Vroegsignaalzaak, Zaakwijziging
from ..selectors import termijnregels
from ..workflow import Zaakactie as A
from .signalen import signaalstatussen_zetten

# --- the one place a case changes ----------------------------------------------------------


def zaak_vergrendelen(zaak: Vroegsignaalzaak, versie: int | None) -> Vroegsignaalzaak:
    """Lock the case row; `Conflict` when someone else changed it since the worker loaded it
    (`versie`; None skips the check, for system jobs)."""
    vergrendeld = (
        Vroegsignaalzaak.objects.select_for_update(of=("self",))
        .select_related("gemeente")
        .get(pk=zaak.pk)
    )
    if versie is not None and vergrendeld.versie != versie:
        laatste = vergrendeld.historie.select_related("door").order_by("-op", "-id").first()
        wie = _("een collega")
        if laatste is not None and laatste.door is not None:
            wie = laatste.door.get_full_name() or laatste.door.username
        raise Conflict(
            _(
                "Deze zaak is intussen gewijzigd door %(wie)s. Uw invoer is niet opgeslagen maar "
                "staat nog in het formulier: bekijk de wijziging en sla opnieuw op."
            )
            % {"wie": wie}
        )
    return vergrendeld


def _overgang(
    zaak: Vroegsignaalzaak,
    actie: str,
    *,
    door: User | None,
    toelichting: str,
    ooit_bereikt: bool = False,
) -> Zaakwijziging:
    """Apply one row of the transition table to the (locked) case; returns the history row
    (saved by `_opslaan`)."""
    naar = workflow.volgende_fase(zaak.fase, actie, ooit_bereikt=ooit_bereikt)
    wijziging = Zaakwijziging(
        vroegsignaalzaak=zaak,
        fase_van=zaak.fase,
        fase_naar=naar,
        actie=actie,
        toelichting=toelichting,
        door=door,
    )
    zaak.fase = naar
    return wijziging


def _opslaan(
    zaak: Vroegsignaalzaak,
    wijziging: Zaakwijziging,
    *,
    door: User | None,
    omschrijving: str,
) -> Zaakwijziging:
    wijziging.eindresultaat = zaak.eindresultaat if zaak.fase == Zaakfase.AFGESLOTEN else ""
    wijziging.hulpstap = zaak.hulpstap if zaak.fase == Zaakfase.AFGESLOTEN else ""
    zaak.versie += 1
    zaak.save()
    wijziging.save()
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=zaak,
        gemeente=zaak.gemeente,
        omschrijving=omschrijving,
    )
    return wijziging


def _naam(user: User) -> str:
    return user.get_full_name() or user.username


def _signalen_opgepakt(zaak: Vroegsignaalzaak, door: User | None) -> None:
    signalen = Vroegsignaal.objects.filter(
        vroegsignaalzaak=zaak, status=Signaalstatus.NOG_NIET_OPGEPAKT
    )
    signaalstatussen_zetten(
        ((s, Signaalstatus.OPGEPAKT, _("Zaak opgepakt.")) for s in signalen), door=door
    )


def _oppakken_als_nieuw(zaak: Vroegsignaalzaak, door: User, vandaag: dt.date) -> None:
    if zaak.datum_opgepakt is None:
        zaak.datum_opgepakt = vandaag
        _signalen_opgepakt(zaak, door)
    if zaak.behandelaar_id is None and door.heeft_rol(
        Rol.COORDINATOR, Rol.VROEGSIGNALEERDER, Rol.EXTERNE_UITVOERDER
    ):
        zaak.behandelaar = door


# --- picking up and contact attempts ------------------------------------------------------


@transaction.atomic
def zaak_oppakken(*, zaak: Vroegsignaalzaak, door: User, versie: int | None) -> Vroegsignaalzaak:
    """The worker starts on the case: phase in behandeling, date picked up, the signals
    "opgepakt", and the worker becomes the handler if there was none."""
    zaak = zaak_vergrendelen(zaak, versie)
    wijziging = _overgang(zaak, A.OPPAKKEN, door=door, toelichting=_("Zaak opgepakt."))
    _oppakken_als_nieuw(zaak, door, timezone.localdate())
    _opslaan(zaak, wijziging, door=door, omschrijving="Zaak opgepakt")
    return zaak


@dataclass(frozen=True)
class Pogingsgegevens:
    soort: str
    datum: dt.date
    bereikt: bool
    dagdeel: str = ""
    notitie: str = ""
    vervolg_op: dt.date | None = None
    vervolg_dagdeel: str = ""
    vervolgafspraak: str = ""


def _poging_fouten(gegevens: Pogingsgegevens, zaak: Vroegsignaalzaak, vandaag: dt.date) -> dict:
    fouten = {}
    if gegevens.datum > vandaag:
        fouten["datum"] = _("Een contactpoging kan niet in de toekomst liggen.")
    elif gegevens.datum < zaak.startdatum_matchingperiode:
        fouten["datum"] = _("Deze datum ligt voor het begin van de zaak.")
    if gegevens.vervolg_op is not None and gegevens.vervolg_op < vandaag:
        fouten["vervolg_op"] = _("Plan de volgende actie vandaag of later.")
    return fouten


@transaction.atomic
def contactpoging_registreren(
    *,
    zaak: Vroegsignaalzaak,
    door: User,
    versie: int | None,
    gegevens: Pogingsgegevens,
    namens_systeem: bool = False,
) -> Contactpoging:
    """Record a DDAS `Contactpoging` with a note and a follow-up plan. The first attempt picks
    the case up; a failed one leads to "nieuwe poging gepland" until the household is reached.
    `namens_systeem`: recorded for a letter run or a callcenter import — `door` does not
    become the handler and the worker's planned follow-up stays unless a new one is given."""
    vandaag = timezone.localdate()
    zaak = zaak_vergrendelen(zaak, versie)
    fouten = _poging_fouten(gegevens, zaak, vandaag)
    if fouten:
        raise ValidatieFout(
            next(iter(fouten.values())),
            invalid_params=[{"name": k, "reason": str(v)} for k, v in fouten.items()],
        )
    ooit_bereikt = gegevens.bereikt or zaak.contactpogingen.filter(bereikt=True).exists()
    actie = A.CONTACT_BEREIKT if gegevens.bereikt else A.CONTACT_NIET_BEREIKT
    poging = Contactpoging.objects.create(
        vroegsignaalzaak=zaak,
        soort=gegevens.soort,
        datum=gegevens.datum,
        dagdeel=gegevens.dagdeel,
        bereikt=gegevens.bereikt,
        notitie=gegevens.notitie.strip(),
        vervolg_op=gegevens.vervolg_op,
        vervolg_dagdeel=gegevens.vervolg_dagdeel,
        vervolgafspraak=gegevens.vervolgafspraak.strip()[:200],
        geregistreerd_door=door,
    )
    uitkomst = _("bereikt") if gegevens.bereikt else _("niet bereikt")
    wijziging = _overgang(
        zaak,
        actie,
        door=door,
        toelichting=_("Contactpoging %(soort)s op %(datum)s: %(uitkomst)s.")
        % {
            "soort": poging.get_soort_display().lower(),
            "datum": date_format(poging.datum, "j F Y"),
            "uitkomst": uitkomst,
        },
        ooit_bereikt=ooit_bereikt,
    )
    if namens_systeem:
        if zaak.datum_opgepakt is None:
            zaak.datum_opgepakt = vandaag
            _signalen_opgepakt(zaak, door)
    else:
        _oppakken_als_nieuw(zaak, door, vandaag)
    if zaak.eerste_contactpoging_op is None or poging.datum < zaak.eerste_contactpoging_op:
        zaak.eerste_contactpoging_op = poging.datum
    if gegevens.vervolg_op or not namens_systeem:
        zaak.vervolg_op = gegevens.vervolg_op
        zaak.vervolgactie = poging.vervolgafspraak if gegevens.vervolg_op else ""
    _opslaan(zaak, wijziging, door=door, omschrijving="Contactpoging geregistreerd")
    return poging


# --- closing, hand-over, after-care, reopening ----------------------------------------------


@dataclass(frozen=True)
class Overdrachtgegevens:
    organisatie: str
    datum: dt.date
    afspraken: str
    contactpersoon: str = ""

    def fouten(self) -> dict:
        fouten = {}
        if not self.organisatie.strip():
            fouten["organisatie"] = _("Aan welke organisatie is de zaak overgedragen?")
        if not self.afspraken.strip():
            fouten["afspraken"] = _("Wat is er afgesproken?")
        if self.datum > timezone.localdate() + dt.timedelta(days=60):
            fouten["overdracht_datum"] = _("De overdracht ligt te ver in de toekomst.")
        return fouten


def _ongeldig(fouten: dict) -> ValidatieFout:
    return ValidatieFout(
        next(iter(fouten.values())),
        invalid_params=[{"name": k, "reason": str(v)} for k, v in fouten.items()],
    )


def _overdracht_vastleggen(
    zaak: Vroegsignaalzaak, gegevens: Overdrachtgegevens, door: User
) -> Overdracht:
    return Overdracht.objects.create(
        vroegsignaalzaak=zaak,
        organisatie=gegevens.organisatie.strip(),
        contactpersoon=gegevens.contactpersoon.strip(),
        datum=gegevens.datum,
        afspraken=gegevens.afspraken.strip(),
        door=door,
    )


def _overdracht_sinds_heropenen(zaak: Vroegsignaalzaak) -> bool:
    """A hand-over recorded in the current handling of the case (not one from before it was
    last reopened) counts for a referral."""
    heropend = (
        zaak.historie.filter(actie=A.HEROPENEN).order_by("-op").values_list("op", flat=True).first()
    )
    overdrachten = zaak.overdrachten.all()
    if heropend is not None:
        overdrachten = overdrachten.filter(op__gte=heropend)
    return overdrachten.exists()


def _nazorg_plannen(zaak, op: dt.date, reden: str, door: User) -> Nazorg:
    if op <= timezone.localdate():
        raise ValidatieFout(
            _("Plan de nazorg na vandaag."),
            invalid_params=[{"name": "nazorg_op", "reason": _("Plan de nazorg na vandaag.")}],
        )
    return Nazorg.objects.create(
        vroegsignaalzaak=zaak, gepland_op=op, reden=reden.strip()[:300], gepland_door=door
    )


@transaction.atomic
def zaak_afsluiten(
    *,
    zaak: Vroegsignaalzaak,
    door: User,
    versie: int | None,
    eindresultaat: str = "",
    hulpstap: str = "",
    reden_intern: str = "",
    toelichting: str = "",
    overdracht: Overdrachtgegevens | None = None,
    nazorg_op: dt.date | None = None,
    nazorg_reden: str = "",
) -> Vroegsignaalzaak:
    """Close the case with a DDAS result. "Help accepted" needs the concrete step (which gives
    the result), a referral needs the warm hand-over, "andere reden" an internal reason. The
    signals get the matching status; after-care can be planned at once."""
    zaak = zaak_vergrendelen(zaak, versie)
    pogingen = list(zaak.contactpogingen.values_list("bereikt", flat=True))
    afsluiting = workflow.Afsluiting(
        eindresultaat=eindresultaat,
        hulpstap=hulpstap,
        reden_intern=reden_intern,
        aantal_pogingen=len(pogingen),
        aantal_bereikt=sum(pogingen),
        overdracht=overdracht is not None or _overdracht_sinds_heropenen(zaak),
        nazorg=nazorg_op is not None,
    )
    fouten = workflow.afsluiting_fouten(afsluiting)
    if overdracht is not None:
        fouten.update(overdracht.fouten())
    if fouten:
        raise _ongeldig(fouten)
    resultaat = workflow.eindresultaat_bepalen(afsluiting)
    wijziging = _overgang(
        zaak, A.AFSLUITEN, door=door, toelichting=toelichting.strip() or _("Zaak afgesloten.")
    )
    zaak.eindresultaat = resultaat
    zaak.hulpstap = hulpstap
    zaak.reden_intern = reden_intern.strip() if resultaat in workflow.NIET_OPGEPAKT else ""
    zaak.afgesloten_op = timezone.now()
    zaak.vervolg_op, zaak.vervolgactie = None, ""
    if overdracht is not None:
        _overdracht_vastleggen(zaak, overdracht, door)
    if nazorg_op is not None:
        _nazorg_plannen(zaak, nazorg_op, nazorg_reden, door)
    status = workflow.signaalstatus_bij_resultaat(resultaat)
    signalen = Vroegsignaal.objects.filter(vroegsignaalzaak=zaak).exclude(status=status)
    signaalstatussen_zetten(((s, status, _("Zaak afgesloten.")) for s in signalen), door=door)
    _opslaan(zaak, wijziging, door=door, omschrijving=f"Zaak afgesloten: {resultaat}")
    terugkoppelingen_bijwerken(zaak.vroegsignalen.all())
    return zaak


@transaction.atomic
def zaak_heropenen(
    *, zaak: Vroegsignaalzaak, door: User, versie: int | None, reden: str
) -> Vroegsignaalzaak:
    """Reopen a closed case (or one in after-care) with a reason: the result is cleared (the
    history keeps it), the signals are "opgepakt" again, a new closing deadline starts."""
    if not reden.strip():
        raise ValidatieFout(
            _("Geef de reden waarom de zaak heropend wordt."),
            invalid_params=[
                {"name": "reden", "reason": _("Geef de reden waarom de zaak heropend wordt.")}
            ],
        )
    zaak = zaak_vergrendelen(zaak, versie)
    vorige = zaak.get_eindresultaat_display()
    wijziging = _overgang(
        zaak,
        A.HEROPENEN,
        door=door,
        toelichting=_("Heropend (was: %(vorige)s). Reden: %(reden)s")
        % {"vorige": vorige or "–", "reden": reden.strip()},
    )
    zaak.eindresultaat, zaak.hulpstap, zaak.reden_intern = "", "", ""
    zaak.afgesloten_op = None
    zaak.termijn_afsluiten = termijnregels(zaak.gemeente).afsluiten_uiterlijk(timezone.localdate())
    zaak.nazorg.filter(afgerond_op__isnull=True).update(
        afgerond_op=timezone.now(), afgerond_door=door, notitie=_("Vervallen: zaak heropend.")
    )
    signalen = Vroegsignaal.objects.filter(vroegsignaalzaak=zaak).exclude(
        status=Signaalstatus.OPGEPAKT
    )
    signaalstatussen_zetten(
        ((s, Signaalstatus.OPGEPAKT, _("Zaak heropend.")) for s in signalen), door=door
    )
    _oppakken_als_nieuw(zaak, door, timezone.localdate())
    _opslaan(zaak, wijziging, door=door, omschrijving="Zaak heropend")
    terugkoppelingen_bijwerken(zaak.vroegsignalen.all())
    return zaak


@transaction.atomic
def overdracht_registreren(
    *, zaak: Vroegsignaalzaak, door: User, versie: int | None, gegevens: Overdrachtgegevens
) -> Overdracht:
    """Record a warm hand-over on an open case (before it is closed with the referral)."""
    zaak = zaak_vergrendelen(zaak, versie)
    if zaak.fase == Zaakfase.AFGESLOTEN:
        raise Conflict(_("De zaak is afgesloten; heropen de zaak eerst."))
    fouten = gegevens.fouten()
    if fouten:
        raise _ongeldig(fouten)
    overdracht = _overdracht_vastleggen(zaak, gegevens, door)
    wijziging = Zaakwijziging(
        vroegsignaalzaak=zaak,
        fase_van=zaak.fase,
        fase_naar=zaak.fase,
        actie="overdracht",
        toelichting=_("Warme overdracht aan %(org)s op %(datum)s.")
        % {"org": overdracht.organisatie, "datum": date_format(overdracht.datum, "j F Y")},
        door=door,
    )
    _opslaan(zaak, wijziging, door=door, omschrijving="Warme overdracht vastgelegd")
    return overdracht


@transaction.atomic
def nazorg_plannen(
    *, zaak: Vroegsignaalzaak, door: User, versie: int | None, op: dt.date, reden: str = ""
) -> Nazorg:
    """Plan a follow-up contact for a closed case; when due it returns to the work list."""
    zaak = zaak_vergrendelen(zaak, versie)
    if zaak.fase != Zaakfase.AFGESLOTEN:
        raise Conflict(_("Nazorg plant u bij een afgesloten zaak."))
    if zaak.eindresultaat in workflow.ZONDER_NAZORG:
        raise ValidatieFout(_("Bij dit resultaat is nazorg niet mogelijk."))
    if zaak.nazorg.filter(afgerond_op__isnull=True).exists():
        raise Conflict(_("Er is al nazorg gepland voor deze zaak."))
    nazorg = _nazorg_plannen(zaak, op, reden, door)
    wijziging = Zaakwijziging(
        vroegsignaalzaak=zaak,
        fase_van=zaak.fase,
        fase_naar=zaak.fase,
        actie="nazorg_plannen",
        toelichting=_("Nazorg gepland op %(datum)s.") % {"datum": date_format(op, "j F Y")},
        door=door,
    )
    _opslaan(zaak, wijziging, door=door, omschrijving="Nazorg gepland")
    return nazorg


def nazorg_starten(*, vandaag: dt.date | None = None) -> list[Vroegsignaalzaak]:
    """Daily: cases whose after-care is due return to the work list (phase nazorg). Each case
    in its own transaction; a case reopened meanwhile is skipped."""
    vandaag = vandaag or timezone.localdate()
    gestart = []
    te_starten = Nazorg.objects.filter(
        gepland_op__lte=vandaag, gestart_op__isnull=True, afgerond_op__isnull=True
    ).values_list("pk", flat=True)
    for pk in te_starten:
        with transaction.atomic():
            nazorg = (
                Nazorg.objects.select_for_update()
                .filter(pk=pk, gestart_op__isnull=True, afgerond_op__isnull=True)
                .first()
            )
            if nazorg is None:
                continue
            zaak = zaak_vergrendelen(nazorg.vroegsignaalzaak, None)
            if zaak.fase != Zaakfase.AFGESLOTEN:
                continue
            wijziging = _overgang(
                zaak, A.NAZORG_STARTEN, door=None, toelichting=_("Nazorg is aan de beurt.")
            )
            zaak.vervolg_op, zaak.vervolgactie = nazorg.gepland_op, _("Nazorgcontact")
            nazorg.gestart_op = timezone.now()
            nazorg.save(update_fields=["gestart_op"])
            _opslaan(zaak, wijziging, door=None, omschrijving="Nazorg gestart")
            gestart.append(zaak)
    return gestart


@transaction.atomic
def nazorg_afronden(
    *,
    zaak: Vroegsignaalzaak,
    door: User,
    versie: int | None,
    uitkomst: str,
    notitie: str = "",
    hulpstap: str = "",
    overdracht: Overdrachtgegevens | None = None,
) -> Nazorg:
    """Record the after-care outcome; the case is closed again. "Alsnog hulp geaccepteerd"
    needs the concrete step and changes the case result accordingly."""
    zaak = zaak_vergrendelen(zaak, versie)
    nazorg = zaak.nazorg.filter(afgerond_op__isnull=True).order_by("gepland_op").first()
    if nazorg is None or zaak.fase != Zaakfase.NAZORG:
        raise Conflict(_("Er staat geen nazorg open voor deze zaak."))
    if uitkomst not in Nazorguitkomst.values:
        raise _ongeldig({"uitkomst": _("Kies de uitkomst van de nazorg.")})
    fouten = {}
    if uitkomst == Nazorguitkomst.ALSNOG_HULP and not hulpstap:
        fouten["hulpstap"] = _("Noem de concrete stap van de hulp.")
    elif uitkomst == Nazorguitkomst.ALSNOG_HULP:
        # A hand-over recorded during this after-care (`overdracht_registreren`) counts too.
        eerder = zaak.overdrachten.filter(op__gte=nazorg.gestart_op or timezone.now())
        fouten = workflow.afsluiting_fouten(
            workflow.Afsluiting(
                hulpstap=hulpstap,
                aantal_pogingen=1,
                aantal_bereikt=1,
                overdracht=overdracht is not None or eerder.exists(),
            )
        )
        if overdracht is not None:
            fouten.update(overdracht.fouten())
    if fouten:
        raise _ongeldig(fouten)
    wijziging = _overgang(
        zaak,
        A.NAZORG_AFRONDEN,
        door=door,
        toelichting=_("Nazorg afgerond: %(uitkomst)s.")
        % {"uitkomst": Nazorguitkomst(uitkomst).label},
    )
    if uitkomst == Nazorguitkomst.ALSNOG_HULP:
        zaak.eindresultaat = workflow.HULPSTAP_RESULTAAT[hulpstap]
        zaak.hulpstap = hulpstap
        if overdracht is not None:
            _overdracht_vastleggen(zaak, overdracht, door)
    zaak.vervolg_op, zaak.vervolgactie = None, ""
    nazorg.uitkomst, nazorg.notitie = uitkomst, notitie.strip()
    nazorg.afgerond_op, nazorg.afgerond_door = timezone.now(), door
    nazorg.save()
    _opslaan(zaak, wijziging, door=door, omschrijving="Nazorg afgerond")
    terugkoppelingen_bijwerken(zaak.vroegsignalen.all())
    return nazorg


# --- more than one worker ------------------------------------------------------------------


@transaction.atomic
def medebehandelaars_wijzigen(
    *, zaak: Vroegsignaalzaak, door: User, versie: int | None, gebruikers: Iterable[User]
) -> Vroegsignaalzaak:
    """Set the co-workers of a case (e.g. a debt counsellor and a social worker who visit
    together); each must handle cases for the case's municipality."""
    zaak = zaak_vergrendelen(zaak, versie)
    if door.rol != Rol.COORDINATOR and zaak.behandelaar_id != door.pk:
        raise GeenToegang(_("Alleen de coördinator of de behandelaar wijzigt de medebehandelaars."))
    nieuw = {u.pk: u for u in gebruikers if u.pk != zaak.behandelaar_id}
    for gebruiker in nieuw.values():
        if (
            not gebruiker.heeft_rol(Rol.COORDINATOR, Rol.VROEGSIGNALEERDER, Rol.EXTERNE_UITVOERDER)
            or not gemeenten_voor(gebruiker).filter(pk=zaak.gemeente_id).exists()
        ):
            raise ValidatieFout(
                _("%(naam)s werkt niet aan zaken van deze gemeente.") % {"naam": _naam(gebruiker)}
            )
    oud = set(zaak.medebehandelaars.values_list("pk", flat=True))
    if oud == set(nieuw):
        return zaak
    zaak.medebehandelaars.set(list(nieuw.values()))
    namen = ", ".join(sorted(_naam(u) for u in nieuw.values())) or _("niemand")
    wijziging = Zaakwijziging(
        vroegsignaalzaak=zaak,
        fase_van=zaak.fase,
        fase_naar=zaak.fase,
        actie="medebehandelaars",
        toelichting=_("Medebehandelaars: %(namen)s.") % {"namen": namen},
        door=door,
    )
    _opslaan(zaak, wijziging, door=door, omschrijving="Medebehandelaars gewijzigd")
    return zaak
