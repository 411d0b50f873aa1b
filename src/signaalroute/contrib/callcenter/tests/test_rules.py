"""The pure rules of a result row: no database."""

import datetime as dt

import pytest

from signaalroute.aanleveringen.velden import Veldfout
from signaalroute.contrib.callcenter.rules import (
    MAX_NOTITIE,
    Rijcontext,
    belnummer,
    bereikt_parsen,
    dagdeel_bij_tijd,
    pogingnotitie,
    resultaatrij_valideren,
    tijd_parsen,
)

NU = dt.datetime(2025, 3, 12, 15, 0)
CONTEXT = Rijcontext(belronde="BR-2025-00001", exportdatum=dt.date(2025, 3, 3), nu=NU)


def rij(**waarden):
    basis = {
        "referentie": "VS-1",
        "datum": "10-03-2025",
        "tijd": "19:15",
        "bereikt": "ja",
        "gevonden_telefoonnummer": "",
        "notitie": "",
    }
    return {**basis, **waarden}


def codes(uitkomst):
    return sorted(m.code for m in uitkomst.meldingen)


@pytest.mark.parametrize(
    "tekst,verwacht",
    [
        ("14:30", dt.time(14, 30)),
        ("9:05", dt.time(9, 5)),
        ("09.05", dt.time(9, 5)),
        ("14:30:59", dt.time(14, 30)),
        ("2025-03-10 18:45:00", dt.time(18, 45)),
        ("0.5", dt.time(12, 0)),
    ],
)
def test_times_are_read_in_the_usual_spellings(tekst, verwacht):
    assert tijd_parsen(tekst) == verwacht


@pytest.mark.parametrize("tekst", ["24:00", "12:60", "middag", "1430", "-0.2", "7"])
def test_a_time_that_is_not_hh_mm_is_refused(tekst):
    with pytest.raises(Veldfout):
        tijd_parsen(tekst)


@pytest.mark.parametrize(
    "tekst,verwacht", [("ja", True), ("JA", True), ("j", True), ("nee", False), ("N", False)]
)
def test_reached_is_yes_or_no(tekst, verwacht):
    assert bereikt_parsen(tekst) is verwacht


def test_reached_must_be_yes_or_no():
    with pytest.raises(Veldfout):
        bereikt_parsen("misschien")


@pytest.mark.parametrize(
    "tijd,dagdeel",
    [
        (dt.time(8, 0), "ochtend"),
        (dt.time(11, 59), "ochtend"),
        (dt.time(12, 0), "middag"),
        (dt.time(17, 59), "middag"),
        (dt.time(18, 0), "avond"),
        (dt.time(21, 30), "avond"),
    ],
)
def test_the_part_of_the_day_follows_from_the_time(tijd, dagdeel):
    assert dagdeel_bij_tijd(tijd) == dagdeel


def test_a_complete_row_is_accepted_with_its_values():
    uitkomst = resultaatrij_valideren(
        rij(gevonden_telefoonnummer="06 87654321", notitie="Terugbellen na 19u"),
        context=CONTEXT,
        rijnummer=2,
    )
    assert codes(uitkomst) == []
    assert (uitkomst.datum, uitkomst.tijd, uitkomst.bereikt) == (
        dt.date(2025, 3, 10),
        dt.time(19, 15),
        True,
    )
    assert uitkomst.telefoonnummer == "+31687654321"
    assert uitkomst.notitie == "Terugbellen na 19u"


def test_a_row_without_date_time_and_reached_is_empty_not_rejected():
    uitkomst = resultaatrij_valideren(
        rij(datum="", tijd="", bereikt=""), context=CONTEXT, rijnummer=3
    )
    assert uitkomst.leeg and not uitkomst.afgewezen


@pytest.mark.parametrize(
    "waarden,code",
    [
        ({"referentie": ""}, "referentie_ontbreekt"),
        ({"referentie": "X" * 30}, "referentie_onbekend"),
        ({"belronde": "BR-2025-00099"}, "andere_belronde"),
        ({"datum": ""}, "datum_ontbreekt"),
        ({"datum": "31-02-2025"}, "datum_ongeldig"),
        ({"datum": "13-03-2025"}, "datum_toekomst"),
        ({"datum": "12-03-2025", "tijd": "15:30"}, "datum_toekomst"),
        ({"datum": "02-03-2025"}, "datum_voor_export"),
        ({"tijd": ""}, "tijd_ontbreekt"),
        ({"tijd": "kwart over zeven"}, "tijd_ongeldig"),
        ({"bereikt": ""}, "bereikt_ontbreekt"),
        ({"bereikt": "soms"}, "bereikt_ongeldig"),
        ({"gevonden_telefoonnummer": "12345"}, "telefoon_ongeldig"),
        ({"notitie": "x" * (MAX_NOTITIE + 1)}, "notitie_te_lang"),
    ],
)
def test_each_problem_of_a_row_gives_its_reason(waarden, code):
    assert codes(resultaatrij_valideren(rij(**waarden), context=CONTEXT, rijnummer=2)) == [code]


def test_every_problem_of_a_row_is_reported_not_only_the_first():
    uitkomst = resultaatrij_valideren(
        rij(referentie="", datum="gisteren", tijd="25:00", bereikt="?"),
        context=CONTEXT,
        rijnummer=2,
    )
    assert codes(uitkomst) == [
        "bereikt_ongeldig",
        "datum_ongeldig",
        "referentie_ontbreekt",
        "tijd_ongeldig",
    ]


def test_an_invalid_phone_number_is_not_repeated_in_the_reason():
    uitkomst = resultaatrij_valideren(
        rij(gevonden_telefoonnummer="0612"), context=CONTEXT, rijnummer=2
    )
    assert "0612" not in uitkomst.meldingen[0].bericht


def test_date_and_time_in_one_cell_are_both_used():
    uitkomst = resultaatrij_valideren(
        rij(datum="10-03-2025 09:30", tijd=""), context=CONTEXT, rijnummer=2
    )
    assert codes(uitkomst) == [] and uitkomst.tijd == dt.time(9, 30)


def test_phone_numbers_on_the_call_list_never_start_with_a_plus():
    assert belnummer("+31612345678") == "06 12345678"
    assert belnummer("+3220123456").startswith("00 32")


def test_the_note_says_it_came_from_the_callcenter():
    assert pogingnotitie("Voicemail", "BR-1") == "Callcenter (belronde BR-1): Voicemail"
    assert pogingnotitie("", "BR-1") == "Callcenter (belronde BR-1)."
