"""Household matching rules (BRIEF §5): matching periods and the classification of one
household address. Pure functions on plain data, no ORM.

Definitions (Divosa):
- *meervoudig*: two or more partners signalled the address in this period;
- *opeenvolgend*: one partner, and the address had another signal in the look-back period
  (default 6 months; a signal earlier in the same period that is already in a case counts too);
- *enkelvoudig*: one partner, no earlier signal in the look-back period.
Per case also: *recidive* (earlier months with a signal), *gaten dichten* (arrears moving from
partner to partner month by month), *sleper* (the same partner signals nearly every month),
*telt als match* and *alleen brief* (municipal options) and *crisis* (eindelevering/crisis).
"""

from __future__ import annotations

import calendar
import datetime
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.vroegsignaalzaken.constants import Signaalstatus, Zaaksoort

LAATSTE_DAG = 31  # afsluitdag: the last day of the month, i.e. the calendar month
STANDAARD_TERUGKIJKPERIODE = 6

# Earlier signals with these statuses say nothing about the household's payment behaviour.
NIET_MEETELLEND = frozenset({Signaalstatus.NIET_OPGEPAKT_ONTERECHT.value})


class Periodesoort(enum.StrEnum):
    MAAND = "maand"
    DOORLOPEND = "doorlopend"


@dataclass(frozen=True)
class Matchingbeleid:
    periodesoort: Periodesoort = Periodesoort.MAAND
    afsluitdag: int = LAATSTE_DAG
    terugkijkperiode_maanden: int = STANDAARD_TERUGKIJKPERIODE
    huur_telt_als_match: bool = False
    alleen_matches_behandelen: bool = False
    slepers_drempel: int = 5
    gaten_dichten_maanden: int = 2


@dataclass(frozen=True)
class Periode:
    """A matching period; `maand` is the (year, month) it counts as, for look-back."""

    start: datetime.date
    einde: datetime.date
    maand: tuple[int, int]


# --- periods -------------------------------------------------------------------------------


def maandnummer(maand: tuple[int, int]) -> int:
    return maand[0] * 12 + maand[1] - 1


def _maand_uit_nummer(nummer: int) -> tuple[int, int]:
    return nummer // 12, nummer % 12 + 1


def _afsluiting(maand: tuple[int, int], afsluitdag: int) -> datetime.date:
    jaar, m = maand
    return datetime.date(jaar, m, min(afsluitdag, calendar.monthrange(jaar, m)[1]))


def periode_van(datum: datetime.date, *, afsluitdag: int = LAATSTE_DAG) -> Periode:
    """The monthly matching period a signal date belongs to: from the day after last month's
    cut-off up to and including this month's cut-off (`afsluitdag`, capped at month end)."""
    maand = (datum.year, datum.month)
    if datum > _afsluiting(maand, afsluitdag):
        maand = _maand_uit_nummer(maandnummer(maand) + 1)
    vorige = _maand_uit_nummer(maandnummer(maand) - 1)
    return Periode(
        start=_afsluiting(vorige, afsluitdag) + datetime.timedelta(days=1),
        einde=_afsluiting(maand, afsluitdag),
        maand=maand,
    )


def laatste_afgesloten_periode(
    peildatum: datetime.date, *, afsluitdag: int = LAATSTE_DAG
) -> Periode:
    """The latest monthly period that ended before `peildatum` (a run on the 26th matches the
    period that closed on the 25th; on the 1st the previous calendar month)."""
    lopend = periode_van(peildatum, afsluitdag=afsluitdag)
    return periode_van(lopend.start - datetime.timedelta(days=1), afsluitdag=afsluitdag)


def maanden_terug(datum: datetime.date, periode: Periode, *, afsluitdag: int = LAATSTE_DAG) -> int:
    """How many monthly periods before `periode` the date lies (0: the same period)."""
    return maandnummer(periode.maand) - maandnummer(periode_van(datum, afsluitdag=afsluitdag).maand)


# --- signals -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Huishoudsignaal:
    """A signal of this run for the address."""

    partner: int
    soort: str
    signaaldatum: datetime.date
    status: str = Signaalstatus.NOG_NIET_OPGEPAKT.value
    crisissignaal: bool = False
    eindelevering: bool = False
    rechtspersoon: bool = False


@dataclass(frozen=True)
class Eerdersignaal:
    """An earlier signal on the address: which partner, and how many periods back."""

    partner: int
    maanden_terug: int
    soort: str = ""
    status: str = Signaalstatus.NOG_NIET_OPGEPAKT.value


