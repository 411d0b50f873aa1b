"""Rule sets to and from dicts and YAML: round trip, amounts in euros, every error reported."""

import copy

import pytest
import yaml

from signaalroute.core.exceptions import ValidatieFout
from signaalroute.triage.rules import (
    STANDAARD_UITWIJKREGELS,
    Contactstap,
    Prioriteitsweging,
    Regel,
    Regelset,
    Uitkomst,
    Uitwijkregel,
    Voorwaarde,
    regelset_naar_dict,
    regelset_naar_yaml,
    regelset_uit_dict,
    regelset_uit_yaml,
    standaard_regelset,
)
from signaalroute.triage.rules.uitwisseling import centen, euros

REGELSET = Regelset(
    naam="Proef",
    omschrijving="Voor de test",
    regels=(
        Regel(
            "Huur",
            (
                Voorwaarde("partnersoorten", "een_van", ["huur"]),
                Voorwaarde("totaalbedrag", "tussen", (25000, 57550)),
                Voorwaarde("wijk", "geen_van", ["01", "no"]),
                Voorwaarde("crisis", "nee"),
            ),
            Uitkomst(
                "Huisbezoek",
                (Contactstap("brief"), Contactstap("telefoon", 2), Contactstap("huisbezoek")),
                team="wijkteam",
                termijnprofiel="crisis",
            ),
        ),
        Regel("Rest", (), Uitkomst("Geen contact")),
    ),
    terugval=Uitkomst("Brief", (Contactstap("brief"),)),
    weging=Prioriteitsweging(2, 3, 4),
    uitwijkregels=(Uitwijkregel("huisbezoek", ("telefoon", "brief")),),
)


def test_round_trip_through_dict_and_yaml_is_equal():
    assert regelset_uit_dict(regelset_naar_dict(REGELSET)) == REGELSET
    tekst = regelset_naar_yaml(REGELSET)
    assert regelset_uit_yaml(tekst) == REGELSET
    assert regelset_naar_yaml(regelset_uit_yaml(tekst)) == tekst
    assert regelset_uit_yaml(regelset_naar_yaml(standaard_regelset())) == standaard_regelset()


def test_dict_is_plain_json_able_data_with_amounts_in_euros():
    data = regelset_naar_dict(REGELSET)
    voorwaarden = data["regels"][0]["voorwaarden"]
    assert voorwaarden[1] == {"feit": "totaalbedrag", "operator": "tussen", "waarde": [250, 575.5]}
    assert voorwaarden[3] == {"feit": "crisis", "operator": "nee"}
    assert data["regels"][1]["uitkomst"] == {
        "bakje": "Geen contact",
        "aanpak": [],
        "termijnprofiel": "standaard",
    }
    assert data["prioriteit"] == {
        "punten_per_100_euro": 2,
        "punten_per_partner": 3,
        "punten_per_recidive": 4,
    }
    assert data["uitwijkregels"] == [
        {"kanaal": "huisbezoek", "alternatieven": ["telefoon", "brief"]}
    ]


def test_codes_that_look_like_numbers_or_booleans_survive_yaml():
    tekst = regelset_naar_yaml(REGELSET)
    assert regelset_uit_yaml(tekst).regels[0].voorwaarden[2].waarde == ("01", "no")


@pytest.mark.parametrize(
    ("invoer", "centen_"),
    [
        (500, 50000),
        (575.5, 57550),
        ("575,50", 57550),
        ("€ 1.250,00", 125000),
        ("12.34", 1234),
        (0, 0),
    ],
)
def test_amounts_in_euros_are_read_exactly(invoer, centen_):
    assert centen(invoer) == centen_


@pytest.mark.parametrize("invoer", ["veel", 1.005, True, None, [1]])
def test_bad_amounts_are_refused(invoer):
    with pytest.raises(ValidatieFout):
        centen(invoer)


def test_euros_are_whole_numbers_when_possible():
    assert (euros(50000), euros(57550), euros(1)) == (500, 575.5, 0.01)


def test_short_forms_and_defaults_are_accepted_on_import():
    regelset = regelset_uit_yaml(
        """
naam: Kort
regels:
  - naam: Hoog
    voorwaarden:
      - {feit: totaalbedrag, operator: minstens, waarde: "500,00"}
    uitkomst: {bakje: Telefoon, aanpak: [telefoon, {kanaal: brief}]}
terugval: {bakje: Brief, aanpak: [brief]}
"""
    )
    assert regelset.regels[0].voorwaarden[0].waarde == 50000
    assert regelset.regels[0].uitkomst.aanpak == (Contactstap("telefoon"), Contactstap("brief"))
    assert regelset.regels[0].uitkomst.termijnprofiel == "standaard"
    assert regelset.uitwijkregels == STANDAARD_UITWIJKREGELS
    assert regelset.weging == Prioriteitsweging()


