"""Reads for the case page: the case with everything it shows in a bounded number of queries,
and the worker's deadline overview, notifications and deadline settings.

What a user may see starts at `zaken_voor` (tenancy); nothing here widens it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import phonenumbers
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, When
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.core.exceptions import NietGevonden
from signaalroute.gemeenten.models import Gemeente
from signaalroute.gemeenten.selectors import gemeenten_voor
from signaalroute.signaalpartners.models import Contactpersoon, Signaalpartner

from .. import rules
from ..constants import Contactgegevenbron, Contactgegevensoort, Contactsoort, Dagdeel, Zaakfase
from ..models import (
    Contactgegeven,
    Contactpoging,
    Melding,
    Nazorg,
    Overdracht,
    Signaalstatuswijziging,
    Termijninstellingen,
    Vroegsignaalzaak,
    Zaakwijziging,
)
from ..workflow import Zaakactie
from .zaken import OPEN_FASEN, termijnregels, zaken_voor

__all__ = [
    "Contactregel",
    "Termijnregel",
    "Termijnlijst",
    "Tijdlijnregel",
    "contactgegevens_van",
    "eerdere_zaken",
    "meldingen_voor",
    "nazorg_weken",
    "ongelezen_meldingen",
    "open_nazorg",
    "partnercontactpersonen",
    "termijnen_van",
    "termijninstellingen_voor",
    "termijnoverzicht",
    "tijdlijn",
    "volgend_stapadvies",
    "zaakdossier_ophalen",
]

EERDERE_ZAKEN_MAANDEN = 24
MAXIMUM_PER_LIJST = 200  # rows per list on the deadline overview


# --- the case ---------------------------------------------------------------------------------


def zaakdossier_ophalen(*, user: User, uuid) -> Vroegsignaalzaak:
    """The case with its signals (partner, BRP check, status history), contact attempts,
    history, contact details, hand-overs, after-care and co-workers; `NietGevonden` when
    `user` may not see it."""
    zaak = (
        zaken_voor(user)
        .select_related("gemeente", "team", "behandelaar", "wijk", "triage__regelset")
        .prefetch_related(
            Prefetch(
                "vroegsignalen",
                queryset=Vroegsignaal.objects.select_related(
                    "signaalpartner", "brpcontrole"
                ).order_by("signaaldatum", "id"),
            ),
            Prefetch(
                "vroegsignalen__statushistorie",
                queryset=Signaalstatuswijziging.objects.select_related("door").order_by("op", "id"),
            ),
            Prefetch(
                "contactpogingen",
                queryset=Contactpoging.objects.select_related("geregistreerd_door"),
            ),
            Prefetch(
                "historie",
                queryset=Zaakwijziging.objects.select_related("door").order_by("op", "id"),
            ),
            Prefetch("contactgegevens", queryset=Contactgegeven.objects.order_by("soort", "id")),
            Prefetch("overdrachten", queryset=Overdracht.objects.select_related("door")),
            Prefetch("nazorg", queryset=Nazorg.objects.order_by("gepland_op", "id")),
            Prefetch("medebehandelaars", queryset=User.objects.order_by("first_name", "username")),
        )
        .filter(uuid=uuid)
        .first()
    )
    if zaak is None:
        raise NietGevonden
    return zaak


def eerdere_zaken(
    zaak: Vroegsignaalzaak, *, user: User, vandaag: dt.date | None = None
) -> QuerySet[Vroegsignaalzaak]:
    """Other cases at the same address (postcode, number, letter, addition) of the same
    municipality from the last 24 months, newest first, as far as `user` may see them."""
    vandaag = vandaag or timezone.localdate()
    return (
        zaken_voor(user)
        .filter(
            gemeente_id=zaak.gemeente_id,
            postcode=zaak.postcode,
            huisnummer=zaak.huisnummer,
            huisletter=zaak.huisletter,
            huisnummertoevoeging=zaak.huisnummertoevoeging,
            matchingsdatum__gte=_maanden_terug(vandaag, EERDERE_ZAKEN_MAANDEN),
        )
        .exclude(pk=zaak.pk)
        .order_by("-matchingsdatum", "-id")
    )


def _maanden_terug(datum: dt.date, maanden: int) -> dt.date:
    jaar, maand = divmod(datum.year * 12 + datum.month - 1 - maanden, 12)
    for dag in (datum.day, 30, 29, 28):
        try:
            return dt.date(jaar, maand + 1, dag)
        except ValueError:
            continue
    raise AssertionError  # pragma: no cover: day 28 exists in every month


@dataclass
class Contactregel:
    """One phone number or e-mail address of the household, from wherever it came: a
    partner's signal (with the signal date) and/or a recorded `Contactgegeven`."""

    soort: str
    waarde: str
    bronnen: list[str] = field(default_factory=list)
    geldig: bool = True
    ongeldig_reden: str = ""
    gegeven: Contactgegeven | None = None  # the recorded row, if any
    vroegsignaal: Vroegsignaal | None = None  # the (first) signal that delivered it

    @property
    def soort_label(self) -> str:
        return Contactgegevensoort(self.soort).label

    @property
    def bron_tekst(self) -> str:
        return "; ".join(self.bronnen)


