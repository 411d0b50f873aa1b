"""Whatever a partner sends, the intake never fails with a server error and never loses a row.

Property-based tests through the whole pipeline: the services (receive, check first, confirm,
process), the partner portal upload and the partner API (a raw file body, multipart, JSON).
Files are generated: well-formed CSV and XLSX with random rows (valid, invalid, unicode, very
long cells, formulas, HTML, NUL characters), and broken ones (random bytes, truncated, mixed
delimiters, unbalanced quotes, zip garbage posing as XLSX, empty).

For every processed delivery:
- accepted + accepted with warnings + rejected == rows, and rows + empty rows == the data
  rows of a well-formed file;
- the stored signals are exactly the accepted rows (with or without warnings), the reported
  rows exactly the rows with warnings or rejections, and every non-empty row number is either
  a stored signal or a rejected row, never both, never neither;
- a file that cannot be read fails as a whole, with a message, and stores nothing.

Each example runs in a savepoint that is rolled back, so examples do not see each other's
deliveries (the same content twice is correctly refused as a duplicate; see test_services).
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import json
import random
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from signaalroute.aanleveringen import services
from signaalroute.aanleveringen.constants import Aanleverkanaal, Aanleverstatus, Regelstatus
from signaalroute.aanleveringen.models import Aanlevering, Aanleverregel, Vroegsignaal
from signaalroute.aanleveringen.services import (
    DubbeleAanlevering,
    aanlevering_bevestigen,
    aanlevering_controleren,
    aanlevering_ontvangen,
    aanlevering_verwerken,
)
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.vroegsignaalzaken.models import Signaalstatuswijziging

from .api.test_aanleveringen import URL, client_voor
from .api.test_aanleveringen import signaal as geldig_signaal
from .intake import regio
from .test_parsing import xlsx

pytestmark = pytest.mark.django_db

PROBLEM_JSON = "application/problem+json"

robuust = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # every example runs in its own savepoint
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


@contextlib.contextmanager
def voorbeeld():
    """One hypothesis example: everything it stores is rolled back afterwards."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def verhuurder(db):
    return regio()[2]


@pytest.fixture
def partnerportaal(client, login_as, verhuurder):
    login_as(UserFactory(rol=Rol.PARTNERGEBRUIKER, signaalpartner=verhuurder))
    return client


@pytest.fixture
def partner_api(verhuurder):
    return client_voor(verhuurder)


# --- what must hold for every delivery -------------------------------------------------------


def controleer_aanlevering(aanlevering: Aanlevering) -> set[int]:
    """Check the bookkeeping of a processed delivery; return the row numbers it accounts for
    (stored as a signal, or rejected)."""
    aanlevering.refresh_from_db()
    assert aanlevering.status in (Aanleverstatus.VERWERKT, Aanleverstatus.MISLUKT)
    assert aanlevering.verwerkt_op is not None
    signalen = Vroegsignaal.objects.filter(aanlevering=aanlevering)
    regels = Aanleverregel.objects.filter(aanlevering=aanlevering)
    if aanlevering.status == Aanleverstatus.MISLUKT:
        assert aanlevering.foutmelding, "a failed delivery says why"
        assert not signalen.exists()
        assert not regels.exists()
        assert aanlevering.aantal_rijen == 0
        return set()

    geaccepteerd = aanlevering.aantal_geaccepteerd
    waarschuwing = aanlevering.aantal_met_waarschuwing
    afgewezen = aanlevering.aantal_afgewezen
    assert geaccepteerd + waarschuwing + afgewezen == aanlevering.aantal_rijen
    assert signalen.count() == geaccepteerd + waarschuwing
    assert regels.count() == waarschuwing + afgewezen
    assert regels.filter(status=Regelstatus.AFGEWEZEN).count() == afgewezen
    assert regels.filter(status=Regelstatus.WAARSCHUWING).count() == waarschuwing
    assert not regels.filter(status=Regelstatus.GEACCEPTEERD).exists()
    assert sum(aanlevering.per_gemeente.values()) == geaccepteerd + waarschuwing

    signaalnummers = list(signalen.values_list("regelnummer", flat=True))
    assert len(signaalnummers) == len(set(signaalnummers)), "a row stored twice"
    afgewezen_nummers = set(
        regels.filter(status=Regelstatus.AFGEWEZEN).values_list("regelnummer", flat=True)
    )
    assert not afgewezen_nummers & set(signaalnummers), "a row both stored and rejected"
    assert not regels.filter(status=Regelstatus.AFGEWEZEN, vroegsignaal__isnull=False).exists()
    for regel in regels.filter(status=Regelstatus.WAARSCHUWING).select_related("vroegsignaal"):
        assert regel.vroegsignaal is not None
        assert regel.vroegsignaal.regelnummer == regel.regelnummer
        assert regel.vroegsignaal.aanlevering_id == aanlevering.pk
    rechtspersonen = signalen.filter(rechtspersoon=True)
    assert (
        Signaalstatuswijziging.objects.filter(vroegsignaal__in=rechtspersonen).count()
        == rechtspersonen.count()
    )
    return set(signaalnummers) | afgewezen_nummers


