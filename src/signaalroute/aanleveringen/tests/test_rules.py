"""Field parsers and row validation of the partner intake. Pure: no database."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signaalroute.aanleveringen.constants import Regelstatus
from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.aanleveringen.rules import (
    DIENSTCODES,
    ERNST,
    REASON_CODES,
    STANDAARD_CRITERIA,
    Ernst,
    Melding,
    Signaalcriteria,
    Validatiecontext,
    criteria_bepalen,
    rij_valideren,
    werkdagen_tussen,
)
from signaalroute.aanleveringen.velden import (
    EXTRA_VELDEN,
    MAX_LENGTE,
    VROEGSIGNAAL_VELDEN,
    Huisnummer,
    Veldfout,
    achternaam_splitsen,
    bedrag_parsen,
    bsn_parsen,
    datum_parsen,
    echo,
    email_parsen,
    huisnummer_parsen,
    is_formula_like,
    postcode_parsen,
    rechtsvorm_vinden,
    telefoonnummer_parsen,
    voorletters_normaliseren,
    voorletters_uit_voornamen,
)
from signaalroute.signaalpartners.constants import Signaalpartnersoort

VANDAAG = datetime.date(2024, 3, 25)
GOED = {
    "achternaam": "Jansen",
    "postcode": "1234 AB",
    "huisnummer": "12",
    "bedrag": "1.234,56",
    "ontstaansdatum": "01-01-2024",
}


def context(soort="huur", **overrides) -> Validatiecontext:
    return Validatiecontext(criteria=criteria_bepalen(soort, **overrides), aanleverdatum=VANDAAG)


def valideer(soort="huur", **velden):
    return rij_valideren({**GOED, **velden}, context=context(soort), rijnummer=7)


def codes(resultaat) -> list[str]:
    return [m.code for m in resultaat.meldingen]


# --- amounts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "centen"),
    [
        ("1.234,56", 123456),
        ("€ 1.234,56", 123456),
        ("€1234,56", 123456),
        ("EUR 1234,56", 123456),
        ("1234,56 euro", 123456),
        ("1234.56", 123456),
        ("1234", 123400),
        ("1234,5", 123450),
        ("1.234", 123400),
        ("1.234.567,89", 123456789),
        ("1,234.56", 123456),
        ("1,234,567", 123456700),
        ("1 234,56", 123456),
        ("1\u00a0234,56", 123456),
        ("1.234,-", 123400),
        ("12,--", 1200),
        ("+12", 1200),
        ("0,01", 1),
    ],
)
def test_amounts_in_dutch_and_plain_formats_become_cents(tekst, centen):
    assert bedrag_parsen(tekst) == centen


@pytest.mark.parametrize(
    ("tekst", "code"),
    [
        ("-12", "bedrag_negatief"),
        ("−12", "bedrag_negatief"),
        ("(12,00)", "bedrag_negatief"),
        ("12-", "bedrag_negatief"),
        ("0", "bedrag_ongeldig"),
        ("0,00", "bedrag_ongeldig"),
        ("1,234", "bedrag_ongeldig"),  # euros or thousands? ambiguous: refused
        ("12,345", "bedrag_ongeldig"),
        ("1234.567", "bedrag_ongeldig"),
        ("twaalf", "bedrag_ongeldig"),
        ("1.23.4", "bedrag_ongeldig"),
        ("99999999999", "bedrag_ongeldig"),
        ("9" * 100, "bedrag_ongeldig"),
        ("nan", "bedrag_ongeldig"),
    ],
)
def test_negative_zero_ambiguous_and_invalid_amounts_are_refused(tekst, code):
    with pytest.raises(Veldfout) as info:
        bedrag_parsen(tekst)
    assert info.value.code == code


@given(st.integers(min_value=1, max_value=2_000_000_000))
def test_amount_round_trip_in_every_format(centen):
    euros, rest = divmod(centen, 100)
    nl = f"{euros:,}".replace(",", ".") + f",{rest:02d}"
    for tekst in (nl, f"€ {nl}", f"{euros}.{rest:02d}", f"{euros},{rest:02d}"):
        assert bedrag_parsen(tekst) == centen


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tekst",
    [
        "31-03-2023",
        "31/03/2023",
        "31.03.2023",
        "31-3-2023",
        "2023-03-31",
        "2023/03/31",
        "20230331",
        "45016",
        "45016.5",
        "2023-03-31 00:00:00",
        "2023-03-31T14:05:00",
        "2023-03-31T14:05:00+02:00",
        "31-03-2023 14:05",
        "31 maart 2023",
        "31 mrt 2023",
        "31-mrt-2023",
    ],
)
def test_dates_in_every_accepted_format(tekst):
    assert datum_parsen(tekst) == datetime.date(2023, 3, 31)


@pytest.mark.parametrize(
    "tekst",
    ["31-02-2023", "31-03-23", "03/31/2023", "2023-13-01", "1-1-1800", "morgen", "123", "0"],
)
def test_invalid_dates_are_refused(tekst):
    with pytest.raises(Veldfout) as info:
        datum_parsen(tekst)
    assert info.value.code == "datum_ongeldig"


@given(st.dates(min_value=datetime.date(1927, 6, 1), max_value=datetime.date(2100, 12, 31)))
def test_date_round_trip_in_every_format(datum):
    serieel = (datum - datetime.date(1899, 12, 30)).days
    for tekst in (
        f"{datum:%d-%m-%Y}",
        f"{datum.day}-{datum.month}-{datum.year}",
        datum.isoformat(),
        f"{datum:%d/%m/%Y}",
        f"{datum:%Y%m%d}",
        f"{datum.isoformat()} 00:00:00",
        str(serieel),
    ):
        assert datum_parsen(tekst) == datum


# --- address ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "postcode"),
    [("1234 ab", "1234AB"), ("1234AB", "1234AB"), ("1234  Ab", "1234AB"), ("1234-AB", "1234AB")],
)
def test_postcodes_are_normalised(tekst, postcode):
    assert postcode_parsen(tekst) == postcode


@pytest.mark.parametrize("tekst", ["12345", "0123AB", "1234A", "1234 SS", "1234 SA", "AB 1234"])
def test_invalid_postcodes_are_refused(tekst):
    with pytest.raises(Veldfout):
        postcode_parsen(tekst)


@given(
    st.from_regex(r"[1-9][0-9]{3}", fullmatch=True), st.from_regex(r"[A-Za-z]{2}", fullmatch=True)
)
def test_postcode_normalisation_is_idempotent(cijfers, letters):
    if letters.upper() in {"SA", "SD", "SS"}:
        return
    assert postcode_parsen(postcode_parsen(f" {cijfers} {letters}".strip())) == (
        cijfers + letters.upper()
    )


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("12", (12, "", "")),
        ("012", (12, "", "")),
        ("12A", (12, "A", "")),
        ("12 a", (12, "A", "")),
        ("12-a", (12, "A", "")),
        ("12-2", (12, "", "2")),
        ("12/2", (12, "", "2")),
        ("12 bis", (12, "", "BIS")),
        ("12bis", (12, "", "BIS")),
        ("12-II", (12, "", "II")),
        ("12 A 3", (12, "A", "3")),
        ("12A-3", (12, "A", "3")),
        ("12 hs", (12, "", "HS")),
        ("12 2 hg", (12, "", "2HG")),
        ("99999", (99999, "", "")),
    ],
)
def test_house_number_letter_and_addition_in_one_cell(tekst, verwacht):
    assert huisnummer_parsen(tekst) == Huisnummer(*verwacht)


@pytest.mark.parametrize("tekst", ["0", "A12", "100000", "2024-02-12", "12-2-3", "12 t/m 14"])
def test_invalid_house_numbers_are_refused(tekst):
    with pytest.raises(Veldfout) as info:
        huisnummer_parsen(tekst)
    assert info.value.code == "huisnummer_ongeldig"


def test_separate_letter_and_addition_columns_and_conflicts():
    resultaat = valideer(huisnummer="12", huisletter="b", huisnummertoevoeging="-2")
    assert (resultaat.waarden["huisletter"], resultaat.waarden["huisnummertoevoeging"]) == (
        "B",
        "2",
    )
    assert resultaat.status == Regelstatus.GEACCEPTEERD
    resultaat = valideer(huisnummer="12A", huisletter="B")
    assert codes(resultaat) == ["huisnummer_tegenstrijdig"]
    assert resultaat.waarden["huisletter"] == "B"


# --- person ----------------------------------------------------------------------------------


def test_bsn_eleven_test_and_leading_zero_restored():
    assert bsn_parsen("111222333") == "111222333"
    assert bsn_parsen("10000008") == "010000008"  # a spreadsheet dropped the zero
    assert bsn_parsen("1112.22.333") == "111222333"
    for tekst, code in [("123456789", "bsn_elfproef"), ("000000000", "bsn_elfproef")]:
        with pytest.raises(Veldfout) as info:
            bsn_parsen(tekst)
        assert info.value.code == code
    for tekst in ("1234567", "1234567890", "abcdefghi", "١١١٢٢٢٣٣٣"):
        with pytest.raises(Veldfout) as info:
            bsn_parsen(tekst)
        assert info.value.code == "bsn_ongeldig"


@given(st.from_regex(r"[0-9]{9}", fullmatch=True), st.sampled_from(["bsn", "*"]))
def test_messages_never_echo_a_bsn(bsn, waar):
    velden = ["bsn"] if waar == "bsn" else ["bsn", "huisnummer", "postcode", "telefoonnummer"]
    resultaat = valideer(**dict.fromkeys(velden, bsn), email=f"{bsn}@", geboortedatum=bsn)
    for melding in resultaat.meldingen:
        assert bsn not in melding.bericht
        assert bsn[1:] not in melding.bericht


@pytest.mark.parametrize(
    ("tekst", "e164"),
    [
        ("06-12345678", "+31612345678"),
        ("06 1234 5678", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("+31 (0)6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("612345678", "+31612345678"),
        ("020-1234567", "+31201234567"),
        ("+32 470 12 34 56", "+32470123456"),
        ("06-12345678 / 020-1234567", "+31612345678"),
    ],
)
def test_phone_numbers_become_e164(tekst, e164):
    assert telefoonnummer_parsen(tekst) == (e164, True)


def test_invalid_phone_number_is_kept_and_flagged_not_fatal():
    assert telefoonnummer_parsen("0612") == ("0612", False)
    resultaat = valideer(telefoonnummer="0612")
    assert resultaat.status == Regelstatus.WAARSCHUWING
    assert resultaat.waarden["telefoonnummer"] == "0612"


@settings(max_examples=500)
@given(
    st.from_regex(r"[1-9][0-9]{8}", fullmatch=True)
    | st.from_regex(r"6[1-58][0-9]{7}", fullmatch=True),
    st.sampled_from(["0", "+31", "0031", "+31 (0)"]),
)
def test_fast_dutch_path_agrees_with_phonenumbers(nummer, prefix):
    _vergelijk_met_phonenumbers(prefix + nummer)


@settings(max_examples=500)
@given(
    st.from_regex(r"0[1-9][0-9]{0,12}", fullmatch=True)
    | st.from_regex(r"014[0-9]{1,5}", fullmatch=True)
)
def test_fast_rejection_of_dutch_numbers_agrees_with_phonenumbers(nummer):
    _vergelijk_met_phonenumbers(nummer)


def _vergelijk_met_phonenumbers(tekst):
    nummer = phonenumbers.parse(tekst, "NL")
    if phonenumbers.is_valid_number(nummer):
        verwacht = (phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.E164), True)
    else:
        verwacht = (tekst, False)
    assert telefoonnummer_parsen(tekst) == verwacht


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("Jan@Example.NL", ("Jan@example.nl", True)),
        ("mailto:a@b.nl", ("a@b.nl", True)),
        ("a@b.nl; c@d.nl", ("a@b.nl", True)),
        ("jan@", ("jan@", False)),
        ("jan@@b.nl", ("jan@@b.nl", False)),
        ("a..b@c.nl", ("a..b@c.nl", False)),
        ("geen", ("geen", False)),
    ],
)
def test_email_addresses_kept_and_invalid_ones_flagged(tekst, verwacht):
    assert email_parsen(tekst) == verwacht


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("jp", "J.P."),
        ("J P", "J.P."),
        ("J.P", "J.P."),
        ("j. p.", "J.P."),
        ("Th.", "Th."),
        ("Chr.H.", "Chr.H."),
        ("IJ", "IJ."),
        ("Jan", "J."),
        ("A.B.C.", "A.B.C."),
    ],
)
def test_initials_are_normalised(tekst, verwacht):
    assert voorletters_normaliseren(tekst) == verwacht


def test_initials_are_derived_from_first_names_when_missing():
    assert voorletters_uit_voornamen("Jan Pieter") == "J.P."
    assert voorletters_uit_voornamen("IJsbrand") == "IJ."
    assert valideer(voornamen="Anna Maria").waarden["voorletters"] == "A.M."


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("de Vries", ("de", "Vries")),
        ("Vries, de", ("de", "Vries")),
        ("Berg, van den", ("van den", "Berg")),
        ("Van der Berg", ("van der", "Berg")),
        ("van 't Hof", ("van 't", "Hof")),
        ("Jansen", ("", "Jansen")),
        ("Jansen-van Dijk", ("", "Jansen-van Dijk")),
        ("Jansen, J.", ("", "Jansen, J.")),
        ("van", ("", "van")),
    ],
)
def test_prefix_is_split_from_the_surname(tekst, verwacht):
    assert achternaam_splitsen(tekst) == verwacht


def test_prefix_column_wins_and_is_not_repeated_in_the_surname():
    resultaat = valideer(achternaam="van Dijk", voorvoegsel="Van")
    assert (resultaat.waarden["voorvoegsel"], resultaat.waarden["achternaam"]) == ("van", "Dijk")
    resultaat = valideer(achternaam="de Vries")
    assert (resultaat.waarden["voorvoegsel"], resultaat.waarden["achternaam"]) == ("de", "Vries")


@pytest.mark.parametrize(
    "naam",
    [
        "Bakkerij Jansen B.V.",
        "Jansen BV",
        "Jansen B.V",
        "Shell N.V.",
        "Philips NV",
        "Stichting De Hoop",
        "Stg. De Hoop",
        "Vereniging Oranje",
        "Coöperatie De Toekomst U.A.",
        "Cooperatie De Toekomst",
        "Coo\u0308peratie De Toekomst",  # decomposed ö
        "VvE Dorpsstraat 12",
    ],
)
def test_legal_persons_are_flagged_and_accepted(naam):
    resultaat = valideer(achternaam=naam)
    assert codes(resultaat) == ["rechtspersoon"]
    assert resultaat.status == Regelstatus.WAARSCHUWING
    assert resultaat.waarden["rechtspersoon"] is True


@pytest.mark.parametrize(
    "naam",
    [
        "Eenmanszaak Jansen",
        "Jansen VOF",
        "Jansen V.O.F.",
        "De Boer CV",
        "De Boer C.V.",
        "Maatschap Huisartsen",
        "Bvalova",
        "Nvidia Jansen",
        "Stichtenberg",
    ],
)
def test_sole_traders_and_partnerships_are_natural_persons(naam):
    resultaat = valideer(achternaam=naam)
    assert "rechtspersoon" not in codes(resultaat)
    assert resultaat.waarden["rechtspersoon"] is False


@pytest.mark.parametrize(
    ("rechtsvorm", "rechtspersoon"),
    [
        ("Besloten vennootschap", True),
        ("NV", True),
        ("Stichting", True),
        ("Eenmanszaak", False),
        ("Vennootschap onder firma", False),
        ("Commanditaire vennootschap", False),
        ("Maatschap", False),
        ("Particulier", False),
    ],
)
def test_legal_form_column(rechtsvorm, rechtspersoon):
    assert valideer(rechtsvorm=rechtsvorm).waarden["rechtspersoon"] is rechtspersoon
    assert (rechtsvorm_vinden(rechtsvorm) is not None) is rechtspersoon


def test_rechtspersoon_yes_no_column():
    assert valideer(rechtspersoon="ja").waarden["rechtspersoon"] is True
    assert valideer(rechtspersoon="nee").waarden["rechtspersoon"] is False


def test_formula_like_cells_and_html_are_kept_as_literal_text():
    resultaat = valideer(achternaam='=HYPERLINK("x")', woonplaats="<script>x</script>")
    assert resultaat.waarden["achternaam"] == '=HYPERLINK("x")'
    assert resultaat.waarden["woonplaats"] == "<script>x</script>"
    for tekst in ("=1+1", "+31612345678", "-5", "@SUM(A1)", "\tx"):
        assert is_formula_like(tekst)
    for tekst in ("", "Jansen", "1234AB", "'=1"):
        assert not is_formula_like(tekst)


def test_echo_shortens_and_masks_long_digit_runs():
    assert echo("BSN 123456782") == "BSN *********"
    assert echo("x" * 100).endswith("…") and len(echo("x" * 100)) == 41


# --- the partner's criteria ------------------------------------------------------------------


def test_every_partner_type_has_criteria():
    assert set(STANDAARD_CRITERIA) == set(Signaalpartnersoort.values)
    assert STANDAARD_CRITERIA["huur"].minimale_achterstand_dagen == 30
    assert STANDAARD_CRITERIA["water"].minimale_achterstand_dagen == 30
    energie = STANDAARD_CRITERIA["energie"]
    assert (energie.minimum_bedrag, energie.minimale_achterstand_dagen) == (5000, 30)
    assert energie.maximale_achterstand_dagen is None and energie.minimum_termijnen == 2
    zorg = STANDAARD_CRITERIA["zorg"]
    assert (zorg.minimale_achterstand_dagen, zorg.maximale_achterstand_dagen) == (30, 100)
    assert zorg.minimum_termijnen == 2 and zorg.termijnen_of_bedrag
    assert STANDAARD_CRITERIA["belastingdienst"].minimum_bedrag == 60000


def test_partner_overrides_win_over_the_type_defaults():
    criteria = criteria_bepalen("energie", minimum_bedrag=10000, minimale_achterstand_dagen=45)
    assert criteria == Signaalcriteria("energie", 10000, 45, None, 2)
    assert criteria_bepalen("energie", minimum_bedrag=None) is STANDAARD_CRITERIA["energie"]
    with pytest.raises(ValueError):
        criteria_bepalen("bakker")


@pytest.mark.parametrize(
    ("bedrag", "termijnen", "verwacht"),
    [
        ("50", "2", []),  # two premiums are enough, whatever the amount
        ("50", "1", ["bedrag_onder_minimum"]),
        ("50", "", ["bedrag_onder_minimum"]),
        ("100", "1", []),  # the amount is enough
        ("100", "", []),
    ],
)
def test_health_insurer_two_premiums_or_minimum_amount(bedrag, termijnen, verwacht):
    resultaat = valideer("zorg", bedrag=bedrag, aantal_onbetaalde_termijnen=termijnen)
    assert codes(resultaat) == verwacht


@pytest.mark.parametrize(
    ("bedrag", "termijnen", "verwacht"),
    [
        ("100", "2", []),
        ("100", "1", ["termijnen_te_weinig"]),
        ("40", "3", ["bedrag_onder_minimum"]),
        ("40", "1", ["bedrag_onder_minimum", "termijnen_te_weinig"]),
    ],
)
def test_energy_needs_two_terms_and_the_minimum_amount(bedrag, termijnen, verwacht):
    resultaat = valideer("energie", bedrag=bedrag, aantal_onbetaalde_termijnen=termijnen)
    assert codes(resultaat) == verwacht


def test_window_is_measured_from_arrears_to_signal_date():
    assert codes(valideer(ontstaansdatum="24-02-2024", signaaldatum="25-03-2024")) == []
    resultaat = valideer(ontstaansdatum="25-02-2024", signaaldatum="25-03-2024")
    assert codes(resultaat) == ["achterstand_te_kort"]
    assert resultaat.status == Regelstatus.AFGEWEZEN
    assert codes(valideer("overige", ontstaansdatum="25-03-2024")) == []


@pytest.mark.parametrize("vlag", ["crisissignaal", "warme_overdracht"])
def test_crisis_and_warm_handover_signals_skip_the_criteria(vlag):
    resultaat = valideer("energie", bedrag="1", ontstaansdatum="20-03-2024", **{vlag: "ja"})
    assert codes(resultaat) == []
    assert resultaat.waarden[vlag] is True


def test_eindelevering_needs_an_end_date_and_skips_the_criteria():
    resultaat = valideer("energie", bedrag="1", eindelevering="ja", einddatum_levering="")
    assert codes(resultaat) == ["verplicht_veld_ontbreekt"]
    assert resultaat.meldingen[0].veld == "einddatum_levering"
    resultaat = valideer("energie", bedrag="1", eindelevering="ja", einddatum_levering="1-6-2024")
    assert resultaat.status == Regelstatus.GEACCEPTEERD
    assert resultaat.waarden["einddatum_levering"] == datetime.date(2024, 6, 1)


def test_an_end_date_without_an_eindelevering_column_means_eindelevering():
    resultaat = valideer("energie", einddatum_levering="2024-06-01")
    assert resultaat.waarden["eindelevering"] is True
    resultaat = valideer("energie", eindelevering="nee", einddatum_levering="2024-06-01")
    assert resultaat.waarden["eindelevering"] is False


def test_eindelevering_less_than_20_working_days_ahead_is_flagged():
    # 25 March 2024 -> 22 April 2024: 19 working days (Easter Monday 1 April is a holiday)
    assert werkdagen_tussen(VANDAAG, datetime.date(2024, 4, 22)) == 19
    assert werkdagen_tussen(VANDAAG, datetime.date(2024, 4, 23)) == 20
    resultaat = valideer("energie", eindelevering="ja", einddatum_levering="22-04-2024")
    assert codes(resultaat) == ["eindelevering_te_laat"]
    assert codes(valideer("energie", eindelevering="j", einddatum_levering="23-04-2024")) == []


def test_working_days_skip_weekends_and_the_holidays_of_the_algemene_termijnenwet():
    assert werkdagen_tussen(datetime.date(2024, 12, 23), datetime.date(2024, 12, 27)) == 2
    assert werkdagen_tussen(datetime.date(2024, 4, 26), datetime.date(2024, 4, 29)) == 1
    assert werkdagen_tussen(datetime.date(2023, 5, 4), datetime.date(2023, 5, 5)) == 0  # 5 May
    assert werkdagen_tussen(datetime.date(2024, 3, 28), datetime.date(2024, 3, 29)) == 1
    assert werkdagen_tussen(datetime.date(2024, 1, 10), datetime.date(2024, 1, 1)) == 0


# --- dates of the signal ---------------------------------------------------------------------


def test_signal_date_defaults_to_the_delivery_date():
    resultaat = valideer()  # no signaaldatum column at all: silently the delivery date
    assert resultaat.waarden["signaaldatum"] == VANDAAG
    assert resultaat.status == Regelstatus.GEACCEPTEERD
    resultaat = valideer(signaaldatum="")  # an empty cell in the column: with a warning
    assert resultaat.waarden["signaaldatum"] == VANDAAG
    assert codes(resultaat) == ["signaaldatum_ontbreekt"]


def test_signal_date_may_be_a_day_ahead_of_the_delivery_date():
    assert codes(valideer(signaaldatum="26-03-2024")) == []
    assert codes(valideer(signaaldatum="27-03-2024")) == ["datum_in_toekomst"]


# --- every reason code -----------------------------------------------------------------------

GEVALLEN = [
    ("verplicht_veld_ontbreekt", "huur", {"achternaam": ""}),
    ("verplicht_veld_ontbreekt", "huur", {"postcode": None}),
    ("verplicht_veld_ontbreekt", "huur", {"huisnummer": " "}),
    ("verplicht_veld_ontbreekt", "huur", {"ontstaansdatum": ""}),
    ("bedrag_ontbreekt", "huur", {"bedrag": ""}),
    ("bedrag_ontbreekt", "huur", {"bedrag": None}),
    ("bedrag_ongeldig", "huur", {"bedrag": "abc"}),
    ("bedrag_negatief", "huur", {"bedrag": "-12,50"}),
    ("postcode_ongeldig", "huur", {"postcode": "12345"}),
    ("huisnummer_ongeldig", "huur", {"huisnummer": "abc"}),
    ("datum_ongeldig", "huur", {"ontstaansdatum": "31-02-2024"}),
    ("datum_ongeldig", "huur", {"signaaldatum": "gisteren"}),
    ("datum_ongeldig", "energie", {"eindelevering": "ja", "einddatum_levering": "x"}),
    ("datum_in_toekomst", "huur", {"ontstaansdatum": "01-04-2024"}),
    ("ontstaansdatum_na_signaaldatum", "huur", {"signaaldatum": "2023-12-01"}),
    ("achterstand_te_kort", "huur", {"ontstaansdatum": "20-03-2024"}),
    ("kolommen_te_veel", "huur", {EXTRA_VELDEN: "2"}),
    ("signaaldatum_ontbreekt", "huur", {"signaaldatum": ""}),
    ("bedrag_onder_minimum", "energie", {"bedrag": "10"}),
    ("termijnen_te_weinig", "energie", {"aantal_onbetaalde_termijnen": "1"}),
    ("achterstand_te_lang", "zorg", {"ontstaansdatum": "01-11-2023"}),
    (
        "eindelevering_te_laat",
        "energie",
        {"eindelevering": "ja", "einddatum_levering": "01-04-2024"},
    ),
    ("rechtspersoon", "huur", {"achternaam": "Bakkerij Jansen B.V."}),
    ("bsn_ongeldig", "huur", {"bsn": "12345"}),
    ("bsn_elfproef", "huur", {"bsn": "123456789"}),
    ("telefoonnummer_ongeldig", "huur", {"telefoonnummer": "0612"}),
    ("email_ongeldig", "huur", {"email": "jan@"}),
    ("geboortedatum_ongeldig", "huur", {"geboortedatum": "31-02-1980"}),
    ("geboortedatum_ongeldig", "huur", {"geboortedatum": "01-01-2030"}),
    ("geboortedatum_ongeldig", "huur", {"geboortedatum": "01-01-1880"}),
    ("geboortedatum_verdacht", "huur", {"geboortedatum": "01-01-1900"}),
    ("huisletter_ongeldig", "huur", {"huisletter": "AB"}),
    ("huisnummertoevoeging_ongeldig", "huur", {"huisnummer": "12 boven"}),
    ("huisnummertoevoeging_ongeldig", "huur", {"huisnummertoevoeging": "a-b"}),
    ("gemeentecode_ongeldig", "huur", {"gemeentecode": "GM12345"}),
    ("huisnummer_tegenstrijdig", "huur", {"huisnummer": "12-1", "huisnummertoevoeging": "2"}),
    ("getal_ongeldig", "huur", {"termijnbedrag": "veel"}),
    ("getal_ongeldig", "huur", {"aantal_onbetaalde_termijnen": "twee"}),
    ("ja_nee_ongeldig", "huur", {"crisissignaal": "misschien"}),
    ("veld_te_lang", "huur", {"klantnummer": "K" * 51}),
    ("veld_te_lang", "huur", {"achternaam": "Jansen" * 40}),
]


@pytest.mark.parametrize(("code", "soort", "velden"), GEVALLEN, ids=[g[0] for g in GEVALLEN])
def test_reason_code(code, soort, velden):
    resultaat = valideer(soort, **velden)
    assert codes(resultaat) == [code], [m.bericht for m in resultaat.meldingen]
    melding = resultaat.meldingen[0]
    verwacht = Regelstatus.AFGEWEZEN if ERNST[code] is Ernst.FOUT else Regelstatus.WAARSCHUWING
    assert resultaat.status == verwacht
    assert resultaat.afgewezen is (verwacht == Regelstatus.AFGEWEZEN)
    assert melding.ernst is ERNST[code]
    assert melding.bericht[0].isupper() and melding.bericht.endswith((".", ")"))
    assert melding.als_dict() == {
        "code": code,
        "veld": melding.veld,
        "bericht": melding.bericht,
        "ernst": ERNST[code].value,
    }
    assert resultaat.rijnummer == 7


def test_every_row_reason_code_has_a_test_case():
    rijcodes = {code for code, ernst in ERNST.items() if ernst is not Ernst.BESTAND}
    assert rijcodes - DIENSTCODES == {code for code, _, _ in GEVALLEN}
    assert rijcodes >= DIENSTCODES


def test_reason_codes_are_stable_snake_case_with_a_dutch_description():
    for code, omschrijving in REASON_CODES.items():
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", code)
        assert omschrijving[0].isupper() and omschrijving.endswith(".")
    assert set(REASON_CODES) == set(ERNST)


def test_the_partner_documentation_lists_every_reason_code():
    docs = Path(__file__).resolve().parents[4] / "docs" / "aanleverformaat.md"
    tekst = docs.read_text(encoding="utf-8")
    for code, omschrijving in REASON_CODES.items():
        assert f"| `{code}` |" in tekst, code
        assert omschrijving in tekst, code


def test_several_problems_are_all_reported_and_a_fault_rejects():
    resultaat = valideer(postcode="x", telefoonnummer="1", bedrag="")
    assert codes(resultaat) == ["telefoonnummer_ongeldig", "postcode_ongeldig", "bedrag_ontbreekt"]
    assert resultaat.status == Regelstatus.AFGEWEZEN


# --- clean values ----------------------------------------------------------------------------


def test_clean_values_are_keyed_by_vroegsignaal_fields():
    resultaat = valideer(
        voorletters="jp",
        achternaam="Vries, de",
        postcode="1234 ab",
        huisnummer="12 a 3",
        bedrag="€ 1.234,56",
        termijnbedrag="150",
        aantal_onbetaalde_termijnen="3",
        signaaldatum="2024-03-25",
        geboortedatum="12-04-1985",
        bsn="111222333",
        telefoonnummer="06-12345678",
        email="j@example.nl",
        klantnummer="K-1",
        straat="Dorpsstraat",
        woonplaats="Urk",
        crisissignaal="nee",
        warme_overdracht="x",
    )
    assert resultaat.status == Regelstatus.GEACCEPTEERD, codes(resultaat)
    assert resultaat.waarden == {
        "bedrag": 123456,
        "termijnbedrag": 15000,
        "aantal_onbetaalde_termijnen": 3,
        "ontstaansdatum": datetime.date(2024, 1, 1),
        "signaaldatum": datetime.date(2024, 3, 25),
        "klantnummer": "K-1",
        "crisissignaal": False,
        "eindelevering": False,
        "einddatum_levering": None,
        "warme_overdracht": True,
        "rechtspersoon": False,
        "voorletters": "J.P.",
        "voornamen": "",
        "voorvoegsel": "de",
        "achternaam": "Vries",
        "geboortedatum": datetime.date(1985, 4, 12),
        "bsn": "111222333",
        "telefoonnummer": "+31612345678",
        "email": "j@example.nl",
        "postcode": "1234AB",
        "huisnummer": 12,
        "huisletter": "A",
        "huisnummertoevoeging": "3",
        "straat": "Dorpsstraat",
        "woonplaats": "Urk",
    }


def test_clean_values_fit_the_vroegsignaal_model():
    velden = {f.name: f for f in Vroegsignaal._meta.get_fields()}
    assert set(VROEGSIGNAAL_VELDEN) <= set(velden)
    assert list(valideer().waarden) == list(VROEGSIGNAAL_VELDEN)
    for naam, maximum in MAX_LENGTE.items():
        assert velden[naam].max_length == maximum, naam
    for naam, lengte in {
        "postcode": 6,
        "bsn": 9,
        "huisletter": 1,
        "huisnummertoevoeging": 4,
    }.items():
        assert velden[naam].max_length == lengte


def test_json_values_with_types_are_accepted():
    rij = {
        "achternaam": "Jansen",
        "postcode": "1234AB",
        "huisnummer": 12,
        "bedrag": 12.345,
        "termijnbedrag": Decimal("99.999"),
        "ontstaansdatum": "2024-01-01",
        "bsn": 10000008,
        "crisissignaal": True,
        "aantal_onbetaalde_termijnen": 2.0,
    }
    resultaat = rij_valideren(rij, context=context(), rijnummer=1)
    assert resultaat.status == Regelstatus.GEACCEPTEERD, codes(resultaat)
    waarden = resultaat.waarden
    assert (waarden["bedrag"], waarden["termijnbedrag"]) == (1235, 10000)  # rounded, not x1000
    assert (waarden["huisnummer"], waarden["bsn"]) == (12, "010000008")
    assert waarden["crisissignaal"] is True and waarden["aantal_onbetaalde_termijnen"] == 2


def test_melding_is_a_value():
    melding = Melding("postcode_ongeldig", "postcode", "Postcode 'x' is ongeldig.")
    assert melding == Melding("postcode_ongeldig", "postcode", "Postcode 'x' is ongeldig.")
    assert melding.ernst is Ernst.FOUT


# --- properties ------------------------------------------------------------------------------

_velden = st.sampled_from([*VROEGSIGNAAL_VELDEN, "rechtsvorm", EXTRA_VELDEN])
_waarden = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"[0-9 .,\-/€a-zA-Z]{0,20}", fullmatch=True),
    st.none(),
    st.integers(),
    st.floats(),
    st.booleans(),
)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(_velden, _waarden, max_size=12), st.sampled_from(Signaalpartnersoort.values))
def test_validation_never_raises_and_status_follows_the_codes(rij, soort):
    resultaat = rij_valideren(rij, context=context(soort), rijnummer=3)
    fouten = [m for m in resultaat.meldingen if m.ernst is Ernst.FOUT]
    assert all(m.code in REASON_CODES and m.ernst is not Ernst.BESTAND for m in resultaat.meldingen)
    assert not {m.code for m in resultaat.meldingen} & DIENSTCODES
    if fouten:
        assert resultaat.status == Regelstatus.AFGEWEZEN
    elif resultaat.meldingen:
        assert resultaat.status == Regelstatus.WAARSCHUWING
    else:
        assert resultaat.status == Regelstatus.GEACCEPTEERD
    assert list(resultaat.waarden) == list(VROEGSIGNAAL_VELDEN)
    if resultaat.status != Regelstatus.AFGEWEZEN:
        for veld in ("achternaam", "postcode", "huisnummer", "bedrag", "ontstaansdatum"):
            assert resultaat.waarden[veld] not in (None, "")
        for veld, maximum in MAX_LENGTE.items():
            assert len(resultaat.waarden[veld]) <= maximum
