"""Reading in a callcenter's results: every row processed into a contact attempt (and a phone
number found, with source callcenter) or rejected with all its reasons; nothing twice."""

import datetime as dt
import io

import pytest
import xlsxwriter
from django.utils import timezone

from signaalroute.audit.models import Auditregel
from signaalroute.contrib.callcenter import services
from signaalroute.contrib.callcenter.constants import Belrondestatus, Importstatus, Regelstatus
from signaalroute.contrib.callcenter.models import (
    Belrondeimport,
    Belrondeimportbestand,
    Belronderegel,
)
from signaalroute.contrib.callcenter.selectors import afwijzingsrapport
from signaalroute.contrib.callcenter.services import (
    DubbeleImport,
    belrondeimport_ontvangen,
)
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.vroegsignaalzaken.constants import (
    Contactgegevenbron,
    Contactgegevensoort,
    Contactsoort,
    Dagdeel,
    Ongeldigreden,
    Zaakfase,
)
from signaalroute.vroegsignaalzaken.models import Contactgegeven, Contactpoging, Vroegsignaalzaak
from signaalroute.vroegsignaalzaken.services import contactgegeven_ongeldig_melden

from .conftest import ronde_maken, zaak_maken

pytestmark = pytest.mark.django_db

KOP = ["referentie", "datum", "tijd", "bereikt", "gevonden_telefoonnummer", "notitie"]


def csv_bestand(rijen, kop=KOP) -> bytes:
    regels = [";".join(kop)] + [";".join(rij) for rij in rijen]
    return ("\ufeff" + "\r\n".join(regels) + "\r\n").encode("utf-8")


def inlezen(ronde, door, inhoud, naam="resultaten.csv"):
    return belrondeimport_ontvangen(belronde=ronde, inhoud=inhoud, bestandsnaam=naam, door=door)


def regels(belrondeimport):
    return {r.regelnummer: r for r in Belronderegel.objects.filter(belrondeimport=belrondeimport)}


def redenen(regel):
    return sorted(m["code"] for m in regel.meldingen)


def test_results_become_contact_attempts_and_found_numbers(ronde, zaken, coordinator, gisteren):
    jansen, bakker = zaken
    datum = gisteren.strftime("%d-%m-%Y")
    inhoud = csv_bestand(
        [
            [jansen.referentie, datum, "10:15", "nee", "", "Voicemail ingesproken"],
            [jansen.referentie, datum, "19:40", "ja", "", "Wil hulp, terugbellen"],
            [bakker.referentie, datum, "14:00", "ja", "06 87654321", ""],
        ]
    )

    belrondeimport = inlezen(ronde, coordinator, inhoud)

    assert belrondeimport.status == Importstatus.VERWERKT
    assert (belrondeimport.aantal_rijen, belrondeimport.aantal_geaccepteerd) == (3, 3)
    pogingen = list(Contactpoging.objects.filter(vroegsignaalzaak=jansen).order_by("dagdeel"))
    assert [(p.soort, p.datum, p.dagdeel, p.bereikt) for p in pogingen] == [
        (Contactsoort.TELEFOON, gisteren, Dagdeel.AVOND, True),
        (Contactsoort.TELEFOON, gisteren, Dagdeel.OCHTEND, False),
    ]
    assert pogingen[1].notitie == f"Callcenter (belronde {ronde.code}): Voicemail ingesproken"
    assert pogingen[1].geregistreerd_door == coordinator
    jansen.refresh_from_db()
    assert jansen.fase == Zaakfase.IN_BEHANDELING
    assert jansen.eerste_contactpoging_op == gisteren
    gevonden = Contactgegeven.objects.get(vroegsignaalzaak=bakker)
    assert (gevonden.soort, gevonden.waarde, gevonden.bron) == (
        Contactgegevensoort.TELEFOON,
        "+31687654321",
        Contactgegevenbron.CALLCENTER,
    )
    regel = regels(belrondeimport)[4]
    assert regel.contactpoging.vroegsignaalzaak == bakker
    assert regel.contactgegeven == gevonden
    assert regel.gegevens == {}  # accepted rows keep no copy of what was delivered
    ronde.refresh_from_db()
    assert ronde.status == Belrondestatus.RESULTATEN_INGELEZEN
    assert not Belrondeimportbestand.objects.exists()  # the file is not kept


