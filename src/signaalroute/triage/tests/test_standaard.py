"""The default rule set reproduces the triage examples of real municipalities (BRIEF §5)."""

import pytest

from signaalroute.triage.rules import Teamindeling, Zaakfeiten, standaard_regelset, trieren

INDELING = Teamindeling(wijkteams={"noord": "wijkteam-noord"}, jongerenteam="jongerenwerk")


def zaak(bedrag_euro=0, **kwargs):
    kwargs.setdefault("wijk", "noord")
    kwargs.setdefault("leeftijd", 45)
    kwargs.setdefault("aantal_partners", len(kwargs.get("partnersoorten", {"zorg"})))
    kwargs.setdefault("partnersoorten", {"zorg"})
    return Zaakfeiten(totaalbedrag=bedrag_euro * 100, hoogste_bedrag=bedrag_euro * 100, **kwargs)


def test_default_rule_set_loads_and_has_no_unreachable_rules():
    regelset = standaard_regelset()
    assert regelset.naam == "Standaard"
    assert regelset.waarschuwingen() == []
    assert regelset.teams == set()  # portable: no municipality's team codes


@pytest.mark.parametrize(
    ("feiten", "regel", "bakje", "eerste_kanaal"),
    [
        # eindelevering and crisis: home visit within 3 working days
        (
            zaak(80, partnersoorten={"energie"}, eindelevering=True),
            "Crisis of eindelevering",
            "Crisis",
            "huisbezoek",
        ),
        (
            zaak(1200, partnersoorten={"huur"}, crisis=True),
            "Crisis of eindelevering",
            "Crisis",
            "huisbezoek",
        ),
        # already known in debt help: no contact from early warning
        (
            zaak(900, bekend_bij_shv=True),
            "Al bekend bij schuldhulpverlening",
            "Reeds bekend bij schuldhulpverlening",
            None,
        ),
        # youth 18-27
        (zaak(200, leeftijd=22), "Jongeren", "Jongeren", "telefoon"),
        # all matches a home visit, whatever the amount
        (
            zaak(90, partnersoorten={"zorg", "water"}, zaaksoort="meervoudig"),
            "Match",
            "Huisbezoek",
            "brief",
        ),
        # single rent above € 575 to the district team, with a visit
        (zaak(600, partnersoorten={"huur"}), "Huur boven € 575", "Huisbezoek", "brief"),
        # other rent signals: phone
        (zaak(575, partnersoorten={"huur"}), "Huur", "Telefoon", "telefoon"),
        # recidive within 6 months with more than € 500: a visit
        (
            zaak(501, recidive=2, zaaksoort="opeenvolgend"),
            "Recidive boven € 500",
            "Huisbezoek",
            "brief",
        ),
        # recidive between € 100 and € 500: phone
        (
            zaak(100, recidive=1, zaaksoort="opeenvolgend"),
            "Recidive vanaf € 100",
            "Telefoon",
            "telefoon",
        ),
        # single above € 300: phone
        (zaak(301), "Boven € 300", "Telefoon", "telefoon"),
        # single up to € 300 without recidive: a letter
        (zaak(300), "Terugval", "Brief", "brief"),
        # recidive below € 100 (water): a letter
        (
            zaak(40, partnersoorten={"water"}, recidive=1, zaaksoort="opeenvolgend"),
            "Terugval",
            "Brief",
            "brief",
        ),
        # the municipality treats only matches: the rest a letter
        (zaak(900, alleen_brief=True), "Alleen brief", "Brief", "brief"),
    ],
)
def test_examples_from_the_brief(feiten, regel, bakje, eerste_kanaal):
    resultaat = trieren(feiten, standaard_regelset(), INDELING)
    assert (resultaat.regelnaam, resultaat.uitkomst.bakje) == (regel, bakje)
    assert resultaat.uitkomst.eerste_kanaal == eerste_kanaal


def test_crisis_gets_the_crisis_deadlines_and_others_the_standard_ones():
    crisis = trieren(zaak(80, eindelevering=True), standaard_regelset())
    assert crisis.uitkomst.termijnprofiel == "crisis"
    assert crisis.uitkomst.aanpak[0].aantal == 2
    assert trieren(zaak(301), standaard_regelset()).uitkomst.termijnprofiel == "standaard"


def test_youth_go_to_the_youth_workers_and_rent_to_the_district_team():
    assert trieren(zaak(200, leeftijd=22), standaard_regelset(), INDELING).team == "jongerenwerk"
    huur = trieren(zaak(600, partnersoorten={"huur"}), standaard_regelset(), INDELING)
    assert huur.team == "wijkteam-noord"
    assert huur.uitleg == (
        "Regel 6 ‘Huur boven € 575’: er is een signaal van een verhuurder en het totaalbedrag "
        "is meer dan € 575,00."
    )
