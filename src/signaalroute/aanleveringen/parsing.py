"""Reading a partner's delivery file (CSV or XLSX) into rows of text keyed by field names.

`bestand_lezen` checks the file as a whole (size, type, zip bomb, header, required columns)
and raises `BestandOnleesbaar` (a `ValidatieFout`) with a Dutch message when it cannot be used.
`Bestandlezer.rijen()` then streams `(rijnummer, {veld: tekst})` pairs: memory stays flat for
CSV; for XLSX calamine holds the sheet (bounded by the zip checks) and rows are converted one
at a time. Row numbers are what a spreadsheet shows (the header is usually row 1).
Nothing is dropped silently: fully empty rows are counted in `overgeslagen_leeg`, rows above
the header in `overgeslagen_voor_kopregel`; every other row is yielded.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import html
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import python_calamine

from signaalroute.core.exceptions import ValidatieFout

from .rules import REASON_CODES
from .velden import (
    ALIASSEN,
    API_VELDNAMEN,
    EXTRA_VELDEN,
    INVOERVELDEN,
    VERPLICHTE_VELDEN,
    bedragcel_als_tekst,
    cel_als_tekst,
    echo,
    kolomnaam_normaliseren,
)


@dataclass(frozen=True, slots=True)
class Leeslimieten:
    max_bytes: int = 50 * 1024 * 1024
    max_rijen: int = 250_000
    max_uitgepakt: int = 512 * 1024 * 1024  # XLSX: all zip members together, uncompressed
    max_compressieverhouding: int = 250  # XLSX: per member, for members over 1 MB
    max_zipleden: int = 1_000
    max_cellen: int = 6_000_000  # XLSX: first to last filled cell; calamine holds them all
    kopregel_zoeken_in: int = 10  # the header may follow a few title rows
    verplichte_velden: tuple[str, ...] = VERPLICHTE_VELDEN  # columns a file must have


STANDAARD_LIMIETEN = Leeslimieten()


class BestandOnleesbaar(ValidatieFout):
    """The file as a whole cannot be read; `reden` (and `code`) is a key of REASON_CODES."""

    def __init__(self, reden: str, bericht: str, *, invalid_params: list[dict] | None = None):
        assert reden in REASON_CODES, reden
        self.reden = self.code = reden
        super().__init__(
            bericht,
            invalid_params=invalid_params
            or [{"name": "bestand", "code": reden, "reason": bericht}],
        )


# Several columns may feed these; the first non-empty one wins.
MEERDERE_KOLOMMEN_TOEGESTAAN = frozenset({"telefoonnummer", "email"})
BEDRAGVELDEN = frozenset({"bedrag", "termijnbedrag"})


def json_signaal_omzetten(signaal: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A JSON signal (camelCase keys) as a row for `rules.rij_valideren`, plus unknown keys."""
    rij, onbekend = {}, []
    for sleutel, waarde in signaal.items():
        if veld := API_VELDNAMEN.get(sleutel):
            rij[veld] = waarde
        else:
            onbekend.append(sleutel)
    return rij, onbekend


@dataclass(slots=True)
class _Kolomindeling:
    kolommen: dict[str, str]  # header as delivered -> field
    velden: dict[str, list[int]]  # field -> column indexes
    genegeerd: list[str]


def _kolommen_indelen(
    kopregel: list[str], aliassen: Mapping[str, str | None]
) -> tuple[_Kolomindeling, int]:
    kolommen, velden, genegeerd = {}, {}, []
    for index, naam in enumerate(kopregel):
        sleutel = kolomnaam_normaliseren(naam)
        if not sleutel:
            continue
        veld = aliassen[sleutel] if sleutel in aliassen else ALIASSEN.get(sleutel)
        if veld is None:
            genegeerd.append(naam)
            continue
        kolommen[naam] = veld
        velden.setdefault(veld, []).append(index)
    return _Kolomindeling(kolommen, velden, genegeerd), len(velden)


def _profiel_normaliseren(profiel: Mapping[str, str | None] | None) -> dict[str, str | None]:
    """A partner's mapping profile (column name -> field, or None to ignore the column)."""
    uit: dict[str, str | None] = {}
    for naam, veld in (profiel or {}).items():
        if veld is not None and veld not in INVOERVELDEN:
            raise ValueError(f"Profiel verwijst naar onbekend veld {veld!r}")
        uit[kolomnaam_normaliseren(naam)] = veld
    return uit


