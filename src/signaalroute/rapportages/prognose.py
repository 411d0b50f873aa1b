"""Volume and capacity forecast: pure functions, no ORM.

How many new cases and signals a municipality can expect from its number of inhabitants, what
that costs in hours and FTE, and how the actual figures compare. Used by the monthly report
(year to date) and the year evaluation (the whole year, per month).

The national averages are defaults, not truths: a municipality's own history beats them, and
every caller may pass other `Aannames`.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- the assumptions (sources) ------------------------------------------------------------------

# New cases a year per 10,000 inhabitants. Source: Ministry of SZW, explanatory memorandum
# (memorie van toelichting) to the amendment of the Wet gemeentelijke schuldhulpverlening that
# made early signalling a legal task from 1 January 2021: "an extra reach of 85 per 10,000
# inhabitants a year" (quoted in BRIEF §7 and in municipal project plans such as seeds/003).
NIEUWE_ZAKEN_PER_10000_PER_JAAR = 85.0

# Hours of work per case. Source: pilots across the country as quoted in municipal project
# plans (seeds/003: "gemiddeld 8 uur per signaal"): much less when help is refused, more when
# help is accepted; 8 is the average.
UREN_PER_ZAAK = 8.0

# Productive hours of one FTE a year. A 36-hour contract is 1,872 hours a year; after holidays,
# public holidays, sick leave, training and team meetings about 1,296 remain for case work
# (36 weeks of 36 hours), the usual planning norm of Dutch municipal social services. Project
# plans that divide by the 36-hour week instead (seeds/003: 24 hours a week = 0.7 FTE)
# underestimate the staff needed by about a third.
PRODUCTIEVE_UREN_PER_FTE = 1296.0

# Signals (all partners, one month's arrears each, before matching) per 10,000 inhabitants per
# month, as a band. Source: Inforing's study of municipalities where nearly all partners were
# connected, quoted in seeds/003 (Harlingen, 15,793 inhabitants: 54 to 152 a month; the other
# three municipalities there fall between 31 and 109). Used only while the municipality has no
# history of its own.
SIGNALEN_PER_10000_PER_MAAND_ONDER = 34.0
SIGNALEN_PER_10000_PER_MAAND_BOVEN = 96.0

# Below this many cases the municipality's own signals-per-case ratio is too uncertain to use.
MINIMUM_ZAKEN_VOOR_EIGEN_VERHOUDING = 20

# Within this share of the forecast the actual figure counts as "about as expected".
MARGE = 0.2


@dataclass(frozen=True, slots=True)
class Aannames:
    zaken_per_10000_per_jaar: float = NIEUWE_ZAKEN_PER_10000_PER_JAAR
    uren_per_zaak: float = UREN_PER_ZAAK
    uren_per_fte: float = PRODUCTIEVE_UREN_PER_FTE
    signalen_onder: float = SIGNALEN_PER_10000_PER_MAAND_ONDER
    signalen_boven: float = SIGNALEN_PER_10000_PER_MAAND_BOVEN
    marge: float = MARGE


STANDAARD = Aannames()


# --- the arithmetic -----------------------------------------------------------------------------


def verwachte_zaken(inwoners: int, maanden: int = 12, aannames: Aannames = STANDAARD) -> float:
    """New cases expected over `maanden` months (a year: `maanden=12`)."""
    return inwoners / 10_000 * aannames.zaken_per_10000_per_jaar * maanden / 12


def signalen_per_zaak(
    signalen: int, zaken: int, minimum: int = MINIMUM_ZAKEN_VOOR_EIGEN_VERHOUDING
) -> float | None:
    """The municipality's own ratio of signals to cases over a past period, or None when it has
    fewer than `minimum` cases (too little history)."""
    if zaken < max(1, minimum):
        return None
    return signalen / zaken


def uren(zaken: float, aannames: Aannames = STANDAARD) -> float:
    return zaken * aannames.uren_per_zaak


def fte(uren_: float, maanden: int = 12, aannames: Aannames = STANDAARD) -> float:
    """The FTE needed to do `uren_` hours of work within `maanden` months."""
    if maanden <= 0:
        return 0.0
    return uren_ / (aannames.uren_per_fte * maanden / 12)


@dataclass(frozen=True, slots=True)
class Prognose:
    """What `inwoners` inhabitants give over `maanden` months."""

    inwoners: int
    maanden: int
    zaken: float
    signalen: float | None  # own ratio × expected cases; None without own history
    signalen_onder: float  # the national band (Inforing)
    signalen_boven: float
    signalen_per_zaak: float | None
    uren: float
    fte: float


def prognose(
    *,
    inwoners: int,
    maanden: int = 12,
    signalen_per_zaak: float | None = None,
    aannames: Aannames = STANDAARD,
) -> Prognose:
    zaken = verwachte_zaken(inwoners, maanden, aannames)
    per_maand = inwoners / 10_000 * maanden
    benodigd = uren(zaken, aannames)
    return Prognose(
        inwoners=inwoners,
        maanden=maanden,
        zaken=zaken,
        signalen=zaken * signalen_per_zaak if signalen_per_zaak is not None else None,
        signalen_onder=per_maand * aannames.signalen_onder,
        signalen_boven=per_maand * aannames.signalen_boven,
        signalen_per_zaak=signalen_per_zaak,
        uren=benodigd,
        fte=fte(benodigd, maanden, aannames),
    )


# --- forecast against actual ------------------------------------------------------------------


class Oordeel:
    MEER = "meer"
    ZOALS_VERWACHT = "zoals_verwacht"
    MINDER = "minder"
    ONBEKEND = "onbekend"


def oordeel(werkelijk: float, verwacht: float | None, marge: float = MARGE) -> str:
    """More, fewer or about as many as expected (within `marge` of the forecast)."""
    if not verwacht:
        return Oordeel.ONBEKEND
    if werkelijk > verwacht * (1 + marge):
        return Oordeel.MEER
    if werkelijk < verwacht * (1 - marge):
        return Oordeel.MINDER
    return Oordeel.ZOALS_VERWACHT


def oordeel_band(werkelijk: float, onder: float, boven: float) -> str:
    """Against a band: below, within or above it."""
    if not boven:
        return Oordeel.ONBEKEND
    if werkelijk > boven:
        return Oordeel.MEER
    if werkelijk < onder:
        return Oordeel.MINDER
    return Oordeel.ZOALS_VERWACHT


OORDEELTEKST = {
    Oordeel.MEER: "meer dan verwacht",
    Oordeel.ZOALS_VERWACHT: "ongeveer zoals verwacht",
    Oordeel.MINDER: "minder dan verwacht",
    Oordeel.ONBEKEND: "niet te vergelijken",
}


@dataclass(frozen=True, slots=True)
class Vergelijking:
    """The forecast next to what happened (cases and signals), with the hours and FTE the
    actual cases took at the assumed hours per case."""

    prognose: Prognose
    zaken: int
    signalen: int
    aannames: Aannames = STANDAARD

    @property
    def uren(self) -> float:
        return uren(self.zaken, self.aannames)

    @property
    def fte(self) -> float:
        return fte(self.uren, self.prognose.maanden, self.aannames)

    @property
    def zaken_pct(self) -> float | None:
        """Actual cases as a percentage of the forecast."""
        if not self.prognose.zaken:
            return None
        return round(100 * self.zaken / self.prognose.zaken, 1)

    @property
    def zaken_oordeel(self) -> str:
        return oordeel(self.zaken, self.prognose.zaken, self.aannames.marge)

    @property
    def signalen_oordeel(self) -> str:
        """Against the own-history forecast when there is one, else against the national band."""
        if self.prognose.signalen is not None:
            return oordeel(self.signalen, self.prognose.signalen, self.aannames.marge)
        return oordeel_band(
            self.signalen, self.prognose.signalen_onder, self.prognose.signalen_boven
        )

    @property
    def zaken_zin(self) -> str:
        return (
            f"Er kwamen {self.zaken} nieuwe zaken. Verwacht waren er ongeveer "
            f"{afgerond(self.prognose.zaken)}: {OORDEELTEKST[self.zaken_oordeel]}."
        )

    @property
    def signalen_zin(self) -> str:
        if self.prognose.signalen is not None:
            verwacht = f"ongeveer {afgerond(self.prognose.signalen)} (eigen cijfers vorig jaar)"
        else:
            verwacht = (
                f"tussen {afgerond(self.prognose.signalen_onder)} en "
                f"{afgerond(self.prognose.signalen_boven)} (landelijk onderzoek)"
            )
        return (
            f"Er kwamen {self.signalen} signalen binnen. Verwacht: {verwacht}. "
            f"Dat is {OORDEELTEKST[self.signalen_oordeel]}."
        )


def vergelijken(
    prognose_: Prognose, *, zaken: int, signalen: int, aannames: Aannames = STANDAARD
) -> Vergelijking:
    return Vergelijking(prognose=prognose_, zaken=zaken, signalen=signalen, aannames=aannames)


def afgerond(waarde: float | None, decimalen: int = 0) -> str:
    """Dutch notation for a forecast: 1.234 or 0,7."""
    if waarde is None:
        return "–"
    if decimalen == 0:
        heel = int(abs(waarde) + 0.5) * (1 if waarde >= 0 else -1)  # half up, not to even
        return f"{heel:,}".replace(",", ".")
    return f"{waarde:,.{decimalen}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