def _sleutel(soort: str, waarde: str) -> tuple[str, str]:
    """Compare contact details as the service stores them: phone numbers E.164, e-mail
    addresses case-insensitive."""
    waarde = waarde.strip()
    if soort == Contactgegevensoort.TELEFOON:
        try:
            nummer = phonenumbers.parse(waarde, "NL")
        except phonenumbers.NumberParseException:
            return soort, waarde
        return soort, phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.E164)
    return soort, waarde.lower()


def contactgegevens_van(zaak: Vroegsignaalzaak) -> list[Contactregel]:
    """Phone numbers and e-mail addresses of the signals merged with the recorded contact
    details (same value: one row with every source). Uses the prefetched rows of
    `zaakdossier_ophalen`."""
    regels: dict[tuple[str, str], Contactregel] = {}
    for signaal in zaak.vroegsignalen.all():
        for soort, waarde in (
            (Contactgegevensoort.TELEFOON, signaal.telefoonnummer),
            (Contactgegevensoort.EMAIL, signaal.email),
        ):
            if not waarde.strip():
                continue
            regel = regels.setdefault(
                _sleutel(soort, waarde),
                Contactregel(soort=soort, waarde=waarde.strip(), vroegsignaal=signaal),
            )
            regel.bronnen.append(
                _("%(partner)s (signaal van %(datum)s)")
                % {
                    "partner": signaal.signaalpartner.naam,
                    "datum": signaal.signaaldatum.strftime("%d-%m-%Y"),
                }
            )
    for gegeven in zaak.contactgegevens.all():
        regel = regels.setdefault(
            _sleutel(gegeven.soort, gegeven.waarde),
            Contactregel(soort=gegeven.soort, waarde=gegeven.waarde),
        )
        regel.gegeven = gegeven
        if gegeven.bron != Contactgegevenbron.SIGNAALPARTNER or regel.vroegsignaal is None:
            regel.bronnen.append(gegeven.get_bron_display())
        if not gegeven.geldig:
            regel.geldig = False
            regel.ongeldig_reden = gegeven.get_ongeldig_reden_display()
    volgorde = {s: i for i, s in enumerate(Contactgegevensoort.values)}
    return sorted(regels.values(), key=lambda r: (volgorde[r.soort], not r.geldig))


def partnercontactpersonen(
    gemeente: Gemeente, partners: Iterable[Signaalpartner]
) -> list[tuple[Signaalpartner, list[Contactpersoon]]]:
    """Per partner its contact persons for this municipality, or else its general ones."""
    partners = list({p.pk: p for p in partners}.values())
    per_partner: dict[int, dict[bool, list[Contactpersoon]]] = {
        p.pk: {True: [], False: []} for p in partners
    }
    for persoon in Contactpersoon.objects.filter(
        Q(gemeente=gemeente) | Q(gemeente__isnull=True),
        signaalpartner__in=[p.pk for p in partners],
    ).order_by("naam"):
        per_partner[persoon.signaalpartner_id][persoon.gemeente_id is not None].append(persoon)
    return [(p, per_partner[p.pk][True] or per_partner[p.pk][False]) for p in partners]