def _fout(data) -> ValidatieFout:
    with pytest.raises(ValidatieFout) as fout:
        regelset_uit_dict(data)
    return fout.value


def test_import_reports_every_error_with_its_place_in_dutch():
    data = copy.deepcopy(regelset_naar_dict(REGELSET))
    data["regels"][0]["voorwaarden"][0]["feit"] = "bedragg"
    data["regels"][0]["voorwaarden"][1]["waarde"] = [600, 250]
    data["regels"][0]["uitkomst"]["aanpak"][1]["kanaal"] = "duif"
    data["regels"][1]["naam"] = ""
    data["regels"][1]["extra"] = 1
    data["terugval"]["bakje"] = ""
    data["uitwijkregels"][0]["reden"] = "regen"
    fout = _fout(data)
    redenen = [p["reason"] for p in fout.invalid_params]
    assert redenen == [
        "Regel 1, voorwaarde 1: onbekend feit ‘bedragg’; kies uit partnersoorten, aantal_partners, "
        "totaalbedrag, hoogste_bedrag, zaaksoort, recidive, sleper, gaten_dichten, telt_als_match, "
        "crisis, eindelevering, leeftijd, wijk, telefoon_bekend, email_bekend, bekend_bij_shv, "
        "alleen_brief.",
        "Regel 1, voorwaarde 2: bij ‘tussen’ moet de ondergrens niet hoger zijn dan de bovengrens.",
        "Regel 1, uitkomst, stap 2: onbekend kanaal ‘duif’; kies uit brief, mail, telefoon, "
        "huisbezoek, sms_whatsapp, kaartje, afspraak_op_locatie, administratief, overige.",
        "Regel 2: onbekend veld ‘extra’.",
        "Regel 2: geef de regel een naam.",
        "Terugval: geef de naam van het bakje.",
        "Uitwijkregel 1: onbekende reden ‘regen’; kies uit capaciteit_vol, geen_contactgegevens.",
    ]
    assert [p["name"] for p in fout.invalid_params] == [
        "regels[0].voorwaarden[0].feit",
        "regels[0].voorwaarden[1].waarde",
        "regels[0].uitkomst.aanpak[1].kanaal",
        "regels[1].extra",
        "regels[1].naam",
        "terugval.bakje",
        "uitwijkregels[0].reden",
    ]
    assert str(fout.message).startswith("De regelset is niet geldig:\n- Regel 1, voorwaarde 1:")


def test_import_reports_missing_fields_bad_amounts_and_duplicate_names():
    fout = _fout(
        {
            "naam": "X",
            "regels": [
                {
                    "naam": "A",
                    "voorwaarden": [
                        {"feit": "totaalbedrag", "operator": "minstens", "waarde": "veel"}
                    ],
                    "uitkomst": {"bakje": "B"},
                },
                {"naam": "B", "uitkomst": {"bakje": "B"}},
                {"naam": "B", "uitkomst": {"bakje": "B"}},
                {
                    "voorwaarden": "crisis",
                    "uitkomst": {"bakje": "B", "aanpak": [{"kanaal": "brief", "aantal": 0}]},
                },
            ],
        }
    )
    assert [p["reason"] for p in fout.invalid_params] == [
        "Het veld ‘terugval’ ontbreekt.",
        "Regel 1, voorwaarde 1: ‘veel’ is geen bedrag in euro's.",
        "Regel 3: de naam ‘B’ heeft regel 2 al.",
        "Regel 4: het veld ‘naam’ ontbreekt.",
        "Regel 4: de voorwaarden zijn een lijst.",
        "Regel 4, uitkomst, stap 1: het aantal pogingen moet tussen 1 en 10 liggen.",
    ]


def test_import_checks_the_name_of_the_rule_set_too():
    data = regelset_naar_dict(REGELSET) | {"naam": " ", "omschrijving": 3}
    data["terugval"] = {"bakje": "Brief", "team": ""}
    assert [p["reason"] for p in _fout(data).invalid_params] == [
        "Geef de regelset een naam.",
        "De omschrijving is een tekst.",
        "Terugval: geef een teamcode, of laat het team leeg voor het team van de wijk.",
    ]


def test_import_refuses_what_is_not_a_rule_set():
    assert "Verwacht een lijst van velden (naam: waarde)." in str(_fout(["naam"]).message)
    with pytest.raises(ValidatieFout, match=r"geen geldige YAML \(tekstregel 3, kolom 1\)"):
        regelset_uit_yaml("naam: X\nregels: [\n")


def test_export_is_readable_yaml_with_a_header():
    tekst = regelset_naar_yaml(REGELSET)
    assert tekst.startswith("# Triageregels (Signaalroute). Bedragen in euro's")
    assert "bakje: Huisbezoek" in tekst
    assert yaml.safe_load(tekst)["naam"] == "Proef"
