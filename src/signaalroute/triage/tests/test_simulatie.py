"""Simulation: a draft rule set over a past month next to the active one."""

from signaalroute.triage.rules import (
    Capaciteit,
    Contactstap,
    Regel,
    Regelset,
    Teamindeling,
    Triagezaak,
    Uitkomst,
    Voorwaarde,
    Zaakfeiten,
    overzichten_vergelijken,
    simuleren,
    standaard_regelset,
)

INDELING = Teamindeling(wijkteams={"n": "wt-noord", "z": "wt-zuid"}, jongerenteam="jongeren")
CAPACITEIT = [Capaciteit("huisbezoek", 2), Capaciteit("telefoon", 3)]


def maand():
    """A small past month: two matches, a crisis, rent, a youngster and small single cases."""
    return [
        Triagezaak(
            1,
            Zaakfeiten(
                partnersoorten={"zorg", "water"},
                aantal_partners=2,
                zaaksoort="meervoudig",
                totaalbedrag=40000,
                wijk="n",
                telefoon_bekend=True,
                email_bekend=True,
            ),
        ),
        Triagezaak(
            2,
            Zaakfeiten(
                partnersoorten={"huur", "energie"},
                aantal_partners=2,
                zaaksoort="meervoudig",
                totaalbedrag=150000,
                wijk="z",
                telefoon_bekend=True,
            ),
        ),
        Triagezaak(
            3,
            Zaakfeiten(
                partnersoorten={"energie"},
                aantal_partners=1,
                eindelevering=True,
                totaalbedrag=90000,
                wijk="n",
            ),
        ),
        Triagezaak(
            4,
            Zaakfeiten(
                partnersoorten={"huur"},
                aantal_partners=1,
                totaalbedrag=70000,
                wijk="z",
                email_bekend=True,
            ),
        ),
        Triagezaak(
            5,
            Zaakfeiten(
                partnersoorten={"zorg"},
                aantal_partners=1,
                totaalbedrag=20000,
                leeftijd=22,
                wijk="n",
                telefoon_bekend=True,
            ),
        ),
        Triagezaak(
            6, Zaakfeiten(partnersoorten={"zorg"}, aantal_partners=1, totaalbedrag=15000, wijk="z")
        ),
        Triagezaak(
            7,
            Zaakfeiten(
                partnersoorten={"water"},
                aantal_partners=1,
                totaalbedrag=35000,
                wijk=None,
                telefoon_bekend=True,
            ),
        ),
    ]


def test_simulation_counts_per_tray_channel_team_and_rule():
    simulatie = simuleren(
        maand(), standaard_regelset(), teamindeling=INDELING, capaciteiten=CAPACITEIT
    )
    overzicht = simulatie.overzicht
    assert overzicht.aantal_zaken == 7
    assert overzicht.per_bakje == {
        "Brief": 1,
        "Crisis": 1,
        "Huisbezoek": 3,
        "Jongeren": 1,
        "Telefoon": 1,
    }
    assert overzicht.per_team == {"": 1, "jongeren": 1, "wt-noord": 2, "wt-zuid": 3}
    assert overzicht.per_regel["Match"] == 2
    assert overzicht.per_regel["Huur boven € 575"] == 1
    assert overzicht.per_regel["Recidive vanaf € 100"] == 0  # every rule is listed
    assert list(overzicht.per_regel)[-1] == "Terugval"
    # crisis (3) first, then by score: match 2 (25), match 1 (14), rent 4 (12), ...
    verdeling = simulatie.verdeling
    assert [p.zaak_id for p in verdeling.planningen] == [3, 2, 1, 4, 7, 5, 6]
    # two visits: the crisis and match 2; match 1 gets an e-mail instead
    assert [s.kanaal for s in verdeling.planning(1).aanpak] == ["brief", "telefoon", "mail"]
    # three calls: matches 2 and 1 and case 7; the youngster gets a letter and, no e-mail
    # address being known, a card instead of the visit
    assert [s.kanaal for s in verdeling.planning(5).aanpak] == ["brief", "sms_whatsapp", "kaartje"]
    assert overzicht.per_eerste_kanaal == {"brief": 5, "huisbezoek": 1, "telefoon": 1}
    gebruik = {g.kanaal: (g.gepland, g.gevraagd) for g in overzicht.capaciteit}
    assert gebruik["huisbezoek"] == (2, 5)
    assert overzicht.uitgeweken == sum(p.uitgeweken for p in verdeling.planningen)
    assert simulatie.resultaten[5].team == "jongeren"


def test_draft_next_to_active_rule_set():
    actief = standaard_regelset()
    alles_bellen = Uitkomst("Telefoon", (Contactstap("telefoon", 2),))
    concept = Regelset(
        naam="Concept",
        regels=(Regel("Crisis", (Voorwaarde("crisis", "ja"),), actief.regels[0].uitkomst),),
        terugval=alles_bellen,
    )
    zaken = maand()
    a = simuleren(zaken, actief, teamindeling=INDELING, capaciteiten=CAPACITEIT).overzicht
    c = simuleren(zaken, concept, teamindeling=INDELING, capaciteiten=CAPACITEIT).overzicht
    verschillen = {(v.onderdeel, v.sleutel): v for v in overzichten_vergelijken(c, a)}
    assert (
        verschillen[("bakje", "Telefoon")].concept,
        verschillen[("bakje", "Telefoon")].actief,
    ) == (6, 1)
    assert verschillen[("bakje", "Huisbezoek")].verschil == -3
    assert verschillen[("regel", "Match")].concept == 0
    assert verschillen[("capaciteit", "/telefoon")].concept == 3
    assert verschillen[("capaciteit", "/huisbezoek")].verschil == 1 - 2
