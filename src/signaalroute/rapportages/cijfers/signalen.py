"""Figures about the signals of a period: per partner type and month (also per 1,000
inhabitants), repeat signals, the BRP check and its drop-outs, partners' punctuality."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from signaalroute.aanleveringen.constants import Aanleverkanaal, Aanleverstatus
from signaalroute.aanleveringen.models import Aanlevering, Vroegsignaal
from signaalroute.matching.models import Brpbeoordeling, Brpcontrole, Brpuitkomst
from signaalroute.signaalpartners import rules as aanlevering
from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.signaalpartners.models import Signaalpartner
from signaalroute.vroegsignaalzaken.constants import Signaalstatus

from ..rules import Periode, maandbegin, per_duizend, percentage
from ._basis import Gemeenten, gemeente_ids, inwoners, signalen

# --- per partner type and month -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signaalcijfers:
    """Signals dated (`signaaldatum`) in the period, per partner type (DDAS signal partner
    type of the signal) and calendar month; `inwoners` is the municipalities' total."""

    inwoners: int
    maanden: list[datetime.date]
    per_soort_maand: dict[tuple[str, datetime.date], int]

    @property
    def soorten(self) -> list[str]:
        """The partner types that occur, most signals first."""
        totalen = self.per_soort
        return sorted(totalen, key=lambda s: (-totalen[s], s))

    @property
    def per_soort(self) -> dict[str, int]:
        totalen: dict[str, int] = defaultdict(int)
        for (soort, _maand), n in self.per_soort_maand.items():
            totalen[soort] += n
        return dict(totalen)

    @property
    def per_maand(self) -> dict[datetime.date, int]:
        totalen = dict.fromkeys(self.maanden, 0)
        for (_soort, maand), n in self.per_soort_maand.items():
            totalen[maand] += n
        return totalen

    @property
    def totaal(self) -> int:
        return sum(self.per_soort_maand.values())

    def per_duizend(self, aantal: int) -> float | None:
        return per_duizend(aantal, self.inwoners)


def _als_datum(waarde) -> datetime.date:
    return waarde.date() if isinstance(waarde, datetime.datetime) else waarde


def signaalcijfers(gemeenten: Gemeenten, periode: Periode) -> Signaalcijfers:
    rijen = (
        signalen(gemeenten, periode)
        .annotate(maand=TruncMonth("signaaldatum"))
        .values("soort", "maand")
        .annotate(n=Count("id"))
        .order_by()
    )
    return Signaalcijfers(
        inwoners=inwoners(gemeenten),
        maanden=periode.maanden(),
        per_soort_maand={(r["soort"], maandbegin(_als_datum(r["maand"]))): r["n"] for r in rijen},
    )


def soortnaam(code: str) -> str:
    try:
        return str(Signaalpartnersoort(code).label)
    except ValueError:
        return code


# --- repeat signals -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Herhaalregel:
    """Per partner type: signals of the period, those not handled as a repeat ("herhaalde
    melding": same arrears again, amount not higher) and updates of an earlier signal."""

    soort: str
    signalen: int
    herhaald: int
    updates: int

    @property
    def herhaald_pct(self) -> float | None:
        return percentage(self.herhaald, self.signalen)


def herhaalde_meldingen(gemeenten: Gemeenten, periode: Periode) -> list[Herhaalregel]:
    rijen = (
        signalen(gemeenten, periode)
        .values("soort")
        .annotate(
            n=Count("id"),
            herhaald=Count("id", filter=Q(status=Signaalstatus.NIET_OPGEPAKT_HERHAALD)),
            updates=Count("id", filter=Q(vorig_signaal__isnull=False)),
        )
        .order_by("-n", "soort")
    )
    return [
        Herhaalregel(
            soort=r["soort"], signalen=r["n"], herhaald=r["herhaald"], updates=r["updates"]
        )
        for r in rijen
    ]


# --- the BRP check --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Brpcijfers:
    """The BRP checks of the period's signals. A drop-out (*uitval*) is every outcome other
    than "inwoner bevestigd"; a worker's review of a drop-out either confirms the person (a real
    resident after all) or finds none of the residents (geen bewoner)."""

    gecontroleerd: int
    per_uitkomst: dict[str, int]
    uitval: int
    bevestigd_na_beoordeling: int
    geen_bewoner_na_beoordeling: int
    niet_beoordeeld: int

    @property
    def uitval_pct(self) -> float | None:
        return percentage(self.uitval, self.gecontroleerd)

    @property
    def echte_inwoners_pct(self) -> float | None:
        """Of the reviewed drop-outs, the share that were residents after all."""
        return percentage(
            self.bevestigd_na_beoordeling,
            self.bevestigd_na_beoordeling + self.geen_bewoner_na_beoordeling,
        )


