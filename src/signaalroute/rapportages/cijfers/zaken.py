"""Figures about the cases of a period: kinds, districts and postcodes, contact attempts,
reach, results, throughput against the deadlines, household features, capacity use."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import Substr, TruncDate

from signaalroute.triage.models import Capaciteit, Triage
from signaalroute.vroegsignaalzaken.constants import Contactsoort, Eindresultaat, Zaaksoort
from signaalroute.vroegsignaalzaken.models import Contactpoging
from signaalroute.vroegsignaalzaken.workflow import NIET_OPGEPAKT

from ..rules import HULP, Periode, mediaan, percentage
from ._basis import Gemeenten, bereikt, gemeente_ids, zaken

ONBEKEND = "onbekend"


@dataclass(frozen=True, slots=True)
class Zaakcijfers:
    """The cohort of cases matched in the period, in numbers (one query).

    `bereikt`: cases with at least one contact attempt that reached the household.
    `hulp_geaccepteerd`: closed with a "help accepted" result (`rules.HULP`).
    `sleper`/`recidive`/`gaten_dichten`: from household matching (`Huishoudkenmerken`);
    recidive = an earlier month with a signal on the address in the look-back period.
    """

    totaal: int
    per_soort: dict[str, int]
    afgesloten: int
    crisis: int
    bereikt: int
    hulp_geaccepteerd: int
    sleper: int
    recidive: int
    gaten_dichten: int

    @property
    def open(self) -> int:
        return self.totaal - self.afgesloten

    @property
    def bereikt_pct(self) -> float | None:
        return percentage(self.bereikt, self.totaal)

    @property
    def hulp_pct(self) -> float | None:
        """Help accepted as a share of all cases of the cohort."""
        return percentage(self.hulp_geaccepteerd, self.totaal)

    @property
    def hulp_van_bereikt_pct(self) -> float | None:
        """Help accepted as a share of the households reached."""
        return percentage(self.hulp_geaccepteerd, self.bereikt)


def zaakcijfers(gemeenten: Gemeenten, periode: Periode) -> Zaakcijfers:
    soorten = {s.value: Count("id", filter=Q(soort=s.value)) for s in Zaaksoort}
    rij = (
        zaken(gemeenten, periode)
        .annotate(is_bereikt=bereikt())
        .aggregate(
            totaal=Count("id"),
            afgesloten=Count("id", filter=Q(afgesloten_op__isnull=False)),
            crisis=Count("id", filter=Q(crisis=True)),
            bereikt=Count("id", filter=Q(is_bereikt=True)),
            hulp=Count("id", filter=Q(eindresultaat__in=HULP)),
            sleper=Count("id", filter=Q(huishoudkenmerken__sleper=True)),
            recidive=Count("id", filter=Q(huishoudkenmerken__recidive__gt=0)),
            gaten_dichten=Count("id", filter=Q(huishoudkenmerken__gaten_dichten=True)),
            **{f"soort_{s}": expressie for s, expressie in soorten.items()},
        )
    )
    return Zaakcijfers(
        totaal=rij["totaal"],
        per_soort={s: rij[f"soort_{s}"] for s in soorten},
        afgesloten=rij["afgesloten"],
        crisis=rij["crisis"],
        bereikt=rij["bereikt"],
        hulp_geaccepteerd=rij["hulp"],
        sleper=rij["sleper"],
        recidive=rij["recidive"],
        gaten_dichten=rij["gaten_dichten"],
    )


# --- per district and postcode ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Gebiedsregel:
    """The cases of one district (`code` "" for cases without a district) or one PC4 area."""

    code: str
    naam: str
    zaken: int
    meervoudig: int
    bereikt: int
    hulp_geaccepteerd: int

    @property
    def bereikt_pct(self) -> float | None:
        return percentage(self.bereikt, self.zaken)

    @property
    def hulp_pct(self) -> float | None:
        return percentage(self.hulp_geaccepteerd, self.zaken)


def _per_gebied(qs, sleutel: str) -> list[dict]:
    return list(
        qs.annotate(is_bereikt=bereikt())
        .values(*sleutel.split(","))
        .annotate(
            n=Count("id"),
            meervoudig=Count("id", filter=Q(soort=Zaaksoort.MEERVOUDIG)),
            bereikt=Count("id", filter=Q(is_bereikt=True)),
            hulp=Count("id", filter=Q(eindresultaat__in=HULP)),
        )
        .order_by(*sleutel.split(","))
    )


def zaken_per_wijk(gemeenten: Gemeenten, periode: Periode) -> list[Gebiedsregel]:
    """Per district (of the case's address at matching), by district code; cases outside any
    district last, as "Onbekend"."""
    rijen = _per_gebied(zaken(gemeenten, periode), "wijk__gemeente__naam,wijk__code,wijk__naam")
    regels = [
        Gebiedsregel(
            code=r["wijk__code"] or "",
            naam=(
                f"{r['wijk__naam']} ({r['wijk__gemeente__naam']})"
                if r["wijk__code"]
                else "Onbekend"
            ),
            zaken=r["n"],
            meervoudig=r["meervoudig"],
            bereikt=r["bereikt"],
            hulp_geaccepteerd=r["hulp"],
        )
        for r in rijen
    ]
    return sorted(regels, key=lambda r: (not r.code, r.naam))


def zaken_per_postcode(gemeenten: Gemeenten, periode: Periode) -> list[Gebiedsregel]:
    """Per four-digit postcode (PC4) of the case's address."""
    qs = zaken(gemeenten, periode).annotate(pc4=Substr("postcode", 1, 4))
    return [
        Gebiedsregel(
            code=r["pc4"],
            naam=r["pc4"],
            zaken=r["n"],
            meervoudig=r["meervoudig"],
            bereikt=r["bereikt"],
            hulp_geaccepteerd=r["hulp"],
        )
        for r in _per_gebied(qs, "pc4")
    ]


# --- contact attempts ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Kanaalregel:
    """Contact attempts through one channel dated in the period (`Contactpoging.datum`), of
    cases of the municipalities, whenever those were matched."""

    kanaal: str
    pogingen: int
    bereikt: int
    zaken: int  # cases with at least one attempt through this channel in the period

    @property
    def succes_pct(self) -> float | None:
        return percentage(self.bereikt, self.pogingen)


def contactpogingen_per_kanaal(gemeenten: Gemeenten, periode: Periode) -> list[Kanaalregel]:
    rijen = (
        Contactpoging.objects.filter(
            vroegsignaalzaak__gemeente__in=gemeente_ids(gemeenten),
            datum__range=(periode.van, periode.tot),
        )
        .values("soort")
        .annotate(
            n=Count("id"),
            bereikt=Count("id", filter=Q(bereikt=True)),
            zaken=Count("vroegsignaalzaak", distinct=True),
        )
        .order_by("-n", "soort")
    )
    return [
        Kanaalregel(kanaal=r["soort"], pogingen=r["n"], bereikt=r["bereikt"], zaken=r["zaken"])
        for r in rijen
    ]


def kanaalnaam(code: str) -> str:
    if code == ONBEKEND:
        return "Geen contact"
    try:
        return str(Contactsoort(code).label)
    except ValueError:
        return code


# --- results ------------------------------------------------------------------------------


def resultaten(gemeenten: Gemeenten, periode: Periode) -> dict[str, int]:
    """Cases of the cohort per DDAS end result ("" = still open), largest first."""
    rijen = (
        zaken(gemeenten, periode)
        .values("eindresultaat")
        .annotate(n=Count("id"))
        .order_by("-n", "eindresultaat")
    )
    return {r["eindresultaat"]: r["n"] for r in rijen}


def resultaatnaam(code: str) -> str:
    if not code:
        return "Nog open"
    try:
        return str(Eindresultaat(code).label)
    except ValueError:
        return code


# --- throughput ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Doorlooptijden:
    """Throughput of the cohort against its deadlines, as known on `peildatum`.

    First contact: cases that were handled (not closed as "niet opgepakt", `NIET_OPGEPAKT`)
    with a deadline for first contact, counted once that deadline has passed or a first attempt
    was made; on time when the first attempt was on or before the deadline.
    Closing: cases with a closing deadline, counted once it has passed or the case was closed;
    on time when closed (local date) on or before the deadline.
    Medians in days from `matchingsdatum`, over the cases with a first attempt / closed.
    """

    eerste_contact_beoordeeld: int
    eerste_contact_op_tijd: int
    afsluiten_beoordeeld: int
    afsluiten_op_tijd: int
    dagen_tot_eerste_contact: dict[int, int] = field(default_factory=dict)
    dagen_tot_afsluiten: dict[int, int] = field(default_factory=dict)

    @property
    def eerste_contact_op_tijd_pct(self) -> float | None:
        return percentage(self.eerste_contact_op_tijd, self.eerste_contact_beoordeeld)

    @property
    def afsluiten_op_tijd_pct(self) -> float | None:
        return percentage(self.afsluiten_op_tijd, self.afsluiten_beoordeeld)

    @property
    def mediaan_dagen_eerste_contact(self) -> float | None:
        return mediaan(self.dagen_tot_eerste_contact)

    @property
    def mediaan_dagen_afsluiten(self) -> float | None:
        return mediaan(self.dagen_tot_afsluiten)

    @property
    def met_eerste_contact(self) -> int:
        return sum(self.dagen_tot_eerste_contact.values())

    @property
    def met_afsluiting(self) -> int:
        return sum(self.dagen_tot_afsluiten.values())


def _dagen(expressie) -> ExpressionWrapper:
    return ExpressionWrapper(expressie - F("matchingsdatum"), output_field=DurationField())


def _verdeling(qs, veld: str) -> dict[int, int]:
    """{days: cases}: the histogram is computed in the database, the median from it."""
    rijen = qs.filter(**{f"{veld}__isnull": False}).values(veld).annotate(n=Count("id"))
    verdeling: dict[int, int] = {}
    for r in rijen.order_by():
        dagen = r[veld].days if isinstance(r[veld], datetime.timedelta) else int(r[veld])
        verdeling[dagen] = verdeling.get(dagen, 0) + r["n"]
    return verdeling


def doorlooptijden(
    gemeenten: Gemeenten, periode: Periode, *, peildatum: datetime.date
) -> Doorlooptijden:
    qs = zaken(gemeenten, periode).annotate(afgesloten_datum=TruncDate("afgesloten_op"))
    behandeld = ~Q(eindresultaat__in=list(NIET_OPGEPAKT))
    eerste = (
        behandeld
        & Q(termijn_eerste_contact__isnull=False)
        & (Q(eerste_contactpoging_op__isnull=False) | Q(termijn_eerste_contact__lt=peildatum))
    )
    afsluiten = Q(termijn_afsluiten__isnull=False) & (
        Q(afgesloten_op__isnull=False) | Q(termijn_afsluiten__lt=peildatum)
    )
    rij = qs.aggregate(
        eerste=Count("id", filter=eerste),
        eerste_op_tijd=Count(
            "id", filter=eerste & Q(eerste_contactpoging_op__lte=F("termijn_eerste_contact"))
        ),
        afsluiten=Count("id", filter=afsluiten),
        afsluiten_op_tijd=Count(
            "id", filter=afsluiten & Q(afgesloten_datum__lte=F("termijn_afsluiten"))
        ),
    )
    return Doorlooptijden(
        eerste_contact_beoordeeld=rij["eerste"],
        eerste_contact_op_tijd=rij["eerste_op_tijd"],
        afsluiten_beoordeeld=rij["afsluiten"],
        afsluiten_op_tijd=rij["afsluiten_op_tijd"],
        dagen_tot_eerste_contact=_verdeling(
            qs.annotate(d_contact=_dagen(F("eerste_contactpoging_op"))), "d_contact"
        ),
        dagen_tot_afsluiten=_verdeling(
            qs.annotate(d_afsluiten=_dagen(F("afgesloten_datum"))), "d_afsluiten"
        ),
    )


# --- capacity -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Capaciteitsregel:
    """One channel in one month: cases triaged that month whose planned first channel it is,
    against the monthly capacity configured now for all teams and the shared pool (None: the
    channel has no capacity limit)."""

    maand: datetime.date
    kanaal: str
    gebruikt: int
    capaciteit: int | None

    @property
    def gebruik_pct(self) -> float | None:
        return percentage(self.gebruikt, self.capaciteit) if self.capaciteit else None


def capaciteitsgebruik(gemeenten: Gemeenten, periode: Periode) -> list[Capaciteitsregel]:
    ids = gemeente_ids(gemeenten)
    maanden = periode.maanden()
    capaciteit = {
        r["kanaal"]: r["n"]
        for r in Capaciteit.objects.filter(gemeente__in=ids)
        .values("kanaal")
        .annotate(n=Sum("per_maand"))
        .order_by()
    }
    gebruikt = {
        (r["maand"], r["eerste_kanaal"]): r["n"]
        for r in Triage.objects.filter(
            vroegsignaalzaak__gemeente__in=ids, maand__range=(maanden[0], maanden[-1])
        )
        .exclude(eerste_kanaal="")
        .values("maand", "eerste_kanaal")
        .annotate(n=Count("pk"))
        .order_by()
    }
    kanalen = sorted(set(capaciteit) | {k for _m, k in gebruikt})
    return [
        Capaciteitsregel(
            maand=maand,
            kanaal=kanaal,
            gebruikt=gebruikt.get((maand, kanaal), 0),
            capaciteit=capaciteit.get(kanaal),
        )
        for maand in maanden
        for kanaal in kanalen
    ]