def niets_opgeslagen(aanlevering: Aanlevering) -> None:
    assert not Vroegsignaal.objects.filter(aanlevering=aanlevering).exists()
    assert not Aanleverregel.objects.filter(aanlevering=aanlevering).exists()


def ontvangen_controleren_en_verwerken(partner, inhoud: bytes, naam: str) -> Aanlevering | None:
    """The portal's route through the services: receive as a concept, check it (nothing is
    stored), confirm, process. The check must predict the processing exactly."""
    try:
        concept = aanlevering_ontvangen(
            signaalpartner=partner,
            kanaal=Aanleverkanaal.PORTAAL,
            inhoud=inhoud,
            bestandsnaam=naam,
            concept=True,
        )
    except (DubbeleAanlevering, ValidatieFout):
        return None  # the documented refusals
    controle = aanlevering_controleren(aanlevering=concept)
    niets_opgeslagen(concept)
    aanlevering_bevestigen(aanlevering=concept, door=None)
    aanlevering = aanlevering_verwerken(aanlevering_id=concept.pk)
    assert aanlevering is not None
    controleer_aanlevering(aanlevering)
    if controle.foutmelding:
        assert aanlevering.status == Aanleverstatus.MISLUKT
        assert aanlevering.foutmelding == controle.foutmelding
    else:
        assert aanlevering.status == Aanleverstatus.VERWERKT
        assert controle.samenvatting["total"] == aanlevering.aantal_rijen
        assert controle.samenvatting["rejected"] == aanlevering.aantal_afgewezen
        assert controle.samenvatting["warnings"] == aanlevering.aantal_met_waarschuwing
        assert controle.samenvatting["perGemeente"] == aanlevering.per_gemeente
    return aanlevering


# --- generated cells and files ----------------------------------------------------------------


def _datum(dagen_geleden: int, formaat: str = "%d-%m-%Y") -> str:
    return (datetime.date.today() - datetime.timedelta(days=dagen_geleden)).strftime(formaat)


# Things that have gone wrong in real files, or that an attacker would try.
LASTIGE_TEKSTEN = [
    "=1+1",
    '=HYPERLINK("http://example.org","klik")',
    "=cmd|' /C calc'!A0",
    "+31612345678",
    "-2+3",
    "@SUM(A1:A9)",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "'; DROP TABLE aanleveringen_vroegsignaal; --",
    "{{ 7*7 }}",
    "{% debug %}",
    "%s%s%s%n",
    "\x00",
    "a\x00b",
    "\x00\x00\x00",
    "\x1b[31mrood",
    "\u202egnirts",
    "\ufeffJansen",
    "\u200b",
    "\xa0",
    "Ⅻ",
    "𝔍𝔞𝔫𝔰𝔢𝔫",
    "👩‍👩‍👧",
    "Z̷̢a̴l̸g̵o̶",
    "e\u0301",
    "Müller",
    "Çelik",
    "ĳssel",
    "\r",
    "\n",
    "\r\n",
    '"',
    '""',
    ";",
    ",",
    "\t",
    "|",
    " ",
    "sep=;",
    "NULL",
    "None",
    "nan",
    "1e309",
    "9" * 40,
]

tekst = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
lastig = st.one_of(st.sampled_from(LASTIGE_TEKSTEN), tekst)
lang = st.builds(lambda n, teken: teken * n, st.integers(200, 20_000), st.sampled_from('x9é;"'))

