"""Dutch working days: Monday to Friday minus the public holidays (the `holidays` package)."""

import datetime as dt
import functools

import holidays


@functools.lru_cache(maxsize=16)
def _feestdagen(jaar: int) -> frozenset[dt.date]:
    return frozenset(holidays.NL(years=jaar))


def is_werkdag(datum: dt.date) -> bool:
    return datum.weekday() < 5 and datum not in _feestdagen(datum.year)


def werkdagen_optellen(datum: dt.date, aantal: int) -> dt.date:
    """`aantal` working days after `datum` (0: `datum` itself or the next working day)."""
    while not is_werkdag(datum) and aantal == 0:
        datum += dt.timedelta(days=1)
    while aantal > 0:
        datum += dt.timedelta(days=1)
        if is_werkdag(datum):
            aantal -= 1
    return datum