@dataclass(frozen=True)
class Termijnregel:
    label: str
    datum: dt.date | None
    stand: str  # "verlopen", "binnenkort" or ""
    zaak: Vroegsignaalzaak | None = None


def termijnen_van(
    zaak: Vroegsignaalzaak, regels: rules.Termijnregels, vandaag: dt.date | None = None
) -> list[Termijnregel]:
    """The case's deadlines with their state; a deadline that was met is shown without one."""
    vandaag = vandaag or timezone.localdate()
    open_ = zaak.fase in OPEN_FASEN
    eerste = zaak.eerste_contactpoging_op is None and open_
    termijnen = [
        Termijnregel(
            _("Eerste contact uiterlijk"),
            zaak.termijn_eerste_contact,
            rules.termijnstand(zaak.termijn_eerste_contact, vandaag, regels) if eerste else "",
        ),
        Termijnregel(
            _("Afsluiten uiterlijk"),
            zaak.termijn_afsluiten,
            rules.termijnstand(zaak.termijn_afsluiten, vandaag, regels) if open_ else "",
        ),
    ]
    if zaak.vervolg_op:
        termijnen.append(
            Termijnregel(
                _("Volgende actie: %(actie)s") % {"actie": zaak.vervolgactie or "–"},
                zaak.vervolg_op,
                rules.termijnstand(zaak.vervolg_op, vandaag, regels),
            )
        )
    return termijnen


def _kanaalnaam(kanaal: str) -> str:
    from signaalroute.triage.rules import kanaalnaam

    try:
        return kanaalnaam(kanaal)
    except KeyError:
        return Contactsoort(kanaal).label if kanaal in Contactsoort.values else kanaal


def volgend_stapadvies(zaak: Vroegsignaalzaak) -> rules.Stapadvies | None:
    """The next step of the triage's contact strategy for an open case, given its attempts."""
    triage = getattr(zaak, "triage", None)
    if triage is None or zaak.fase not in OPEN_FASEN:
        return None
    pogingen = [
        rules.Poging(p.soort, p.datum, p.dagdeel, p.bereikt) for p in zaak.contactpogingen.all()
    ]
    return rules.volgende_stap(triage.aanpak or [], pogingen, kanaalnaam=_kanaalnaam)


def open_nazorg(zaak: Vroegsignaalzaak) -> Nazorg | None:
    return next((n for n in zaak.nazorg.all() if n.afgerond_op is None), None)


def nazorg_weken(gemeente: Gemeente) -> int:
    instellingen = Termijninstellingen.objects.filter(gemeente=gemeente).first()
    return instellingen.nazorg_weken if instellingen else 6


# --- the timeline -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tijdlijnregel:
    op: dt.datetime
    soort: str  # zaak, wijziging, contact, signaal, overdracht, nazorg
    titel: str
    tekst: str = ""
    door: str = ""
    details: tuple[str, ...] = ()


# History rows that the timeline shows through their own record, with more detail.
_EIGEN_REGEL = {
    Zaakactie.CONTACT_BEREIKT,
    Zaakactie.CONTACT_NIET_BEREIKT,
    Zaakactie.NAZORG_AFRONDEN,
    "overdracht",
}
_DAGDEEL_UUR = {Dagdeel.OCHTEND: 9, Dagdeel.MIDDAG: 14, Dagdeel.AVOND: 19}


def _naam(user: User | None) -> str:
    if user is None:
        return _("automatisch")
    return user.get_full_name() or user.username


def _pogingmoment(poging: Contactpoging) -> dt.datetime:
    """When the attempt happened: its registration time when registered the same day, else
    its date at the part of the day."""
    geregistreerd = poging.geregistreerd_op
    if geregistreerd and timezone.localtime(geregistreerd).date() == poging.datum:
        return geregistreerd
    uur = _DAGDEEL_UUR.get(poging.dagdeel, 12)
    return timezone.make_aware(dt.datetime.combine(poging.datum, dt.time(uur)))


