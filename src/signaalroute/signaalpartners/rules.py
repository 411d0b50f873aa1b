"""Delivery monitoring (aanleverbewaking): pure rules, no ORM.

Partners deliver their regular signals once a month, by an agreed day of the month
(`Signaalpartner.aanleverdag`, default `STANDAARD_AANLEVERDAG` = 25); crisis and eindelevering
signals may come any day and are processed at once (BRIEF §2). For every partner, municipality
and month these rules decide:

- **What counts as the monthly delivery.** A processed delivery (`Aanleverstatus.VERWERKT`)
  with at least one stored *regular* signal (`is_regulier`: neither crisis nor eindelevering),
  dated by `Aanlevering.ontvangen_op` as a local date (Europe/Amsterdam). So a delivery that
  holds only crisis/eindelevering signals never counts, nor does a file whose rows were all
  rejected. `selectors` applies this in SQL; the monthly counts are regular signals only.
- **Delivered on which date** (`maandstatus`): a partner delivers one file a month for all its
  municipalities (BRIEF §2: national files for insurers and energy companies), so the date is
  the partner's first counting delivery of the month, for every municipality it serves. A
  municipality with no signal in that file (nothing in arrears there this month) is delivered
  with count 0; `afwijking` flags that as a drop when the municipality usually gets signals.
- **Who is expected** (`is_verwacht`): a partner is expected to deliver for a municipality in a
  month when it delivered regular signals for that municipality in any of the previous
  `VERWACHT_MAANDEN` (3) months. No contract table to keep up to date: a new partner is
  expected from its second month on, and a partner that stopped drops out after three empty
  months. Inactive partners (`Signaalpartner.actief` off) are never expected.
- **The status** (`Maandstatus`): `op_tijd` (delivered on or before the agreed day), `te_laat`
  (delivered after it), `ontbreekt` (not delivered and the agreed day has passed), `nog_niet`
  (not delivered, agreed day not yet passed).
- **Count deviation** (`afwijking`): this month's count against the mean of the previous
  `BASIS_MAANDEN` (3) months in which the partner delivered; `daling` below `DALING_ONDER`
  (50%) of it, `stijging` above `STIJGING_BOVEN` (200%), only when that mean is at least
  `MINIMALE_BASIS` (10) signals a month (below that, ordinary noise would be flagged).
- **When a reminder is due** (`herinnering_verschuldigd`): from the day after the agreed day to
  the end of the month; one per partner and month (`Aanleverherinnering`).

All thresholds are the constants below: change them here and nowhere else.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Sequence
from statistics import fmean

from django.db import models
from django.utils.translation import gettext_lazy as _

STANDAARD_AANLEVERDAG = 25
AANLEVERDAG_MIN = 1
AANLEVERDAG_MAX = 28  # every month has this day
VERWACHT_MAANDEN = 3
BASIS_MAANDEN = 3
DALING_ONDER = 0.5  # below 50% of the baseline
STIJGING_BOVEN = 2.0  # above 200% of the baseline
MINIMALE_BASIS = 10  # signals a month

MAANDNAMEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


class Maandstatus(models.TextChoices):
    """A partner's monthly delivery for one municipality."""

    OP_TIJD = "op_tijd", _("Op tijd")
    TE_LAAT = "te_laat", _("Te laat")
    ONTBREEKT = "ontbreekt", _("Ontbreekt")
    NOG_NIET = "nog_niet", _("Nog niet ontvangen")


class Afwijking(models.TextChoices):
    DALING = "daling", _("Sterke daling")
    STIJGING = "stijging", _("Sterke stijging")


GELEVERD = frozenset({Maandstatus.OP_TIJD, Maandstatus.TE_LAAT})


# --- months ---------------------------------------------------------------------------------


def maand_van(datum: datetime.date) -> datetime.date:
    """A month is represented by its first day."""
    return datum.replace(day=1)


