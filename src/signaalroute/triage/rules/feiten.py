"""The facts of one case that triage rules look at: plain data, no ORM.

The caller fills `Zaakfeiten` from the case, its signals, the household classification
(`matching.rules.huishouden_classificeren`), the BRP birth date and the SHV check.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from signaalroute.vroegsignaalzaken.constants import Zaaksoort


@dataclass(frozen=True)
class Zaakfeiten:
    """Facts of one case. Amounts are in cents. `leeftijd` and `wijk` may be unknown (None);
    an unknown fact never satisfies a condition, except 'is onbekend'.

    `crisis`: a crisis signal (threatening eviction or cut-off), eindelevering included, as
    `matching.rules.is_crisis` decides; `eindelevering` says whether one of them was an
    eindelevering signal. `recidive`: the number of earlier months with a signal on the address.
    """

    partnersoorten: frozenset[str] = frozenset()
    aantal_partners: int = 0
    totaalbedrag: int = 0
    hoogste_bedrag: int = 0
    zaaksoort: str = Zaaksoort.ENKELVOUDIG.value
    recidive: int = 0
    sleper: bool = False
    gaten_dichten: bool = False
    telt_als_match: bool = False
    crisis: bool = False
    eindelevering: bool = False
    leeftijd: int | None = None
    wijk: str | None = None
    telefoon_bekend: bool = False
    email_bekend: bool = False
    bekend_bij_shv: bool = False
    alleen_brief: bool = False

    def __post_init__(self) -> None:
        # Accept any iterable of codes or enum members; keep plain strings.
        object.__setattr__(self, "partnersoorten", frozenset(str(s) for s in self.partnersoorten))
        object.__setattr__(self, "zaaksoort", str(self.zaaksoort))
        if self.eindelevering and not self.crisis:
            object.__setattr__(self, "crisis", True)

    def naar_dict(self) -> dict[str, Any]:
        """JSON-able snapshot, e.g. to store with the triage result."""
        data = asdict(self)
        data["partnersoorten"] = sorted(self.partnersoorten)
        return data

    @classmethod
    def uit_dict(cls, data: Mapping[str, Any]) -> Zaakfeiten:
        bekend = {f.name for f in fields(cls)}
        waarden = {k: v for k, v in data.items() if k in bekend}
        if "partnersoorten" in waarden:
            waarden["partnersoorten"] = frozenset(_als_lijst(waarden["partnersoorten"]))
        return cls(**waarden)


def _als_lijst(waarde: Iterable[str] | str) -> list[str]:
    return [waarde] if isinstance(waarde, str) else list(waarde)


def leeftijd_bepalen(geboortedatum: datetime.date | None, peildatum: datetime.date) -> int | None:
    """Age in whole years on `peildatum` (None when the birth date is unknown or later)."""
    if geboortedatum is None or geboortedatum > peildatum:
        return None
    jaren = peildatum.year - geboortedatum.year
    if (peildatum.month, peildatum.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren
