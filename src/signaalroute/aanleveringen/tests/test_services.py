"""Intake end to end: receive, process, route, de-duplicate; nothing lost, nothing twice."""

import pytest
from django.core.management import call_command

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
from signaalroute.core.exceptions import Conflict
from signaalroute.vroegsignaalzaken.constants import Signaalstatus

from .intake import KOP, regel, regio, rommelig_bestand

pytestmark = pytest.mark.django_db


def verwerk(partner, inhoud, **kwargs) -> Aanlevering:
    aanlevering = aanlevering_ontvangen(
        signaalpartner=partner,
        kanaal=Aanleverkanaal.OPDRACHTREGEL,
        inhoud=inhoud,
        wachtrij=False,
        **kwargs,
    )
    aanlevering_verwerken(aanlevering_id=aanlevering.pk)
    aanlevering.refresh_from_db()
    return aanlevering


def codes(aanlevering, regelnummer):
    regel = Aanleverregel.objects.get(aanlevering=aanlevering, regelnummer=regelnummer)
    return {m["code"] for m in regel.meldingen}


def test_messy_file_every_row_is_stored_or_reported():
    lindeveld, _, verhuurder = regio()
    aanlevering = verwerk(verhuurder, rommelig_bestand())
    assert aanlevering.status == Aanleverstatus.VERWERKT
    assert aanlevering.aantal_rijen == 8
    assert (
        aanlevering.aantal_geaccepteerd
        + aanlevering.aantal_met_waarschuwing
        + aanlevering.aantal_afgewezen
    ) == 8
    assert aanlevering.aantal_afgewezen == 3
    stored = Vroegsignaal.objects.filter(aanlevering=aanlevering)
    assert stored.count() == 5
    assert set(stored.values_list("gemeente", flat=True)) == {lindeveld.pk}
    assert aanlevering.per_gemeente == {"9901": 5}
    assert "gemeente_niet_aangesloten" in codes(aanlevering, 5)
    assert "postcode_ongeldig" in codes(aanlevering, 6)
    assert "dubbel_in_aanlevering" in codes(aanlevering, 7)
    jansen = stored.get(klantnummer="K1")
    assert jansen.bedrag == 123456
    assert jansen.postcode == "7401AB"
    muller = stored.get(klantnummer="K2")
    assert (muller.huisnummer, muller.huisletter, muller.bedrag) == (12, "A", 45000)
    assert muller.achternaam == "Müller"  # Windows-1252 read correctly
    bv = stored.get(klantnummer="K6")
    assert bv.rechtspersoon
    assert bv.status == Signaalstatus.NIET_OPGEPAKT_ANDERE_REDEN
    assert bv.statushistorie.count() == 1
    assert stored.get(klantnummer="K7").achternaam == '=HYPERLINK("x")'


def test_signals_for_unconnected_municipalities_are_not_stored_for_anyone():
    _, elders, verhuurder = regio()
    verwerk(verhuurder, rommelig_bestand())
    assert not Vroegsignaal.objects.filter(gemeente=elders).exists()
    regel = Aanleverregel.objects.get(regelnummer=5)
    assert regel.gemeente is None


def test_same_file_twice_is_recognised_and_not_imported_twice():
    _, _, verhuurder = regio()
    eerste = verwerk(verhuurder, rommelig_bestand())
    with pytest.raises(DubbeleAanlevering) as exc:
        verwerk(verhuurder, rommelig_bestand())
    assert exc.value.eerdere == eerste
    assert "al aangeleverd" in str(exc.value.message)
    assert Vroegsignaal.objects.count() == 5


def test_idempotency_key_returns_the_earlier_delivery():
    _, _, verhuurder = regio()
    eerste = verwerk(verhuurder, rommelig_bestand(), idempotency_key="abc")
    tweede = aanlevering_ontvangen(
        signaalpartner=verhuurder,
        kanaal=Aanleverkanaal.API,
        inhoud=rommelig_bestand(),
        idempotency_key="abc",
    )
    assert tweede == eerste
    with pytest.raises(Conflict):
        aanlevering_ontvangen(
            signaalpartner=verhuurder,
            kanaal=Aanleverkanaal.API,
            inhoud=b"anders",
            idempotency_key="abc",
        )


