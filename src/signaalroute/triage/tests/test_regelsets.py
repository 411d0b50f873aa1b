"""Outcomes, rules, rule sets, triage with explanation, and team assignment. No database."""

import datetime as dt

import pytest

from signaalroute.core.exceptions import ValidatieFout
from signaalroute.triage.rules import (
    Contactstap,
    Regel,
    Regelset,
    Teamindeling,
    Uitkomst,
    Voorwaarde,
    Weergave,
    Zaakfeiten,
    aanpak_beschrijven,
    leeftijd_bepalen,
    team_bepalen,
    toetsen,
    trieren,
    triëren,
)

BRIEF = Contactstap("brief")
HUISBEZOEK = Uitkomst("Huisbezoek", (BRIEF, Contactstap("telefoon", 2), Contactstap("huisbezoek")))
TELEFOON = Uitkomst("Telefoon", (Contactstap("telefoon", 2),))
TERUGVAL = Uitkomst("Brief", (BRIEF,))


def regelset(*regels, terugval=TERUGVAL):
    return Regelset(naam="Test", regels=regels, terugval=terugval)


MEERVOUDIG_MET_HUUR = Regel(
    "Meervoudig met huur",
    (
        Voorwaarde("zaaksoort", "een_van", ["meervoudig"]),
        Voorwaarde("partnersoorten", "een_van", ["huur"]),
    ),
    HUISBEZOEK,
)
HOOG_BEDRAG = Regel("Hoog bedrag", (Voorwaarde("totaalbedrag", "meer_dan", 50000),), TELEFOON)


# --- outcomes ------------------------------------------------------------------------------


def test_contact_approach_reads_as_ordered_steps():
    assert (
        aanpak_beschrijven(HUISBEZOEK.aanpak) == "brief, daarna twee keer bellen, daarna huisbezoek"
    )
    assert aanpak_beschrijven([Contactstap("huisbezoek", 3), Contactstap("kaartje")]) == (
        "drie huisbezoeken, daarna kaartje"
    )
    assert aanpak_beschrijven([Contactstap("mail"), Contactstap("sms_whatsapp")]) == (
        "e-mail, daarna sms/WhatsApp"
    )
    assert aanpak_beschrijven([]) == "geen contact"


def test_outcome_reads_as_dutch_with_team_of_the_district_by_default():
    assert HUISBEZOEK.beschrijven() == (
        "bakje ‘Huisbezoek’, aanpak brief, daarna twee keer bellen, daarna huisbezoek, "
        "team van de wijk, termijnen ‘standaard’"
    )
    crisis = Uitkomst("Crisis", (Contactstap("huisbezoek"),), team="shv", termijnprofiel="crisis")
    assert crisis.beschrijven(Weergave(teams={"shv": "Regie schuldhulp"})) == (
        "bakje ‘Crisis’, aanpak huisbezoek, team ‘Regie schuldhulp’, termijnen ‘crisis’"
    )
    assert HUISBEZOEK.eerste_kanaal == "brief"
    assert HUISBEZOEK.kanalen == ("brief", "telefoon", "huisbezoek")


@pytest.mark.parametrize(
    ("maken", "melding"),
    [
        (lambda: Contactstap("duif"), "Onbekend kanaal ‘duif’"),
        (lambda: Contactstap("onbekend"), "Onbekend kanaal ‘onbekend’"),
        (lambda: Contactstap("telefoon", 0), "tussen 1 en 10"),
        (lambda: Contactstap("telefoon", 11), "tussen 1 en 10"),
        (lambda: Contactstap("telefoon", "2"), "heel getal"),
        (lambda: Uitkomst(""), "Geef de naam van het bakje"),
        (lambda: Uitkomst("x" * 101), "langer dan 100 tekens"),
        (lambda: Uitkomst("Brief", team=" "), "Geef een teamcode"),
        (lambda: Uitkomst("Brief", termijnprofiel="Binnen 3 dagen"), "geen geldige code"),
        (lambda: Uitkomst("Brief", aanpak="brief"), "lijst van stappen"),
    ],
)
def test_invalid_outcomes_are_refused(maken, melding):
    with pytest.raises(ValidatieFout, match=melding):
        maken()


# --- rules and rule sets -------------------------------------------------------------------


def test_rule_reads_as_one_dutch_sentence():
    assert MEERVOUDIG_MET_HUUR.beschrijven() == (
        "Als de zaak meervoudig is en er een signaal van een verhuurder is, dan: "
        "bakje ‘Huisbezoek’, aanpak brief, daarna twee keer bellen, daarna huisbezoek, "
        "team van de wijk, termijnen ‘standaard’."
    )
    assert Regel("Rest", (), TERUGVAL).beschrijven().startswith("Altijd: bakje ‘Brief’")