def _kolommen_controleren(
    indeling: _Kolomindeling, aantal_herkend: int, verplicht: tuple[str, ...]
) -> None:
    if aantal_herkend == 0:
        raise BestandOnleesbaar(
            "kopregel_ontbreekt",
            "Er is geen kopregel met bekende kolomnamen gevonden. De eerste regel moet de "
            "kolomnamen bevatten, zoals achternaam;postcode;huisnummer;bedrag;ontstaansdatum.",
        )
    dubbel = [
        veld
        for veld, indexen in indeling.velden.items()
        if len(indexen) > 1 and veld not in MEERDERE_KOLOMMEN_TOEGESTAAN
    ]
    if dubbel:
        namen = {
            veld: [naam for naam, v in indeling.kolommen.items() if v == veld] for veld in dubbel
        }
        raise BestandOnleesbaar(
            "dubbele_kolom",
            "Meerdere kolommen hebben dezelfde betekenis: "
            + "; ".join(f"{', '.join(map(echo, n))} ({veld})" for veld, n in namen.items())
            + ". Laat er één over of vraag de gemeente om een kolomprofiel.",
            invalid_params=[
                {"name": veld, "code": "dubbele_kolom", "reason": ", ".join(map(echo, n))}
                for veld, n in namen.items()
            ],
        )
    ontbrekend = [veld for veld in verplicht if veld not in indeling.velden]
    if ontbrekend:
        bericht = "Verplichte kolommen ontbreken: " + ", ".join(ontbrekend) + "."
        if indeling.genegeerd and aantal_herkend >= 2:  # else it may be a data row: no echo
            bericht += " Niet herkende kolommen: " + ", ".join(
                echo(naam, 30) for naam in indeling.genegeerd[:20]
            )
            bericht += "."
        raise BestandOnleesbaar(
            "verplichte_kolom_ontbreekt",
            bericht,
            invalid_params=[
                {
                    "name": veld,
                    "code": "verplichte_kolom_ontbreekt",
                    "reason": f"Kolom {veld} ontbreekt.",
                }
                for veld in ontbrekend
            ],
        )


def _kopregel_kiezen(
    rijen: list[list[str]], aliassen: Mapping[str, str | None]
) -> tuple[int, _Kolomindeling, int]:
    """The first row with the most recognised column names is the header."""
    beste: tuple[int, _Kolomindeling, int] | None = None
    for index, rij in enumerate(rijen):
        indeling, herkend = _kolommen_indelen(rij, aliassen)
        if beste is None or herkend > beste[2]:
            beste = (index, indeling, herkend)
    if beste is None:
        raise BestandOnleesbaar("bestand_leeg", "Het bestand bevat geen gegevens.")
    return beste


# --- the reader ----------------------------------------------------------------------------

Celomzetter = Callable[[Any], str]


