"""The figures behind the dashboards, the monthly report and the year evaluation.

Every function takes `gemeenten` (a queryset of `Gemeente` or an iterable of their primary
keys: the caller decides what a user may see, see `rapportages.selectors`) and a
`rules.Periode` (both ends inclusive), and returns plain dataclasses, dicts and lists. All
counting happens in the database (GROUP BY, conditional `Count`); Python only arranges the
grouped rows. The same code gives the same numbers on SQLite and PostgreSQL.

Which records a period selects (documented once, used everywhere):

- signals: `Vroegsignaal.signaaldatum` in the period;
- cases: `Vroegsignaalzaak.matchingsdatum` in the period (a cohort); their results, reach and
  throughput as they stand when asked;
- contact attempts: `Contactpoging.datum` in the period (the work done in the period);
- capacity: triages of the calendar months the period touches (`Triage.maand`);
- BRP checks and debt development: those of the period's signals.

This module is a stable interface: add figures, do not change what existing ones mean.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..rules import Periode
from ._basis import Gemeenten, inwoners
from .signalen import (
    Brpcijfers,
    Herhaalregel,
    Signaalcijfers,
    Stiptheidsregel,
    brpcijfers,
    herhaalde_meldingen,
    signaalcijfers,
    soortnaam,
    stiptheid,
)
from .studie import (
    GEEN_CONTACT,
    NIET_GEMELD,
    Kruistabel,
    resultaat_per_kanaal,
    resultaat_per_schuldontwikkeling,
)
from .zaken import (
    Capaciteitsregel,
    Doorlooptijden,
    Gebiedsregel,
    Kanaalregel,
    Zaakcijfers,
    capaciteitsgebruik,
    contactpogingen_per_kanaal,
    doorlooptijden,
    kanaalnaam,
    resultaatnaam,
    resultaten,
    zaakcijfers,
    zaken_per_postcode,
    zaken_per_wijk,
)

__all__ = [
    "GEEN_CONTACT",
    "NIET_GEMELD",
    "Brpcijfers",
    "Capaciteitsregel",
    "Dashboardcijfers",
    "Doorlooptijden",
    "Gebiedsregel",
    "Gemeenten",
    "Herhaalregel",
    "Kanaalregel",
    "Kruistabel",
    "Periode",
    "Signaalcijfers",
    "Stiptheidsregel",
    "Zaakcijfers",
    "brpcijfers",
    "capaciteitsgebruik",
    "contactpogingen_per_kanaal",
    "dashboardcijfers",
    "doorlooptijden",
    "herhaalde_meldingen",
    "inwoners",
    "kanaalnaam",
    "resultaat_per_kanaal",
    "resultaat_per_schuldontwikkeling",
    "resultaatnaam",
    "resultaten",
    "signaalcijfers",
    "soortnaam",
    "stiptheid",
    "zaakcijfers",
    "zaken_per_postcode",
    "zaken_per_wijk",
]


@dataclass(frozen=True, slots=True)
class Dashboardcijfers:
    """Every figure of one dashboard: one period, one set of municipalities."""

    periode: Periode
    peildatum: datetime.date
    signalen: Signaalcijfers
    zaken: Zaakcijfers
    per_wijk: list[Gebiedsregel]
    per_postcode: list[Gebiedsregel]
    kanalen: list[Kanaalregel]
    resultaten: dict[str, int]
    doorlooptijden: Doorlooptijden
    capaciteit: list[Capaciteitsregel]
    brp: Brpcijfers
    herhaald: list[Herhaalregel]
    stiptheid: list[Stiptheidsregel]
    resultaat_per_kanaal: Kruistabel
    resultaat_per_schuldontwikkeling: Kruistabel


def dashboardcijfers(
    gemeenten: Gemeenten, periode: Periode, *, peildatum: datetime.date
) -> Dashboardcijfers:
    """All figures for `gemeenten` over `periode`, as known on `peildatum` (deadlines that
    have passed, deliveries that are due)."""
    return Dashboardcijfers(
        periode=periode,
        peildatum=peildatum,
        signalen=signaalcijfers(gemeenten, periode),
        zaken=zaakcijfers(gemeenten, periode),
        per_wijk=zaken_per_wijk(gemeenten, periode),
        per_postcode=zaken_per_postcode(gemeenten, periode),
        kanalen=contactpogingen_per_kanaal(gemeenten, periode),
        resultaten=resultaten(gemeenten, periode),
        doorlooptijden=doorlooptijden(gemeenten, periode, peildatum=peildatum),
        capaciteit=capaciteitsgebruik(gemeenten, periode),
        brp=brpcijfers(gemeenten, periode),
        herhaald=herhaalde_meldingen(gemeenten, periode),
        stiptheid=stiptheid(gemeenten, periode, peildatum=peildatum),
        resultaat_per_kanaal=resultaat_per_kanaal(gemeenten, periode),
        resultaat_per_schuldontwikkeling=resultaat_per_schuldontwikkeling(gemeenten, periode),
    )