def test_rule_set_reads_as_numbered_sentences_ending_with_the_fallback():
    tekst = regelset(MEERVOUDIG_MET_HUUR, HOOG_BEDRAG).beschrijven()
    assert tekst[0].startswith("1. ‘Meervoudig met huur’: Als de zaak meervoudig is")
    assert tekst[1].startswith("2. ‘Hoog bedrag’: Als het totaalbedrag meer dan € 500,00 is")
    assert tekst[2] == (
        "Anders: bakje ‘Brief’, aanpak brief, team van de wijk, termijnen ‘standaard’."
    )


def test_first_matching_rule_wins():
    feiten = Zaakfeiten(zaaksoort="meervoudig", partnersoorten={"huur"}, totaalbedrag=90000)
    resultaat = trieren(feiten, regelset(MEERVOUDIG_MET_HUUR, HOOG_BEDRAG))
    assert (resultaat.regelnummer, resultaat.regelnaam) == (1, "Meervoudig met huur")
    assert resultaat.uitkomst == HUISBEZOEK
    resultaat = trieren(feiten, regelset(HOOG_BEDRAG, MEERVOUDIG_MET_HUUR))
    assert (resultaat.regelnummer, resultaat.uitkomst) == (1, TELEFOON)


def test_all_conditions_must_hold():
    feiten = Zaakfeiten(zaaksoort="meervoudig", partnersoorten={"zorg", "water"})
    assert trieren(feiten, regelset(MEERVOUDIG_MET_HUUR)).terugval


def test_fallback_when_no_rule_applies():
    resultaat = trieren(Zaakfeiten(totaalbedrag=1000), regelset(MEERVOUDIG_MET_HUUR, HOOG_BEDRAG))
    assert resultaat.regelnummer is None
    assert resultaat.regelnaam == "Terugval"
    assert resultaat.uitkomst == TERUGVAL
    assert resultaat.uitleg == "Geen enkele regel was van toepassing: de terugvaluitkomst geldt."


def test_explanation_names_the_rule_and_the_conditions_that_held():
    feiten = Zaakfeiten(zaaksoort="meervoudig", partnersoorten={"huur", "zorg"})
    resultaat = triëren(feiten, regelset(HOOG_BEDRAG, MEERVOUDIG_MET_HUUR))
    assert resultaat.regelnummer == 2
    assert resultaat.redenen == ("de zaak is meervoudig", "er is een signaal van een verhuurder")
    assert resultaat.uitleg == (
        "Regel 2 ‘Meervoudig met huur’: de zaak is meervoudig en er is een signaal van een "
        "verhuurder."
    )


def test_a_rule_without_conditions_always_holds():
    resultaat = trieren(Zaakfeiten(), regelset(HOOG_BEDRAG, Regel("Rest", (), TELEFOON)))
    assert resultaat.uitleg == "Regel 2 ‘Rest’: deze regel geldt altijd."


def test_result_is_json_able_for_storing_on_the_case():
    feiten = Zaakfeiten(zaaksoort="meervoudig", partnersoorten={"huur"}, wijk="n")
    data = trieren(
        feiten, regelset(MEERVOUDIG_MET_HUUR), Teamindeling({"n": "wt-noord"})
    ).naar_dict()
    assert data["regelnummer"] == 1
    assert data["uitkomst"]["aanpak"] == [
        {"kanaal": "brief"},
        {"kanaal": "telefoon", "aantal": 2},
        {"kanaal": "huisbezoek"},
    ]
    assert data["team"] == "wt-noord"
    assert Zaakfeiten.uit_dict(feiten.naar_dict()) == feiten


def test_checking_every_rule_shows_why_earlier_rules_did_not_apply():
    feiten = Zaakfeiten(zaaksoort="meervoudig", totaalbedrag=90000)
    toets = toetsen(feiten, regelset(MEERVOUDIG_MET_HUUR, HOOG_BEDRAG))
    assert [t.geldt for t in toets] == [False, True]
    assert toets[0].niet_voldaan == ("er is een signaal van een verhuurder",)


def test_rule_names_must_be_given_and_unique():
    with pytest.raises(ValidatieFout, match="Geef de regel een naam"):
        Regel(" ", (), TERUGVAL)
    with pytest.raises(ValidatieFout, match="Regel 2: de naam ‘Hoog bedrag’ heeft regel 1 al"):
        regelset(HOOG_BEDRAG, HOOG_BEDRAG)


def test_warning_when_a_rule_always_holds_before_other_rules():
    altijd = Regel("Alles", (), TELEFOON)
    assert regelset(HOOG_BEDRAG, altijd, MEERVOUDIG_MET_HUUR).waarschuwingen() == [
        "Regel 2 ‘Alles’ geldt altijd: de 1 regel(s) daarna en de terugvaluitkomst wordt nooit "
        "gebruikt."
    ]
    assert regelset(HOOG_BEDRAG, MEERVOUDIG_MET_HUUR).waarschuwingen() == []


