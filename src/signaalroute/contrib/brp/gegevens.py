"""What the adapter returns: small, frozen dataclasses with our own names.

Personal data (BSN, names, dates, addresses) is left out of `repr()`, so that a person that ends
up in a log line or a traceback does not leak into it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
_GBA_DATUM = re.compile(r"^\d{8}$")


class Datumsoort(StrEnum):
    """The four kinds of BRP date (`AbstractDatum.type`)."""

    VOLLEDIG = "Datum"
    JAAR_MAAND = "JaarMaandDatum"
    JAAR = "JaarDatum"
    ONBEKEND = "DatumOnbekend"


@dataclass(frozen=True)
class BrpDatum:
    """A BRP date, possibly partial: the register knows the year and month of some births abroad,
    only the year of others, and for some nothing at all."""

    jaar: int | None = None
    maand: int | None = None
    dag: int | None = None

    def __post_init__(self):
        if self.dag is not None and self.maand is None:
            raise ValueError("Een dag zonder maand is geen BRP-datum.")
        if self.maand is not None and self.jaar is None:
            raise ValueError("Een maand zonder jaar is geen BRP-datum.")
        if self.jaar is not None and not 1 <= self.jaar <= 9999:
            raise ValueError("Jaar buiten bereik.")
        if self.maand is not None and not 1 <= self.maand <= 12:
            raise ValueError("Maand buiten bereik.")
        if self.dag is not None:
            dt.date(self.jaar, self.maand, self.dag)  # type: ignore[arg-type]  # raises ValueError

    @classmethod
    def van_date(cls, datum: dt.date) -> BrpDatum:
        return cls(datum.year, datum.month, datum.day)

    @classmethod
    def van_gba(cls, waarde: str) -> BrpDatum:
        """From the register's own notation `JJJJMMDD`, with `00` for unknown parts."""
        if not _GBA_DATUM.match(waarde or ""):
            raise ValueError("Een BRP-datum heeft de vorm JJJJMMDD.")
        jaar, maand, dag = int(waarde[:4]), int(waarde[4:6]), int(waarde[6:])
        if not jaar and (maand or dag) or not maand and dag:
            raise ValueError("Onbekende delen van een BRP-datum staan achteraan.")
        return cls(jaar or None, maand or None, dag or None)

    def als_gba(self) -> str:
        return f"{self.jaar or 0:04d}{self.maand or 0:02d}{self.dag or 0:02d}"

    @property
    def soort(self) -> Datumsoort:
        if self.dag is not None:
            return Datumsoort.VOLLEDIG
        if self.maand is not None:
            return Datumsoort.JAAR_MAAND
        if self.jaar is not None:
            return Datumsoort.JAAR
        return Datumsoort.ONBEKEND

    @property
    def is_volledig(self) -> bool:
        return self.dag is not None

    @property
    def is_onbekend(self) -> bool:
        return self.jaar is None

    def als_date(self) -> dt.date | None:
        """The date, only when it is complete."""
        if self.dag is None:
            return None
        return dt.date(self.jaar, self.maand, self.dag)  # type: ignore[arg-type]

    def komt_overeen_met(self, datum: dt.date) -> bool:
        """Whether `datum` is consistent with the parts the register knows (an unknown date is
        consistent with every date; how much that counts is for the matching rules)."""
        return (
            (self.jaar is None or self.jaar == datum.year)
            and (self.maand is None or self.maand == datum.month)
            and (self.dag is None or self.dag == datum.day)
        )

    @property
    def lang_formaat(self) -> str:
        """As the API's `langFormaat`: `15 november 1956`, `maart 1978`, `1968`, `onbekend`."""
        if self.jaar is None:
            return "onbekend"
        if self.maand is None:
            return str(self.jaar)
        if self.dag is None:
            return f"{MAANDEN[self.maand - 1]} {self.jaar}"
        return f"{self.dag} {MAANDEN[self.maand - 1]} {self.jaar}"

    def __str__(self) -> str:
        if self.jaar is None:
            return "onbekend"
        delen = [f"{self.jaar:04d}"]
        if self.maand is not None:
            delen.append(f"{self.maand:02d}")
        if self.dag is not None:
            delen.append(f"{self.dag:02d}")
        return "-".join(delen)


def normaliseer_postcode(postcode: str) -> str:
    """`1234 ab` -> `1234AB` (the API accepts both; we compare and cache on this form)."""
    return re.sub(r"\s+", "", postcode or "").upper()


def normaliseer_toevoeging(waarde: str) -> str:
    return (waarde or "").strip().upper()


class Verblijfplaatssoort(StrEnum):
    """`verblijfplaats.type`."""

    ADRES = "Adres"
    LOCATIE = "Locatie"
    BUITENLAND = "VerblijfplaatsBuitenland"
    ONBEKEND = "VerblijfplaatsOnbekend"


