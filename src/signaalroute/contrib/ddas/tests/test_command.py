"""`manage.py ddas_exporteren`: to stdout or a file, validated first, non-zero exit on failure.

The command object is passed to `call_command` directly, so these tests do not depend on the
app's place in INSTALLED_APPS.
"""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from signaalroute.audit.constants import Auditactie
from signaalroute.audit.models import Auditregel
from signaalroute.contrib.ddas.management.commands.ddas_exporteren import Command
from signaalroute.contrib.ddas.mapping import formaat

from .officieel import officiele_fouten

pytestmark = pytest.mark.django_db

PERIODE = ("--van", "2025-01-01", "--tot", "2025-01-31")


def exporteren(*args) -> str:
    stdout = StringIO()
    call_command(Command(), *args, stdout=stdout)
    return stdout.getvalue()


def test_writes_the_document_to_stdout(regio):
    doc = json.loads(exporteren(*PERIODE))
    assert doc["startdatumLevering"] == "2025-01-01"
    assert [lev["gemeentecode"] for lev in doc["leveringen"]] == ["1001", "1002"]
    assert officiele_fouten(doc, "1.2") == []


def test_writes_to_a_file_and_reports_what_it_wrote(regio, tmp_path):
    pad = tmp_path / "ddas.json"
    uitvoer = exporteren(*PERIODE, "--uitvoer", str(pad))
    doc = json.loads(pad.read_text(encoding="utf-8"))
    assert officiele_fouten(doc, "1.2") == []
    assert "2 levering(en), 4 vroegsignalen, 3 vroegsignaalzaken" in uitvoer
    assert "{" not in uitvoer


def test_version_0_9(regio):
    doc = json.loads(exporteren(*PERIODE, "--versie", "0.9"))
    assert officiele_fouten(doc, "0.9") == []
    assert "aanleverende_organisatie" in doc["leveringen"][0]


def test_one_municipality_by_cbs_code_also_with_gm_prefix(regio):
    assert [
        lev["gemeentecode"]
        for lev in json.loads(exporteren(*PERIODE, "--gemeente", "1002"))["leveringen"]
    ] == ["1002"]
    doc = json.loads(exporteren(*PERIODE, "--gemeente", "GM1001", "--gemeente", "1003"))
    assert [lev["gemeentecode"] for lev in doc["leveringen"]] == ["1001", "1003"]


def test_an_unknown_municipality_is_an_error(regio):
    with pytest.raises(CommandError, match="Onbekende gemeente\\(n\\): 9999"):
        exporteren(*PERIODE, "--gemeente", "9999")


def test_period_must_run_forward(regio):
    with pytest.raises(CommandError, match="--tot ligt vóór --van"):
        exporteren("--van", "2025-02-01", "--tot", "2025-01-31")


def test_a_date_must_be_iso(regio):
    with pytest.raises(CommandError, match="ongeldige datum '31-01-2025': gebruik JJJJ-MM-DD"):
        exporteren("--van", "2025-01-01", "--tot", "31-01-2025")


def test_an_unknown_version_is_refused(regio):
    with pytest.raises(CommandError, match="invalid choice"):
        exporteren(*PERIODE, "--versie", "2.0")


def test_an_invalid_document_is_not_written_and_the_command_fails(regio, tmp_path, monkeypatch):
    monkeypatch.setitem(formaat("1.2").signaalstatus, "opgepakt", "Bijna opgepakt")
    pad = tmp_path / "ddas.json"
    with pytest.raises(CommandError, match="voldoet niet aan schema v1.2") as fout:
        exporteren(*PERIODE, "--uitvoer", str(pad))
    assert "status: waarde staat niet in de enumeratie" in str(fout.value)
    assert not pad.exists()
    assert not Auditregel.objects.filter(actie=Auditactie.EXPORTEREN).exists()


def test_exits_non_zero_from_the_command_line_when_invalid(regio, monkeypatch, capsys):
    monkeypatch.setitem(formaat("1.2").signaalstatus, "opgepakt", "Bijna opgepakt")
    with pytest.raises(SystemExit) as einde:
        Command().run_from_argv(["manage.py", "ddas_exporteren", *PERIODE])
    assert einde.value.code == 1
    assert "voldoet niet aan schema v1.2" in capsys.readouterr().err


def test_every_levering_is_in_the_audit_log_without_personal_data(regio):
    exporteren(*PERIODE)
    regels = Auditregel.objects.filter(actie=Auditactie.EXPORTEREN).order_by("gemeente__cbs_code")
    assert [(r.gemeente.cbs_code, r.gebruikersnaam) for r in regels] == [
        ("1001", "ddas_exporteren"),
        ("1002", "ddas_exporteren"),
    ]
    assert regels[0].omschrijving == (
        "DDAS v1.2 2025-01-01 t/m 2025-01-31: 3 vroegsignalen, 2 vroegsignaalzaken"
    )
