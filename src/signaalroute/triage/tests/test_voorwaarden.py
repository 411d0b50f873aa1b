"""Conditions: every fact kind evaluates, reads as Dutch and rejects bad values. No database."""

import pytest

from signaalroute.core.exceptions import ValidatieFout
from signaalroute.triage.rules import FEITEN, Voorwaarde, Weergave, Zaakfeiten, euro


def feiten(**kwargs):
    return Zaakfeiten(**kwargs)


# --- amounts and numbers -------------------------------------------------------------------


def test_amounts_are_cents_shown_as_euros_in_dutch_notation():
    assert euro(50000) == "€ 500,00"
    assert euro(125050) == "€ 1.250,50"
    assert euro(7) == "€ 0,07"


@pytest.mark.parametrize(
    ("operator", "waarde", "bedrag", "verwacht"),
    [
        ("minstens", 50000, 50000, True),
        ("minstens", 50000, 49999, False),
        ("meer_dan", 50000, 50000, False),
        ("meer_dan", 50000, 50001, True),
        ("hoogstens", 30000, 30000, True),
        ("minder_dan", 25000, 25000, False),
        ("gelijk_aan", 0, 0, True),
        ("tussen", (25000, 50000), 25000, True),
        ("tussen", (25000, 50000), 50000, True),
        ("tussen", (25000, 50000), 50001, False),
    ],
)
def test_amount_comparisons(operator, waarde, bedrag, verwacht):
    voorwaarde = Voorwaarde("totaalbedrag", operator, waarde)
    assert voorwaarde.geldt_voor(feiten(totaalbedrag=bedrag)) is verwacht


@pytest.mark.parametrize(
    ("voorwaarde", "hoofdzin", "bijzin"),
    [
        (
            Voorwaarde("totaalbedrag", "minstens", 50000),
            "het totaalbedrag is minstens € 500,00",
            "het totaalbedrag minstens € 500,00 is",
        ),
        (
            Voorwaarde("hoogste_bedrag", "tussen", (25000, 50000)),
            "het hoogste bedrag van één signaal is tussen € 250,00 en € 500,00",
            "het hoogste bedrag van één signaal tussen € 250,00 en € 500,00 is",
        ),
        (
            Voorwaarde("aantal_partners", "meer_dan", 1),
            "het aantal verschillende signaalpartners is meer dan 1",
            "het aantal verschillende signaalpartners meer dan 1 is",
        ),
        (
            Voorwaarde("recidive", "gelijk_aan", 0),
            "het aantal eerdere maanden met een signaal is 0",
            "het aantal eerdere maanden met een signaal 0 is",
        ),
    ],
)
def test_numbers_read_as_dutch_in_both_word_orders(voorwaarde, hoofdzin, bijzin):
    assert voorwaarde.beschrijven() == hoofdzin
    assert voorwaarde.beschrijven(bijzin=True) == bijzin


def test_number_of_partners_and_recidive_are_compared():
    assert Voorwaarde("aantal_partners", "minstens", 2).geldt_voor(feiten(aantal_partners=3))
    assert not Voorwaarde("recidive", "minstens", 1).geldt_voor(feiten(recidive=0))


# --- age -----------------------------------------------------------------------------------


def test_age_between_includes_both_bounds_and_reads_as_dutch():
    jongeren = Voorwaarde("leeftijd", "tussen", [18, 27])
    assert jongeren.waarde == (18, 27)
    assert [jongeren.geldt_voor(feiten(leeftijd=n)) for n in (17, 18, 27, 28)] == [
        False,
        True,
        True,
        False,
    ]
    assert jongeren.beschrijven() == "de inwoner is tussen 18 en 27 jaar"
    assert (
        Voorwaarde("leeftijd", "minder_dan", 27).beschrijven() == "de inwoner is jonger dan 27 jaar"
    )
    assert Voorwaarde("leeftijd", "meer_dan", 65).beschrijven() == "de inwoner is ouder dan 65 jaar"


def test_unknown_age_satisfies_only_is_onbekend():
    onbekend = feiten(leeftijd=None)
    assert not Voorwaarde("leeftijd", "tussen", (18, 27)).geldt_voor(onbekend)
    assert not Voorwaarde("leeftijd", "hoogstens", 130).geldt_voor(onbekend)
    voorwaarde = Voorwaarde("leeftijd", "onbekend")
    assert voorwaarde.geldt_voor(onbekend)
    assert not voorwaarde.geldt_voor(feiten(leeftijd=40))
    assert voorwaarde.beschrijven() == "de leeftijd is onbekend"