@dataclass(frozen=True)
class BrpAdres:
    """An address in the Netherlands where the register has the person living."""

    postcode: str = field(default="", repr=False)
    huisnummer: int | None = field(default=None, repr=False)
    huisletter: str = field(default="", repr=False)
    huisnummertoevoeging: str = field(default="", repr=False)
    straat: str = field(default="", repr=False)
    woonplaats: str = field(default="", repr=False)

    @property
    def sleutel(self) -> tuple[str, int | None, str, str]:
        """The household key of matching: postcode + number + letter + addition, normalised."""
        return (
            normaliseer_postcode(self.postcode),
            self.huisnummer,
            normaliseer_toevoeging(self.huisletter),
            normaliseer_toevoeging(self.huisnummertoevoeging),
        )

    def is_adres(
        self,
        *,
        postcode: str,
        huisnummer: int,
        huisletter: str = "",
        huisnummertoevoeging: str = "",
    ) -> bool:
        return self.sleutel == (
            normaliseer_postcode(postcode),
            huisnummer,
            normaliseer_toevoeging(huisletter),
            normaliseer_toevoeging(huisnummertoevoeging),
        )


@dataclass(frozen=True)
class BrpPartner:
    """The current partner, or the last one when the marriage/partnership has been dissolved."""

    bsn: str = field(default="", repr=False)
    voornamen: str = field(default="", repr=False)
    voorletters: str = field(default="", repr=False)
    voorvoegsel: str = field(default="", repr=False)
    geslachtsnaam: str = field(default="", repr=False)
    ontbonden: bool = False


@dataclass(frozen=True)
class BrpPersoon:
    """One person as the register has them.

    `beperkt` persons come from a search (`PersoonBeperkt`): the API gives no residence, death
    or partners there, only the address lines; consult by BSN (`raadpleeg`) for those.
    """

    bsn: str = field(repr=False)
    voornamen: str = field(default="", repr=False)
    voorletters: str = field(default="", repr=False)
    voorvoegsel: str = field(default="", repr=False)
    geslachtsnaam: str = field(default="", repr=False)
    geboortedatum: BrpDatum | None = field(default=None, repr=False)
    aanduiding_naamgebruik: str = ""  # `AanduidingNaamgebruik` code; "" when not asked
    partners: tuple[BrpPartner, ...] = field(default=(), repr=False)
    # Residence (consultation only)
    verblijfplaats: Verblijfplaatssoort | None = None
    adres: BrpAdres | None = field(default=None, repr=False)
    adres_sinds: BrpDatum | None = field(default=None, repr=False)
    land: str = field(default="", repr=False)  # abroad: the country's description
    gemeente_van_inschrijving: str = ""  # CBS code
    gemeente_van_inschrijving_naam: str = ""
    datum_inschrijving_in_gemeente: BrpDatum | None = field(default=None, repr=False)
    # Search only: the formatted address lines
    adresregels: tuple[str, ...] = field(default=(), repr=False)
    verblijft_niet_op_adres: bool = False  # `indicatieVastgesteldVerblijftNietOpAdres`
    overleden: bool = False
    overlijdensdatum: BrpDatum | None = field(default=None, repr=False)
    opschortingsreden: str = ""  # `Opschortingsreden` code
    geheimhouding: bool = False  # `geheimhoudingPersoonsgegevens`
    beperkt: bool = False

    @property
    def achternaam(self) -> str:
        """`voorvoegsel` + `geslachtsnaam`, as a partner's file usually has it."""
        return " ".join(deel for deel in (self.voorvoegsel, self.geslachtsnaam) if deel)

    @property
    def geemigreerd(self) -> bool:
        return (
            self.opschortingsreden == "E" or self.verblijfplaats == Verblijfplaatssoort.BUITENLAND
        )

    @property
    def huidige_partner(self) -> BrpPartner | None:
        return next((p for p in self.partners if not p.ontbonden), None)

    def woont_op(
        self,
        *,
        postcode: str,
        huisnummer: int,
        huisletter: str = "",
        huisnummertoevoeging: str = "",
    ) -> bool | None:
        """Whether the register has the person at this address; `None` when this answer
        cannot tell (a search result without residence)."""
        if self.beperkt:
            return None
        if self.adres is None or self.verblijfplaats != Verblijfplaatssoort.ADRES:
            return False
        return self.adres.is_adres(
            postcode=postcode,
            huisnummer=huisnummer,
            huisletter=huisletter,
            huisnummertoevoeging=huisnummertoevoeging,
        )

    def verhuisd_van(
        self,
        *,
        postcode: str,
        huisnummer: int,
        huisletter: str = "",
        huisnummertoevoeging: str = "",
    ) -> bool | None:
        """Whether the person lives somewhere else now (another address, abroad or unknown);
        a deceased person has not moved. `None` when this answer cannot tell."""
        if self.overleden:
            return False
        woont = self.woont_op(
            postcode=postcode,
            huisnummer=huisnummer,
            huisletter=huisletter,
            huisnummertoevoeging=huisnummertoevoeging,
        )
        return None if woont is None else not woont
