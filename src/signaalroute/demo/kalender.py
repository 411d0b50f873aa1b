"""Dates for the demo: calendar months and historical timestamps."""

import calendar
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models
from django.utils import timezone


def maandstarts(vandaag: dt.date, aantal: int) -> list[dt.date]:
    """The first days of the `aantal` calendar months ending with the month of `vandaag`."""
    starts = []
    jaar, maand = vandaag.year, vandaag.month
    for _ in range(aantal):
        starts.append(dt.date(jaar, maand, 1))
        jaar, maand = (jaar - 1, 12) if maand == 1 else (jaar, maand - 1)
    return starts[::-1]


def maandeinde(start: dt.date) -> dt.date:
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def maanden_terug(datum: dt.date, aantal: int) -> dt.date:
    """The same day `aantal` months earlier (clamped to the end of a shorter month)."""
    index = datum.year * 12 + datum.month - 1 - aantal
    jaar, maand = divmod(index, 12)
    dag = min(datum.day, calendar.monthrange(jaar, maand + 1)[1])
    return dt.date(jaar, maand + 1, dag)


def tijdstip(datum: dt.date, uur: int, minuut: int = 0) -> dt.datetime:
    """An aware datetime in the project's time zone."""
    return timezone.make_aware(dt.datetime.combine(datum, dt.time(uur, minuut)))


@contextmanager
def historische_tijdstempels(*velden: tuple[type[models.Model], str]) -> Iterator[None]:
    """Let `auto_now_add` fields take the value set on the instance.

    Demo rows tell a story of the past twelve months: a delivery was received, a case created
    and its history written on past dates. Django always stamps `auto_now_add` fields with the
    current time on insert, so for the duration of this block (inside the demo's transaction,
    in a single-threaded management command) those fields keep the value the demo sets. The rows
    are still only created, never updated.
    """
    gewijzigd = []
    for model, naam in velden:
        veld = model._meta.get_field(naam)
        if getattr(veld, "auto_now_add", False):
            veld.auto_now_add = False
            gewijzigd.append(veld)
    try:
        yield
    finally:
        for veld in gewijzigd:
            veld.auto_now_add = True