# --- partner types -------------------------------------------------------------------------


def test_partner_types_any_all_none_and_only():
    huur_en_energie = feiten(partnersoorten={"huur", "energie"})
    alleen_zorg = feiten(partnersoorten={"zorg"})
    een_van = Voorwaarde("partnersoorten", "een_van", ["huur", "energie"])
    alle = Voorwaarde("partnersoorten", "alle", ["huur", "energie"])
    geen_van = Voorwaarde("partnersoorten", "geen_van", ["huur"])
    alleen = Voorwaarde("partnersoorten", "alleen", ["zorg", "water"])
    assert (een_van.geldt_voor(huur_en_energie), een_van.geldt_voor(alleen_zorg)) == (True, False)
    assert alle.geldt_voor(huur_en_energie)
    assert not alle.geldt_voor(feiten(partnersoorten={"huur"}))
    assert (geen_van.geldt_voor(alleen_zorg), geen_van.geldt_voor(huur_en_energie)) == (True, False)
    assert (alleen.geldt_voor(alleen_zorg), alleen.geldt_voor(huur_en_energie)) == (True, False)
    assert not alleen.geldt_voor(feiten())  # no signals at all is not "only care"


def test_partner_types_read_as_dutch():
    assert (
        Voorwaarde("partnersoorten", "een_van", ["huur", "energie"]).beschrijven()
        == "er is een signaal van een verhuurder of een energieleverancier"
    )
    assert (
        Voorwaarde("partnersoorten", "een_van", ["huur"]).beschrijven(bijzin=True)
        == "er een signaal van een verhuurder is"
    )
    assert (
        Voorwaarde("partnersoorten", "alle", ["huur", "energie", "water"]).beschrijven()
        == "er zijn signalen van een verhuurder, een energieleverancier en een drinkwaterbedrijf"
    )
    assert (
        Voorwaarde("partnersoorten", "geen_van", ["zorg"]).beschrijven()
        == "er is geen signaal van een zorgverzekeraar"
    )
    assert (
        Voorwaarde("partnersoorten", "alleen", ["water"]).beschrijven()
        == "alle signalen zijn van een drinkwaterbedrijf"
    )


def test_a_set_of_codes_is_kept_in_a_stable_order():
    voorwaarde = Voorwaarde("partnersoorten", "een_van", {"water", "energie"})
    assert voorwaarde.waarde == ("energie", "water")
    assert Voorwaarde("partnersoorten", "een_van", ["huur", "huur"]).waarde == ("huur",)


# --- case kind and district ----------------------------------------------------------------


def test_case_kind_in_list_or_not():
    meervoudig = Voorwaarde("zaaksoort", "een_van", ["meervoudig"])
    assert meervoudig.geldt_voor(feiten(zaaksoort="meervoudig"))
    assert not meervoudig.geldt_voor(feiten(zaaksoort="enkelvoudig"))
    assert meervoudig.beschrijven() == "de zaak is meervoudig"
    niet = Voorwaarde("zaaksoort", "geen_van", ["enkelvoudig", "opeenvolgend"])
    assert niet.geldt_voor(feiten(zaaksoort="meervoudig"))
    assert niet.beschrijven(bijzin=True) == "de zaak niet enkelvoudig en niet opeenvolgend is"


def test_district_in_list_uses_display_names_and_unknown_district_never_matches():
    voorwaarde = Voorwaarde("wijk", "een_van", ["c", "n"])
    assert voorwaarde.geldt_voor(feiten(wijk="n"))
    assert not voorwaarde.geldt_voor(feiten(wijk="z"))
    assert not voorwaarde.geldt_voor(feiten(wijk=None))
    assert not Voorwaarde("wijk", "geen_van", ["c"]).geldt_voor(feiten(wijk=None))
    assert Voorwaarde("wijk", "onbekend").geldt_voor(feiten(wijk=None))
    namen = Weergave(wijken={"c": "Centrum", "n": "Noord"})
    assert voorwaarde.beschrijven(namen) == "de inwoner woont in de wijk ‘Centrum’ of ‘Noord’"
    assert (
        Voorwaarde("wijk", "geen_van", ["c"]).beschrijven(namen, bijzin=True)
        == "de inwoner niet in de wijk ‘Centrum’ woont"
    )