@dataclass(eq=False)
class Bestandlezer:
    """An opened delivery file; call `rijen()` once to stream its rows."""

    formaat: str  # "csv" or "xlsx"
    kolommen: dict[str, str]  # column name as delivered -> field
    genegeerde_kolommen: list[str]
    kopregelnummer: int
    tekenset: str = ""
    scheidingsteken: str = ""
    werkblad: str = ""
    aantal_rijen: int = 0
    overgeslagen_leeg: int = 0
    overgeslagen_voor_kopregel: int = 0
    _ruwe_rijen: Iterator[list[Any]] | None = field(default=None, repr=False)
    _velden: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _omzetters: dict[str, Celomzetter] = field(default_factory=dict, repr=False)
    _max_rijen: int = field(default=0, repr=False)
    _kopbreedte: int = field(default=0, repr=False)
    _extra_velden_melden: bool = field(default=False, repr=False)

    def rijen(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield `(rijnummer, {veld: tekst})` for every non-empty row below the header.

        Fields whose column is absent are absent from the dict; empty cells are "". May raise
        `BestandOnleesbaar` midway (too many rows, a CSV quoting error): treat the whole
        delivery as failed then."""
        if self._ruwe_rijen is None:
            raise RuntimeError("rijen() kan maar één keer worden gelezen")
        ruwe_rijen, self._ruwe_rijen = self._ruwe_rijen, None
        omzetters = self._omzetters
        enkel = [
            (veld, idx[0], omzetters.get(veld, cel_als_tekst))
            for veld, idx in self._velden.items()
            if len(idx) == 1
        ]
        meervoudig = [
            (veld, idx, omzetters.get(veld, cel_als_tekst))
            for veld, idx in self._velden.items()
            if len(idx) > 1
        ]
        breedte = max((i for idx in self._velden.values() for i in idx), default=-1) + 1
        kopbreedte = self._kopbreedte
        is_leeg = _csv_rij_is_leeg if self.formaat == "csv" else _rij_is_leeg
        rijnummer = self.kopregelnummer
        try:
            for cellen in ruwe_rijen:
                rijnummer += 1
                if is_leeg(cellen):
                    self.overgeslagen_leeg += 1
                    continue
                self.aantal_rijen += 1
                if self.aantal_rijen > self._max_rijen:
                    raise BestandOnleesbaar(
                        "te_veel_rijen",
                        f"Het bestand heeft meer dan {self._max_rijen} regels; "
                        "lever het in delen aan.",
                    )
                if len(cellen) < breedte:
                    cellen = [*cellen, *[""] * (breedte - len(cellen))]
                rij = {veld: omzetter(cellen[i]) for veld, i, omzetter in enkel}
                for veld, indexen, omzetter in meervoudig:
                    rij[veld] = next((w for w in (omzetter(cellen[i]) for i in indexen) if w), "")
                if (
                    self._extra_velden_melden
                    and len(cellen) > kopbreedte
                    and (extra := sum(1 for c in cellen[kopbreedte:] if c.strip()))
                ):
                    rij[EXTRA_VELDEN] = str(extra)
                yield rijnummer, rij
        finally:
            ruwe_rijen.close()  # type: ignore[attr-defined]


def _csv_rij_is_leeg(cellen: list[str]) -> bool:
    return not "".join(cellen).strip()


def _rij_is_leeg(cellen: list[Any]) -> bool:
    return not any(c.strip() if c.__class__ is str else c is not None for c in cellen)


def bestand_lezen(
    inhoud: bytes | bytearray | memoryview | BinaryIO,
    *,
    profiel: Mapping[str, str | None] | None = None,
    limieten: Leeslimieten = STANDAARD_LIMIETEN,
) -> Bestandlezer:
    """Open a delivery file (CSV or XLSX, recognised by its content) and find its header.

    `profiel` maps a partner's own column names to fields (None: ignore the column); it wins
    over the standard names. Raises `BestandOnleesbaar` when the file cannot be used."""
    aliassen = _profiel_normaliseren(profiel)
    stroom = io.BytesIO(inhoud) if isinstance(inhoud, bytes | bytearray | memoryview) else inhoud
    stroom.seek(0, io.SEEK_END)
    grootte = stroom.tell()
    stroom.seek(0)
    if grootte == 0:
        raise BestandOnleesbaar("bestand_leeg", "Het bestand is leeg.")
    if grootte > limieten.max_bytes:
        raise BestandOnleesbaar(
            "bestand_te_groot",
            f"Het bestand is {grootte // (1024 * 1024)} MB; het maximum is "
            f"{limieten.max_bytes // (1024 * 1024)} MB. Lever het in delen aan.",
        )
    begin = stroom.read(8)
    stroom.seek(0)
    if begin.startswith(b"PK\x03\x04"):
        return _xlsx_openen(stroom, aliassen, limieten)
    if begin.startswith(b"\xd0\xcf\x11\xe0"):
        raise BestandOnleesbaar(
            "bestandstype_niet_ondersteund",
            "Dit is een oud Excelbestand (.xls) of een met een wachtwoord beveiligd bestand. "
            "Sla het op als .xlsx zonder wachtwoord, of als CSV (UTF-8).",
        )
    if begin.startswith((b"%PDF", b"\x1f\x8b", b"PK")):
        raise BestandOnleesbaar(
            "bestandstype_niet_ondersteund",
            "Dit bestandstype wordt niet ondersteund; lever CSV (UTF-8) of XLSX aan.",
        )
    return _csv_openen(stroom, aliassen, limieten)


# --- CSV -----------------------------------------------------------------------------------

SCHEIDINGSTEKENS = (";", ",", "\t", "|")
_PROEF_BYTES = 64 * 1024
_BLOK = 1024 * 1024


def _tekenset_bepalen(stroom: BinaryIO) -> str:
    """UTF-8 (with or without BOM) if the whole file is valid UTF-8, else Windows-1252."""
    begin = stroom.read(4)
    stroom.seek(0)
    if begin.startswith(codecs.BOM_UTF8):
        tekenset = "utf-8-sig"
    elif begin.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    else:
        tekenset = "utf-8"
    decoder = codecs.getincrementaldecoder(tekenset)()
    try:
        while blok := stroom.read(_BLOK):
            decoder.decode(blok)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        tekenset = "cp1252"
    finally:
        stroom.seek(0)
    return tekenset


def _is_tekst(proef: str) -> bool:
    """Text has (almost) no control characters; binary data has many (and NUL bytes)."""
    stuur = sum(1 for t in proef if t < " " and t not in "\t\r\n\f")
    return stuur <= max(8, len(proef) // 50)


def _csv_rijen(tekst: io.TextIOBase, scheidingsteken: str) -> Iterator[list[str]]:
    lezer = csv.reader(tekst, delimiter=scheidingsteken, strict=True)
    rijnummer = 0
    try:
        for rijnummer, rij in enumerate(lezer, start=1):  # noqa: B007
            yield rij
    except csv.Error as fout:
        raise BestandOnleesbaar(
            "csv_opmaak_ongeldig",
            f"Het CSV-bestand heeft een opmaakfout na regel {rijnummer}: waarschijnlijk een "
            'aanhalingsteken (") dat niet wordt afgesloten, of een veld dat te groot is.',
        ) from fout


def _csv_openen(
    stroom: BinaryIO, aliassen: Mapping[str, str | None], limieten: Leeslimieten
) -> Bestandlezer:
    tekenset = _tekenset_bepalen(stroom)
    proef = stroom.read(_PROEF_BYTES).decode(tekenset, errors="replace")
    stroom.seek(0)
    if not _is_tekst(proef):
        raise BestandOnleesbaar(
            "bestand_onleesbaar",
            "Het bestand is geen tekstbestand (CSV) en geen Excelbestand (XLSX).",
        )
    if not proef.strip():
        raise BestandOnleesbaar("bestand_leeg", "Het bestand bevat geen gegevens.")

    # "sep=;" is how Excel records the delimiter in a first line.
    eerste_regel = (proef.lstrip("\ufeff").splitlines() or [""])[0].strip()
    kandidaten = SCHEIDINGSTEKENS
    overslaan = 0
    if eerste_regel.lower().startswith("sep=") and len(eerste_regel) == 5:
        kandidaten, overslaan = (eerste_regel[4],), 1
    beste = None
    for teken in kandidaten:
        proefrijen: list[list[str]] = []
        # newline="": also classic Mac files, whose lines end in a bare CR
        lezer = csv.reader(io.StringIO(proef, newline=""), delimiter=teken)
        try:
            for rij in lezer:
                proefrijen.append(rij)
                if len(proefrijen) >= overslaan + limieten.kopregel_zoeken_in:
                    break
        except csv.Error:
            pass  # the sample may end inside a quoted field
        kandidaat = _kopregel_kiezen(proefrijen[overslaan:] or [[]], aliassen)
        if beste is None or kandidaat[2] > beste[1][2]:
            beste = (teken, kandidaat, proefrijen)
    assert beste is not None
    scheidingsteken, (kopindex, indeling, herkend), proefrijen = beste
    _kolommen_controleren(indeling, herkend, limieten.verplichte_velden)
    kopindex += overslaan
    kopbreedte = len(proefrijen[kopindex])

    wikkel = io.TextIOWrapper(stroom, encoding=tekenset, errors="replace", newline="")

    def ruwe_rijen() -> Iterator[list[str]]:
        try:
            rijen = _csv_rijen(wikkel, scheidingsteken)
            for _ in range(kopindex + 1):
                next(rijen, None)
            yield from rijen
        finally:
            with contextlib.suppress(ValueError):
                wikkel.detach()  # do not close the caller's stream

    return Bestandlezer(
        formaat="csv",
        kolommen=indeling.kolommen,
        genegeerde_kolommen=indeling.genegeerd,
        kopregelnummer=kopindex + 1,
        tekenset=tekenset,
        scheidingsteken=scheidingsteken,
        overgeslagen_voor_kopregel=kopindex,
        _ruwe_rijen=ruwe_rijen(),
        _velden=indeling.velden,
        _omzetters={},
        _max_rijen=limieten.max_rijen,
        _kopbreedte=kopbreedte,
        _extra_velden_melden=True,
    )


# --- XLSX ----------------------------------------------------------------------------------

_ZIP_TE_GROOT = (
    "Het Excelbestand is uitgepakt te groot of verdacht sterk gecomprimeerd; "
    "lever het in delen of als CSV aan."
)


_BESCHADIGD = "Het Excelbestand is beschadigd en kan niet worden gelezen."


_WERKBLAD_TE_GROOT = (
    "Het werkblad is te groot: van de eerste tot de laatste gevulde cel zijn het meer dan {} "
    "cellen. Verwijder lege of opgemaakte cellen ver onder of naast de gegevens, of lever CSV aan."
)
_MAX_KOLOM, _MAX_RIJ = 16_384, 1_048_576  # Excel's own limits
# The start tag of a cell or row, with well-formed attributes ("a>b" may hold '>').
_TAG_BEGIN = re.compile(rb"<(?:[\w.-]+:)?(?:c|row)[\s/>]")
_TAG = re.compile(
    rb"<(?:[\w.-]+:)?(c|row)((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*(/?)>"
)
_ATTR_R = re.compile(rb"""\sr\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CELREF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


# The common case, as Excel, LibreOffice and the usual libraries write it: `<c r="A1" ...>`
# with the reference first. A part where every `<c` and every ` r="` is of that form is
# measured with one regex pass and a few counts; anything else goes tag by tag.
_CEL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^<>]*?(/?)>')


