"""Capacity per team and channel: priorities, crisis first, overflow, determinism."""

import random

import pytest

from signaalroute.core.exceptions import ValidatieFout
from signaalroute.triage.rules import (
    STANDAARD_UITWIJKREGELS,
    Capaciteit,
    Contactstap,
    Planzaak,
    Prioriteitsweging,
    Uitkomst,
    Uitwijkregel,
    Zaakfeiten,
    capaciteit_verdelen,
    prioriteitsscore,
)

HUISBEZOEK = Uitkomst(
    "Huisbezoek", (Contactstap("brief"), Contactstap("telefoon", 2), Contactstap("huisbezoek"))
)
ALLEEN_HUISBEZOEK = Uitkomst("Huisbezoek", (Contactstap("huisbezoek"),))
BELLEN = Uitkomst("Telefoon", (Contactstap("telefoon", 2), Contactstap("brief")))


def feiten(euro=0, **kwargs):
    kwargs.setdefault("telefoon_bekend", True)
    kwargs.setdefault("email_bekend", True)
    return Zaakfeiten(totaalbedrag=euro * 100, **kwargs)


def zaak(zaak_id, uitkomst=ALLEEN_HUISBEZOEK, team=None, **kwargs):
    return Planzaak(zaak_id, feiten(**kwargs), uitkomst, team)


def kanalen(verdeling):
    return {p.zaak_id: [s.kanaal for s in p.aanpak] for p in verdeling.planningen}


def test_score_weighs_amount_partners_and_recidive():
    assert prioriteitsscore(feiten(euro=550, aantal_partners=2, recidive=3)) == 5 + 10 + 6
    weging = Prioriteitsweging(punten_per_100_euro=0, punten_per_partner=1, punten_per_recidive=10)
    assert prioriteitsscore(feiten(euro=550, aantal_partners=2, recidive=3), weging) == 32


def test_highest_scores_get_the_visits_the_rest_overflows_to_email():
    verdeling = capaciteit_verdelen(
        [zaak("a", euro=300), zaak("b", euro=900), zaak("c", euro=600)],
        [Capaciteit("huisbezoek", 2)],
    )
    assert [p.zaak_id for p in verdeling.planningen] == ["b", "c", "a"]
    assert kanalen(verdeling) == {"b": ["huisbezoek"], "c": ["huisbezoek"], "a": ["mail"]}
    a = verdeling.planning("a")
    assert a.uitgeweken and a.eerste_kanaal == "mail"
    assert a.redenen == (
        "Huisbezoek kan niet (de capaciteit is op: 2 van 2 gebruikt): in plaats daarvan e-mail.",
    )
    assert not verdeling.planning("b").uitgeweken
    (gebruik,) = verdeling.gebruik
    assert (gebruik.kanaal, gebruik.gepland, gebruik.gevraagd, gebruik.vrij) == (
        "huisbezoek",
        2,
        3,
        0,
    )


def test_crisis_comes_first_whatever_its_score():
    verdeling = capaciteit_verdelen(
        [zaak("groot", euro=5000, aantal_partners=3), zaak("crisis", euro=80, crisis=True)],
        [Capaciteit("huisbezoek", 1)],
    )
    assert [p.zaak_id for p in verdeling.planningen] == ["crisis", "groot"]
    assert kanalen(verdeling) == {"crisis": ["huisbezoek"], "groot": ["mail"]}


def test_ties_are_broken_by_case_id():
    verdeling = capaciteit_verdelen(
        [zaak(12, euro=500), zaak(3, euro=500), zaak(7, euro=500)], [Capaciteit("huisbezoek", 1)]
    )
    assert [p.zaak_id for p in verdeling.planningen] == [3, 7, 12]
    assert [p.volgnummer for p in verdeling.planningen] == [1, 2, 3]


def test_the_same_cases_in_any_order_give_the_same_plan():
    zaken = [zaak(f"z{i:02d}", euro=(i * 37) % 900, crisis=i % 7 == 0) for i in range(40)]
    capaciteit = [Capaciteit("huisbezoek", 10)]
    verwacht = capaciteit_verdelen(zaken, capaciteit)
    for seed in range(5):
        geschud = zaken[:]
        random.Random(seed).shuffle(geschud)
        assert capaciteit_verdelen(geschud, capaciteit) == verwacht


def test_no_phone_number_means_email_and_without_email_a_card():
    verdeling = capaciteit_verdelen(
        [
            zaak("met_mail", BELLEN, telefoon_bekend=False),
            zaak("zonder_mail", BELLEN, telefoon_bekend=False, email_bekend=False),
            zaak("met_telefoon", BELLEN),
        ]
    )
    assert kanalen(verdeling) == {
        "met_mail": ["mail", "brief"],
        "zonder_mail": ["kaartje", "brief"],
        "met_telefoon": ["telefoon", "brief"],
    }
    assert verdeling.planning("zonder_mail").redenen == (
        "Bellen kan niet (geen telefoonnummer bekend): in plaats daarvan kaartje.",
    )


def test_visits_full_and_no_email_gives_a_card():
    verdeling = capaciteit_verdelen(
        [zaak("a", euro=900), zaak("b", euro=100, email_bekend=False)],
        [Capaciteit("huisbezoek", 1)],
    )
    assert kanalen(verdeling)["b"] == ["kaartje"]