def tijdlijn(zaak: Vroegsignaalzaak) -> list[Tijdlijnregel]:
    """Everything that happened to the case in time order: created, phase and result changes,
    contact attempts, status changes of its signals, hand-overs and after-care. Uses the
    prefetched rows of `zaakdossier_ophalen`."""
    regels = [Tijdlijnregel(zaak.aangemaakt_op, "zaak", _("Zaak aangemaakt"))]
    for w in zaak.historie.all():
        if w.actie in _EIGEN_REGEL:
            continue
        titel = w.get_fase_naar_display() if w.fase_van != w.fase_naar else _("Zaak bijgewerkt")
        details = []
        if w.eindresultaat and w.fase_van != w.fase_naar:
            details.append(w.get_eindresultaat_display())
        if w.hulpstap and w.fase_van != w.fase_naar:
            details.append(w.get_hulpstap_display())
        regels.append(
            Tijdlijnregel(w.op, "wijziging", titel, w.toelichting, _naam(w.door), tuple(details))
        )
    for p in zaak.contactpogingen.all():
        uitkomst = _("bereikt") if p.bereikt else _("niet bereikt")
        details = []
        if p.vervolg_op:
            details.append(
                _("Vervolg %(datum)s %(dagdeel)s: %(afspraak)s")
                % {
                    "datum": p.vervolg_op.strftime("%d-%m-%Y"),
                    "dagdeel": p.get_vervolg_dagdeel_display().lower(),
                    "afspraak": p.vervolgafspraak or "–",
                }
            )
        regels.append(
            Tijdlijnregel(
                _pogingmoment(p),
                "contact",
                _("Contactpoging %(soort)s: %(uitkomst)s")
                % {
                    "soort": " ".join(
                        d for d in (p.get_soort_display(), p.get_dagdeel_display()) if d
                    ).lower(),
                    "uitkomst": uitkomst,
                },
                p.notitie,
                _naam(p.geregistreerd_door),
                tuple(details),
            )
        )
    for signaal in zaak.vroegsignalen.all():
        for s in signaal.statushistorie.all():
            regels.append(
                Tijdlijnregel(
                    s.op,
                    "signaal",
                    _("Signaal %(partner)s: %(status)s")
                    % {"partner": signaal.signaalpartner.naam, "status": s.get_naar_display()},
                    s.toelichting,
                    _naam(s.door),
                )
            )
    for o in zaak.overdrachten.all():
        regels.append(
            Tijdlijnregel(
                o.op,
                "overdracht",
                _("Warme overdracht aan %(org)s op %(datum)s")
                % {"org": o.organisatie, "datum": o.datum.strftime("%d-%m-%Y")},
                o.afspraken,
                _naam(o.door),
                (o.contactpersoon,) if o.contactpersoon else (),
            )
        )
    for n in zaak.nazorg.all():
        if n.afgerond_op is None:
            continue
        titel = (
            _("Nazorg afgerond: %(uitkomst)s") % {"uitkomst": n.get_uitkomst_display()}
            if n.uitkomst
            else _("Nazorg vervallen")
        )
        regels.append(Tijdlijnregel(n.afgerond_op, "nazorg", titel, n.notitie))
    return sorted(regels, key=lambda r: r.op)


# --- the deadline overview, notifications, settings --------------------------------------------


@dataclass
class Termijnlijst:
    soort: str
    titel: str
    verlopen: list[Termijnregel] = field(default_factory=list)
    binnenkort: list[Termijnregel] = field(default_factory=list)
    meer: bool = False  # more than `MAXIMUM_PER_LIJST` rows: the rest is not shown


def _eigen_zaken(user: User) -> QuerySet[Vroegsignaalzaak]:
    """A coordinator's: all cases of their municipalities; a worker's: own, co-worker, and
    the team's unassigned cases."""
    qs = zaken_voor(user)
    if user.heeft_rol(Rol.COORDINATOR):
        return qs
    mede = Exists(
        Vroegsignaalzaak.medebehandelaars.through.objects.filter(
            vroegsignaalzaak_id=OuterRef("pk"), user_id=user.pk
        )
    )
    eigen = Q(behandelaar=user) | mede
    if user.team_id:
        eigen |= Q(team_id=user.team_id, behandelaar__isnull=True)
    return qs.filter(eigen)


