"""Reading delivery files: CSV and XLSX, headers, limits, and files that cannot be read.

No database. XLSX files are written by a small helper (`xlsx`) with zipfile and XML strings,
because calamine only reads.
"""

import csv
import datetime
import io
import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signaalroute.aanleveringen.parsing import (
    Bestandlezer,
    BestandOnleesbaar,
    Leeslimieten,
    bestand_lezen,
    json_signaal_omzetten,
)
from signaalroute.aanleveringen.rules import ERNST, REASON_CODES, Ernst
from signaalroute.aanleveringen.velden import (
    ALIASSEN,
    EXTRA_VELDEN,
    INVOERVELDEN,
    KOLOMNAMEN,
    kolomnaam_normaliseren,
)
from signaalroute.core.exceptions import ValidatieFout

KOP = ["Achternaam", "Postcode", "Huisnummer", "Bedrag", "Ontstaansdatum"]
RIJ = ["Jansen", "1234 AB", "12", "1.234,56", "31-03-2024"]
VERWACHT = {
    "achternaam": "Jansen",
    "postcode": "1234 AB",
    "huisnummer": "12",
    "bedrag": "1.234,56",
    "ontstaansdatum": "31-03-2024",
}


def maak_csv(rijen, scheidingsteken=";", tekenset="utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=scheidingsteken, lineterminator="\r\n").writerows(rijen)
    return buffer.getvalue().encode(tekenset)


def lees(inhoud, **kwargs) -> tuple[Bestandlezer, list[tuple[int, dict]]]:
    lezer = bestand_lezen(inhoud, **kwargs)
    return lezer, list(lezer.rijen())


def fout(inhoud, **kwargs) -> BestandOnleesbaar:
    with pytest.raises(BestandOnleesbaar) as info:
        lees(inhoud, **kwargs)
    return info.value


# --- a minimal XLSX writer -------------------------------------------------------------------


def _kolom(index: int) -> str:
    naam, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        naam = chr(65 + rest) + naam
    return naam


def _cel(ref: str, waarde) -> str:
    if isinstance(waarde, bool):
        return f'<c r="{ref}" t="b"><v>{int(waarde)}</v></c>'
    if isinstance(waarde, int | float):
        return f'<c r="{ref}"><v>{waarde!r}</v></c>'
    if isinstance(waarde, datetime.datetime):
        dagen = (waarde - datetime.datetime(1899, 12, 30)).total_seconds() / 86400
        return f'<c r="{ref}" s="2"><v>{dagen!r}</v></c>'
    if isinstance(waarde, datetime.date):
        return f'<c r="{ref}" s="1"><v>{(waarde - datetime.date(1899, 12, 30)).days}</v></c>'
    tekst = escape(str(waarde))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{tekst}</t></is></c>'


def _blad(rijen, eerste_rij: int) -> str:
    xml = []
    for nummer, rij in enumerate(rijen, start=eerste_rij):
        cellen = "".join(
            _cel(f"{_kolom(i)}{nummer}", w) for i, w in enumerate(rij) if w not in (None, "")
        )
        xml.append(f'<row r="{nummer}">{cellen}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(xml)}</sheetData></worksheet>"
    )


def xlsx(rijen=None, *, eerste_rij=1, bladen=None) -> bytes:
    """An XLSX file; `bladen` = [(name, rows, state)] for several (hidden) sheets."""
    bladen = bladen or [("Signalen", rijen or [], "visible")]
    ns = "http://schemas.openxmlformats.org"
    soorten = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(bladen) + 1)
    )
    werkmap = "".join(
        f'<sheet name="{naam}" sheetId="{i}" state="{staat}" r:id="rId{i}"/>'
        for i, (naam, _, staat) in enumerate(bladen, start=1)
    )
    relaties = "".join(
        f'<Relationship Id="rId{i}" Type="{ns}/officeDocument/2006/relationships/worksheet" '
        f'Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(bladen) + 1)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application'
            '/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
            'PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
            f'officedocument.spreadsheetml.styles+xml"/>{soorten}</Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/'
            f'main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>{werkmap}</sheets>'
            "</workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/'
            f'relationships">{relaties}<Relationship Id="rIdS" Type="{ns}/officeDocument/2006/'
            'relationships/styles" Target="styles.xml"/></Relationships>',
        )
        z.writestr(
            "xl/styles.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{ns}/spreadsheetml/'
            '2006/main"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" '
            'applyNumberFormat="1"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs>'
            "</styleSheet>",
        )
        for i, (_, blad_rijen, _) in enumerate(bladen, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", _blad(blad_rijen, eerste_rij))
    return buffer.getvalue()


# --- CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheidingsteken", [";", ",", "\t", "|"])
def test_csv_delimiter_is_sniffed(scheidingsteken):
    lezer, rijen = lees(maak_csv([KOP, RIJ], scheidingsteken))
    assert lezer.formaat == "csv"
    assert lezer.scheidingsteken == scheidingsteken
    assert rijen == [(2, VERWACHT)]


@pytest.mark.parametrize(
    ("tekenset", "verwacht"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_csv_encodings_utf8_with_and_without_bom_windows_1252_and_utf16(tekenset, verwacht):
    inhoud = maak_csv([KOP, ["Çelik-Müller", "1234AB", "1", "€ 12", "2024-01-01"]], ";", tekenset)
    lezer, rijen = lees(inhoud)
    assert lezer.tekenset == verwacht
    assert rijen[0][1]["achternaam"] == "Çelik-Müller"
    assert rijen[0][1]["bedrag"] == "€ 12"
    assert "Achternaam" in lezer.kolommen  # no BOM glued to the first header


def test_csv_invalid_utf8_late_in_the_file_falls_back_to_windows_1252():
    regels = [KOP] + [RIJ] * 5000 + [["Hélène", "1234AB", "1", "1", "2024-01-01"]]
    inhoud = maak_csv(regels).replace("Hélène".encode(), "Hélène".encode("cp1252"))
    lezer, rijen = lees(inhoud)
    assert lezer.tekenset == "cp1252"
    assert rijen[-1][1]["achternaam"] == "Hélène"


def test_excel_sep_line_sets_the_delimiter_and_is_skipped():
    lezer, rijen = lees(b"sep=,\r\n" + maak_csv([KOP, RIJ], ","))
    assert lezer.scheidingsteken == ","
    assert lezer.kopregelnummer == 2
    assert rijen == [(3, VERWACHT)]


def test_title_rows_above_the_header_are_skipped_and_counted():
    inhoud = maak_csv([["Vroegsignalen maart 2024"], [], KOP, RIJ])
    lezer, rijen = lees(inhoud)
    assert lezer.kopregelnummer == 3
    assert lezer.overgeslagen_voor_kopregel == 2
    assert rijen == [(4, VERWACHT)]


def test_header_matching_ignores_case_spaces_underscores_and_accents():
    kop = ["ACHTER_NAAM", "post code", "Huisnr.", "Bedrag (€)", "Oudste vervaldatum", "E-mail"]
    lezer, rijen = lees(maak_csv([kop, [*RIJ, "a@b.nl"]]))
    assert set(lezer.kolommen.values()) == {*VERWACHT, "email"}
    assert rijen[0][1]["email"] == "a@b.nl"
    assert kolomnaam_normaliseren(" Tussen-voegsel ") == "tussenvoegsel"
    assert kolomnaam_normaliseren("Geboortedátum") == "geboortedatum"


def test_unknown_columns_are_ignored_and_listed_and_never_in_the_rows():
    lezer, rijen = lees(maak_csv([[*KOP, "Opmerking"], [*RIJ, "geheim"]]))
    assert lezer.genegeerde_kolommen == ["Opmerking"]
    assert rijen == [(2, VERWACHT)]


def test_partner_profile_maps_own_column_names_and_can_ignore_a_column():
    kop = ["Naam debiteur", "PC", "Huisnummer", "Saldo", "Datum 1e herinnering", "Bedrag"]
    profiel = {
        "Naam debiteur": "achternaam",
        "Saldo": "bedrag",
        "Datum 1e herinnering": "ontstaansdatum",
        "bedrag": None,  # the partner's "Bedrag" is the invoice total: ignore it
    }
    lezer, rijen = lees(
        maak_csv([kop, ["Jansen", "1234AB", "1", "99", "2024-01-01", "12"]]), profiel=profiel
    )
    assert rijen[0][1]["bedrag"] == "99"
    assert "Bedrag" in lezer.genegeerde_kolommen


def test_profile_with_an_unknown_field_is_a_configuration_error():
    with pytest.raises(ValueError, match="onbekend veld"):
        bestand_lezen(maak_csv([KOP, RIJ]), profiel={"x": "schoenmaat"})


def test_every_standard_column_name_maps_to_an_input_field_without_clashes():
    alle = [kolomnaam_normaliseren(n) for veld, namen in KOLOMNAMEN.items() for n in (veld, *namen)]
    assert len(alle) == len(set(alle)), "two fields share a column name"
    assert set(KOLOMNAMEN) == set(INVOERVELDEN)
    assert set(ALIASSEN.values()) == set(INVOERVELDEN)


def test_missing_required_columns_are_all_listed():
    fout_ = fout(maak_csv([["Achternaam", "Woonplaats", "Kleur"], ["Jansen", "Urk", "rood"]]))
    assert fout_.reden == "verplichte_kolom_ontbreekt"
    assert isinstance(fout_, ValidatieFout)
    for veld in ("postcode", "huisnummer", "bedrag", "ontstaansdatum"):
        assert veld in str(fout_.message)
    assert {p["name"] for p in fout_.invalid_params} == {
        "postcode",
        "huisnummer",
        "bedrag",
        "ontstaansdatum",
    }
    assert "Kleur" in str(fout_.message)


def test_a_file_without_a_header_is_refused_without_echoing_personal_data():
    fout_ = fout(maak_csv([["Jansen", "1234AB", "12", "123456782"]]))
    assert fout_.reden == "kopregel_ontbreekt"
    assert "123456782" not in str(fout_.message)


def test_duplicate_columns_are_refused_except_for_contact_details():
    assert fout(maak_csv([[*KOP, "Achterstand"], [*RIJ, "5"]])).reden == "dubbele_kolom"
    kop = [*KOP, "Telefoon", "Mobiel"]
    _, rijen = lees(maak_csv([kop, [*RIJ, "", "0612345678"], [*RIJ, "0201234567", "06"]]))
    assert [r["telefoonnummer"] for _, r in rijen] == ["0612345678", "0201234567"]


def test_empty_rows_are_skipped_but_counted_and_row_numbers_stay_those_of_the_file():
    inhoud = maak_csv([KOP, RIJ, [], ["", "  ", "", "", ""], RIJ])
    lezer, rijen = lees(inhoud)
    assert [n for n, _ in rijen] == [2, 5]
    assert lezer.aantal_rijen == 2
    assert lezer.overgeslagen_leeg == 2


def test_quoted_fields_may_hold_delimiters_quotes_and_newlines():
    rij = ['Jansen; "de" Boer', "1234AB", "12", "1.234,56", "31-03-2024"]
    _, rijen = lees(maak_csv([KOP, rij, RIJ, ["Multi\nline", *RIJ[1:]]]))
    assert rijen[0][1]["achternaam"] == 'Jansen; "de" Boer'
    assert [n for n, _ in rijen] == [2, 3, 4]


def test_short_rows_are_padded_and_long_rows_are_flagged():
    _, rijen = lees(maak_csv([KOP, RIJ[:3], [*RIJ, "", ""], [*RIJ, "56", "x"]], ","))
    assert rijen[0][1]["bedrag"] == "" and EXTRA_VELDEN not in rijen[0][1]
    assert EXTRA_VELDEN not in rijen[1][1]
    assert rijen[2][1][EXTRA_VELDEN] == "2"


def test_cells_are_stripped_nul_removed_and_formulas_and_html_kept_as_text():
    rij = ['  =HYPERLINK("x")  ', "1234AB", "<b>12</b>", "-1", "@SUM(A1)\x00"]
    _, rijen = lees(maak_csv([KOP, rij]))
    assert rijen[0][1] == {
        "achternaam": '=HYPERLINK("x")',
        "postcode": "1234AB",
        "huisnummer": "<b>12</b>",
        "bedrag": "-1",
        "ontstaansdatum": "@SUM(A1)",
    }


def test_unterminated_quote_is_a_file_error_not_silently_merged_rows():
    inhoud = maak_csv([KOP, RIJ]) + b'"Jansen;1234AB;12;1;2024-01-01\r\n' + maak_csv([RIJ])
    assert fout(inhoud).reden == "csv_opmaak_ongeldig"


def test_a_field_larger_than_the_csv_limit_is_a_file_error():
    inhoud = maak_csv([KOP, ["x" * 200_000, *RIJ[1:]]])
    assert fout(inhoud).reden == "csv_opmaak_ongeldig"


def test_reads_from_a_file_object_and_leaves_it_open():
    stroom = io.BytesIO(maak_csv([KOP, RIJ]))
    _, rijen = lees(stroom)
    assert rijen == [(2, VERWACHT)]
    assert not stroom.closed


def test_rows_can_only_be_read_once():
    lezer = bestand_lezen(maak_csv([KOP, RIJ]))
    list(lezer.rijen())
    with pytest.raises(RuntimeError):
        list(lezer.rijen())


def test_header_only_file_yields_no_rows():
    lezer, rijen = lees(maak_csv([KOP]))
    assert rijen == [] and lezer.aantal_rijen == 0


# --- whole-file errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inhoud", "reden"),
    [
        (b"", "bestand_leeg"),
        (b"\r\n \r\n\t", "bestand_leeg"),
        (bytes(range(256)) * 40, "bestand_onleesbaar"),
        (b"\x00\x01\x02\x03" * 1000, "bestand_onleesbaar"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "bestandstype_niet_ondersteund"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "bestandstype_niet_ondersteund"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 20, "bestandstype_niet_ondersteund"),
        (b"PK\x03\x04" + b"\x00" * 100, "bestand_onleesbaar"),
        (b"Kleur;Maat\r\nrood;XL\r\n", "kopregel_ontbreekt"),
    ],
)
def test_unreadable_files_raise_a_dutch_validatiefout(inhoud, reden):
    fout_ = fout(inhoud)
    assert fout_.reden == reden == fout_.code
    assert ERNST[reden] is Ernst.BESTAND
    assert fout_.invalid_params
    assert str(fout_.message)[0].isupper()


def test_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert fout(buffer.getvalue()).reden == "bestandstype_niet_ondersteund"


def test_file_larger_than_the_limit_is_refused_before_reading():
    fout_ = fout(maak_csv([KOP, RIJ]), limieten=Leeslimieten(max_bytes=50))
    assert fout_.reden == "bestand_te_groot"


def test_more_rows_than_the_limit_is_refused():
    inhoud = maak_csv([KOP] + [RIJ] * 11)
    assert fout(inhoud, limieten=Leeslimieten(max_rijen=10)).reden == "te_veel_rijen"
    lezer, rijen = lees(inhoud, limieten=Leeslimieten(max_rijen=11))
    assert len(rijen) == 11
    assert fout(xlsx([KOP] + [RIJ] * 11), limieten=Leeslimieten(max_rijen=10)).reden == (
        "te_veel_rijen"
    )


def test_every_file_level_reason_code_is_covered_by_these_tests():
    gedekt = {
        "bestand_leeg", "bestand_te_groot", "bestand_onleesbaar", "bestandstype_niet_ondersteund",
        "bestand_uitgepakt_te_groot", "csv_opmaak_ongeldig", "kopregel_ontbreekt",
        "verplichte_kolom_ontbreekt", "dubbele_kolom", "te_veel_rijen", "werkblad_te_groot",
    }  # fmt: skip
    assert gedekt == {code for code in REASON_CODES if ERNST[code] is Ernst.BESTAND}


# --- XLSX ------------------------------------------------------------------------------------


def test_xlsx_typed_cells_become_text_the_field_parsers_read():
    kop = [*KOP, "Termijnbedrag", "Geboortedatum", "Signaaldatum", "Crisis", "BSN", "Telefoon"]
    rij = [
        "Jansen", "1234AB", 12, 12.345, datetime.date(2024, 3, 31), 150.0,
        45016, datetime.datetime(2024, 4, 2, 14, 30), True, 11222333, 612345678,
    ]  # fmt: skip
    lezer, rijen = lees(xlsx([kop, rij]))
    assert lezer.formaat == "xlsx" and lezer.werkblad == "Signalen"
    assert rijen == [
        (
            2,
            {
                "achternaam": "Jansen",
                "postcode": "1234AB",
                "huisnummer": "12",
                "bedrag": "12.35",  # never "12.345", which would read as 12345 euros
                "ontstaansdatum": "2024-03-31",
                "termijnbedrag": "150.00",
                "geboortedatum": "45016",  # a serial number without a date format
                "signaaldatum": "2024-04-02 14:30:00",
                "crisissignaal": "ja",
                "bsn": "11222333",
                "telefoonnummer": "612345678",
            },
        )
    ]


def test_xlsx_text_cells_and_title_rows_and_empty_rows():
    rijen_in = [["Vroegsignalen maart"], [], KOP, RIJ, [], [None, None], RIJ]
    lezer, rijen = lees(xlsx(rijen_in))
    assert lezer.kopregelnummer == 3
    assert lezer.overgeslagen_voor_kopregel == 2
    assert [n for n, _ in rijen] == [4, 7]
    assert rijen[0][1] == VERWACHT
    assert lezer.overgeslagen_leeg == 2


def test_xlsx_data_may_start_lower_on_the_sheet():
    lezer, rijen = lees(xlsx([KOP, RIJ], eerste_rij=5))
    assert lezer.kopregelnummer == 5
    assert rijen == [(6, VERWACHT)]


def test_xlsx_reads_the_first_visible_sheet():
    inhoud = xlsx(bladen=[("Uitleg", [["geheim"]], "hidden"), ("Signalen", [KOP, RIJ], "visible")])
    lezer, rijen = lees(inhoud)
    assert lezer.werkblad == "Signalen"
    assert rijen == [(2, VERWACHT)]


def test_xlsx_without_data_is_empty():
    assert fout(xlsx([])).reden == "bestand_leeg"


def test_truncated_xlsx_is_unreadable():
    inhoud = xlsx([KOP, RIJ])
    assert fout(inhoud[: len(inhoud) // 2]).reden == "bestand_onleesbaar"


def test_xlsx_larger_than_the_uncompressed_limit_is_refused():
    inhoud = xlsx([KOP] + [RIJ] * 200)
    fout_ = fout(inhoud, limieten=Leeslimieten(max_uitgepakt=5_000))
    assert fout_.reden == "bestand_uitgepakt_te_groot"


def test_highly_compressed_member_is_refused_as_a_zip_bomb():
    buffer = io.BytesIO(xlsx([KOP, RIJ]))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/bom.bin", b"\x00" * (4 * 1024 * 1024))
    assert fout(buffer.getvalue()).reden == "bestand_uitgepakt_te_groot"


def test_member_that_inflates_beyond_its_declared_size_is_refused():
    """A zip may lie about sizes; the guard counts what really comes out."""
    inhoud = bytearray(xlsx([KOP] + [RIJ] * 50))
    naam = b"xl/worksheets/sheet1.xml"
    positie = inhoud.index(b"PK\x01\x02")  # the central directory
    while inhoud[positie + 46 : positie + 46 + len(naam)] != naam:
        positie = inhoud.index(b"PK\x01\x02", positie + 4)
    inhoud[positie + 24 : positie + 28] = struct.pack("<I", 100)  # declared uncompressed size
    assert fout(bytes(inhoud)).reden == "bestand_uitgepakt_te_groot"


def _met_cellen(extra: str) -> bytes:
    """A valid workbook with extra XML just before the end of the sheet data."""
    origineel = zipfile.ZipFile(io.BytesIO(xlsx([KOP, RIJ])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for naam in origineel.namelist():
            inhoud = origineel.read(naam)
            if naam == "xl/worksheets/sheet1.xml":
                inhoud = inhoud.replace(b"</sheetData>", extra.encode() + b"</sheetData>")
            z.writestr(naam, inhoud)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "extra",
    [
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
        '<row r="900000"><c r="Z900000"><v>1</v></c></row>',
        '<row r="1048576"><c r="&#88;FD1048576"><v>1</v></c></row>',
        '<row a=">" r="1048576"><c a=">" r="XFD1048576"><v>1</v></c></row>',
        "<row r = \"1048576\"><c r = 'XFD1048576'><v>1</v></c></row>",
        '<row r="1048576"><c><v>1</v></c></row>',  # position implied: assume the widest
        '<x:row r="999999"><x:c r="XFD999999"><x:v>1</x:v></x:c></x:row>',
        '<row r="5"><c r="XFD99999999"><v>1</v></c></row>',
    ],
)
def test_a_far_away_cell_is_refused_before_calamine_allocates_the_range(extra):
    """calamine allocates first-to-last cell at once: XFD1048576 would be ~500 GB."""
    assert fout(_met_cellen(extra)).reden == "werkblad_te_groot"


def test_empty_formatted_cells_far_away_are_harmless():
    lezer, rijen = lees(_met_cellen('<row r="1048576"><c r="XFD1048576" s="1"/></row>'))
    assert rijen == [(2, VERWACHT)]


_xml_rijen = st.lists(
    st.tuples(st.integers(1, 1_048_576), st.integers(1, 16_384), st.booleans()), max_size=30
)


@settings(max_examples=150, deadline=None)
@given(_xml_rijen, st.lists(st.integers(1, 400), min_size=1, max_size=20))
def test_cell_range_is_measured_the_same_however_the_xml_is_split(cellen, blokken):
    from signaalroute.aanleveringen.parsing import _Bereik

    def ref(rij, kolom):
        letters = ""
        while kolom:
            kolom, rest = divmod(kolom - 1, 26)
            letters = chr(65 + rest) + letters
        return f"{letters}{rij}"

    xml = (
        "<worksheet><sheetData>"
        + "".join(
            f'<row r="{rij}" spans="1:2"><c r="{ref(rij, kolom)}" s="1"'
            + ("/>" if leeg else ' t="inlineStr"><is><t>x &lt; y</t></is></c>')
            + "</row>"
            for rij, kolom, leeg in cellen
        )
        + "</sheetData></worksheet>"
    )
    data = xml.encode()
    heel = _Bereik()
    heel.lezen(data)
    heel.sluiten()
    gesplitst, positie, i = _Bereik(), 0, 0
    while positie < len(data):
        stap = blokken[i % len(blokken)]
        gesplitst.lezen(data[positie : positie + stap])
        positie, i = positie + stap, i + 1
    gesplitst.sluiten()
    gevuld = [(r, k) for r, k, leeg in cellen if not leeg]
    verwacht = 0
    if gevuld:
        rijen, kolommen = [r for r, _ in gevuld], [k for _, k in gevuld]
        verwacht = (max(rijen) - min(rijen) + 1) * (max(kolommen) - min(kolommen) + 1)
    assert heel.cellen == gesplitst.cellen == verwacht


# --- JSON ------------------------------------------------------------------------------------


def test_json_signal_uses_camel_case_names_and_reports_unknown_keys():
    rij, onbekend = json_signaal_omzetten(
        {"achternaam": "Jansen", "einddatumLevering": "2024-05-01", "bedrag": 12.5, "x": 1}
    )
    assert rij == {"achternaam": "Jansen", "einddatum_levering": "2024-05-01", "bedrag": 12.5}
    assert onbekend == ["x"]


# --- properties ------------------------------------------------------------------------------

_LIMIETEN = Leeslimieten(max_bytes=200_000, max_rijen=500)


def _lees_alles(inhoud: bytes) -> None:
    try:
        lezer = bestand_lezen(inhoud, limieten=_LIMIETEN)
        for _ in lezer.rijen():
            pass
    except BestandOnleesbaar as fout_:
        assert fout_.reden in REASON_CODES


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_raise_nothing_but_bestand_onleesbaar(inhoud):
    _lees_alles(inhoud)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe"]))
def test_arbitrary_bytes_behind_a_known_signature_raise_nothing_else(inhoud, begin):
    _lees_alles(begin + inhoud)


_GELDIGE_XLSX = xlsx([KOP] + [RIJ] * 20)
_GELDIGE_CSV = maak_csv([KOP] + [RIJ] * 20)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(_GELDIGE_XLSX)), st.integers(0, 255))
def test_truncated_or_damaged_xlsx_raises_nothing_else(lengte, byte):
    beschadigd = bytearray(_GELDIGE_XLSX[:lengte])
    if beschadigd:
        beschadigd[lengte // 2] = byte
    _lees_alles(bytes(beschadigd))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(_GELDIGE_CSV)))
def test_truncated_csv_raises_nothing_else(lengte):
    _lees_alles(_GELDIGE_CSV[:lengte])


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=300_000), st.sampled_from(["achternaam", "bedrag"]))
def test_huge_fields_raise_nothing_else(lengte, veld):
    rij = dict(zip(KOP, RIJ, strict=True))
    rij[KOP[list(VERWACHT).index(veld)]] = "9" * lengte
    _lees_alles(maak_csv([KOP, list(rij.values())]))


