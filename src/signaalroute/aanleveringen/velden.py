"""The fields of a delivered signal: their names, column names and lengths, and pure parsers
(one cell in, one clean value out).

Every parser takes the text of one cell (already stripped) and returns the clean value, or
raises `Veldfout` with a stable reason code and a Dutch message for the partner. No ORM, no
Django settings: these run 20,000+ times a second during an import, so patterns are compiled
once and the common formats take the cheapest path. Messages never echo a BSN (see `echo`).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, NamedTuple

import phonenumbers
from stdnum.nl import bsn as stdnum_bsn

MAX_BEDRAG_CENTEN = 2_147_483_647  # PositiveIntegerField
MAX_HUISNUMMER = 99_999  # BAG: 1-99999
MAX_TOEVOEGING = 4  # BAG: huisnummertoevoeging, at most 4 characters
EXCEL_EPOCH = datetime.date(1899, 12, 30)
JAAR_MIN, JAAR_MAX = 1900, 2100


# --- the fields ----------------------------------------------------------------------------

# Keys of `Rijresultaat.waarden`: exactly the `Vroegsignaal` fields the intake fills.
VROEGSIGNAAL_VELDEN = (
    "bedrag", "termijnbedrag", "aantal_onbetaalde_termijnen", "ontstaansdatum", "signaaldatum",
    "klantnummer", "crisissignaal", "eindelevering", "einddatum_levering", "warme_overdracht",
    "rechtspersoon", "voorletters", "voornamen", "voorvoegsel", "achternaam", "geboortedatum",
    "bsn", "telefoonnummer", "email", "postcode", "huisnummer", "huisletter",
    "huisnummertoevoeging", "straat", "woonplaats",
)  # fmt: skip
# Fields a file or JSON signal may hold: the above plus `rechtsvorm` (legal form, only used to
# recognise legal persons) and `gemeentecode` (an explicit municipality, which wins over the
# postcode when routing).
INVOERVELDEN = (*VROEGSIGNAAL_VELDEN, "rechtsvorm", "gemeentecode")
VERPLICHTE_VELDEN = ("achternaam", "postcode", "huisnummer", "bedrag", "ontstaansdatum")
# Set by `parsing` when a CSV row has more non-empty cells than the header has columns.
EXTRA_VELDEN = "_extra_velden"

MAX_LENGTE = {
    "klantnummer": 50, "voorletters": 20, "voornamen": 200, "voorvoegsel": 20,
    "achternaam": 200, "telefoonnummer": 20, "email": 254, "straat": 100, "woonplaats": 80,
}  # fmt: skip
VELD_LABELS = {
    "bedrag": "Bedrag", "termijnbedrag": "Termijnbedrag",
    "aantal_onbetaalde_termijnen": "Aantal onbetaalde termijnen",
    "ontstaansdatum": "Ontstaansdatum", "signaaldatum": "Signaaldatum",
    "klantnummer": "Klantnummer", "crisissignaal": "Crisissignaal",
    "eindelevering": "Eindelevering", "einddatum_levering": "Einddatum levering",
    "warme_overdracht": "Warme overdracht", "rechtspersoon": "Rechtspersoon",
    "rechtsvorm": "Rechtsvorm", "gemeentecode": "Gemeentecode", "voorletters": "Voorletters", "voornamen": "Voornamen",
    "voorvoegsel": "Voorvoegsel", "achternaam": "Achternaam", "geboortedatum": "Geboortedatum",
    "bsn": "BSN", "telefoonnummer": "Telefoonnummer", "email": "E-mailadres",
    "postcode": "Postcode", "huisnummer": "Huisnummer", "huisletter": "Huisletter",
    "huisnummertoevoeging": "Huisnummertoevoeging", "straat": "Straat",
    "woonplaats": "Woonplaats",
}  # fmt: skip

# --- column names --------------------------------------------------------------------------

# Canonical field -> accepted column names (besides the field name itself). Matching ignores
# case, spaces, underscores, hyphens, dots, accents and other punctuation.
KOLOMNAMEN: dict[str, tuple[str, ...]] = {
    "bedrag": (
        "achterstand", "achterstandsbedrag", "bedrag achterstand", "openstaand bedrag",
        "openstaand saldo", "totaal achterstand", "totaalbedrag achterstand", "schuld",
        "bedrag in euro",
    ),
    "termijnbedrag": (
        "maandbedrag", "maandpremie", "premie", "huurbedrag", "maandhuur", "voorschotbedrag",
    ),
    "aantal_onbetaalde_termijnen": (
        "onbetaalde termijnen", "aantal termijnen", "aantal maanden achterstand",
        "maanden achterstand", "aantal onbetaalde facturen", "aantal facturen",
    ),
    "ontstaansdatum": (
        "ontstaansdatum achterstand", "datum ontstaan", "datum achterstand",
        "begindatum achterstand", "startdatum achterstand", "oudste vervaldatum",
        "vervaldatum oudste factuur", "vervaldatum", "datum oudste vordering",
    ),
    "signaaldatum": ("datum signaal", "meldingsdatum", "meldatum", "datum melding", "peildatum"),
    "klantnummer": (
        "klantnr", "debiteurnummer", "debiteurnr", "relatienummer", "relatienr",
        "contractnummer", "polisnummer", "verzekerdennummer", "huurcontractnummer", "kenmerk",
        "dossiernummer",
    ),
    "crisissignaal": ("crisis", "spoed"),
    "eindelevering": ("eindeleveringssignaal", "dreigende afsluiting"),
    "einddatum_levering": (
        "einddatum", "einddatum contract", "datum einde levering", "afsluitdatum",
        "datum afsluiting",
    ),
    "warme_overdracht": ("warm overdracht",),
    "rechtspersoon": (),
    "rechtsvorm": ("ondernemingsvorm",),
    "gemeentecode": ("cbs code", "cbs gemeentecode", "gemeentenummer", "gm code"),
    "voorletters": ("initialen", "voorl"),
    "voornamen": ("voornaam", "roepnaam"),
    "voorvoegsel": ("voorvoegsels", "tussenvoegsel", "tussenvoegsels", "tussenv"),
    "achternaam": ("geslachtsnaam", "familienaam", "achternaam klant"),
    "geboortedatum": ("geb datum", "gebdat"),
    "bsn": ("burgerservicenummer", "sofinummer"),
    "telefoonnummer": (
        "telefoon", "telefoonnr", "tel", "telnr", "mobiel", "mobiel nummer",
        "gsm", "telefoonnummer 2", "telefoon mobiel", "telefoon vast",
    ),
    "email": ("e-mailadres", "mail", "mailadres"),
    "postcode": ("pc",),
    "huisnummer": ("huisnr", "huisnummer en toevoeging"),
    "huisletter": (),
    "huisnummertoevoeging": ("toevoeging", "huisnr toevoeging", "toev"),
    "straat": ("straatnaam", "openbare ruimte"),
    "woonplaats": ("plaats", "plaatsnaam", "woonplaatsnaam"),
}  # fmt: skip


def kolomnaam_normaliseren(naam: str) -> str:
    """`E-mail adres`, `e_mailadres`, `E‑MAILADRES` -> `emailadres`; `Geboortedatum (dd-mm)`
    -> `geboortedatumddmm`; accents dropped (NFKD, then only letters and digits kept)."""
    return "".join(t for t in unicodedata.normalize("NFKD", naam.lower()) if t.isalnum())


def _camel(veld: str) -> str:
    eerste, *rest = veld.split("_")
    return eerste + "".join(deel.capitalize() for deel in rest)


ALIASSEN: dict[str, str] = {
    kolomnaam_normaliseren(naam): veld
    for veld, namen in KOLOMNAMEN.items()
    for naam in (veld, *namen)
}
# The JSON API (POST /api/v1/aanleveringen) takes exactly these camelCase names.
API_VELDNAMEN: dict[str, str] = {_camel(veld): veld for veld in INVOERVELDEN}


# --- cells ---------------------------------------------------------------------------------


def cel_als_tekst(waarde: Any) -> str:
    """A cell as text: stripped, without NUL characters (PostgreSQL refuses them)."""
    if waarde.__class__ is str:
        if "\x00" in waarde:
            waarde = waarde.replace("\x00", "")
        return waarde.strip()
    return _waarde_als_tekst(waarde)


def _waarde_als_tekst(waarde: Any) -> str:
    """A typed spreadsheet cell as text the field parsers read."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, float):
        if waarde.is_integer() and abs(waarde) < 1e15:
            return str(int(waarde))
        tekst = format(waarde, ".15g")
        return format(waarde, "f") if "e" in tekst else tekst
    if isinstance(waarde, datetime.datetime):
        if waarde.time() == datetime.time(0):
            return waarde.date().isoformat()
        return waarde.isoformat(" ", "seconds")
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    return str(waarde).replace("\x00", "").strip()