def test_an_xlsx_with_date_and_time_cells_is_read_like_a_csv(tenant_a, coordinator, gisteren):
    zaak = zaak_maken(tenant_a)
    ronde = ronde_maken(tenant_a, [zaak], coordinator, formaat="xlsx")
    buffer = io.BytesIO()
    werkmap = xlsxwriter.Workbook(buffer, {"in_memory": True})
    blad = werkmap.add_worksheet()
    for kolom, naam in enumerate(["belronde", *KOP]):
        blad.write_string(0, kolom, naam)
    blad.write_string(1, 0, ronde.code)
    blad.write_string(1, 1, zaak.referentie)
    blad.write_datetime(
        1,
        2,
        dt.datetime.combine(gisteren, dt.time()),
        werkmap.add_format({"num_format": "dd-mm-yyyy"}),
    )
    blad.write_datetime(1, 3, dt.time(20, 5), werkmap.add_format({"num_format": "hh:mm"}))
    blad.write_boolean(1, 4, False)
    blad.write_string(1, 5, "'+31 6 11223344")
    werkmap.close()

    belrondeimport = inlezen(ronde, coordinator, buffer.getvalue(), "resultaten.xlsx")

    assert belrondeimport.aantal_geaccepteerd == 1, regels(belrondeimport)[2].meldingen
    poging = Contactpoging.objects.get(vroegsignaalzaak=zaak)
    assert (poging.datum, poging.dagdeel, poging.bereikt) == (gisteren, Dagdeel.AVOND, False)
    assert Contactgegeven.objects.get(vroegsignaalzaak=zaak).waarde == "+31611223344"


def test_every_rejection_reason_is_reported_and_nothing_is_recorded(
    tenant_a, tenant_b, ronde, zaken, coordinator, gisteren
):
    jansen, bakker = zaken
    buiten_ronde = zaak_maken(tenant_a)
    andere_gemeente = zaak_maken(tenant_b)
    datum = gisteren.strftime("%d-%m-%Y")
    morgen = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d-%m-%Y")
    voor_export = (timezone.localdate() - dt.timedelta(days=8)).strftime("%d-%m-%Y")
    inhoud = csv_bestand(
        [
            ["", datum, "10:00", "ja", "", ""],  # 2
            [buiten_ronde.referentie, datum, "10:00", "ja", "", ""],  # 3
            [andere_gemeente.referentie, datum, "10:00", "ja", "", ""],  # 4
            [jansen.referentie, "", "10:00", "ja", "", ""],  # 5
            [jansen.referentie, "32-13-2025", "10:00", "ja", "", ""],  # 6
            [jansen.referentie, morgen, "10:00", "ja", "", ""],  # 7
            [jansen.referentie, voor_export, "10:00", "ja", "", ""],  # 8
            [jansen.referentie, datum, "", "ja", "", ""],  # 9
            [jansen.referentie, datum, "half tien", "ja", "", ""],  # 10
            [jansen.referentie, datum, "10:00", "", "", ""],  # 11
            [jansen.referentie, datum, "10:00", "misschien", "", ""],  # 12
            [jansen.referentie, datum, "10:00", "ja", "12345", ""],  # 13
            [jansen.referentie, datum, "10:00", "ja", "", "x" * 501],  # 14
            [bakker.referentie, "", "", "", "", ""],  # 15: not called
        ]
    )

    belrondeimport = inlezen(ronde, coordinator, inhoud)

    per_regel = {n: redenen(r) for n, r in regels(belrondeimport).items()}
    assert per_regel == {
        2: ["referentie_ontbreekt"],
        3: ["referentie_onbekend"],
        4: ["referentie_onbekend"],
        5: ["datum_ontbreekt"],
        6: ["datum_ongeldig"],
        7: ["datum_toekomst"],
        8: ["datum_voor_export"],
        9: ["tijd_ontbreekt"],
        10: ["tijd_ongeldig"],
        11: ["bereikt_ontbreekt"],
        12: ["bereikt_ongeldig"],
        13: ["telefoon_ongeldig"],
        14: ["notitie_te_lang"],
        15: ["geen_resultaat"],
    }
    assert regels(belrondeimport)[15].status == Regelstatus.LEEG
    assert (belrondeimport.aantal_afgewezen, belrondeimport.aantal_leeg) == (13, 1)
    assert not Contactpoging.objects.exists()
    assert not Contactgegeven.objects.exists()
    # The other municipality's case is not even linked: its existence is not revealed.
    assert regels(belrondeimport)[4].vroegsignaalzaak is None


def test_every_row_is_processed_or_reported(ronde, zaken, coordinator, gisteren):
    datum = gisteren.strftime("%d-%m-%Y")
    rijen = [[zaken[0].referentie, datum, f"{8 + i}:00", "nee", "", ""] for i in range(5)]
    rijen += [["VS-ONBEKEND", datum, "9:00", "ja", "", ""], ["", "", "", "", "", ""]]

    belrondeimport = inlezen(ronde, coordinator, csv_bestand(rijen))

    assert belrondeimport.aantal_rijen == 6  # the fully empty row is no row
    assert (
        belrondeimport.aantal_geaccepteerd
        + belrondeimport.aantal_afgewezen
        + belrondeimport.aantal_leeg
        == Belronderegel.objects.filter(belrondeimport=belrondeimport).count()
        == 6
    )