GELDIG = {
    "Klantnr": st.builds(lambda n: f"K{n}", st.integers(1, 40)),
    "Achternaam": st.sampled_from(["Jansen", "de Vries", "Vries, de", "Bakker", "Smit B.V."]),
    "Voorletters": st.sampled_from(["J.", "jp", "Th.", ""]),
    "Geboortedatum": st.sampled_from(["12-04-1985", "1985-04-12", "01-01-1900", "", "morgen"]),
    "Postcode": st.sampled_from(
        ["7401 AB", "7401ab", "7402AB", "7402 ab", "7501 XY", "9999 ZZ", "1234", "7401 SS"]
    ),
    "Huisnummer": st.sampled_from(["12", "12A", "3-2", "12 bis", "0", "100000", "2024-02-12"]),
    "Achterstand": st.sampled_from(
        ["1.234,56", "€ 450", "99,50", "450", "0", "-5", "1,234.56", "1,234", "12345678901"]
    ),
    "Datum ontstaan": st.one_of(
        st.integers(-5, 400).map(_datum),
        st.integers(-5, 400).map(lambda d: _datum(d, "%Y-%m-%d")),
        st.sampled_from(["31-02-2024", "2024-13-01", "45000"]),
    ),
    "Signaaldatum": st.one_of(st.just(""), st.integers(-3, 30).map(_datum)),
    "Telefoon": st.sampled_from(["06-12345678", "020 123 4567", "+31 6 1234 5678", "abc", ""]),
    "E-mail": st.sampled_from(["a@example.nl", "A@Example.NL", "geen", "a@@b", ""]),
    "BSN": st.sampled_from(["111222333", "123456789", "12", "", "11122233"]),
    "Crisissignaal": st.sampled_from(["ja", "nee", "misschien", ""]),
    "Opmerking": tekst,  # a column the importer does not know
}
VERPLICHT = ["Achternaam", "Postcode", "Huisnummer", "Achterstand", "Datum ontstaan"]
OPTIONEEL = [k for k in GELDIG if k not in VERPLICHT]


def cel(kolom: str, *, lastige: st.SearchStrategy = lastig) -> st.SearchStrategy:
    return st.one_of(GELDIG[kolom], GELDIG[kolom], GELDIG[kolom], lastige, lang, st.just(""))


@st.composite
def kopregels(draw) -> list[str]:
    kolommen = VERPLICHT + draw(st.lists(st.sampled_from(OPTIONEEL), unique=True))
    return draw(st.permutations(kolommen))


@st.composite
def tabellen(draw, *, lastige: st.SearchStrategy = lastig) -> tuple[list[str], list[list]]:
    """A header and rows of exactly its width; some rows blank."""
    kop = draw(kopregels())
    rij = st.tuples(*(cel(k, lastige=lastige) for k in kop)).map(list)
    leeg = st.lists(st.sampled_from(["", " ", "\t", "  "]), min_size=len(kop), max_size=len(kop))
    rijen = draw(st.lists(st.one_of(rij, rij, rij, leeg), max_size=25))
    return kop, rijen


def is_leeg(rij: list) -> bool:
    return not "".join(str(c) for c in rij).strip()


def csv_tekst(rijen: list[list[str]], scheidingsteken: str, regeleinde: str) -> str:
    """Rows as CSV. The writer quotes only the characters of its own line end, so every row is
    written with CRLF (a cell with CR or LF is quoted) and then ended with `regeleinde`."""
    uit = []
    for rij in rijen:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=scheidingsteken, lineterminator="\r\n").writerow(rij)
        uit.append(buffer.getvalue().removesuffix("\r\n") + regeleinde)
    return "".join(uit)


def coderen(tekst_: str, tekenset: str) -> bytes:
    """The file in `tekenset`, or UTF-8 when that would not read back as the same text (the
    importer takes a file that is valid UTF-8 as UTF-8, else Windows-1252)."""
    if tekenset == "cp1252":
        try:
            inhoud = tekst_.encode("cp1252")
        except UnicodeEncodeError:
            return tekst_.encode()
        try:
            if inhoud.decode() != tekst_:
                return tekst_.encode()
        except UnicodeDecodeError:
            pass
        return inhoud
    return tekst_.encode(tekenset)


@st.composite
def goede_csv_bestanden(draw) -> tuple[bytes, int, list[list[str]], int]:
    """(file, header row number, data rows, number of control characters): every row is a
    complete record, whatever its cells hold."""
    kop, rijen = draw(tabellen())
    scheidingsteken = draw(st.sampled_from([";", ",", "\t", "|"]))
    # Not "\r" alone (classic Mac): see test_a_csv_with_classic_mac_line_endings_is_read.
    regeleinde = draw(st.sampled_from(["\r\n", "\n"]))
    tekst_ = csv_tekst([kop, *rijen], scheidingsteken, regeleinde)
    kopregel = 1
    if scheidingsteken == ";" and draw(st.booleans()):
        tekst_ = "sep=;" + regeleinde + tekst_  # how Excel records the delimiter
        kopregel = 2
    if draw(st.booleans()) and not tekst_.endswith(regeleinde * 2):
        tekst_ = tekst_.removesuffix(regeleinde)  # no newline after the last row
    inhoud = coderen(tekst_, draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])))
    stuurtekens = sum(1 for t in tekst_ if t < " " and t not in "\t\r\n\f")
    return inhoud, kopregel, rijen, stuurtekens


