"""Retention rules: from a municipality's retention policy and a reference date to the
cut-off dates of the purge. Pure: no ORM."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

STANDAARD_MAANDEN = 6  # BRIEF §4: personal data of cases without help, 6 months after closing
ADRES_MARGE_MAANDEN = 1  # an address is kept one month longer than the look-back needs


def maanden_terug(datum: datetime.date, maanden: int) -> datetime.date:
    """The same day `maanden` calendar months earlier (the last day of a shorter month)."""
    jaar, maand = divmod(datum.year * 12 + datum.month - 1 - maanden, 12)
    maand += 1
    return datum.replace(
        year=jaar, month=maand, day=min(datum.day, calendar.monthrange(jaar, maand)[1])
    )


@dataclass(frozen=True)
class Bewaarbeleid:
    zonder_hulp_maanden: int = STANDAARD_MAANDEN
    met_hulp_maanden: int | None = None  # None: not purged by Signaalroute
    tegengehouden_maanden: int = STANDAARD_MAANDEN
    brp_kandidaten_dagen: int = 30
    shv_lijst_dagen: int | None = 90
    terugkijkperiode_maanden: int = 6  # the municipality's matching look-back


@dataclass(frozen=True)
class Grenzen:
    """Everything before these moments is purged (`None`: nothing of that kind)."""

    zonder_hulp: datetime.date
    met_hulp: datetime.date | None
    tegengehouden: datetime.date
    adres: datetime.date
    brp_kandidaten: datetime.date
    shv: datetime.date | None


def grenzen_bepalen(beleid: Bewaarbeleid, peildatum: datetime.date) -> Grenzen:
    """The cut-offs. An address is kept as long as household matching may look back at it
    (the look-back plus a month), even when the rest of the signal is already purged."""
    adres_maanden = max(beleid.terugkijkperiode_maanden + ADRES_MARGE_MAANDEN, 1)
    return Grenzen(
        zonder_hulp=maanden_terug(peildatum, beleid.zonder_hulp_maanden),
        met_hulp=(
            maanden_terug(peildatum, beleid.met_hulp_maanden)
            if beleid.met_hulp_maanden is not None
            else None
        ),
        tegengehouden=maanden_terug(peildatum, beleid.tegengehouden_maanden),
        adres=maanden_terug(peildatum, adres_maanden),
        brp_kandidaten=peildatum - datetime.timedelta(days=beleid.brp_kandidaten_dagen),
        shv=(
            peildatum - datetime.timedelta(days=beleid.shv_lijst_dagen)
            if beleid.shv_lijst_dagen is not None
            else None
        ),
    )