def bestand(*regels: str) -> bytes:
    return "\n".join([KOP, *regels]).encode()


def test_same_signal_again_in_the_same_period_is_one_signal():
    _, _, verhuurder = regio()
    verwerk(verhuurder, bestand(regel("K1", "Jansen", bedrag="500")))
    tweede = verwerk(verhuurder, bestand(regel("K1", "Jansen", bedrag="400"), regel("K9", "Ali")))
    assert "al_aangeleverd" in codes(tweede, 2)
    assert tweede.aantal_afgewezen == 1
    assert Vroegsignaal.objects.filter(klantnummer="K1").count() == 1


def test_updated_signal_with_higher_amount_is_linked_to_the_earlier_one():
    _, _, verhuurder = regio()
    verwerk(verhuurder, bestand(regel("K1", "Jansen", bedrag="500")))
    tweede = verwerk(verhuurder, bestand(regel("K1", "Jansen", bedrag="750")))
    nieuw = Vroegsignaal.objects.get(aanlevering=tweede)
    assert nieuw.vorig_signaal.bedrag == 50000
    assert "update_eerder_signaal" in codes(tweede, 2)


def test_person_without_customer_number_is_recognised_by_name_birth_date_and_address():
    _, _, verhuurder = regio()
    verwerk(verhuurder, bestand(regel("", "Jansen", bedrag="500")))
    tweede = verwerk(verhuurder, bestand(regel("", "JANSEN", bedrag="500")))
    assert "al_aangeleverd" in codes(tweede, 2)


def test_unreadable_file_fails_as_a_whole_and_stores_nothing():
    _, _, verhuurder = regio()
    aanlevering = verwerk(verhuurder, b"\x00\x01\x02garbage\xff" * 50)
    assert aanlevering.status == Aanleverstatus.MISLUKT
    assert aanlevering.foutmelding
    assert not Vroegsignaal.objects.exists()


def test_crash_mid_import_leaves_nothing_half_stored_and_a_rerun_succeeds(monkeypatch):
    _, _, verhuurder = regio()
    monkeypatch.setattr(services, "BATCH", 2)
    aanlevering = aanlevering_ontvangen(
        signaalpartner=verhuurder,
        kanaal=Aanleverkanaal.OPDRACHTREGEL,
        inhoud=rommelig_bestand(),
        wachtrij=False,
    )
    echte_opslag = services._batch_opslaan
    aanroepen = []

    def crash_bij_tweede_batch(*args, **kwargs):
        aanroepen.append(1)
        if len(aanroepen) == 2:
            raise RuntimeError("stroomstoring")
        return echte_opslag(*args, **kwargs)

    monkeypatch.setattr(services, "_batch_opslaan", crash_bij_tweede_batch)
    with pytest.raises(RuntimeError):
        aanlevering_verwerken(aanlevering_id=aanlevering.pk)
    aanlevering.refresh_from_db()
    assert aanlevering.status == Aanleverstatus.ONTVANGEN
    assert not Vroegsignaal.objects.exists()
    assert not Aanleverregel.objects.exists()
    monkeypatch.setattr(services, "_batch_opslaan", echte_opslag)
    aanlevering_verwerken(aanlevering_id=aanlevering.pk)
    aanlevering.refresh_from_db()
    assert aanlevering.status == Aanleverstatus.VERWERKT
    assert Vroegsignaal.objects.count() == 5


def test_a_processed_delivery_is_not_processed_again():
    _, _, verhuurder = regio()
    aanlevering = verwerk(verhuurder, rommelig_bestand())
    assert aanlevering_verwerken(aanlevering_id=aanlevering.pk) is None
    assert Vroegsignaal.objects.count() == 5


