"""The inputs and outputs of person matching: plain, immutable data, no ORM.

`Signaalpersoon` is the person as a partner signalled them; `Bewoner` a person the BRP lists
at (or formerly at) the signal's address. Both are independent of the intake model and of the
BRP adapter: callers map their own data onto these types.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Geboortedatum:
    """A birth date that may be incomplete, as the BRP has it: `00-00-1985` is
    `Geboortedatum(1985)`, `00-05-1985` is `Geboortedatum(1985, 5)`, an unknown date is
    `Geboortedatum()`."""

    jaar: int | None = None
    maand: int | None = None
    dag: int | None = None

    @classmethod
    def van(cls, waarde: datetime.date | Geboortedatum | None) -> Geboortedatum:
        if waarde is None:
            return _ONBEKEND
        if isinstance(waarde, Geboortedatum):
            return waarde
        return cls(waarde.year, waarde.month, waarde.day)

    @property
    def onbekend(self) -> bool:
        return self.jaar is None

    @property
    def volledig(self) -> bool:
        return self.jaar is not None and self.maand is not None and self.dag is not None

    def __str__(self) -> str:
        if self.jaar is None:
            return "onbekend"
        return f"{self.dag or 0:02d}-{self.maand or 0:02d}-{self.jaar:04d}"


_ONBEKEND = Geboortedatum()


@dataclass(frozen=True, slots=True)
class Signaalpersoon:
    """The person in a signal, as delivered (the intake's cleaned fields).

    `geboortedatum_opvulwaarde`: the intake flagged the birth date as a placeholder
    (`geboortedatum_verdacht`); the known placeholders in `constants.OPVULDATA` are recognised
    without it. `peildatum`: the signal date; residents who were minors then are unlikely to be
    the person signalled (partners signal adults)."""

    achternaam: str
    voorvoegsel: str = ""
    voorletters: str = ""
    voornamen: str = ""
    geboortedatum: datetime.date | Geboortedatum | None = None
    geboortedatum_opvulwaarde: bool = False
    peildatum: datetime.date | None = None


class Naamgebruik(StrEnum):
    """BRP `aanduidingNaamgebruik`: which surname the resident uses."""

    EIGEN = "eigen"  # E: own name
    PARTNER = "partner"  # P: the partner's name
    PARTNER_EIGEN = "partner_eigen"  # V: partner's name, then own ("de Vries-Jansen")
    EIGEN_PARTNER = "eigen_partner"  # N: own name, then partner's ("Jansen-de Vries")


@dataclass(frozen=True, slots=True)
class Partnernaam:
    """The surname of a (former) spouse or registered partner."""

    geslachtsnaam: str
    voorvoegsel: str = ""
    huidig: bool = True  # False: the marriage or partnership has ended


@dataclass(frozen=True, slots=True)
class Adres:
    postcode: str
    huisnummer: int
    huisletter: str = ""
    huisnummertoevoeging: str = ""
    straat: str = ""
    woonplaats: str = ""

    def __str__(self) -> str:
        nummer = f"{self.huisnummer}{self.huisletter}"
        if self.huisnummertoevoeging:
            nummer += f"-{self.huisnummertoevoeging}"
        straat = f"{self.straat} {nummer}" if self.straat else nummer
        plaats = f"{self.postcode} {self.woonplaats}".strip()
        return f"{straat}, {plaats}"


@dataclass(frozen=True, slots=True)
class Bewoner:
    """A person the BRP lists at the signal's address, now or in the recent past.

    `verhuisd`: no longer living at the address; `verhuisd_binnen_gemeente` with `nieuw_adres`
    when they moved within the municipality. `overleden` or an `overlijdensdatum`: deceased."""

    bsn: str = field(repr=False)  # never in logs or tracebacks
    geslachtsnaam: str
    voorvoegsel: str = ""
    voornamen: str = ""
    voorletters: str = ""
    geboortedatum: datetime.date | Geboortedatum | None = None
    partners: tuple[Partnernaam, ...] = ()
    naamgebruik: Naamgebruik = Naamgebruik.EIGEN
    overleden: bool = False
    overlijdensdatum: datetime.date | None = None
    verhuisd: bool = False
    verhuisd_binnen_gemeente: bool = False
    nieuw_adres: Adres | None = None

    @property
    def is_overleden(self) -> bool:
        return self.overleden or self.overlijdensdatum is not None


@dataclass(frozen=True, slots=True)
class Deeluitkomst:
    """How one part (surname, given names, birth date) compared: a short code, the points
    (see `constants`) and one Dutch explanation line."""

    code: str
    punten: float
    uitleg: str


class Uitkomstsoort(StrEnum):
    BEVESTIGD = "bevestigd"  # resident confirmed; BSN attached
    TWIJFEL = "twijfel"  # weak or ambiguous: review tray
    NIET_GEVONDEN = "niet_gevonden"  # nobody at the address matches: review tray
    VERHUISD = "verhuisd"  # the person no longer lives at the address
    OVERLEDEN = "overleden"  # the person has died


@dataclass(slots=True)
class Vergelijking:
    """One signal person against one resident.

    `punten`: the evidence (see `constants`); `score`: the same as a number from 0 to 1;
    `uitleg`: readable Dutch lines, one per part of the name and the birth date;
    `achternaam`, `voornamen`, `geboortedatum`: short codes of how each part compared."""

    score: float
    punten: float
    uitleg: list[str]
    achternaam: str
    voornamen: str
    geboortedatum: str


@dataclass(slots=True)
class Kandidaat:
    bewoner: Bewoner
    vergelijking: Vergelijking

    @property
    def score(self) -> float:
        return self.vergelijking.score


@dataclass(slots=True)
class Uitkomst:
    """What `bewoner_zoeken` concluded.

    `bsn`/`bewoner`: the person found (bevestigd, verhuisd, overleden), else None.
    `kandidaten`: all residents, best first, each with its comparison: for the review tray.
    `reden`: why, in Dutch. `voorstel`: a suggested case result (an `Eindresultaat` code) or None;
    `nieuw_adres`: where the person moved within the municipality."""

    soort: Uitkomstsoort
    reden: str
    kandidaten: list[Kandidaat] = field(default_factory=list)
    bsn: str | None = field(default=None, repr=False)
    bewoner: Bewoner | None = None
    voorstel: str | None = None
    voorstel_label: str = ""
    nieuw_adres: Adres | None = None

    @property
    def naar_controle(self) -> bool:
        """True when a person must look at it (the review tray)."""
        return self.soort in (Uitkomstsoort.TWIJFEL, Uitkomstsoort.NIET_GEVONDEN)