def test_rule_set_lists_the_explicit_teams_it_uses():
    met_team = Regel(
        "Jong", (Voorwaarde("leeftijd", "hoogstens", 27),), Uitkomst("Jong", team="jw")
    )
    assert regelset(met_team, HOOG_BEDRAG, terugval=Uitkomst("Brief", team="shv")).teams == {
        "jw",
        "shv",
    }


# --- age and teams -------------------------------------------------------------------------


def test_age_from_the_brp_birth_date():
    peildatum = dt.date(2025, 3, 10)
    assert leeftijd_bepalen(dt.date(2000, 3, 10), peildatum) == 25
    assert leeftijd_bepalen(dt.date(2000, 3, 11), peildatum) == 24
    assert leeftijd_bepalen(None, peildatum) is None
    assert leeftijd_bepalen(dt.date(2026, 1, 1), peildatum) is None


INDELING = Teamindeling(wijkteams={"c": "wt-centrum", "n": "wt-noord"}, jongerenteam="jongerenwerk")


def test_case_goes_to_the_team_of_its_district():
    toewijzing = team_bepalen(Zaakfeiten(wijk="n", leeftijd=45), TELEFOON, INDELING)
    assert toewijzing.team == "wt-noord"
    assert toewijzing.reden == "Team van de wijk ‘n’: ‘wt-noord’."


def test_youth_18_to_27_go_to_the_youth_workers():
    for leeftijd, team in [
        (17, "wt-noord"),
        (18, "jongerenwerk"),
        (27, "jongerenwerk"),
        (28, "wt-noord"),
    ]:
        assert (
            team_bepalen(Zaakfeiten(wijk="n", leeftijd=leeftijd), TELEFOON, INDELING).team == team
        )
    toewijzing = team_bepalen(Zaakfeiten(wijk="n", leeftijd=21), TELEFOON, INDELING)
    assert toewijzing.reden == "De inwoner is tussen 18 en 27 jaar: jongerenteam ‘jongerenwerk’."


def test_without_a_youth_team_young_people_go_to_their_district_team():
    indeling = Teamindeling(wijkteams={"n": "wt-noord"})
    assert team_bepalen(Zaakfeiten(wijk="n", leeftijd=21), TELEFOON, indeling).team == "wt-noord"


def test_explicit_team_of_the_rule_wins():
    uitkomst = Uitkomst("Crisis", team="shv")
    toewijzing = team_bepalen(Zaakfeiten(wijk="n", leeftijd=21), uitkomst, INDELING)
    assert (toewijzing.team, toewijzing.reden) == ("shv", "Team ‘shv’ volgens de triageregel.")


def test_default_team_or_no_team_when_the_district_has_none():
    assert team_bepalen(Zaakfeiten(wijk="z"), TELEFOON, INDELING).team is None
    assert team_bepalen(Zaakfeiten(wijk="z"), TELEFOON, INDELING).reden == (
        "De wijk heeft geen team en er is geen standaardteam: nog geen team."
    )
    indeling = Teamindeling(wijkteams={}, standaardteam="vroegsignalering")
    toewijzing = team_bepalen(Zaakfeiten(wijk=None), TELEFOON, indeling)
    assert (toewijzing.team, toewijzing.reden) == (
        "vroegsignalering",
        "De wijk is onbekend: standaardteam ‘vroegsignalering’.",
    )


def test_triage_assigns_the_team_with_display_names():
    weergave = Weergave(wijken={"n": "Noord"}, teams={"wt-noord": "Wijkteam Noord"})
    resultaat = trieren(Zaakfeiten(wijk="n"), regelset(HOOG_BEDRAG), INDELING, weergave)
    assert (resultaat.team, resultaat.teamreden) == (
        "wt-noord",
        "Team van de wijk ‘Noord’: ‘Wijkteam Noord’.",
    )


def test_youth_age_bounds_are_checked():
    with pytest.raises(ValidatieFout, match="leeftijdsgrenzen"):
        Teamindeling(jongeren_vanaf=30, jongeren_tot_en_met=27)


def test_enum_members_are_accepted_where_codes_are_expected():
    from signaalroute.signaalpartners.constants import Signaalpartnersoort
    from signaalroute.vroegsignaalzaken.constants import Contactsoort, Zaaksoort

    feiten = Zaakfeiten(partnersoorten=[Signaalpartnersoort.HUUR], zaaksoort=Zaaksoort.MEERVOUDIG)
    assert feiten.partnersoorten == frozenset({"huur"}) and feiten.zaaksoort == "meervoudig"
    voorwaarde = Voorwaarde("partnersoorten", "een_van", [Signaalpartnersoort.HUUR])
    assert voorwaarde.waarde == ("huur",) and voorwaarde.geldt_voor(feiten)
    assert Contactstap(Contactsoort.HUISBEZOEK) == Contactstap("huisbezoek")