@dataclass(frozen=True)
class Huishoudclassificatie:
    soort: str
    crisis: bool
    recidive: int
    gaten_dichten: bool
    sleper: bool
    telt_als_match: bool
    alleen_brief: bool


def is_te_bundelen(signaal: Huishoudsignaal) -> bool:
    """Only signals still to be picked up are bundled; legal persons and signals already set
    aside (herhaald, onterecht, ...) are not."""
    return signaal.status == Signaalstatus.NOG_NIET_OPGEPAKT and not signaal.rechtspersoon


def is_crisis(signaal: Huishoudsignaal) -> bool:
    return signaal.crisissignaal or signaal.eindelevering


def _meetellend(eerder: Iterable[Eerdersignaal], terugkijk: int) -> list[Eerdersignaal]:
    return [
        e for e in eerder if 0 <= e.maanden_terug <= terugkijk and e.status not in NIET_MEETELLEND
    ]


def zaaksoort_bepalen(partners: set[int], eerder_signaal: bool) -> str:
    if len(partners) >= 2:
        return Zaaksoort.MEERVOUDIG.value
    return Zaaksoort.OPEENVOLGEND.value if eerder_signaal else Zaaksoort.ENKELVOUDIG.value


def gaten_dichten_bepalen(partners_per_maand: dict[int, set[int]], *, maanden: int) -> bool:
    """Arrears move between partners: in the current period and each of the previous `maanden`
    periods a signal, and each period a partner that did not signal the period before."""
    for terug in range(maanden):
        nu, ervoor = partners_per_maand.get(terug), partners_per_maand.get(terug + 1)
        if not nu or not ervoor or not (nu - ervoor):
            return False
    return True


def huishouden_classificeren(
    signalen: Sequence[Huishoudsignaal],
    eerder: Iterable[Eerdersignaal],
    beleid: Matchingbeleid = Matchingbeleid(),
) -> Huishoudclassificatie | None:
    """Classify the signals of one address in one period. `eerder`: the address's other signals
    (already matched, or not bundled), with their distance in periods. None when no signal of
    this run is to be bundled."""
    te_bundelen = [s for s in signalen if is_te_bundelen(s)]
    if not te_bundelen:
        return None
    terugkijk = beleid.terugkijkperiode_maanden
    eerder = _meetellend(eerder, terugkijk)
    partners = {s.partner for s in te_bundelen}
    soort = zaaksoort_bepalen(partners, eerder_signaal=bool(eerder))

    partners_per_maand: dict[int, set[int]] = {0: set(partners)}
    for e in eerder:
        partners_per_maand.setdefault(e.maanden_terug, set()).add(e.partner)
    recidive = sum(1 for terug in partners_per_maand if terug >= 1)

    # Sleper: a partner of this period signalled in >= drempel of the last `terugkijk` periods
    # (this one included).
    sleper = any(
        sum(1 for terug, ps in partners_per_maand.items() if terug < terugkijk and p in ps)
        >= beleid.slepers_drempel
        for p in partners
    )
    gaten = gaten_dichten_bepalen(partners_per_maand, maanden=beleid.gaten_dichten_maanden)
    huur = any(s.soort == Signaalpartnersoort.HUUR for s in te_bundelen)
    telt_als_match = soort == Zaaksoort.MEERVOUDIG or (beleid.huur_telt_als_match and huur)
    return Huishoudclassificatie(
        soort=soort,
        crisis=any(is_crisis(s) for s in te_bundelen),
        recidive=recidive,
        gaten_dichten=gaten,
        sleper=sleper,
        telt_als_match=telt_als_match,
        alleen_brief=beleid.alleen_matches_behandelen and not telt_als_match,
    )


def soort_na_aanvulling(
    huidige_soort: str, partners_zaak: set[int], partners_nieuw: set[int]
) -> str:
    """A signal joins an open case: a second partner makes it meervoudig; otherwise it keeps
    its kind."""
    if len(partners_zaak | partners_nieuw) >= 2:
        return Zaaksoort.MEERVOUDIG.value
    return huidige_soort


def referentie(jaar: int, volgnummer: int) -> str:
    return f"VS-{jaar}-{volgnummer:06d}"


def volgnummer_uit_referentie(tekst: str, jaar: int) -> int | None:
    prefix = f"VS-{jaar}-"
    if not tekst.startswith(prefix) or not tekst[len(prefix) :].isdigit():
        return None
    return int(tekst[len(prefix) :])
