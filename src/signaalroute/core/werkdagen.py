"""Dutch working days for legal deadlines: Monday to Friday minus the general holidays of the
Algemene termijnenwet (art. 3): New Year's Day, Easter Monday, King's Day, 5 May (every year),
Ascension Day, Whit Monday and both Christmas days. Good Friday is not one, although the
`holidays` package lists it; 5 May is, although the package lists it only in lustrum years."""

import datetime as dt
import functools

import holidays

_GEEN_ALGEMENE_ERKENDE_FEESTDAG = {"Good Friday"}


@functools.lru_cache(maxsize=16)
def _feestdagen(jaar: int) -> frozenset[dt.date]:
    dagen = {
        datum
        for datum, naam in holidays.NL(years=jaar, language="en_US").items()
        if naam not in _GEEN_ALGEMENE_ERKENDE_FEESTDAG
    }
    dagen.add(dt.date(jaar, 5, 5))
    return frozenset(dagen)


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