def termijnoverzicht(user: User, *, vandaag: dt.date | None = None) -> list[Termijnlijst]:
    """The user's cases whose deadline passed or is due soon: first contact not made, closing,
    planned follow-up, after-care. "Due soon" follows each municipality's warning days."""
    vandaag = vandaag or timezone.localdate()
    regels = {g.pk: termijnregels(g) for g in gemeenten_voor(user)}
    grens = max((r.binnenkort_tot(vandaag) for r in regels.values()), default=vandaag)
    zaken = _eigen_zaken(user).select_related("gemeente", "behandelaar")
    lijsten = {
        "eerste_contact": Termijnlijst("eerste_contact", _("Eerste contact nog niet gelegd")),
        "afsluiten": Termijnlijst("afsluiten", _("Termijn afsluiten")),
        "vervolg": Termijnlijst("vervolg", _("Geplande vervolgactie")),
        "nazorg": Termijnlijst("nazorg", _("Nazorg")),
    }
    bronnen: list[tuple[str, str, Callable, QuerySet]] = [
        (
            "eerste_contact",
            "termijn_eerste_contact",
            lambda z: z.termijn_eerste_contact,
            zaken.filter(
                fase__in=OPEN_FASEN,
                eerste_contactpoging_op__isnull=True,
                termijn_eerste_contact__lte=grens,
            ),
        ),
        (
            "afsluiten",
            "termijn_afsluiten",
            lambda z: z.termijn_afsluiten,
            zaken.filter(fase__in=OPEN_FASEN, termijn_afsluiten__lte=grens),
        ),
        (
            "vervolg",
            "vervolg_op",
            lambda z: z.vervolg_op,
            zaken.exclude(fase=Zaakfase.AFGESLOTEN).filter(vervolg_op__lte=grens),
        ),
    ]
    for soort, veld, datum_van, qs in bronnen:
        for zaak in qs.order_by(veld, "id")[: MAXIMUM_PER_LIJST + 1]:
            _indelen(lijsten[soort], zaak, datum_van(zaak), regels, vandaag)
    nazorg = (
        Nazorg.objects.filter(
            vroegsignaalzaak__in=zaken, afgerond_op__isnull=True, gepland_op__lte=grens
        )
        .select_related("vroegsignaalzaak__gemeente", "vroegsignaalzaak__behandelaar")
        .order_by("gepland_op", "id")
    )
    for n in nazorg[: MAXIMUM_PER_LIJST + 1]:
        _indelen(lijsten["nazorg"], n.vroegsignaalzaak, n.gepland_op, regels, vandaag)
    return list(lijsten.values())


def _indelen(lijst: Termijnlijst, zaak, datum, regels, vandaag) -> None:
    if len(lijst.verlopen) + len(lijst.binnenkort) >= MAXIMUM_PER_LIJST:
        lijst.meer = True
        return
    stand = rules.termijnstand(
        datum, vandaag, regels.get(zaak.gemeente_id, rules.STANDAARDTERMIJNEN)
    )
    regel = Termijnregel(lijst.titel, datum, stand, zaak)
    if stand == "verlopen":
        lijst.verlopen.append(regel)
    elif stand == "binnenkort":
        lijst.binnenkort.append(regel)


def meldingen_voor(user: User) -> QuerySet[Melding]:
    """The user's own notifications about cases they may still see, unread first."""
    return (
        Melding.objects.filter(gebruiker=user, vroegsignaalzaak__in=zaken_voor(user))
        .select_related("vroegsignaalzaak")
        .annotate(gelezen=Case(When(gelezen_op__isnull=True, then=0), default=1))
        .order_by("gelezen", "-aangemaakt_op", "-id")
    )


def ongelezen_meldingen(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Melding.objects.filter(gebruiker=user, gelezen_op__isnull=True).count()


def termijninstellingen_voor(user: User) -> list[tuple[Gemeente, Termijninstellingen]]:
    """Per municipality of the user its deadline settings (unsaved defaults when none)."""
    gemeenten = list(gemeenten_voor(user).order_by("naam"))
    opgeslagen = {
        t.gemeente_id: t for t in Termijninstellingen.objects.filter(gemeente__in=gemeenten)
    }
    return [(g, opgeslagen.get(g.pk) or Termijninstellingen(gemeente=g)) for g in gemeenten]