def test_check_first_gives_the_same_result_and_stores_nothing():
    _, _, verhuurder = regio()
    concept = aanlevering_ontvangen(
        signaalpartner=verhuurder,
        kanaal=Aanleverkanaal.PORTAAL,
        inhoud=rommelig_bestand(),
        concept=True,
    )
    controle = aanlevering_controleren(aanlevering=concept)
    assert controle.samenvatting["total"] == 8
    assert controle.samenvatting["rejected"] == 3
    assert [r.regelnummer for r in controle.regels if r.status == Regelstatus.AFGEWEZEN] == [
        5,
        6,
        7,
    ]
    assert not Vroegsignaal.objects.exists()
    assert not Aanleverregel.objects.exists()
    aanlevering_bevestigen(aanlevering=concept, door=None)
    concept.refresh_from_db()
    assert concept.status == Aanleverstatus.ONTVANGEN


def test_received_delivery_is_processed_by_the_background_task(
    django_capture_on_commit_callbacks,
):
    _, _, verhuurder = regio()
    with django_capture_on_commit_callbacks(execute=True):
        aanlevering = aanlevering_ontvangen(
            signaalpartner=verhuurder, kanaal=Aanleverkanaal.PORTAAL, inhoud=rommelig_bestand()
        )
    aanlevering.refresh_from_db()
    assert aanlevering.status == Aanleverstatus.VERWERKT


def test_command_line_prints_a_json_summary(tmp_path, capsys):
    regio()
    pad = tmp_path / "signalen.csv"
    pad.write_bytes(rommelig_bestand())
    call_command("aanlevering_importeren", "--partner", "woonstichting", str(pad))
    import json

    samenvatting = json.loads(capsys.readouterr().out)
    assert samenvatting["total"] == 8
    assert samenvatting["accepted"] == 5
    assert samenvatting["rejected"] == 3
    assert samenvatting["perGemeente"] == {"9901": 5}
    assert samenvatting["aanlevering"]


def test_command_line_exits_non_zero_only_for_an_unreadable_file(tmp_path):
    regio()
    pad = tmp_path / "kapot.csv"
    pad.write_bytes(b"")
    with pytest.raises(SystemExit) as exc:
        call_command("aanlevering_importeren", "--partner", "woonstichting", str(pad))
    assert exc.value.code == 1


def test_explicit_municipality_code_wins_over_the_postcode():
    lindeveld, _, verhuurder = regio()
    from signaalroute.gemeenten.tests.factories import GemeenteFactory

    buurgemeente = GemeenteFactory(cbs_code="0363")
    kop = KOP + ";Gemeentecode"
    inhoud = "\n".join(
        [
            kop,
            regel("K1", "Jansen") + ";GM0363",
            regel("K2", "Ali") + ";",
            regel("K3", "Bos") + ";GMxyz",
        ]
    ).encode()
    aanlevering = verwerk(verhuurder, inhoud)
    assert Vroegsignaal.objects.get(klantnummer="K1").gemeente == buurgemeente
    assert Vroegsignaal.objects.get(klantnummer="K2").gemeente == lindeveld
    assert Vroegsignaal.objects.get(klantnummer="K3").gemeente == lindeveld
    assert "gemeentecode_ongeldig" in codes(aanlevering, 4)


def test_the_documented_example_files_give_the_same_result_as_csv_and_xlsx():
    from pathlib import Path

    from signaalroute.gemeenten.models import Postcodegebied
    from signaalroute.gemeenten.tests.factories import GemeenteFactory
    from signaalroute.signaalpartners.tests.factories import SignaalpartnerFactory

    voorbeelden = Path(__file__).resolve().parents[4] / "docs" / "voorbeelden"
    gemeente = GemeenteFactory()
    Postcodegebied.objects.bulk_create(
        Postcodegebied(postcode=str(pc4), gemeente=gemeente) for pc4 in range(1000, 10000)
    )
    uitkomsten = []
    for naam in ("aanlevering-voorbeeld.csv", "aanlevering-voorbeeld.xlsx"):
        partner = SignaalpartnerFactory(soort="zorg")
        aanlevering = verwerk(partner, (voorbeelden / naam).read_bytes())
        uitkomsten.append(
            (
                aanlevering.aantal_rijen,
                aanlevering.aantal_afgewezen,
                sorted(
                    Aanleverregel.objects.filter(aanlevering=aanlevering).values_list(
                        "regelnummer", "status"
                    )
                ),
            )
        )
    assert uitkomsten[0] == uitkomsten[1]
    assert uitkomsten[0][0] == 10
