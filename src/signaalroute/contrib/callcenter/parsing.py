"""Reading a callcenter's results file (CSV or XLSX) into rows of text keyed by field names.

The file as a whole is checked first (size, type, zip bomb, header, required columns) and
refused with a Dutch `ValidatieFout`; then every non-empty row below the header is returned
with its spreadsheet row number. XLSX files pass the intake's zip checks before calamine
unpacks anything.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import python_calamine

from signaalroute.aanleveringen.parsing import STANDAARD_LIMIETEN, zip_controleren
from signaalroute.aanleveringen.velden import cel_als_tekst, echo, kolomnaam_normaliseren
from signaalroute.core.exceptions import ValidatieFout

from .rules import KOLOMNAMEN, VERPLICHTE_KOLOMMEN

MAX_BYTES = 10 * 1024 * 1024
MAX_RIJEN = 50_000
KOPREGEL_ZOEKEN_IN = 10
SCHEIDINGSTEKENS = (";", ",", "\t")

ALIASSEN: dict[str, str] = {
    kolomnaam_normaliseren(naam): veld
    for veld, namen in KOLOMNAMEN.items()
    for naam in (veld, *namen)
}


@dataclass
class Resultaatbestand:
    formaat: str
    rijen: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    genegeerde_kolommen: list[str] = field(default_factory=list)


def _cel(waarde: Any) -> str:
    """A cell as text. A time cell becomes `HH:MM`; a leading apostrophe (how a spreadsheet,
    and our own call list, marks text that looks like a formula) is dropped."""
    if isinstance(waarde, dt.time):
        return waarde.strftime("%H:%M")
    if isinstance(waarde, dt.timedelta):  # a duration-formatted cell
        minuten = int(waarde.total_seconds() // 60)
        return f"{minuten // 60:02d}:{minuten % 60:02d}"
    tekst = cel_als_tekst(waarde)
    return tekst[1:].strip() if tekst.startswith("'") else tekst


def _kopregel(rijen: list[list[str]]) -> tuple[int, dict[str, int], list[str]]:
    """(index of the header row, field -> column, ignored column names): the first of the
    first rows with the most recognised column names."""
    beste: tuple[int, dict[str, int], list[str]] = (-1, {}, [])
    for index, rij in enumerate(rijen):
        velden: dict[str, int] = {}
        genegeerd: list[str] = []
        for kolom, naam in enumerate(rij):
            veld = ALIASSEN.get(kolomnaam_normaliseren(naam))
            if veld is None:
                if naam.strip():
                    genegeerd.append(naam)
            elif veld in velden:
                raise ValidatieFout(
                    f"De kolom '{echo(naam, 30)}' komt twee keer voor (als {veld}); "
                    "laat er één over."
                )
            else:
                velden[veld] = kolom
        if len(velden) > len(beste[1]):
            beste = (index, velden, genegeerd)
    if not beste[1]:
        raise ValidatieFout(
            "Er is geen kopregel met bekende kolomnamen gevonden. De eerste regel moet de "
            "kolomnamen bevatten: referentie;datum;tijd;bereikt;gevonden_telefoonnummer;notitie."
        )
    ontbrekend = [veld for veld in VERPLICHTE_KOLOMMEN if veld not in beste[1]]
    if ontbrekend:
        raise ValidatieFout("Verplichte kolommen ontbreken: " + ", ".join(ontbrekend) + ".")
    return beste


def _rijen_indelen(formaat: str, ruw: Iterable[list[Any]]) -> Resultaatbestand:
    ruw = iter(ruw)
    begin: list[list[str]] = []
    for cellen in ruw:
        begin.append([_cel(c) for c in cellen])
        if len(begin) >= KOPREGEL_ZOEKEN_IN:
            break
    if not any(any(rij) for rij in begin):
        raise ValidatieFout("Het bestand bevat geen gegevens.")
    kopindex, velden, genegeerd = _kopregel(begin)
    bestand = Resultaatbestand(formaat=formaat, genegeerde_kolommen=genegeerd)

    def alle() -> Iterable[list[str]]:
        yield from begin[kopindex + 1 :]
        for cellen in ruw:
            yield [_cel(c) for c in cellen]

    for rijnummer, cellen in enumerate(alle(), start=kopindex + 2):
        if not any(cellen):
            continue  # a fully empty row: nothing to report
        if len(bestand.rijen) >= MAX_RIJEN:
            raise ValidatieFout(
                f"Het bestand heeft meer dan {MAX_RIJEN} regels; lees het in delen in."
            )
        bestand.rijen.append(
            (
                rijnummer,
                {veld: cellen[k] if k < len(cellen) else "" for veld, k in velden.items()},
            )
        )
    return bestand


def _csv_lezen(inhoud: bytes) -> Resultaatbestand:
    if inhoud.startswith(codecs.BOM_UTF8):
        tekst = inhoud[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    else:
        try:
            tekst = inhoud.decode("utf-8")
        except UnicodeDecodeError:
            tekst = inhoud.decode("cp1252", errors="replace")
    if "\x00" in tekst[:4096]:
        raise ValidatieFout("Het bestand is geen tekstbestand (CSV) en geen Excelbestand (XLSX).")
    regels = tekst.splitlines()
    if regels and regels[0].strip().lower().startswith("sep=") and len(regels[0].strip()) == 5:
        scheidingstekens: tuple[str, ...] = (regels[0].strip()[4],)
        tekst = tekst.split("\n", 1)[1] if "\n" in tekst else ""
    else:
        scheidingstekens = SCHEIDINGSTEKENS
    proef = "\n".join(tekst.splitlines()[:KOPREGEL_ZOEKEN_IN])
    scheidingsteken = max(
        scheidingstekens,
        key=lambda t: max(
            (
                sum(1 for naam in rij if kolomnaam_normaliseren(naam) in ALIASSEN)
                for rij in csv.reader(io.StringIO(proef), delimiter=t)
            ),
            default=0,
        ),
    )
    try:
        return _rijen_indelen("csv", csv.reader(io.StringIO(tekst), delimiter=scheidingsteken))
    except csv.Error as fout:
        raise ValidatieFout(
            'Het CSV-bestand heeft een opmaakfout: waarschijnlijk een aanhalingsteken (") dat '
            "niet wordt afgesloten."
        ) from fout


def _xlsx_lezen(inhoud: bytes) -> Resultaatbestand:
    stroom = io.BytesIO(inhoud)
    if "xl/workbook.xml" not in zip_controleren(stroom, STANDAARD_LIMIETEN):
        raise ValidatieFout("Dit zipbestand is geen Excelbestand; lever CSV of XLSX aan.")
    try:
        werkmap = python_calamine.CalamineWorkbook.from_filelike(stroom)
        zichtbaar = [
            i
            for i, blad in enumerate(werkmap.sheets_metadata)
            if blad.typ == python_calamine.SheetTypeEnum.WorkSheet
            and blad.visible == python_calamine.SheetVisibleEnum.Visible
        ]
        if not werkmap.sheets_metadata:
            raise ValidatieFout("Het Excelbestand heeft geen werkblad.")
        blad = werkmap.get_sheet_by_index(zichtbaar[0] if zichtbaar else 0)
        return _rijen_indelen("xlsx", blad.iter_rows())
    except ValidatieFout:
        raise
    except python_calamine.PasswordError as fout:
        raise ValidatieFout(
            "Het Excelbestand is beveiligd met een wachtwoord; lever het zonder aan."
        ) from fout
    except Exception as fout:  # calamine raises several types for damaged files
        raise ValidatieFout("Het Excelbestand is beschadigd en kan niet worden gelezen.") from fout


def resultaatbestand_lezen(inhoud: bytes) -> Resultaatbestand:
    """Read a results file (CSV or XLSX, recognised by its content), or `ValidatieFout` with
    a Dutch message saying why the file as a whole cannot be used."""
    if not inhoud:
        raise ValidatieFout("Het bestand is leeg.")
    if len(inhoud) > MAX_BYTES:
        raise ValidatieFout(
            f"Het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB; lees het in delen in."
        )
    if inhoud.startswith(b"PK\x03\x04"):
        return _xlsx_lezen(inhoud)
    if inhoud.startswith((b"\xd0\xcf\x11\xe0", b"%PDF", b"\x1f\x8b", b"PK")):
        raise ValidatieFout(
            "Dit bestandstype wordt niet ondersteund. Sla het op als .xlsx (zonder wachtwoord) "
            "of als CSV (UTF-8)."
        )
    return _csv_lezen(inhoud)