class _Bereik:
    """The bounding box of the filled cells of a worksheet, read from its XML without building
    it: calamine allocates that whole box at once, so one cell at XFD1048576 would otherwise ask
    for hundreds of gigabytes. Anything it cannot read counts as the whole sheet.

    Blocks are cut at the last '<' so that every tag is seen whole; a part with only ordinary
    cells is measured with a few regex passes, anything else tag by tag."""

    _MAX_TAG = 65_536

    def __init__(self) -> None:
        self.rij_min, self.rij_max = _MAX_RIJ, 0
        self.kol_min, self.kol_max = _MAX_KOLOM, 0
        self.huidige_rij = 0
        self.rest = b""

    def lezen(self, blok: bytes) -> None:
        data = self.rest + blok
        einde = data.rfind(b"<")
        if einde == -1:
            self.rest = b""
            return
        self.rest = data[einde : einde + self._MAX_TAG]  # no '<' follows: nothing is lost
        self._deel(data[:einde])

    def sluiten(self) -> None:
        self._deel(self.rest)
        self.rest = b""

    def _deel(self, data: bytes) -> None:
        cellen = _CEL.findall(data)
        if (
            len(cellen) != data.count(b"<c")  # also <cols>, <cfRule>: those parts go slowly
            or data.count(b' r="') != len(cellen) + data.count(b'<row r="')
            or b":c" in data  # a namespace prefix
        ):
            self._precies(data)
            return
        gevuld = [(kolom, rij) for kolom, rij, leeg in cellen if not leeg]
        if gevuld:
            rijen = [int(rij) for _, rij in gevuld]
            kolommen = [_kolom(k) for k in {k for k, _ in gevuld}]
            self._rij_kol(min(rijen), min(kolommen))
            self._rij_kol(max(rijen), max(kolommen))
        laatste = data.rfind(b"<row")
        if laatste != -1 and (m := _TAG.match(data, laatste)):
            r = _ATTR_R.search(m.group(2))
            waarde = (r.group(1) or r.group(2) or b"") if r else b""
            self.huidige_rij = int(waarde) if waarde.isdigit() and len(waarde) <= 7 else _MAX_RIJ

    def _precies(self, data: bytes) -> None:
        for begin in _TAG_BEGIN.finditer(data):
            m = _TAG.match(data, begin.start())
            if m is None:
                self._alles()  # a tag we cannot read
                continue
            if len(r_attrs := _ATTR_R.findall(m.group(2))) > 1:
                self._alles()  # two references in one tag: which one counts?
                continue
            r = r_attrs[0] if r_attrs else None
            waarde = html.unescape((r[0] or r[1]).decode("latin-1")) if r else ""
            if m.group(1) == b"row":
                if r is None:
                    self.huidige_rij += 1
                elif waarde.isdigit() and len(waarde) <= 7:
                    self.huidige_rij = int(waarde)
                else:
                    self._alles()
            elif m.group(3):
                continue  # <c .../>: an empty cell
            elif r is None:  # position implied by order: assume the widest row
                self._rij_kol(self.huidige_rij or _MAX_RIJ, 1)
                self._rij_kol(self.huidige_rij or _MAX_RIJ, _MAX_KOLOM)
            elif celref := _CELREF.fullmatch(waarde):
                self._rij_kol(int(celref.group(2)), _kolom(celref.group(1)))
            else:
                self._alles()

    def _rij_kol(self, rij: int, kolom: int) -> None:
        self.rij_min, self.rij_max = min(self.rij_min, rij), max(self.rij_max, rij)
        self.kol_min, self.kol_max = min(self.kol_min, kolom), max(self.kol_max, kolom)

    def _alles(self) -> None:
        self._rij_kol(1, 1)
        self._rij_kol(_MAX_RIJ, _MAX_KOLOM)

    @property
    def cellen(self) -> int:
        if self.rij_max == 0:
            return 0
        return (self.rij_max - self.rij_min + 1) * (self.kol_max - self.kol_min + 1)