# --- yes/no facts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("feit", "ja", "nee_bijzin"),
    [
        (
            "crisis",
            "er is een crisis- of eindeleveringssignaal",
            "er geen crisis- of eindeleveringssignaal is",
        ),
        ("eindelevering", "er is een eindeleveringssignaal", "er geen eindeleveringssignaal is"),
        ("sleper", "de inwoner is een sleper", "de inwoner geen sleper is"),
        ("gaten_dichten", "de inwoner dicht gaten", "de inwoner geen gaten dicht"),
        ("telt_als_match", "de zaak telt als match", "de zaak niet als match telt"),
        ("telefoon_bekend", "er is een telefoonnummer bekend", "er geen telefoonnummer bekend is"),
        ("email_bekend", "er is een e-mailadres bekend", "er geen e-mailadres bekend is"),
        (
            "bekend_bij_shv",
            "de inwoner is al bekend bij schuldhulpverlening",
            "de inwoner niet bekend bij schuldhulpverlening is",
        ),
        (
            "alleen_brief",
            "de zaak krijgt volgens de matching alleen een brief",
            "de zaak volgens de matching niet alleen een brief krijgt",
        ),
    ],
)
def test_yes_no_facts(feit, ja, nee_bijzin):
    waar = feiten(**{feit: True})
    assert Voorwaarde(feit, "ja").geldt_voor(waar)
    assert not Voorwaarde(feit, "nee").geldt_voor(waar)
    assert Voorwaarde(feit, "nee").geldt_voor(feiten())
    assert Voorwaarde(feit, "ja").beschrijven() == ja
    assert Voorwaarde(feit, "nee").beschrijven(bijzin=True) == nee_bijzin


def test_eindelevering_counts_as_crisis():
    assert Voorwaarde("crisis", "ja").geldt_voor(feiten(eindelevering=True))


def test_every_fact_has_operators_and_a_label():
    for feit in FEITEN.values():
        assert feit.operatoren
        assert feit.naam


# --- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (("bedragg", "minstens", 1), "Onbekend feit ‘bedragg’"),
        (("totaalbedrag", "een_van", [1]), "De operator ‘een_van’ past niet bij ‘Totaalbedrag’"),
        (("crisis", "minstens", 1), "De operator ‘minstens’ past niet bij"),
        (("totaalbedrag", "minstens", None), "Bij ‘Totaalbedrag’ hoort een bedrag in centen"),
        (("totaalbedrag", "minstens", "500"), "Bij ‘Totaalbedrag’ hoort een bedrag in centen"),
        (("totaalbedrag", "minstens", 12.5), "hoort een bedrag in centen"),
        (
            ("recidive", "minstens", True),
            "Bij ‘Recidive (eerdere maanden met een signaal)’ hoort een heel getal",
        ),
        (("totaalbedrag", "minstens", -1), "‘Totaalbedrag’ kan niet negatief zijn"),
        (("leeftijd", "minstens", 200), "Een leeftijd van 200 jaar is niet mogelijk"),
        (("leeftijd", "tussen", (27, 18)), "de ondergrens niet hoger"),
        (("leeftijd", "tussen", (18,)), "Bij ‘tussen’ horen twee waarden"),
        (("leeftijd", "tussen", 18), "Bij ‘tussen’ horen twee waarden"),
        (
            ("partnersoorten", "een_van", ["woningcorporatie"]),
            "Onbekende waarde ‘woningcorporatie’",
        ),
        (("partnersoorten", "een_van", []), "hoort een lijst met minstens één waarde"),
        (("partnersoorten", "een_van", "huur"), "hoort een lijst met minstens één waarde"),
        (("zaaksoort", "een_van", ["dubbel"]), "Onbekende waarde ‘dubbel’ bij ‘Soort zaak’"),
        (("wijk", "een_van", [""]), "is geen geldige code"),
        (("wijk", "een_van", [12]), "‘12’ is geen geldige code"),
        (("crisis", "ja", True), "Bij ‘ja’ hoort geen waarde"),
    ],
)
def test_invalid_conditions_are_refused_with_a_dutch_message(args, melding):
    with pytest.raises(ValidatieFout) as fout:
        Voorwaarde(*args)
    assert melding in str(fout.value.message)
    assert fout.value.invalid_params[0]["name"] in {"feit", "operator", "waarde"}