def test_phone_capacity_full_means_a_letter_that_is_not_sent_twice():
    verdeling = capaciteit_verdelen(
        [zaak("a", BELLEN, euro=900), zaak("b", BELLEN, euro=100)], [Capaciteit("telefoon", 1)]
    )
    assert kanalen(verdeling) == {"a": ["telefoon", "brief"], "b": ["brief"]}
    assert verdeling.planning("b").redenen == (
        "Bellen kan niet (de capaciteit is op: 1 van 1 gebruikt); brief staat al in de aanpak.",
    )


def test_one_unit_per_case_and_channel_whatever_the_number_of_attempts():
    verdeling = capaciteit_verdelen(
        [zaak("a", HUISBEZOEK, euro=900), zaak("b", HUISBEZOEK, euro=800)],
        [Capaciteit("telefoon", 2), Capaciteit("huisbezoek", 1)],
    )
    assert kanalen(verdeling) == {
        "a": ["brief", "telefoon", "huisbezoek"],
        "b": ["brief", "telefoon", "mail"],
    }
    gebruik = {g.kanaal: (g.gepland, g.gevraagd) for g in verdeling.gebruik}
    assert gebruik == {"telefoon": (2, 2), "huisbezoek": (1, 2)}


def test_capacity_already_used_this_month_counts():
    verdeling = capaciteit_verdelen([zaak("a")], [Capaciteit("huisbezoek", 30, al_gebruikt=30)])
    assert kanalen(verdeling) == {"a": ["mail"]}
    assert verdeling.gebruik[0].gebruikt == 30


def test_capacity_per_team_and_a_shared_pool_for_teams_without_their_own():
    capaciteit = [Capaciteit("huisbezoek", 1, team="noord"), Capaciteit("huisbezoek", 1)]
    verdeling = capaciteit_verdelen(
        [
            zaak("n1", team="noord", euro=900),
            zaak("n2", team="noord", euro=800),
            zaak("z1", team="zuid", euro=700),
            zaak("o1", team="oost", euro=600),
        ],
        capaciteit,
    )
    assert kanalen(verdeling) == {
        "n1": ["huisbezoek"],
        "n2": ["mail"],
        "z1": ["huisbezoek"],
        "o1": ["mail"],
    }
    assert "de capaciteit van team ‘noord’ is op" in verdeling.planning("n2").redenen[0]


def test_overflow_rules_are_ordered_and_configurable():
    regels = (Uitwijkregel("huisbezoek", ("telefoon", "brief")),)
    verdeling = capaciteit_verdelen(
        [zaak("a", euro=900), zaak("b", euro=800), zaak("c", euro=700, telefoon_bekend=False)],
        [Capaciteit("huisbezoek", 1)],
        uitwijkregels=regels,
    )
    assert kanalen(verdeling) == {"a": ["huisbezoek"], "b": ["telefoon"], "c": ["brief"]}


def test_a_step_without_overflow_rule_is_dropped():
    verdeling = capaciteit_verdelen(
        [zaak("a", euro=900), zaak("b", euro=800)], [Capaciteit("huisbezoek", 1)], uitwijkregels=()
    )
    b = verdeling.planning("b")
    assert b.aanpak == () and b.eerste_kanaal is None and b.uitgeweken
    assert b.redenen == (
        "Huisbezoek kan niet (de capaciteit is op: 1 van 1 gebruikt); er is geen uitwijkregel, "
        "deze stap vervalt.",
    )


def test_a_step_is_dropped_when_no_alternative_is_possible():
    regels = (Uitwijkregel("telefoon", ("mail", "sms_whatsapp")),)
    verdeling = capaciteit_verdelen(
        [zaak("a", BELLEN, telefoon_bekend=False, email_bekend=False)], uitwijkregels=regels
    )
    assert verdeling.planning("a").redenen == (
        "Bellen kan niet (geen telefoonnummer bekend); e-mail en sms/WhatsApp kan ook niet, "
        "deze stap vervalt.",
    )
    assert kanalen(verdeling) == {"a": ["brief"]}


def test_overflow_rules_read_as_dutch():
    assert [r.beschrijven() for r in STANDAARD_UITWIJKREGELS[:2]] == [
        "Kan huisbezoek niet omdat de capaciteit op is: e-mail, anders kaartje.",
        "Kan bellen niet omdat de contactgegevens ontbreken: e-mail, anders kaartje.",
    ]


@pytest.mark.parametrize(
    ("maken", "melding"),
    [
        (lambda: Capaciteit("huisbezoek", -1), "‘maximum’ moet een heel getal van 0 of meer zijn"),
        (lambda: Capaciteit("duif", 1), "Onbekend kanaal"),
        (lambda: Uitwijkregel("huisbezoek", ()), "minstens één alternatief"),
        (lambda: Uitwijkregel("huisbezoek", ("huisbezoek",)), "niet naar zichzelf"),
        (lambda: Uitwijkregel("huisbezoek", ("mail",), "regen"), "Onbekende reden ‘regen’"),
        (lambda: Prioriteitsweging(punten_per_partner=-1), "‘punten_per_partner’"),
        (
            lambda: capaciteit_verdelen(
                [], [Capaciteit("huisbezoek", 1), Capaciteit("huisbezoek", 2)]
            ),
            "staat er twee keer in",
        ),
        (lambda: capaciteit_verdelen([zaak("a"), zaak("a")]), "meer dan eens"),
    ],
)
def test_invalid_capacity_input_is_refused(maken, melding):
    with pytest.raises(ValidatieFout, match=melding):
        maken()
