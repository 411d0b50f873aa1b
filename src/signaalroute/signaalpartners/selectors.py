import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from signaalroute.aanleveringen.constants import Aanleverkanaal, Aanleverstatus
from signaalroute.aanleveringen.models import Aanlevering, Vroegsignaal
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.gemeenten.models import Gemeente
from signaalroute.gemeenten.selectors import gemeenten_voor

from . import rules
from .models import Contactpersoon, Signaalpartner
from .rules import (
    BASIS_MAANDEN,
    GELEVERD,
    VERWACHT_MAANDEN,
    Afwijking,
    Maandstatus,
    aanleverdeadline,
    afwijking,
    basis,
    is_verwacht,
    maandstatus,
    volgende_maand,
    vorige_maanden,
)


def signaalpartners_voor(user: User) -> QuerySet[Signaalpartner]:
    """Partner organisations are public information (name, type, published criteria) for
    staff; a partner user sees only its own organisation."""
    if user.heeft_rol(Rol.PARTNERGEBRUIKER):
        return Signaalpartner.objects.filter(pk=user.signaalpartner_id)
    if user.is_authenticated and user.rol:
        return Signaalpartner.objects.filter(actief=True).prefetch_related("contactpersonen")
    return Signaalpartner.objects.none()


# --- delivery monitoring (aanleverbewaking) ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Monitorregel:
    """One partner's monthly delivery for one municipality (see `rules` for every term)."""

    gemeente: Gemeente
    signaalpartner: Signaalpartner
    maand: datetime.date
    deadline: datetime.date
    status: Maandstatus
    geleverd_op: datetime.date | None
    aantal: int
    basis: float | None
    afwijking: Afwijking | None


def _lokaal_begin(maand: datetime.date) -> datetime.datetime:
    """Local midnight at the start of `maand`, as an aware datetime."""
    return datetime.datetime.combine(maand, datetime.time(), tzinfo=timezone.get_default_timezone())