def bedragcel_als_tekst(waarde: Any) -> str:
    """An amount cell: numbers are euros, rounded to cents (never read as `1.234` = 1234)."""
    if isinstance(waarde, float | int | Decimal) and not isinstance(waarde, bool):
        return euro_als_tekst(waarde)
    return cel_als_tekst(waarde)


def euro_als_tekst(getal: float | int | Decimal) -> str:
    """A number of euros (from a spreadsheet cell or JSON) as text `bedrag_parsen` reads,
    rounded half up to cents."""
    if isinstance(getal, int):
        return str(getal)
    try:
        getal = getal if isinstance(getal, Decimal) else Decimal(repr(getal))
        return str(getal.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    except InvalidOperation:
        return str(getal)  # NaN, infinity: bedrag_parsen rejects it


class Veldfout(ValueError):
    """A cell that cannot be used; `code` is a key of `rules.REASON_CODES`."""

    def __init__(self, code: str, bericht: str):
        self.code = code
        self.bericht = bericht
        super().__init__(code)


# --- echoing values in messages -------------------------------------------------------------

_LANG_GETAL = re.compile(r"\d{8,}")


def echo(waarde: str, max_lengte: int = 40) -> str:
    """A cell value safe to quote in a message: short, and digit runs that could be a BSN
    (8 or more digits) masked; control characters (NUL, ...) dropped."""
    waarde = "".join(t for t in waarde if t.isprintable() or t == " ")
    if len(waarde) > max_lengte:
        waarde = waarde[:max_lengte] + "…"
    if _LANG_GETAL.search(waarde):
        waarde = _LANG_GETAL.sub(lambda m: "*" * len(m.group()), waarde)
    return waarde


def is_formula_like(waarde: str) -> bool:
    """True if a spreadsheet would run this cell as a formula (CSV/formula injection).

    Values are stored as delivered; exports must prefix such cells (e.g. with a quote)."""
    return bool(waarde) and waarde[0] in "=+-@\t\r"


# --- amounts -------------------------------------------------------------------------------

_BEDRAG_WEG = str.maketrans("", "", " \u00a0\u202f\u2009'€")
_BEDRAG_GEHEEL = re.compile(r"\d+")
_BEDRAG_DECIMAAL = re.compile(r"(\d+)[.,](\d{1,2})")
_BEDRAG_NL = re.compile(r"(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?")  # 1.234 / 1.234,56
_BEDRAG_EN = re.compile(r"(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?")  # 1,234.56 / 1,234,567
_BEDRAG_EN_DUBBELZINNIG = re.compile(r"\d{1,3},\d{3}")  # 1,234: euros or thousands?


def bedrag_parsen(waarde: str) -> int:
    """Parse a euro amount (`1.234,56`, `€ 1.234,56`, `1234.56`, `1234`, `1.234,-`) to cents."""
    tekst = waarde.translate(_BEDRAG_WEG).lower()
    if len(tekst) > 30:
        raise Veldfout("bedrag_ongeldig", "Bedrag is geen geldig bedrag in euro's (te lang).")
    if tekst.startswith("eur"):
        tekst = tekst[4:] if tekst.startswith("euro") else tekst[3:]
    elif tekst.endswith("eur"):
        tekst = tekst[:-3]
    elif tekst.endswith("euro"):
        tekst = tekst[:-4]
    if tekst.endswith((",-", ",--", ".-", ".--")):
        tekst = tekst.rstrip("-")[:-1]
    if tekst.startswith(("-", "\u2212", "(")) or tekst.endswith("-"):
        raise Veldfout(
            "bedrag_negatief",
            f"Bedrag '{echo(waarde)}' is negatief; lever alleen openstaande achterstanden aan.",
        )
    if tekst.startswith("+"):
        tekst = tekst[1:]
    if _BEDRAG_GEHEEL.fullmatch(tekst):
        euros, centen = tekst, ""
    elif m := _BEDRAG_DECIMAAL.fullmatch(tekst):
        euros, centen = m.group(1), m.group(2)
    elif m := _BEDRAG_NL.fullmatch(tekst):
        euros, centen = m.group(1).replace(".", ""), m.group(2) or ""
    elif (m := _BEDRAG_EN.fullmatch(tekst)) and not _BEDRAG_EN_DUBBELZINNIG.fullmatch(tekst):
        euros, centen = m.group(1).replace(",", ""), m.group(2) or ""
    else:
        raise Veldfout(
            "bedrag_ongeldig",
            f"Bedrag '{echo(waarde)}' is geen geldig bedrag in euro's "
            "(verwacht bijvoorbeeld 1234,56 of 1.234,56).",
        )
    bedrag = int(euros) * 100 + (int(centen.ljust(2, "0")) if centen else 0)
    if bedrag <= 0:
        raise Veldfout(
            "bedrag_ongeldig", "Bedrag is 0; lever alleen openstaande achterstanden aan."
        )
    if bedrag > MAX_BEDRAG_CENTEN:
        raise Veldfout("bedrag_ongeldig", f"Bedrag '{echo(waarde)}' is onwaarschijnlijk hoog.")
    return bedrag


# --- dates ---------------------------------------------------------------------------------

_TIJD = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?"
_DATUM_DMJ = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})" + _TIJD)
_DATUM_JMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIJD)
_DATUM_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DATUM_SERIEEL = re.compile(r"(\d{5})(?:[.,]\d+)?")
_DATUM_MAANDNAAM = re.compile(r"(\d{1,2})[ -]([a-z]+)\.?[ -](\d{4})" + _TIJD)
_MAANDEN = {
    naam: nummer
    for nummer, namen in enumerate(
        (
            ("januari", "jan"),
            ("februari", "feb"),
            ("maart", "mrt", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augustus", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for naam in namen
}


@lru_cache(maxsize=8192)
def datum_parsen(waarde: str) -> datetime.date:
    """Parse `31-03-2023`, `31/3/2023`, `31.03.2023`, `2023-03-31`, `20230331`, `31 maart 2023`,
    an Excel serial number (`45016`) or a date-time string (`2023-03-31 00:00:00`)."""
    try:
        if len(waarde) > 40:
            raise ValueError
        if m := _DATUM_DMJ.fullmatch(waarde):
            jaar, maand, dag = int(m.group(3)), int(m.group(2)), int(m.group(1))
        elif m := _DATUM_JMD.fullmatch(waarde) or _DATUM_COMPACT.fullmatch(waarde):
            jaar, maand, dag = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif m := _DATUM_SERIEEL.fullmatch(waarde):
            datum = EXCEL_EPOCH + datetime.timedelta(days=int(m.group(1)))
            if datum.year > JAAR_MAX:
                raise ValueError
            return datum
        elif (m := _DATUM_MAANDNAAM.fullmatch(waarde.lower())) and m.group(2) in _MAANDEN:
            jaar, maand, dag = int(m.group(3)), _MAANDEN[m.group(2)], int(m.group(1))
        else:
            raise ValueError
        if not JAAR_MIN <= jaar <= JAAR_MAX:
            raise ValueError
        return datetime.date(jaar, maand, dag)
    except ValueError:
        raise Veldfout(
            "datum_ongeldig",
            f"Datum '{echo(waarde)}' is geen geldige datum (verwacht: 31-03-2024 of 2024-03-31).",
        ) from None


# --- address -------------------------------------------------------------------------------

_POSTCODE = re.compile(r"([1-9]\d{3})\s*-?\s*([A-Za-z]{2})")
_POSTCODE_NIET_UITGEGEVEN = frozenset({"SA", "SD", "SS"})


def postcode_parsen(waarde: str) -> str:
    """`1234 ab` -> `1234AB`."""
    m = _POSTCODE.fullmatch(waarde) if len(waarde) <= 12 else None
    if m is None or m.group(2).upper() in _POSTCODE_NIET_UITGEGEVEN:
        raise Veldfout(
            "postcode_ongeldig",
            f"Postcode '{echo(waarde)}' is geen geldige Nederlandse postcode (verwacht: 1234 AB).",
        )
    return m.group(1) + m.group(2).upper()


class Huisnummer(NamedTuple):
    huisnummer: int
    huisletter: str
    toevoeging: str


# number, then an optional single letter (not followed by another letter), then an optional
# addition of letters/digits, separated by spaces, '-' or '/'. Spaces may occur inside the
# addition ("2 hg"); other separators may not, so an Excel date ("2024-02-12") is rejected.
_HUISNUMMER = re.compile(
    r"0*(\d{1,5})(?!\d)"
    r"(?:\s*[-/]?\s*([A-Za-z])(?![A-Za-z]))?"
    r"(?:\s*[-/]?\s*([A-Za-z0-9]+(?:\s+[A-Za-z0-9]+)*))?"
)
_SPATIES = re.compile(r"\s+")


def huisnummer_parsen(waarde: str) -> Huisnummer:
    """`12A`, `12 a`, `12-2`, `12 bis`, `12-II`, `12 A 3` -> (huisnummer, huisletter, toevoeging).

    Letter and addition are upper-cased. An addition longer than BAG allows is returned as is;
    the caller decides (see `rules`)."""
    m = _HUISNUMMER.fullmatch(waarde) if len(waarde) <= 24 and "t/m" not in waarde else None
    if m is None or not 0 < int(m.group(1)) <= MAX_HUISNUMMER:
        raise Veldfout(
            "huisnummer_ongeldig",
            f"Huisnummer '{echo(waarde)}' is ongeldig (verwacht bijvoorbeeld 12, 12A, 12-2 of "
            "12 A 3; huisletter en toevoeging mogen ook in eigen kolommen).",
        )
    toevoeging = m.group(3) or ""
    if toevoeging and not toevoeging.isalnum():
        toevoeging = _SPATIES.sub("", toevoeging)
    return Huisnummer(int(m.group(1)), (m.group(2) or "").upper(), toevoeging.upper())


# --- person --------------------------------------------------------------------------------

_BSN_WEG = str.maketrans("", "", " .-\u00a0")


def bsn_parsen(waarde: str) -> str:
    """A BSN of 9 digits (8 digits get the leading zero back that a spreadsheet dropped)."""
    cijfers = waarde.translate(_BSN_WEG)
    if not (cijfers.isdigit() and cijfers.isascii() and 8 <= len(cijfers) <= 9):
        raise Veldfout("bsn_ongeldig", "Het BSN bestaat niet uit 9 cijfers en is niet gebruikt.")
    cijfers = cijfers.zfill(9)
    if cijfers == "000000000" or not stdnum_bsn.is_valid(cijfers):
        raise Veldfout("bsn_elfproef", "Het BSN voldoet niet aan de elfproef en is niet gebruikt.")
    return cijfers


_TEL_WEG = str.maketrans("", "", " -.()\u00a0")
_TEL_NL = re.compile(r"(?:\+31|0031|0)([1-9]\d{8})")
# Geographic and mobile numbers always have 10 digits: shorter or longer ones are invalid
# (014 is left to phonenumbers: the municipal 14+area numbers are shorter).
_TEL_NL_ONGELDIG = re.compile(r"0(?:1[0-35-9]|[2-57])(?:\d{0,6}|\d{8,20})|06(?:\d{0,7}|\d{9,20})")
# phonenumbers takes ~70 µs a number; for the usual Dutch 10-digit numbers its own metadata
# patterns, compiled once, give the same answer in about 1 µs.
_NL = phonenumbers.PhoneMetadata.metadata_for_region("NL")
_NL_NUMMER = re.compile(
    "|".join(
        f"(?:{soort.national_number_pattern})"
        for soort in (
            _NL.fixed_line,
            _NL.mobile,
            _NL.toll_free,
            _NL.premium_rate,
            _NL.voip,
            _NL.pager,
            _NL.uan,
        )  # fmt: skip
        if soort is not None and soort.national_number_pattern
    )
)
_MEERDERE = re.compile(r"\s*(?:[/;,|]|\sof\s|\sen\s)\s*")


def _telefoon_e164(waarde: str) -> str | None:
    try:
        nummer = phonenumbers.parse(waarde, "NL")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(nummer):
        return None
    return phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.E164)


def telefoonnummer_parsen(waarde: str) -> tuple[str, bool]:
    """(E.164 number, True) for a valid number; (the value as delivered, False) otherwise.

    A cell holding two numbers ("06-12345678 / 020-1234567") yields the first valid one."""
    if len(waarde) > 60:
        return waarde, False
    kaal = waarde.replace("(0)", "").translate(_TEL_WEG)
    if m := _TEL_NL.fullmatch(kaal):
        if _NL_NUMMER.fullmatch(m.group(1)):
            return "+31" + m.group(1), True
    elif _TEL_NL_ONGELDIG.fullmatch(kaal):
        return waarde, False
    if e164 := _telefoon_e164(waarde):
        return e164, True
    delen = _MEERDERE.split(waarde)
    if len(delen) > 1:
        for deel in delen:
            if deel and (e164 := _telefoon_e164(deel)):
                return e164, True
    return waarde, False


_EMAIL = re.compile(r"[^\s@<>(),;:\"\[\]]+@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}")


def email_parsen(waarde: str) -> tuple[str, bool]:
    """(address with lower-cased domain, True) or (the value as delivered, False)."""
    if waarde.startswith("mailto:"):
        waarde = waarde[7:]
    if len(waarde) > 600:
        return waarde, False
    for kandidaat in _MEERDERE.split(waarde) if _MEERDERE.search(waarde) else (waarde,):
        if (
            len(kandidaat) <= 254
            and _EMAIL.fullmatch(kandidaat)
            and ".." not in kandidaat
            and not kandidaat.startswith(".")
            and ".@" not in kandidaat
        ):
            lokaal, _, domein = kandidaat.rpartition("@")
            return f"{lokaal}@{domein.lower()}", True
    return waarde, False


_KLINKERS = frozenset("aeiouy")
_VOORLETTER_SCHEIDING = re.compile(r"[.\s\-]+")


def _letters(woord: str) -> list[str]:
    """`jp` -> [J, P]; keeps the Dutch digraph IJ together."""
    uit, i = [], 0
    while i < len(woord):
        if woord[i : i + 2].upper() == "IJ":
            uit.append("IJ")
            i += 2
        else:
            uit.append(woord[i].upper())
            i += 1
    return uit


@lru_cache(maxsize=4096)
def voorletters_normaliseren(waarde: str) -> str:
    """`jp`, `J P`, `J.P`, `j. p.` -> `J.P.`; `Th.` and `IJ.` stay one initial."""
    uit: list[str] = []
    for deel in _VOORLETTER_SCHEIDING.split(waarde):
        if not deel:
            continue
        if len(deel) == 1 or deel.upper() == "IJ":
            uit.append(deel.upper())
        elif deel.isupper() or deel.islower():
            uit.extend(_letters(deel))
        elif len(deel) <= 3 and not _KLINKERS.intersection(deel[1:].lower()):
            uit.append(deel[0].upper() + deel[1:])  # Th, Chr, Ph
        else:
            uit.append("IJ" if deel[:2].upper() == "IJ" else deel[0].upper())  # a first name
    return ".".join(uit) + "." if uit else ""


def voorletters_uit_voornamen(voornamen: str) -> str:
    """`Jan Pieter` -> `J.P.`; `IJsbrand` -> `IJ.`."""
    uit = []
    for naam in _VOORLETTER_SCHEIDING.split(voornamen):
        if naam:
            uit.append("IJ" if naam[:2].upper() == "IJ" else naam[0].upper())
    return ".".join(uit) + "." if uit else ""


# Common Dutch (and neighbouring) surname prefixes, a subset of BRP table 36.
VOORVOEGSELS = frozenset(
    {
        "van", "de", "der", "den", "het", "'t", "te", "ten", "ter", "in", "op", "onder", "over",
        "uit", "uijt", "aan", "bij", "tot", "voor", "von", "vom", "zu", "zum", "la", "le", "les",
        "du", "des", "d'", "l'", "'s", "v.", "v.d.", "v.d", "vd", "v/d",
    }
)  # fmt: skip


@lru_cache(maxsize=4096)
def achternaam_splitsen(achternaam: str) -> tuple[str, str]:
    """Split a prefix off a surname: `de Vries` and `Vries, de` -> (`de`, `Vries`);
    `van 't Hof` -> (`van 't`, `Hof`). Prefixes are lower-cased as in the BRP."""
    if "," in achternaam:
        naam, _, rest = achternaam.rpartition(",")
        woorden = rest.split()
        if woorden and naam.strip() and all(w.lower() in VOORVOEGSELS for w in woorden):
            return " ".join(woorden).lower(), naam.strip()
        return "", achternaam
    woorden = achternaam.split()
    i = 0
    while i < len(woorden) - 1 and woorden[i].lower() in VOORVOEGSELS:
        i += 1
    if i == 0:
        return "", achternaam
    return " ".join(woorden[:i]).lower(), " ".join(woorden[i:])


# Legal persons: not followed up. Sole traders (eenmanszaak, VOF, CV, maatschap) are natural
# persons and must not match.
_RECHTSPERSOON = re.compile(
    r"(?<![\w.])(?:b\.?\s?v\.?|n\.?\s?v\.?|stichting|stg\.|vereniging|co[öo]peratie|coop\.|"
    r"u\.a\.|v\.?v\.?e\.?|besloten\s+vennootschap|naamloze\s+vennootschap|rechtspersoon|"
    r"onderlinge\s+waarborgmaatschappij|kerkgenootschap)(?![\w])",
    re.IGNORECASE,
)


def rechtsvorm_vinden(*teksten: str) -> str | None:
    """The legal-person marker found in a name or legal-form cell (`B.V.`, `Stichting`), if any."""
    for tekst in teksten:
        if tekst and (m := _RECHTSPERSOON.search(tekst)):
            return m.group()
    return None


# --- small types ---------------------------------------------------------------------------

_JA = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x", "wel"})
_NEE = frozenset({"nee", "n", "no", "false", "onwaar", "0", "niet", "-"})


def ja_nee_parsen(waarde: str) -> bool:
    tekst = waarde.lower()
    if tekst in _JA:
        return True
    if tekst in _NEE:
        return False
    raise Veldfout(
        "ja_nee_ongeldig", f"Waarde '{echo(waarde)}' is geen ja of nee; behandeld als nee."
    )


def aantal_parsen(waarde: str) -> int:
    """A small non-negative whole number (number of unpaid terms)."""
    if waarde.isdigit() and waarde.isascii() and len(waarde) <= 4:
        return int(waarde)
    raise Veldfout("getal_ongeldig", f"Waarde '{echo(waarde)}' is geen geheel getal; genegeerd.")


def tekst_normaliseren(waarde: str) -> str:
    """NFC-normalise text so that `e` + combining accent and `é` compare equal."""
    return waarde if waarde.isascii() else unicodedata.normalize("NFC", waarde)


_GEMEENTECODE = re.compile(r"(?:GM)?(\d{1,4})")


def gemeentecode_parsen(waarde: str) -> str:
    """`GM0363`, `0363`, `363` -> `0363` (CBS municipality code)."""
    match = _GEMEENTECODE.fullmatch(waarde.strip().upper().replace(" ", ""))
    if not match:
        raise Veldfout(
            "gemeentecode_ongeldig",
            f"Gemeentecode '{echo(waarde)}' is geen CBS-gemeentecode (zoals GM0363); de "
            "postcode is gebruikt.",
        )
    return match.group(1).zfill(4)