# Spreadsheet cells: text that is legal in XML, numbers, dates.
xml_tekst = st.text(
    st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\ufffe\uffff"),
    max_size=30,
)
xml_lastig = st.one_of(
    st.sampled_from([t for t in LASTIGE_TEKSTEN if not any(c < " " for c in t)]), xml_tekst
)


@st.composite
def goede_xlsx_bestanden(draw) -> tuple[bytes, list[list]]:
    kop, rijen = draw(tabellen(lastige=xml_lastig))
    getypeerd = st.one_of(
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
        st.integers(-(10**6), 10**12),
        st.dates(datetime.date(1890, 1, 1), datetime.date(2100, 1, 1)),
        st.booleans(),
    )
    rijen = [
        [draw(getypeerd) if c and draw(st.integers(0, 4)) == 0 else c for c in rij] for rij in rijen
    ]
    return xlsx([kop, *rijen]), rijen


_VOORBEELD_CSV = csv_tekst(
    [
        ["Klantnr", "Achternaam", "Postcode", "Huisnummer", "Achterstand", "Datum ontstaan"],
        *[[f"K{i}", "Jansen", "7401 AB", str(i), "450", _datum(60)] for i in range(1, 30)],
    ],
    ";",
    "\r\n",
).encode()
_VOORBEELD_XLSX = xlsx(
    [
        ["Klantnr", "Achternaam", "Postcode", "Huisnummer", "Achterstand", "Datum ontstaan"],
        *[[f"K{i}", "Jansen", "7401 AB", i, 450.0, _datum(60)] for i in range(1, 30)],
    ]
)