def _kolom(letters: str | bytes) -> int:
    """`A` -> 1, `XFD` -> 16384."""
    nummer = 0
    for letter in letters.decode() if isinstance(letters, bytes) else letters:
        nummer = nummer * 26 + ord(letter) - 64
    return nummer


def zip_controleren(stroom: BinaryIO, limieten: Leeslimieten) -> set[str]:
    """Guard against zip bombs before calamine unpacks anything: check the declared sizes,
    then inflate every member once (discarding the output), count what really comes out and
    measure the cell range of every XML part. Returns the member names."""
    try:
        with zipfile.ZipFile(stroom) as archief:
            leden = archief.infolist()
        if len(leden) > limieten.max_zipleden:
            raise BestandOnleesbaar("bestand_uitgepakt_te_groot", _ZIP_TE_GROOT)
        if sum(lid.file_size for lid in leden) > limieten.max_uitgepakt:
            raise BestandOnleesbaar("bestand_uitgepakt_te_groot", _ZIP_TE_GROOT)
        totaal = 0
        for lid in leden:
            if lid.flag_bits & 0x1:
                raise BestandOnleesbaar(
                    "bestandstype_niet_ondersteund",
                    "Het Excelbestand is beveiligd met een wachtwoord; lever het zonder aan.",
                )
            verhouding = lid.file_size / max(lid.compress_size, 1)
            if lid.file_size > _BLOK and verhouding > limieten.max_compressieverhouding:
                raise BestandOnleesbaar("bestand_uitgepakt_te_groot", _ZIP_TE_GROOT)
            bereik = _Bereik() if lid.filename.lower().endswith(".xml") else None
            for blok in _lid_uitpakken(stroom, lid):
                totaal += len(blok)
                if totaal > limieten.max_uitgepakt:
                    raise BestandOnleesbaar("bestand_uitgepakt_te_groot", _ZIP_TE_GROOT)
                if bereik:
                    bereik.lezen(blok)
            if bereik:
                bereik.sluiten()
            if bereik and bereik.cellen > limieten.max_cellen:
                raise BestandOnleesbaar(
                    "werkblad_te_groot", _WERKBLAD_TE_GROOT.format(limieten.max_cellen)
                )
    except BestandOnleesbaar:
        raise
    except Exception as fout:  # zipfile raises many types for damaged archives
        raise BestandOnleesbaar("bestand_onleesbaar", _BESCHADIGD) from fout
    finally:
        stroom.seek(0)
    return {lid.filename for lid in leden}


