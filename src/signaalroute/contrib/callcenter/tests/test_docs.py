"""docs/callcenter.md stays true: every reason is documented, and the documented examples are
what the code writes and reads."""

import re
from pathlib import Path

from signaalroute.contrib.callcenter.constants import OPMERKINGEN, REDENEN
from signaalroute.contrib.callcenter.parsing import resultaatbestand_lezen
from signaalroute.contrib.callcenter.rules import RESULTAATVELDEN
from signaalroute.contrib.callcenter.selectors import BELLIJST_VASTE_KOLOMMEN

DOCS = Path(__file__).resolve().parents[5] / "docs" / "callcenter.md"


def voorbeelden() -> list[str]:
    return re.findall(r"```\n(.*?)```", DOCS.read_text(), flags=re.S)


def test_every_reason_code_is_documented():
    tekst = DOCS.read_text()
    for code in [*REDENEN, *OPMERKINGEN]:
        assert f"`{code}`" in tekst, code


def test_the_documented_call_list_has_the_columns_the_export_writes():
    kop = voorbeelden()[0].splitlines()[0].split(";")
    assert [k for k in kop if not k.startswith("telefoon_")] == [
        *BELLIJST_VASTE_KOLOMMEN,
        *RESULTAATVELDEN,
    ]


def test_the_documented_results_file_is_read_as_documented():
    bestand = resultaatbestand_lezen(voorbeelden()[1].encode())
    assert len(bestand.rijen) == 4
    nummer, rij = bestand.rijen[2]
    assert nummer == 4
    assert rij["referentie"] == "VS-0363-000124"
    assert rij["gevonden_telefoonnummer"] == "06 11223344"