def vorige_maand(maand: datetime.date) -> datetime.date:
    return (maand.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def volgende_maand(maand: datetime.date) -> datetime.date:
    return (maand.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def vorige_maanden(maand: datetime.date, aantal: int) -> list[datetime.date]:
    """The `aantal` months before `maand`, oldest first."""
    maanden: list[datetime.date] = []
    for _i in range(aantal):
        maand = vorige_maand(maand)
        maanden.insert(0, maand)
    return maanden


def laatste_dag(maand: datetime.date) -> datetime.date:
    return maand.replace(day=calendar.monthrange(maand.year, maand.month)[1])


def maand_label(maand: datetime.date) -> str:
    """`oktober 2026`."""
    return f"{MAANDNAMEN[maand.month - 1]} {maand.year}"


_MAAND = re.compile(r"^(\d{4})-(\d{1,2})$")


def maand_parsen(tekst: str) -> datetime.date | None:
    """`2026-10` (as sent by `<input type="month">`) -> 2026-10-01; None when invalid."""
    gevonden = _MAAND.match(tekst.strip())
    if not gevonden:
        return None
    jaar, maand = int(gevonden[1]), int(gevonden[2])
    if not (2000 <= jaar <= 2100 and 1 <= maand <= 12):
        return None
    return datetime.date(jaar, maand, 1)


# --- the rules ------------------------------------------------------------------------------


def is_regulier(*, crisissignaal: bool, eindelevering: bool) -> bool:
    """Whether a signal belongs to the monthly delivery (crisis and eindelevering signals come
    any day and do not)."""
    return not (crisissignaal or eindelevering)


def aanleverdeadline(maand: datetime.date, aanleverdag: int) -> datetime.date:
    if not AANLEVERDAG_MIN <= aanleverdag <= AANLEVERDAG_MAX:
        raise ValueError(f"Aanleverdag moet {AANLEVERDAG_MIN}-{AANLEVERDAG_MAX} zijn.")
    return maand.replace(day=aanleverdag)


def maandstatus(
    *,
    maand: datetime.date,
    aanleverdag: int,
    geleverd_op: datetime.date | None,
    peildatum: datetime.date,
) -> Maandstatus:
    """Status of the delivery of `maand` as known on `peildatum`; `geleverd_op` is the local
    date of the partner's first counting delivery in that month (None: none yet). A delivery on
    the agreed day itself is on time."""
    deadline = aanleverdeadline(maand, aanleverdag)
    if geleverd_op is not None:
        return Maandstatus.OP_TIJD if geleverd_op <= deadline else Maandstatus.TE_LAAT
    return Maandstatus.ONTBREEKT if peildatum > deadline else Maandstatus.NOG_NIET


def is_verwacht(eerdere_aantallen: Sequence[int | None]) -> bool:
    """`eerdere_aantallen`: regular signals for the municipality in each of the previous
    months (None or 0: none). Expected when any of the last `VERWACHT_MAANDEN` had signals."""
    return any(aantal for aantal in eerdere_aantallen[-VERWACHT_MAANDEN:])


def basis(eerdere_aantallen: Sequence[int | None]) -> float | None:
    """The baseline: mean count of the last `BASIS_MAANDEN` months in which the partner
    delivered. None in the sequence marks a month without a delivery by the partner: it is left
    out, so a missed or first month does not make the next normal month look like a jump. A 0
    is a delivered month without signals for this municipality, and counts."""
    geleverd = [a for a in eerdere_aantallen[-BASIS_MAANDEN:] if a is not None]
    return fmean(geleverd) if geleverd else None


def afwijking(aantal: int, basis: float | None) -> Afwijking | None:
    """`daling` below `DALING_ONDER` x baseline, `stijging` above `STIJGING_BOVEN` x baseline;
    nothing when the baseline is missing or below `MINIMALE_BASIS`. Call it only for a month
    that was delivered: a missing delivery is a status, not a drop."""
    if basis is None or basis < MINIMALE_BASIS:
        return None
    if aantal < basis * DALING_ONDER:
        return Afwijking.DALING
    if aantal > basis * STIJGING_BOVEN:
        return Afwijking.STIJGING
    return None


def herinneringsmaanden(peildatum: datetime.date) -> list[datetime.date]:
    """The months for which a reminder may be due on `peildatum`: this month, and on the first
    of a month also the previous one (see `herinnering_verschuldigd`)."""
    maand = maand_van(peildatum)
    return [vorige_maand(maand), maand] if peildatum.day == 1 else [maand]


def herinnering_verschuldigd(
    *, maand: datetime.date, aanleverdag: int, peildatum: datetime.date
) -> bool:
    """Whether `peildatum` lies in the reminder window of `maand`: from the day after the agreed
    day to the end of the month. When the agreed day is the month's last day (28 in a
    February of 28 days), the window is the first day of the next month, so no month goes
    without one. Whether the delivery is missing is `maandstatus`'s business."""
    deadline = aanleverdeadline(maand, aanleverdag)
    einde = laatste_dag(maand)
    if deadline < einde:
        return deadline < peildatum <= einde
    return peildatum == einde + datetime.timedelta(days=1)