def test_a_case_closed_meanwhile_is_rejected_with_a_clear_reason(
    ronde, zaken, coordinator, gisteren
):
    Vroegsignaalzaak.objects.filter(pk=zaken[0].pk).update(fase=Zaakfase.AFGESLOTEN)
    inhoud = csv_bestand(
        [[zaken[0].referentie, gisteren.strftime("%d-%m-%Y"), "11:00", "ja", "", ""]]
    )

    regel = regels(inlezen(ronde, coordinator, inhoud))[2]

    assert regel.status == Regelstatus.AFGEWEZEN
    assert redenen(regel) == ["zaak_afgesloten"]
    assert "intussen afgesloten" in regel.meldingen[0]["bericht"]
    assert not Contactpoging.objects.exists()


def test_the_same_file_twice_is_refused(ronde, zaken, coordinator, gisteren):
    inhoud = csv_bestand(
        [[zaken[0].referentie, gisteren.strftime("%d-%m-%Y"), "11:00", "ja", "", ""]]
    )
    inlezen(ronde, coordinator, inhoud)

    with pytest.raises(DubbeleImport, match="al ingelezen"):
        inlezen(ronde, coordinator, inhoud, "kopie.csv")

    assert Belrondeimport.objects.count() == 1
    assert Contactpoging.objects.count() == 1


def test_a_corrected_file_does_not_record_the_same_attempt_again(
    ronde, zaken, coordinator, gisteren
):
    datum = gisteren.strftime("%d-%m-%Y")
    goed = [zaken[0].referentie, datum, "11:00", "ja", "", ""]
    inlezen(
        ronde, coordinator, csv_bestand([goed, [zaken[1].referentie, datum, "25:00", "ja", "", ""]])
    )

    tweede = inlezen(
        ronde, coordinator, csv_bestand([goed, [zaken[1].referentie, datum, "12:00", "ja", "", ""]])
    )

    assert redenen(regels(tweede)[2]) == ["dubbele_poging"]
    assert regels(tweede)[3].status == Regelstatus.GEACCEPTEERD
    assert Contactpoging.objects.count() == 2


def test_the_same_attempt_twice_in_one_file_is_recorded_once(ronde, zaken, coordinator, gisteren):
    rij = [zaken[0].referentie, gisteren.strftime("%d-%m-%Y"), "11:00", "ja", "", ""]

    belrondeimport = inlezen(ronde, coordinator, csv_bestand([rij, rij]))

    assert [r.status for r in regels(belrondeimport).values()] == [
        Regelstatus.GEACCEPTEERD,
        Regelstatus.AFGEWEZEN,
    ]


def test_a_round_code_of_another_round_is_rejected(ronde, zaken, coordinator, gisteren):
    kop = ["belronde", *KOP]
    inhoud = csv_bestand(
        [
            [
                "BR-1999-99999",
                zaken[0].referentie,
                gisteren.strftime("%d-%m-%Y"),
                "11:00",
                "ja",
                "",
                "",
            ]
        ],
        kop=kop,
    )

    assert redenen(regels(inlezen(ronde, coordinator, inhoud))[2]) == ["andere_belronde"]


def test_a_number_reported_wrong_before_is_not_stored_again(ronde, zaken, coordinator, gisteren):
    jansen = zaken[0]
    contactgegeven_ongeldig_melden(
        zaak=jansen,
        door=coordinator,
        soort=Contactgegevensoort.TELEFOON,
        waarde="06-12345678",
        reden=Ongeldigreden.ANDER_PERSOON,
        vroegsignaal=jansen.vroegsignalen.get(),
    )
    inhoud = csv_bestand(
        [[jansen.referentie, gisteren.strftime("%d-%m-%Y"), "11:00", "nee", "0612345678", ""]]
    )

    regel = regels(inlezen(ronde, coordinator, inhoud))[2]

    assert regel.status == Regelstatus.GEACCEPTEERD  # the attempt itself happened
    assert redenen(regel) == ["telefoon_eerder_onjuist"]
    assert regel.contactgegeven is None
    assert not Contactgegeven.objects.filter(geldig=True).exists()


def test_another_municipalitys_reference_is_rejected_even_in_its_own_round(
    tenant_a, tenant_b, users, gisteren
):
    """A coordinator of B cannot feed attempts into A's cases through a round of B."""
    from signaalroute.accounts.constants import Rol
    from signaalroute.accounts.tests.factories import UserFactory

    coordinator_b = UserFactory(
        rol=Rol.COORDINATOR, uitvoeringsorganisatie=tenant_b.uitvoeringsorganisatie
    )
    zaak_a = zaak_maken(tenant_a)
    ronde_b = ronde_maken(tenant_b, [zaak_maken(tenant_b)], coordinator_b)
    inhoud = csv_bestand(
        [[zaak_a.referentie, gisteren.strftime("%d-%m-%Y"), "11:00", "ja", "", ""]]
    )

    regel = regels(inlezen(ronde_b, coordinator_b, inhoud))[2]

    assert redenen(regel) == ["referentie_onbekend"]
    assert not Contactpoging.objects.exists()


