"""Tabular exports (CSV and XLSX) that are safe to open in a spreadsheet.

Cells that a spreadsheet would read as a formula (starting with =, +, -, @, tab or CR) get a
leading apostrophe in CSV and are always written as text in XLSX: no CSV/formula injection.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter
from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def veilige_cel(waarde: Any) -> str:
    tekst = "" if waarde is None else str(waarde)
    return f"'{tekst}" if tekst.startswith(FORMULA_START) else tekst


def csv_bytes(kolommen: Sequence[str], rijen: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([veilige_cel(k) for k in kolommen])
    for rij in rijen:
        writer.writerow([veilige_cel(w) for w in rij])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def xlsx_bytes(kolommen: Sequence[str], rijen: Iterable[Sequence[Any]], *, blad: str) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = workbook.add_worksheet(blad[:31])
    vet = workbook.add_format({"bold": True})
    for kolom, naam in enumerate(kolommen):
        sheet.write_string(0, kolom, naam, vet)
    for regel, rij in enumerate(rijen, start=1):
        for kolom, waarde in enumerate(rij):
            if isinstance(waarde, int | float) and not isinstance(waarde, bool):
                sheet.write_number(regel, kolom, waarde)
            else:
                sheet.write_string(regel, kolom, "" if waarde is None else str(waarde))
    sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


def download(inhoud: bytes, *, bestandsnaam: str, formaat: str) -> HttpResponse:
    content_type = XLSX_MIME if formaat == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response