def _lokale_datum(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def _tellende_aanleveringen(begin: datetime.date, eind: datetime.date) -> QuerySet[Aanlevering]:
    """Deliveries received in [begin, eind) local time that count as a monthly delivery
    (`rules`): processed, by the partner itself (not a list a municipality imported, channel
    `gemeente`), with at least one stored regular signal (`rules.is_regulier`)."""
    return (
        Aanlevering.objects.filter(
            status=Aanleverstatus.VERWERKT,
            ontvangen_op__gte=_lokaal_begin(begin),
            ontvangen_op__lt=_lokaal_begin(eind),
        )
        .exclude(kanaal=Aanleverkanaal.GEMEENTE)
        .filter(Exists(_regulier().filter(aanlevering=OuterRef("pk"))))
    )


def _regulier() -> QuerySet[Vroegsignaal]:
    return Vroegsignaal.objects.filter(crisissignaal=False, eindelevering=False)


def _maandoverzicht(
    *,
    gemeenten: QuerySet[Gemeente],
    maand: datetime.date,
    peildatum: datetime.date,
    signaalpartners: QuerySet[Signaalpartner] | None = None,
) -> list[Monitorregel]:
    """The monitor of `maand` for `gemeenten` (and optionally only `signaalpartners`): one row
    per partner expected for, or delivering to, each municipality. Four queries, whatever the
    number of partners and municipalities."""
    eerdere_maanden = vorige_maanden(maand, max(VERWACHT_MAANDEN, BASIS_MAANDEN))
    aanleveringen = _tellende_aanleveringen(eerdere_maanden[0], volgende_maand(maand))
    if signaalpartners is not None:
        aanleveringen = aanleveringen.filter(signaalpartner__in=signaalpartners)
    tz = timezone.get_default_timezone()

    # Regular signals per partner, municipality and month.
    gemeente_per_id = {g.pk: g for g in gemeenten.filter(aangesloten=True)}
    aantallen: dict[tuple[int, int], dict[datetime.date, int]] = defaultdict(dict)
    for rij in (
        _regulier()
        .filter(gemeente_id__in=list(gemeente_per_id), aanlevering__in=aanleveringen)
        .annotate(m=TruncMonth("aanlevering__ontvangen_op", tzinfo=tz))
        .order_by()
        .values("signaalpartner_id", "gemeente_id", "m")
        .annotate(aantal=Count("id"))
    ):
        sleutel = (rij["signaalpartner_id"], rij["gemeente_id"])
        aantallen[sleutel][_lokale_datum(rij["m"]).replace(day=1)] = rij["aantal"]

    # The partner's first counting delivery of each month, whatever municipalities it held (a
    # partner delivers one file a month for all of them; see `rules`). This is information
    # about the partner, not data of other municipalities: only its date is used.
    partner_ids = {partner_id for partner_id, _ in aantallen}
    geleverd: dict[int, dict[datetime.date, datetime.date]] = defaultdict(dict)
    for rij in (
        aanleveringen.filter(signaalpartner_id__in=partner_ids)
        .annotate(m=TruncMonth("ontvangen_op", tzinfo=tz))
        .order_by()
        .values("signaalpartner_id", "m")
        .annotate(eerste=Min("ontvangen_op"))
    ):
        maand_van_rij = _lokale_datum(rij["m"]).replace(day=1)
        geleverd[rij["signaalpartner_id"]][maand_van_rij] = _lokale_datum(rij["eerste"])
    partner_per_id = Signaalpartner.objects.in_bulk(partner_ids)

    regels = []
    for (partner_id, gemeente_id), per_maand_aantal in aantallen.items():
        partner = partner_per_id[partner_id]
        eerder = [per_maand_aantal.get(m, 0) for m in eerdere_maanden]
        aantal = per_maand_aantal.get(maand, 0)
        geleverd_op = geleverd[partner_id].get(maand)
        if not aantal and not (partner.actief and is_verwacht(eerder)):
            continue
        status = maandstatus(
            maand=maand,
            aanleverdag=partner.aanleverdag,
            geleverd_op=geleverd_op,
            peildatum=peildatum,
        )
        uitgangspunt = basis(
            [
                per_maand_aantal.get(m, 0) if m in geleverd[partner_id] else None
                for m in eerdere_maanden
            ]
        )
        regels.append(
            Monitorregel(
                gemeente=gemeente_per_id[gemeente_id],
                signaalpartner=partner,
                maand=maand,
                deadline=aanleverdeadline(maand, partner.aanleverdag),
                status=status,
                geleverd_op=geleverd_op,
                aantal=aantal,
                basis=uitgangspunt,
                afwijking=afwijking(aantal, uitgangspunt) if status in GELEVERD else None,
            )
        )
    regels.sort(key=lambda r: (r.gemeente.naam, r.gemeente.pk, r.signaalpartner.naam))
    return regels


def aanlevermonitor(
    user: User, maand: datetime.date, *, peildatum: datetime.date | None = None
) -> list[Monitorregel]:
    """Delivery monitor of `maand` for the municipalities `user` may see (`gemeenten_voor`);
    `peildatum` (default today) decides between `nog_niet` and `ontbreekt`."""
    return _maandoverzicht(
        gemeenten=gemeenten_voor(user),
        maand=rules.maand_van(maand),
        peildatum=peildatum or timezone.localdate(),
    )


def aanlevermonitor_partner(
    user: User, maand: datetime.date, *, peildatum: datetime.date | None = None
) -> list[Monitorregel]:
    """A partner user's own punctuality per municipality: only its own organisation."""
    if not (user.heeft_rol(Rol.PARTNERGEBRUIKER) and user.signaalpartner_id):
        return []
    return _maandoverzicht(
        gemeenten=Gemeente.objects.all(),
        signaalpartners=Signaalpartner.objects.filter(pk=user.signaalpartner_id),
        maand=rules.maand_van(maand),
        peildatum=peildatum or timezone.localdate(),
    )


def aanleverstanden(*, maand: datetime.date, peildatum: datetime.date) -> list[Monitorregel]:
    """The monitor of every connected municipality and partner. System-wide: for services
    (reminders) and commands only, never for a view."""
    return _maandoverzicht(
        gemeenten=Gemeente.objects.all(), maand=rules.maand_van(maand), peildatum=peildatum
    )


MONITOR_KOLOMMEN = [
    "gemeente",
    "cbs_code",
    "signaalpartner",
    "soort",
    "maand",
    "aanleverdag",
    "status",
    "geleverd_op",
    "aantal_signalen",
    "gemiddelde_vorige_maanden",
    "afwijking",
]


def aanlevermonitor_tabel(regels: list[Monitorregel]) -> tuple[list[str], list[list]]:
    """Columns and rows of the CSV export of the monitor."""
    rijen = [
        [
            r.gemeente.naam,
            r.gemeente.gm_code,
            r.signaalpartner.naam,
            r.signaalpartner.get_soort_display(),
            f"{r.maand:%Y-%m}",
            f"{r.deadline:%Y-%m-%d}",
            r.status.label,
            f"{r.geleverd_op:%Y-%m-%d}" if r.geleverd_op else "",
            r.aantal,
            "" if r.basis is None else f"{r.basis:.1f}".replace(".", ","),
            r.afwijking.label if r.afwijking else "",
        ]
        for r in regels
    ]
    return MONITOR_KOLOMMEN, rijen


# --- partner directory ----------------------------------------------------------------------


def contactpersonen_van(signaalpartner: Signaalpartner) -> QuerySet[Contactpersoon]:
    """The partner's contact persons: general ones first, then per municipality."""
    return (
        Contactpersoon.objects.filter(signaalpartner=signaalpartner)
        .select_related("gemeente")
        .order_by(F("gemeente__naam").asc(nulls_first=True), "naam")
    )


def gemeenten_voor_contactpersoon(contactpersoon: Contactpersoon | None) -> QuerySet[Gemeente]:
    """The municipalities a contact person can be for: every connected municipality (a
    partner may deliver to any), plus the one it is already for."""
    voorwaarde = Q(aangesloten=True)
    if contactpersoon is not None and contactpersoon.gemeente_id:
        voorwaarde |= Q(pk=contactpersoon.gemeente_id)
    return Gemeente.objects.filter(voorwaarde).order_by("naam")