def test_rejection_report_lists_the_rows_with_reasons_and_data(ronde, zaken, coordinator, gisteren):
    datum = gisteren.strftime("%d-%m-%Y")
    belrondeimport = inlezen(
        ronde,
        coordinator,
        csv_bestand(
            [
                [zaken[0].referentie, datum, "11:00", "ja", "", ""],
                [zaken[1].referentie, datum, "7 uur", "ja", "=cmd", "belde terug"],
            ]
        ),
    )

    kolommen, rijen = afwijzingsrapport(belrondeimport)

    assert kolommen[:5] == ["regelnummer", "status", "redencodes", "redenen", "referentie"]
    assert len(rijen) == 1
    rij = dict(zip(kolommen, rijen[0], strict=True))
    assert rij["regelnummer"] == 3
    assert rij["redencodes"] == "tijd_ongeldig, telefoon_ongeldig"
    assert (rij["tijd"], rij["notitie"]) == ("7 uur", "belde terug")
    assert rij["gevonden_telefoonnummer"] == "=cmd"  # neutralised when written (core.export)


def test_an_unreadable_file_is_refused_as_a_whole_and_nothing_is_stored(ronde, coordinator):
    with pytest.raises(ValidatieFout, match="Verplichte kolommen ontbreken: tijd, bereikt"):
        inlezen(ronde, coordinator, b"referentie;datum\nVS-1;01-01-2025\n")
    with pytest.raises(ValidatieFout):
        inlezen(ronde, coordinator, b"%PDF-1.4 ...")
    with pytest.raises(ValidatieFout):
        inlezen(ronde, coordinator, b"PK\x03\x04 not really a zip")
    assert not Belrondeimport.objects.exists()


def test_the_import_is_audited_without_personal_data(ronde, zaken, coordinator, gisteren):
    inhoud = csv_bestand(
        [
            [
                zaken[1].referentie,
                gisteren.strftime("%d-%m-%Y"),
                "11:00",
                "ja",
                "0687654321",
                "Mevrouw Bakker",
            ]
        ]
    )
    inlezen(ronde, coordinator, inhoud)

    omschrijvingen = " ".join(Auditregel.objects.values_list("omschrijving", flat=True))
    assert f"Resultaten belronde {ronde.code} ingelezen: 1 regels, 1 verwerkt" in omschrijvingen
    assert "Bakker" not in omschrijvingen and "0687654321" not in omschrijvingen


def test_a_large_file_is_processed_by_a_task(
    ronde, zaken, coordinator, gisteren, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "DIRECT_VERWERKEN_TOT", 1)
    datum = gisteren.strftime("%d-%m-%Y")
    inhoud = csv_bestand([[z.referentie, datum, "11:00", "nee", "", ""] for z in zaken])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        belrondeimport = inlezen(ronde, coordinator, inhoud)
    assert belrondeimport.status == Importstatus.ONTVANGEN
    assert not Contactpoging.objects.exists()

    for callback in callbacks:  # the (immediate) task backend runs it now
        callback()

    belrondeimport.refresh_from_db()
    assert belrondeimport.status == Importstatus.VERWERKT
    assert Contactpoging.objects.count() == 2


def test_processing_twice_changes_nothing(ronde, zaken, coordinator, gisteren):
    inhoud = csv_bestand(
        [[zaken[0].referentie, gisteren.strftime("%d-%m-%Y"), "11:00", "ja", "", ""]]
    )
    belrondeimport = inlezen(ronde, coordinator, inhoud)

    assert services.belrondeimport_verwerken(belrondeimport_id=belrondeimport.pk) is None
    assert Contactpoging.objects.count() == 1


def test_a_follow_up_the_worker_planned_is_kept(ronde, zaken, coordinator, gisteren):
    overmorgen = timezone.localdate() + dt.timedelta(days=2)
    Vroegsignaalzaak.objects.filter(pk=zaken[0].pk).update(
        vervolg_op=overmorgen, vervolgactie="Huisbezoek"
    )
    inhoud = csv_bestand(
        [[zaken[0].referentie, gisteren.strftime("%d-%m-%Y"), "11:00", "nee", "", ""]]
    )

    inlezen(ronde, coordinator, inhoud)

    zaken[0].refresh_from_db()
    assert (zaken[0].vervolg_op, zaken[0].vervolgactie) == (overmorgen, "Huisbezoek")