def brpcijfers(gemeenten: Gemeenten, periode: Periode) -> Brpcijfers:
    qs = Brpcontrole.objects.filter(
        gemeente__in=gemeente_ids(gemeenten),
        vroegsignaal__signaaldatum__range=(periode.van, periode.tot),
    )
    uitval = ~Q(uitkomst=Brpuitkomst.BEVESTIGD)
    per_uitkomst = {
        r["uitkomst"]: r["n"]
        for r in qs.values("uitkomst").annotate(n=Count("id")).order_by("uitkomst")
    }
    rij = qs.aggregate(
        uitval=Count("id", filter=uitval),
        bevestigd=Count("id", filter=uitval & Q(beoordeling=Brpbeoordeling.BEVESTIGD)),
        geen=Count("id", filter=uitval & Q(beoordeling=Brpbeoordeling.GEEN_BEWONER)),
        open=Count("id", filter=uitval & Q(beoordeling="")),
    )
    return Brpcijfers(
        gecontroleerd=sum(per_uitkomst.values()),
        per_uitkomst=per_uitkomst,
        uitval=rij["uitval"],
        bevestigd_na_beoordeling=rij["bevestigd"],
        geen_bewoner_na_beoordeling=rij["geen"],
        niet_beoordeeld=rij["open"],
    )


# --- punctuality ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stiptheidsregel:
    """One partner's monthly deliveries over the period, with the delivery monitor's rules
    (`signaalpartners.rules`): a month counts when the partner was expected (it delivered
    regular signals for one of the municipalities in one of the three months before) or
    delivered; its status is on time, late, missing or not yet due."""

    signaalpartner: str
    soort: str
    aanleverdag: int
    op_tijd: int
    te_laat: int
    ontbreekt: int
    nog_niet: int

    @property
    def beoordeeld(self) -> int:
        return self.op_tijd + self.te_laat + self.ontbreekt

    @property
    def op_tijd_pct(self) -> float | None:
        return percentage(self.op_tijd, self.beoordeeld)


def stiptheid(
    gemeenten: Gemeenten, periode: Periode, *, peildatum: datetime.date
) -> list[Stiptheidsregel]:
    """Two grouped queries: the months in which each partner delivered regular signals for
    these municipalities, and each partner's first counting delivery per month (for all its
    municipalities: a partner delivers one file a month, `signaalpartners.rules`)."""
    tz = timezone.get_default_timezone()
    maanden = periode.maanden()
    begin = aanlevering.vorige_maanden(maanden[0], aanlevering.VERWACHT_MAANDEN)[0]
    einde = aanlevering.volgende_maand(maanden[-1])

    def lokaal(datum: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(datum, datetime.time(), tzinfo=tz)

    tellend = Aanlevering.objects.filter(
        status=Aanleverstatus.VERWERKT,
        ontvangen_op__gte=lokaal(begin),
        ontvangen_op__lt=lokaal(einde),
    ).exclude(kanaal=Aanleverkanaal.GEMEENTE)
    regulier = Vroegsignaal.objects.filter(
        aanlevering=OuterRef("pk"), crisissignaal=False, eindelevering=False
    )
    voor_hen: dict[int, set[datetime.date]] = defaultdict(set)
    for r in (
        tellend.filter(Exists(regulier.filter(gemeente__in=gemeente_ids(gemeenten))))
        .annotate(m=TruncMonth("ontvangen_op", tzinfo=tz))
        .values("signaalpartner_id", "m")
        .distinct()
        .order_by()
    ):
        voor_hen[r["signaalpartner_id"]].add(timezone.localtime(r["m"], tz).date().replace(day=1))
    eerste: dict[int, dict[datetime.date, datetime.date]] = defaultdict(dict)
    for r in (
        tellend.filter(signaalpartner_id__in=list(voor_hen))
        .filter(Exists(regulier))
        .annotate(m=TruncMonth("ontvangen_op", tzinfo=tz))
        .values("signaalpartner_id", "m")
        .annotate(eerste=Min("ontvangen_op"))
        .order_by()
    ):
        maand = timezone.localtime(r["m"], tz).date().replace(day=1)
        eerste[r["signaalpartner_id"]][maand] = timezone.localtime(r["eerste"], tz).date()

    regels = []
    for partner in Signaalpartner.objects.filter(pk__in=list(voor_hen)).order_by("naam", "pk"):
        tellingen: dict[str, int] = defaultdict(int)
        for maand in maanden:
            geleverd = maand in voor_hen[partner.pk]
            eerder = [
                int(m in voor_hen[partner.pk])
                for m in aanlevering.vorige_maanden(maand, aanlevering.VERWACHT_MAANDEN)
            ]
            verwacht = partner.actief and aanlevering.is_verwacht(eerder)
            if not (geleverd or verwacht):
                continue
            status = aanlevering.maandstatus(
                maand=maand,
                aanleverdag=partner.aanleverdag,
                geleverd_op=eerste[partner.pk].get(maand),
                peildatum=peildatum,
            )
            tellingen[status] += 1
        regels.append(
            Stiptheidsregel(
                signaalpartner=partner.naam,
                soort=partner.soort,
                aanleverdag=partner.aanleverdag,
                op_tijd=tellingen[aanlevering.Maandstatus.OP_TIJD],
                te_laat=tellingen[aanlevering.Maandstatus.TE_LAAT],
                ontbreekt=tellingen[aanlevering.Maandstatus.ONTBREEKT],
                nog_niet=tellingen[aanlevering.Maandstatus.NOG_NIET],
            )
        )
    return regels