# Text as found in spreadsheets: no control characters (a file full of them is binary data;
# newlines inside quoted cells are tested above).
_cel_tekst = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(_cel_tekst, min_size=5, max_size=5), max_size=30),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig"]),
)
def test_every_non_empty_row_of_a_readable_file_is_yielded_exactly_once(rijen, teken, tekenset):
    lezer, gelezen = lees(maak_csv([KOP, *rijen], teken, tekenset))
    niet_leeg = [r for r in rijen if "".join(r).strip()]
    assert lezer.aantal_rijen == len(gelezen) == len(niet_leeg)
    assert lezer.aantal_rijen + lezer.overgeslagen_leeg == len(rijen)
    for (_, rij), verwacht in zip(gelezen, niet_leeg, strict=True):
        assert list(rij.values()) == [c.strip() for c in verwacht]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_cel_tekst, min_size=5, max_size=5), max_size=20))
def test_every_non_empty_xlsx_row_is_yielded_exactly_once(rijen):
    lezer, gelezen = lees(xlsx([KOP, *rijen]))
    niet_leeg = [r for r in rijen if "".join(r).strip()]
    assert len(gelezen) == len(niet_leeg)
    for (_, rij), verwacht in zip(gelezen, niet_leeg, strict=True):
        assert list(rij.values()) == [c.strip() for c in verwacht]


# --- the example file for partners ----------------------------------------------------------


def test_the_example_file_in_the_docs_reads_with_one_rejected_row():
    from signaalroute.aanleveringen.rules import Validatiecontext, criteria_bepalen, rij_valideren

    pad = Path(__file__).resolve().parents[4] / "docs" / "voorbeelden" / "aanlevering-voorbeeld.csv"
    context = Validatiecontext(criteria_bepalen("huur"), aanleverdatum=datetime.date(2024, 3, 25))
    lezer, rijen = lees(pad.read_bytes())
    assert (lezer.scheidingsteken, len(rijen), lezer.genegeerde_kolommen) == (";", 10, [])
    resultaten = [rij_valideren(rij, context=context, rijnummer=n) for n, rij in rijen]
    afgewezen = [r for r in resultaten if r.afgewezen]
    assert [(r.rijnummer, [m.code for m in r.meldingen]) for r in afgewezen] == [
        (10, ["postcode_ongeldig"])
    ]
