"""The processing log: what a row records, the pseudonyms, and the hash chain."""

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.audit.constants import Auditactie, Verwerkingsactiviteit
from signaalroute.audit.models import Auditregel, Logboekketen
from signaalroute.audit.services import (
    auditregel_vastleggen,
    bsn_pseudoniem,
    logboek_controleren,
    logboek_verzegelen,
    zaak_pseudoniem,
)
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db

BSN = "111222333"


def _regels(aantal, gebruiker=None):
    return [
        auditregel_vastleggen(
            actie=Auditactie.INLOGGEN, gebruiker=gebruiker, gebruikersnaam=f"gebruiker{i}"
        )
        for i in range(aantal)
    ]


def test_row_records_processing_activity_purpose_and_legal_ground(users, tenant_a):
    zaak = VroegsignaalzaakFactory(gemeente=tenant_a)
    regel = auditregel_vastleggen(
        actie=Auditactie.BEKIJKEN,
        gebruiker=users["vroegsignaleerder"],
        object=zaak,
        gemeente=tenant_a,
    )
    assert regel.verwerkingsactiviteit == Verwerkingsactiviteit.VROEGSIGNALERING
    assert "Wgs art. 3 lid 3" in regel.grondslag
    assert regel.doel
    assert regel.status == "ok"
    assert len(regel.trace_id) == 32 and len(regel.operation_id) == 16


def test_case_row_names_the_household_by_pseudonym_never_by_bsn(users, tenant_a):
    zaak = VroegsignaalzaakFactory(gemeente=tenant_a)
    VroegsignaalFactory(gemeente=tenant_a, vroegsignaalzaak=zaak, bsn=BSN)
    VroegsignaalFactory(gemeente=tenant_a, vroegsignaalzaak=zaak, bsn="")
    regel = auditregel_vastleggen(
        actie=Auditactie.BEKIJKEN, gebruiker=users["vroegsignaleerder"], object=zaak
    )
    assert bsn_pseudoniem(BSN) in regel.betrokkenen
    assert zaak_pseudoniem(zaak.uuid) in regel.betrokkenen
    gevonden = Auditregel.objects.filter(pk=regel.pk).values_list("betrokkenen", "omschrijving")
    assert BSN not in str(list(gevonden))


def test_explicit_bsn_is_stored_as_pseudonym(users):
    regel = auditregel_vastleggen(
        actie=Auditactie.BEKIJKEN, gebruiker=users["auditor"], betrokkene=BSN
    )
    assert regel.betrokkenen == bsn_pseudoniem(BSN)


def test_pseudonym_uses_the_configured_key(settings):
    settings.LOGBOEK_SLEUTEL = "sleutel-een"
    een = bsn_pseudoniem(BSN)
    settings.LOGBOEK_SLEUTEL = "sleutel-twee"
    assert bsn_pseudoniem(BSN) != een


def test_existing_calls_without_new_arguments_still_work(users):
    regel = auditregel_vastleggen(actie=Auditactie.INLOGGEN, gebruiker=users["coordinator"])
    assert regel.verwerkingsactiviteit == Verwerkingsactiviteit.TOEGANGSBEVEILIGING
    assert regel.betrokkenen == ""


def test_sealing_links_rows_in_order_and_the_chain_verifies():
    _regels(3)
    assert logboek_verzegelen() == 3
    rijen = list(Auditregel.objects.order_by("volgnummer"))
    assert [r.volgnummer for r in rijen] == [1, 2, 3]
    assert rijen[1].vorige_hash == rijen[0].hash and rijen[2].vorige_hash == rijen[1].hash
    kop = Logboekketen.objects.get(pk=1)
    assert (kop.volgnummer, kop.hash) == (3, rijen[2].hash)
    assert logboek_controleren().intact


def test_sealing_twice_changes_nothing():
    _regels(2)
    logboek_verzegelen()
    assert logboek_verzegelen() == 0
    _regels(1)
    assert logboek_verzegelen() == 1
    assert logboek_controleren().gecontroleerd == 3


def test_row_is_sealed_when_its_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _regels(3)
    assert len(callbacks) == 1  # one seal per transaction, not one per row
    assert not Auditregel.objects.filter(hash="").exists()


def test_row_edited_with_raw_sql_is_caught():
    _regels(5)
    logboek_verzegelen()
    derde = Auditregel.objects.get(volgnummer=3)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditregel SET gebruikersnaam = %s WHERE id = %s", ["iemand", derde.id]
        )
    controle = logboek_controleren()
    assert not controle.intact
    assert controle.fout_volgnummer == 3
    assert controle.fout_id == derde.id
    assert "gewijzigd" in controle.fout


def test_row_deleted_with_raw_sql_is_caught():
    _regels(4)
    logboek_verzegelen()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditregel WHERE volgnummer = 2")
    controle = logboek_controleren()
    assert (controle.intact, controle.fout_volgnummer) == (False, 3)


def test_rows_deleted_at_the_end_are_caught_by_the_head():
    _regels(4)
    logboek_verzegelen()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditregel WHERE volgnummer = 4")
    controle = logboek_controleren()
    assert not controle.intact and controle.fout_volgnummer == 4


def test_command_reports_the_first_broken_row_with_a_non_zero_exit():
    _regels(3)
    logboek_verzegelen()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditregel SET actie = 'exporteren' WHERE volgnummer = 2")
    with pytest.raises(CommandError) as fout:
        call_command("logboek_controleren")
    assert fout.value.returncode == 1
    assert "volgnummer 2" in str(fout.value)


def test_command_says_intact_with_the_head(capsys):
    _regels(2)
    call_command("logboek_controleren")
    uitvoer = capsys.readouterr().out
    assert "Keten intact: 2 regel(s)" in uitvoer
    assert Logboekketen.objects.get(pk=1).hash in uitvoer


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_and_sealers_keep_one_unbroken_chain():
    """Eight threads write and seal at once (each row commits on its own and seals after its
    commit); the chain has every row exactly once, in one unbroken line."""
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL; SQLite serialises writers")
    Logboekketen.objects.get_or_create(pk=1)
    fouten = []

    def schrijver(nummer):
        try:
            for i in range(15):
                auditregel_vastleggen(
                    actie=Auditactie.INLOGGEN, gebruiker=None, gebruikersnaam=f"t{nummer}-{i}"
                )
        except Exception as exc:  # pragma: no cover - reported below
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=schrijver, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not fouten
    controle = logboek_controleren()
    assert controle.intact, controle.fout
    assert controle.gecontroleerd == Auditregel.objects.count() == 120


def test_daily_task_reports_a_broken_chain(caplog):
    from signaalroute.audit.tasks import logboek_controleren_taak

    _regels(2)
    assert logboek_controleren_taak.call()["intact"]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditregel SET omschrijving = 'x' WHERE volgnummer = 1")
    uitkomst = logboek_controleren_taak.call()
    assert (uitkomst["intact"], uitkomst["fout_volgnummer"]) == (False, 1)
    assert "volgnummer 1" in caplog.text