def _zip(leden: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archief:
        for naam, inhoud in leden.items():
            archief.writestr(naam, inhoud)
    return buffer.getvalue()


@st.composite
def kapotte_bestanden(draw) -> bytes:
    """Anything: broken files, files posing as something else, and good files damaged."""
    soort = draw(
        st.sampled_from(
            [
                "binair",
                "afgekapt_csv",
                "afgekapt_xlsx",
                "beschadigd_csv",
                "beschadigd_xlsx",
                "gemengde_scheidingstekens",
                "aanhalingsteken",
                "zip_rommel",
                "zip_zonder_werkmap",
                "xml_rommel",
                "handtekening",
                "klein",
                "goed_csv",
                "goed_xlsx",
            ]
        )
    )
    if soort == "binair":
        return draw(st.binary(max_size=3000))
    if soort == "afgekapt_csv":
        return _VOORBEELD_CSV[: draw(st.integers(0, len(_VOORBEELD_CSV)))]
    if soort == "afgekapt_xlsx":
        return _VOORBEELD_XLSX[: draw(st.integers(0, len(_VOORBEELD_XLSX)))]
    if soort in ("beschadigd_csv", "beschadigd_xlsx"):
        inhoud = bytearray(_VOORBEELD_CSV if soort == "beschadigd_csv" else _VOORBEELD_XLSX)
        for _ in range(draw(st.integers(1, 8))):
            inhoud[draw(st.integers(0, len(inhoud) - 1))] = draw(st.integers(0, 255))
        return bytes(inhoud)
    if soort == "gemengde_scheidingstekens":
        regels = _VOORBEELD_CSV.decode().split("\r\n")
        return "\n".join(
            regel.replace(";", draw(st.sampled_from([";", ",", "\t", "|", ";;", ""])))
            for regel in regels
        ).encode()
    if soort == "aanhalingsteken":
        plek = draw(st.integers(0, len(_VOORBEELD_CSV)))
        return (
            _VOORBEELD_CSV[:plek]
            + draw(st.sampled_from([b'"', b'""', b'"x']))
            + (_VOORBEELD_CSV[plek:])
        )
    if soort == "zip_rommel":
        return b"PK\x03\x04" + draw(st.binary(max_size=2000))
    if soort == "zip_zonder_werkmap":
        return _zip({draw(st.sampled_from(["a.txt", "xl/x.xml", "../../etc/passwd"])): b"x"})
    if soort == "xml_rommel":
        blad = draw(st.sampled_from([b"", b"<worksheet>", b"\x00\x01", b"<c r='XFD1048576'>"]))
        return _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": blad})
    if soort == "handtekening":
        begin = draw(
            st.sampled_from(
                [b"%PDF-1.4", b"\x1f\x8b", b"\xd0\xcf\x11\xe0", b"\xff\xfe", b"\xfe\xff", b"PK"]
            )
        )
        return begin + draw(st.binary(max_size=500))
    if soort == "klein":
        return draw(
            st.sampled_from(
                [
                    b"",
                    b"\xef\xbb\xbf",
                    b"sep=;",
                    b"sep=;\r\n",
                    b"\r\n\r\n",
                    b" ",
                    b"Achternaam;Postcode;Huisnummer;Bedrag;Ontstaansdatum",
                    b"Achternaam;Postcode;Huisnummer;Bedrag;Ontstaansdatum\r\n;;;;\r\n",
                    b"Achternaam;Postcode\r\nJansen;7401AB",
                    b"Bedrag;Bedrag;Achternaam;Postcode;Huisnummer;Ontstaansdatum\r\n1;2;a;b;c;d",
                    b"a;b;c\r\n1;2;3",
                    b"\x00" * 100,
                ]
            )
        )
    if soort == "goed_csv":
        return draw(goede_csv_bestanden())[0]
    return draw(goede_xlsx_bestanden())[0]


bestandsnamen = st.sampled_from(
    ["signalen.csv", "export.xlsx", "signalen.txt", "../../etc/passwd", "x" * 300 + ".csv", ""]
)


# --- the services -------------------------------------------------------------------------------


@robuust
@given(bestand=goede_csv_bestanden())
def test_every_row_of_a_well_formed_csv_is_stored_or_rejected_never_lost(verhuurder, bestand):
    inhoud, kopregel, rijen, stuurtekens = bestand
    with voorbeeld():
        aanlevering = ontvangen_controleren_en_verwerken(verhuurder, inhoud, "signalen.csv")
        assert aanlevering is not None
        if aanlevering.status == Aanleverstatus.MISLUKT:
            # Only a file full of control characters is taken for binary data.
            assert stuurtekens > 8, aanlevering.foutmelding
            return
        niet_leeg = {kopregel + i for i, rij in enumerate(rijen, start=1) if not is_leeg(rij)}
        assert aanlevering.aantal_rijen + aanlevering.aantal_lege_regels == len(rijen)
        assert aanlevering.aantal_rijen == len(niet_leeg)
        assert controleer_aanlevering(aanlevering) == niet_leeg


@robuust
@given(bestand=goede_xlsx_bestanden())
def test_every_row_of_a_well_formed_xlsx_is_stored_or_rejected_never_lost(verhuurder, bestand):
    inhoud, rijen = bestand
    with voorbeeld():
        aanlevering = ontvangen_controleren_en_verwerken(verhuurder, inhoud, "signalen.xlsx")
        assert aanlevering is not None
        assert aanlevering.status == Aanleverstatus.VERWERKT, aanlevering.foutmelding
        # The sheet ends at its last written cell: empty rows after it are not part of it.
        gevuld = [i for i, rij in enumerate(rijen, start=1) if any(c != "" for c in rij)]
        assert aanlevering.aantal_rijen + aanlevering.aantal_lege_regels == max(gevuld, default=0)
        niet_leeg = {1 + i for i, rij in enumerate(rijen, start=1) if not is_leeg(rij)}
        assert controleer_aanlevering(aanlevering) == niet_leeg


@robuust
@given(inhoud=kapotte_bestanden(), naam=bestandsnamen)
@example(inhoud=b"", naam="leeg.csv")
@example(inhoud=b"PK\x03\x04" + b"\x00" * 100, naam="export.xlsx")
def test_any_file_is_processed_completely_or_refused_as_a_whole(verhuurder, inhoud, naam):
    with voorbeeld():
        ontvangen_controleren_en_verwerken(verhuurder, inhoud, naam)


@pytest.mark.parametrize("sep_regel", ["", "sep=;\r"])
def test_a_csv_with_classic_mac_line_endings_is_read(verhuurder, sep_regel):
    """Excel for Mac still offers "CSV (Macintosh)": lines end in CR alone."""
    inhoud = (
        sep_regel
        + csv_tekst(
            [
                ["Achternaam", "Postcode", "Huisnummer", "Achterstand", "Datum ontstaan"],
                ["Jansen", "7401AB", "1", "450", _datum(60)],
                ["Bakker", "7401AB", "2", "450", _datum(60)],
            ],
            ";",
            "\r",
        )
    ).encode()
    aanlevering = ontvangen_controleren_en_verwerken(verhuurder, inhoud, "mac.csv")
    assert aanlevering.status == Aanleverstatus.VERWERKT, aanlevering.foutmelding
    assert aanlevering.aantal_rijen == 2
    assert aanlevering.aantal_geaccepteerd == 2


def test_a_header_with_a_nul_character_fails_the_file_with_a_message(verhuurder):
    """The refusal quotes the columns it does not know; PostgreSQL text cannot hold NUL, so
    the message must not either (else the delivery stays "ontvangen" for ever)."""
    inhoud = (
        b"Klantnr\x00Achternaam;Postcode;Huisnummer;Achterstand;Datum ontstaan\r\n"
        b"K1;Jansen;7401 AB;1;450;" + _datum(60).encode() + b"\r\n"
    )
    aanlevering = ontvangen_controleren_en_verwerken(verhuurder, inhoud, "nul.csv")
    assert aanlevering.status == Aanleverstatus.MISLUKT
    assert "Verplichte kolommen ontbreken" in aanlevering.foutmelding
    assert "\x00" not in aanlevering.foutmelding


def test_a_large_file_over_many_batches_keeps_every_row(verhuurder, monkeypatch):
    """5,000 random rows, stored in batches of 250: duplicates across batch boundaries are
    recognised, every row is accounted for once."""
    monkeypatch.setattr(services, "BATCH", 250)
    toeval = random.Random(20240325)
    kop = ["Klantnr", "Achternaam", "Postcode", "Huisnummer", "Achterstand", "Datum ontstaan"]
    rijen = [
        [
            f"K{toeval.randrange(1000)}",
            toeval.choice(["Jansen", "", "Smit B.V.", "=1+1"]),
            toeval.choice(["7401 AB", "7402AB", "7501 XY", "12345"]),
            str(toeval.randrange(0, 200)),
            toeval.choice(["450", "1.234,56", "0", "abc"]),
            _datum(toeval.choice([40, 60, 90, 10, -3])),
        ]
        if toeval.random() > 0.02
        else [""] * 6
        for _ in range(5000)
    ]
    inhoud = csv_tekst([kop, *rijen], ";", "\r\n").encode()
    aanlevering = ontvangen_controleren_en_verwerken(verhuurder, inhoud, "groot.csv")
    niet_leeg = {1 + i for i, rij in enumerate(rijen, start=1) if not is_leeg(rij)}
    assert aanlevering.aantal_rijen + aanlevering.aantal_lege_regels == 5000
    assert controleer_aanlevering(aanlevering) == niet_leeg
    # A signal is a customer's arrears arising on one date (routing.signaalsleutel).
    sleutels = list(
        Vroegsignaal.objects.filter(aanlevering=aanlevering).values_list(
            "klantnummer", "ontstaansdatum"
        )
    )
    assert len(sleutels) == len(set(sleutels)), "a repeated signal stored twice"
    codes = {
        melding["code"]
        for meldingen in Aanleverregel.objects.filter(aanlevering=aanlevering).values_list(
            "meldingen", flat=True
        )
        for melding in meldingen
    }
    assert "dubbel_in_aanlevering" in codes


def test_a_cell_over_the_csv_field_limit_fails_the_file_as_a_whole(verhuurder):
    inhoud = csv_tekst(
        [
            ["Achternaam", "Postcode", "Huisnummer", "Achterstand", "Datum ontstaan"],
            ["Jansen", "7401AB", "1", "450", _datum(60)],
            ["J" * 200_000, "7401AB", "2", "450", _datum(60)],
        ],
        ";",
        "\r\n",
    ).encode()
    aanlevering = ontvangen_controleren_en_verwerken(verhuurder, inhoud, "lang.csv")
    assert aanlevering.status == Aanleverstatus.MISLUKT
    assert "opmaakfout" in aanlevering.foutmelding


# --- the partner portal -------------------------------------------------------------------------


alle_bestanden = st.one_of(
    goede_csv_bestanden().map(lambda b: b[0]),
    goede_xlsx_bestanden().map(lambda b: b[0]),
    kapotte_bestanden(),
)


@robuust
@given(
    inhoud=alle_bestanden, naam=bestandsnamen, actie=st.sampled_from(["aanleveren", "controleren"])
)
def test_portal_upload_never_gives_a_server_error(
    partnerportaal, django_capture_on_commit_callbacks, inhoud, naam, actie
):
    client = partnerportaal
    with voorbeeld():
        voor = set(Aanlevering.objects.values_list("pk", flat=True))
        with django_capture_on_commit_callbacks(execute=True):
            bestand = SimpleUploadedFile(naam or "naamloos", inhoud)
            response = client.post(
                reverse("aanleveringen:nieuw"), {"bestand": bestand, "actie": actie}
            )
        assert response.status_code in (200, 302)
        nieuw = Aanlevering.objects.exclude(pk__in=voor)
        if response.status_code == 200:  # the form explains what is wrong
            assert not nieuw.exists()
            assert response.context["form"].errors
            return
        aanlevering = nieuw.get()
        if actie == "aanleveren":
            controleer_aanlevering(aanlevering)  # processed by the (immediate) task
        else:
            assert aanlevering.status == Aanleverstatus.CONCEPT
        pagina = client.get(response.url)  # a concept is checked while the page renders
        assert pagina.status_code == 200
        assert "<script>alert(1)</script>" not in pagina.content.decode()
        assert '<img src=x onerror="alert(1)">' not in pagina.content.decode()
        if actie == "controleren":
            niets_opgeslagen(aanlevering)
        for formaat in ("csv", "xlsx"):
            rapport = client.get(reverse("aanleveringen:rapport", args=[aanlevering.uuid, formaat]))
            assert rapport.status_code == 200
        rapport = client.get(reverse("aanleveringen:rapport", args=[aanlevering.uuid, "csv"]))
        for rij in csv.reader(io.StringIO(rapport.content.decode("utf-8-sig")), delimiter=";"):
            assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in rij), rij


def test_portal_refuses_a_file_over_the_size_limit_with_a_message(partnerportaal):
    with override_settings(AANLEVERING_MAX_BYTES=1024):
        bestand = SimpleUploadedFile("groot.csv", _VOORBEELD_CSV + b"x" * 1024)
        response = partnerportaal.post(
            reverse("aanleveringen:nieuw"), {"bestand": bestand, "actie": "aanleveren"}
        )
    assert response.status_code == 200
    assert "groter dan" in response.content.decode()
    assert not Aanlevering.objects.exists()


# --- the partner API: files ---------------------------------------------------------------------


def controleer_api_antwoord(client, response) -> Aanlevering | None:
    assert response.status_code < 500
    if response.status_code >= 400:
        assert response["Content-Type"] == PROBLEM_JSON
        assert response.json()["status"] == response.status_code
        return None
    assert response.status_code in (201, 202)
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    body = detail.json()
    aanlevering = Aanlevering.objects.get(uuid=body["uuid"])
    controleer_aanlevering(aanlevering)
    aantallen = body["aantallen"]
    assert aantallen["total"] == aanlevering.aantal_rijen
    assert aantallen["accepted"] + aantallen["rejected"] == aantallen["total"]
    assert aantallen["emptyRowsSkipped"] == aanlevering.aantal_lege_regels
    assert len(body["regels"]) == aantallen["warnings"] + aantallen["rejected"]
    assert body["perGemeente"] == aanlevering.per_gemeente
    return aanlevering


@robuust
@given(
    inhoud=alle_bestanden,
    content_type=st.sampled_from(
        [
            "text/csv",
            "text/csv; charset=utf-8",
            "text/plain",
            "application/octet-stream",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "multipart/form-data",
            "application/json",
        ]
    ),
)
def test_api_file_upload_never_gives_a_server_error(
    partner_api, django_capture_on_commit_callbacks, inhoud, content_type
):
    client = partner_api
    with voorbeeld():
        with django_capture_on_commit_callbacks(execute=True):
            if content_type == "multipart/form-data":
                bestand = SimpleUploadedFile("signalen.csv", inhoud)
                response = client.post(URL, {"bestand": bestand}, format="multipart")
            else:
                response = client.post(URL, inhoud, content_type=content_type)
        aanlevering = controleer_api_antwoord(client, response)
        if aanlevering is not None:
            assert response.status_code == 202  # files are processed in the background


def test_api_refuses_a_file_over_the_size_limit_as_problem_json(partner_api):
    with override_settings(AANLEVERING_MAX_BYTES=1024):
        response = partner_api.post(URL, _VOORBEELD_CSV + b"x" * 1024, content_type="text/csv")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM_JSON
    assert "groter dan" in response.json()["title"]
    assert not Aanlevering.objects.exists()


# --- the partner API: JSON ------------------------------------------------------------------------

JSON_VELDEN = [
    "bedrag", "termijnbedrag", "aantalOnbetaaldeTermijnen", "ontstaansdatum", "signaaldatum",
    "klantnummer", "crisissignaal", "eindelevering", "einddatumLevering", "warmeOverdracht",
    "rechtspersoon", "voorletters", "voornamen", "voorvoegsel", "achternaam", "geboortedatum",
    "bsn", "telefoonnummer", "email", "postcode", "huisnummer", "huisletter",
    "huisnummertoevoeging", "straat", "woonplaats", "rechtsvorm",
]  # fmt: skip

# Two known server errors are left out here and pinned by their own tests below: unpaired
# surrogates ("\ud800" is valid JSON) and, on PostgreSQL, NUL characters in a reported row.
json_tekst = st.one_of(
    st.sampled_from([t for t in LASTIGE_TEKSTEN if "\x00" not in t]),
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30),
    lang,
)
json_waarden = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.floats(),
        json_tekst,
    ),
    lambda kinderen: st.one_of(
        st.lists(kinderen, max_size=3), st.dictionaries(tekst, kinderen, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def json_signalen(draw) -> dict:
    signaal = geldig_signaal(klantnummer=f"K{draw(st.integers(1, 30))}")
    for veld in draw(st.lists(st.sampled_from(JSON_VELDEN), max_size=4, unique=True)):
        if draw(st.integers(0, 3)) == 0:
            signaal.pop(veld, None)
        else:
            signaal[veld] = draw(json_waarden)
    if draw(st.integers(0, 15)) == 0:
        signaal[draw(tekst)] = draw(json_waarden)  # unknown field: the batch is refused
    return signaal


json_bodies = st.one_of(
    st.lists(json_signalen(), min_size=1, max_size=12).map(lambda s: {"signalen": s}),
    st.lists(json_signalen(), min_size=1, max_size=12).map(lambda s: {"signalen": s}),
    st.lists(json_signalen(), min_size=1, max_size=12).map(lambda s: {"signalen": s}),
    json_waarden.map(lambda w: {"signalen": w}),
    json_waarden,
)


@robuust
@given(body=json_bodies)
def test_api_json_batch_never_gives_a_server_error(partner_api, body):
    client = partner_api
    # As a partner's client sends it: \uXXXX escapes for everything outside ASCII.
    inhoud = json.dumps(body).encode()
    with voorbeeld():
        response = client.post(URL, inhoud, content_type="application/json")
        aanlevering = controleer_api_antwoord(client, response)
        if aanlevering is not None:
            assert response.status_code == 201  # small batches are processed at once
            assert aanlevering.aantal_lege_regels == 0
            aantal = len(body["signalen"])
            assert aanlevering.aantal_rijen == aantal
            assert controleer_aanlevering(aanlevering) == set(range(1, aantal + 1))


def test_a_json_signal_with_an_unpaired_surrogate_is_refused_not_a_server_error(partner_api):
    """JSON allows "\\ud800"; the canonical bytes of the batch are UTF-8, which does not."""
    body = json.dumps({"signalen": [geldig_signaal(achternaam="Jan\ud800sen")]}).encode()
    partner_api.raise_request_exception = False
    response = partner_api.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM_JSON


def test_a_deeply_nested_json_body_is_refused_not_a_server_error(partner_api):
    body = b'{"signalen": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    partner_api.raise_request_exception = False
    response = partner_api.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM_JSON


def test_a_rejected_json_signal_with_a_nul_character_is_reported(partner_api):
    """PostgreSQL's jsonb cannot hold \\u0000: the row as delivered must be stored without it."""
    signaal = geldig_signaal(postcode="1", straat="Dorps\x00straat")  # rejected: postcode
    partner_api.raise_request_exception = False
    response = partner_api.post(URL, {"signalen": [signaal]}, format="json")
    assert response.status_code == 201, response.content
    [regel] = response.json()["regels"]
    assert regel["status"] == "afgewezen"


def test_a_json_batch_over_the_direct_limit_is_processed_in_the_background(
    partner_api, django_capture_on_commit_callbacks
):
    signalen = [
        geldig_signaal(klantnummer=f"K{i}", huisnummer=i % 500 + 1, postcode="7401AB")
        for i in range(1001)
    ]
    signalen[7]["bedrag"] = "nul"
    with django_capture_on_commit_callbacks(execute=True):
        response = partner_api.post(URL, {"signalen": signalen}, format="json")
    assert response.status_code == 202
    aanlevering = controleer_api_antwoord(partner_api, response)
    assert aanlevering.aantal_rijen == 1001
    assert aanlevering.aantal_afgewezen == 1
    assert controleer_aanlevering(aanlevering) == set(range(1, 1002))


def test_a_long_idempotency_key_replays_the_earlier_delivery_or_is_refused(partner_api):
    """Keys are stored cut to 100 characters: a longer key must either find its delivery
    again (a retry is answered, not refused as a duplicate) or be refused up front."""
    sleutel = "k" * 150
    batch = {"signalen": [geldig_signaal()]}
    eerste = partner_api.post(URL, batch, format="json", HTTP_IDEMPOTENCY_KEY=sleutel)
    if eerste.status_code == 400:
        assert eerste["Content-Type"] == PROBLEM_JSON
        assert not Aanlevering.objects.exists()
        return
    assert eerste.status_code == 201
    tweede = partner_api.post(URL, batch, format="json", HTTP_IDEMPOTENCY_KEY=sleutel)
    assert tweede.status_code in (200, 201), tweede.content
    assert tweede.json()["uuid"] == eerste.json()["uuid"]