def _lid_uitpakken(stroom: BinaryIO, lid: zipfile.ZipInfo) -> Iterator[bytes]:
    """The inflated content of one member in blocks of at most 1 MB, never more than its
    declared size (a zip may lie about it)."""
    stroom.seek(lid.header_offset)
    kop = stroom.read(30)
    if len(kop) < 30 or kop[:4] != b"PK\x03\x04":
        raise BestandOnleesbaar("bestand_onleesbaar", _BESCHADIGD)
    naamlengte, extralengte = struct.unpack("<HH", kop[26:30])
    stroom.seek(lid.header_offset + 30 + naamlengte + extralengte)
    if lid.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise BestandOnleesbaar("bestand_onleesbaar", _BESCHADIGD)
    uitpakker = zlib.decompressobj(-zlib.MAX_WBITS)
    over, uit = lid.compress_size, 0
    while over > 0:
        blok = stroom.read(min(over, 64 * 1024))
        if not blok:
            raise BestandOnleesbaar("bestand_onleesbaar", _BESCHADIGD)
        over -= len(blok)
        if lid.compress_type == zipfile.ZIP_STORED:
            uit += len(blok)
            yield blok
            continue
        while blok:
            uitgepakt = uitpakker.decompress(blok, _BLOK)
            uit += len(uitgepakt)
            if uit > lid.file_size:
                raise BestandOnleesbaar("bestand_uitgepakt_te_groot", _ZIP_TE_GROOT)
            yield uitgepakt
            blok = uitpakker.unconsumed_tail


def _xlsx_openen(
    stroom: BinaryIO, aliassen: Mapping[str, str | None], limieten: Leeslimieten
) -> Bestandlezer:
    if "xl/workbook.xml" not in zip_controleren(stroom, limieten):
        raise BestandOnleesbaar(
            "bestandstype_niet_ondersteund",
            "Dit zipbestand is geen Excelbestand (XLSX); lever CSV (UTF-8) of XLSX aan.",
        )
    try:
        werkmap = python_calamine.CalamineWorkbook.from_filelike(stroom)
        metadata = werkmap.sheets_metadata
        index = next(
            (
                i
                for i, blad in enumerate(metadata)
                if blad.typ == python_calamine.SheetTypeEnum.WorkSheet
                and blad.visible == python_calamine.SheetVisibleEnum.Visible
            ),
            0,
        )
        if not metadata:
            raise BestandOnleesbaar("bestand_leeg", "Het Excelbestand heeft geen werkblad.")
        blad = werkmap.get_sheet_by_index(index)
        einde = blad.end
        rij_iterator = iter(blad.iter_rows())
        kop_ruw: list[list[Any]] = []
        for rij in rij_iterator:
            kop_ruw.append(rij)
            if len(kop_ruw) >= limieten.kopregel_zoeken_in + (blad.start or (0, 0))[0]:
                break
    except python_calamine.PasswordError as fout:
        raise BestandOnleesbaar(
            "bestandstype_niet_ondersteund",
            "Het Excelbestand is beveiligd met een wachtwoord; lever het zonder aan.",
        ) from fout
    except BestandOnleesbaar:
        raise
    except BaseException as fout:  # calamine errors, and pyo3 panics (BaseException)
        if isinstance(fout, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise BestandOnleesbaar("bestand_onleesbaar", _BESCHADIGD) from fout
    kop_kandidaten = [[cel_als_tekst(c) for c in rij] for rij in kop_ruw]
    if einde is None or not any(any(rij) for rij in kop_kandidaten):
        raise BestandOnleesbaar("bestand_leeg", "Het Excelbestand bevat geen gegevens.")
    # calamine starts at sheet row 1; skip leading empty rows before looking for the header.
    eerste = next(i for i, rij in enumerate(kop_kandidaten) if any(rij))
    kopindex, indeling, herkend = _kopregel_kiezen(kop_kandidaten[eerste:], aliassen)
    kopindex += eerste
    _kolommen_controleren(indeling, herkend, limieten.verplichte_velden)
    if einde[0] - kopindex > limieten.max_rijen:
        raise BestandOnleesbaar(
            "te_veel_rijen",
            f"Het bestand heeft meer dan {limieten.max_rijen} regels; lever het in delen aan.",
        )

    def ruwe_rijen() -> Iterator[list[Any]]:
        yield from kop_ruw[kopindex + 1 :]
        try:
            yield from rij_iterator
        except BaseException as fout:
            if isinstance(fout, KeyboardInterrupt | SystemExit | MemoryError | GeneratorExit):
                raise
            raise BestandOnleesbaar("bestand_onleesbaar", _BESCHADIGD) from fout

    omzetters = dict.fromkeys(BEDRAGVELDEN, bedragcel_als_tekst)
    return Bestandlezer(
        formaat="xlsx",
        kolommen=indeling.kolommen,
        genegeerde_kolommen=indeling.genegeerd,
        kopregelnummer=kopindex + 1,
        werkblad=metadata[index].name,
        overgeslagen_voor_kopregel=kopindex,
        _ruwe_rijen=ruwe_rijen(),
        _velden=indeling.velden,
        _omzetters=omzetters,
        _max_rijen=limieten.max_rijen,
        _kopbreedte=len(kop_ruw[kopindex]),
    )
