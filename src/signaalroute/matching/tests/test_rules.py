"""Person matching rules: one test per normalisation case and per outcome. No database."""

import datetime

import pytest

from signaalroute.matching import constants as c
from signaalroute.matching.rules import (
    Adres,
    Bewoner,
    Geboortedatum,
    Naamgebruik,
    Partnernaam,
    Signaalpersoon,
    Uitkomstsoort,
    bewoner_zoeken,
    geboortedata_vergelijken,
    personen_vergelijken,
    voornaamvorm,
    vouwen,
)

D = datetime.date


def bewoner(geslachtsnaam="Jansen", voornamen="Jan Hendrik", bsn="111222333", **kwargs):
    kwargs.setdefault("geboortedatum", D(1985, 3, 12))
    return Bewoner(bsn=bsn, geslachtsnaam=geslachtsnaam, voornamen=voornamen, **kwargs)


def signaal(achternaam="Jansen", **kwargs):
    return Signaalpersoon(achternaam=achternaam, **kwargs)


def vergelijk(s, b):
    return personen_vergelijken(s, b)


# --- folding -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("naam", "gevouwen"),
    [
        ("Müller", "muller"),
        ("Çelik", "celik"),
        ("Yılmaz", "yilmaz"),
        ("Şahin", "sahin"),
        ("Łukasz", "lukasz"),
        ("Ĳsbrand", "ijsbrand"),
        ("Weiß", "weiss"),
        ("Zoë", "zoe"),
        ("  'T  Hart ", "t hart"),
        ("Jansen-de Vries", "jansen de vries"),
    ],
)
def test_folding_drops_case_accents_and_punctuation(naam, gevouwen):
    assert vouwen(naam) == gevouwen


# --- surnames ------------------------------------------------------------------------------


def test_surname_equal_after_removing_accents_is_explained():
    v = vergelijk(signaal("Muller"), bewoner("Müller"))
    assert v.achternaam == "gelijk"
    assert "Achternaam gelijk na verwijderen accenten (Muller/Müller)" in v.uitleg


def test_german_umlaut_written_as_ue_matches():
    v = vergelijk(signaal("Mueller"), bewoner("Müller"))
    assert v.achternaam == "gelijk"
    assert "ue als ü" in v.uitleg[0]


@pytest.mark.parametrize(
    ("signaalnaam", "brp_naam"),
    [
        ("Yilmaz", "Yılmaz"),
        ("Ozturk", "Öztürk"),
        ("Wisniewski", "Wiśniewski"),
        ("Lukasz", "Łukasz"),
    ],
)
def test_turkish_and_polish_letters_match_their_plain_spelling(signaalnaam, brp_naam):
    assert vergelijk(signaal(signaalnaam), bewoner(brp_naam)).achternaam == "gelijk"


def test_ij_ligature_and_y_spelling_match_ij():
    assert vergelijk(signaal("Bĳl"), bewoner("Bijl")).achternaam == "gelijk"
    assert vergelijk(signaal("van Ryn"), bewoner("Rijn", voorvoegsel="van")).achternaam == "gelijk"


def test_case_and_spacing_are_ignored():
    v = vergelijk(signaal("DE  VRIES"), bewoner("Vries", voorvoegsel="de"))
    assert v.achternaam == "gelijk"
    assert "negeren hoofdletters" in v.uitleg[0]


def test_hyphens_and_apostrophes_are_ignored():
    assert vergelijk(signaal("t Hart"), bewoner("'t Hart")).achternaam == "gelijk"
    assert vergelijk(signaal("Jansen de Vries"), bewoner("Jansen-de Vries")).achternaam == "gelijk"
    assert vergelijk(signaal("OBrien"), bewoner("O'Brien")).achternaam == "gelijk"


def test_voorvoegsel_in_its_own_field_matches():
    v = vergelijk(signaal("Vries", voorvoegsel="de"), bewoner("Vries", voorvoegsel="de"))
    assert v.achternaam == "gelijk"


def test_voorvoegsel_in_both_fields_is_not_doubled():
    v = vergelijk(signaal("de Vries", voorvoegsel="de"), bewoner("Vries", voorvoegsel="de"))
    assert v.achternaam == "gelijk"


def test_voorvoegsel_after_the_name_with_a_comma_matches():
    v = vergelijk(signaal("Berg, van den"), bewoner("Berg", voorvoegsel="van den"))
    assert v.achternaam == "gelijk"
    assert "verplaatsen voorvoegsel" in v.uitleg[0]


def test_voorvoegsel_after_the_name_without_a_comma_matches():
    assert vergelijk(signaal("Vries de"), bewoner("Vries", voorvoegsel="de")).achternaam == "gelijk"


@pytest.mark.parametrize("naam", ["deVries", "DeVries", "devries", "DEVRIES"])
def test_voorvoegsel_glued_to_the_name_matches(naam):
    assert vergelijk(signaal(naam), bewoner("Vries", voorvoegsel="de")).achternaam == "gelijk"


def test_missing_voorvoegsel_matches_a_little_weaker():
    zonder = vergelijk(signaal("Vries"), bewoner("Vries", voorvoegsel="de"))
    met = vergelijk(signaal("de Vries"), bewoner("Vries", voorvoegsel="de"))
    assert zonder.achternaam == "zonder_voorvoegsel"
    assert zonder.punten < met.punten


def test_part_of_a_double_surname_matches():
    v = vergelijk(signaal("Jansen"), bewoner("Jansen-de Vries"))
    assert v.achternaam == "deel"
    assert v.punten > 0


def test_married_resident_signalled_under_the_partners_name_matches():
    b = bewoner(
        "Jansen",
        voornamen="Maria",
        partners=(Partnernaam("Vries", "de"),),
        naamgebruik=Naamgebruik.PARTNER,
    )
    v = vergelijk(signaal("de Vries", voorletters="M."), b)
    assert v.achternaam == "gelijk"
    assert "de naam van de partner" in v.uitleg[0]


@pytest.mark.parametrize("naam", ["de Vries-Jansen", "Jansen-de Vries", "DE VRIES JANSEN"])
def test_combined_partner_and_own_name_match_in_either_order(naam):
    b = bewoner("Jansen", partners=(Partnernaam("Vries", "de"),), naamgebruik=Naamgebruik.EIGEN)
    assert vergelijk(signaal(naam), b).achternaam == "gelijk"


def test_partner_name_not_in_use_according_to_the_brp_counts_a_little_less():
    gebruikt = bewoner("Jansen", partners=(Partnernaam("Bakker"),), naamgebruik=Naamgebruik.PARTNER)
    niet_gebruikt = bewoner("Jansen", partners=(Partnernaam("Bakker"),))
    s = signaal("Bakker")
    assert vergelijk(s, gebruikt).punten > vergelijk(s, niet_gebruikt).punten


def test_former_partners_name_matches_with_a_deduction():
    b = bewoner("Jansen", partners=(Partnernaam("Bakker", huidig=False),))
    v = vergelijk(signaal("Bakker"), b)
    assert v.achternaam == "gelijk"
    assert "ex-partner" in v.uitleg[0]
    assert v.punten < vergelijk(signaal("Jansen"), b).punten


def test_surname_typo_is_tolerated_scaled_to_length():
    lang = vergelijk(signaal("Dijkstar"), bewoner("Dijkstra"))
    assert lang.achternaam == "tikfout"
    assert "1 teken verschil" in lang.uitleg[0]
    assert vergelijk(signaal("Bos"), bewoner("Vos")).achternaam == "verschillend"


def test_surinamese_oe_and_u_spellings_match():
    v = vergelijk(signaal("Sukhlal"), bewoner("Soekhlal"))
    assert v.achternaam == "spelling"


def test_similar_sounding_surnames_match_weakly():
    v = vergelijk(signaal("Janssen"), bewoner("Jansen"))
    assert v.achternaam == "klank"
    assert v.punten < vergelijk(signaal("Jansen"), bewoner("Jansen")).punten


def test_different_surnames_count_against():
    v = vergelijk(signaal("Bakker"), bewoner("Visser"))
    assert v.achternaam == "verschillend"
    assert v.punten < 0


# --- given names ---------------------------------------------------------------------------


def test_initials_match_the_given_names_and_are_explained():
    v = vergelijk(signaal(voorletters="J.H."), bewoner(voornamen="Jan Hendrik"))
    assert v.voornamen == "voorletters"
    assert "Voorletters J.H. passen bij voornamen Jan Hendrik" in v.uitleg


@pytest.mark.parametrize("voorletters", ["J.H.", "JH", "J H", "j.h.", "jh", "J.-H.", "J. H."])
def test_initials_with_or_without_dots_and_spaces_match(voorletters):
    assert voornaamvorm(voorletters, voorletters=True).delen == ("j", "h")
    v = vergelijk(signaal(voorletters=voorletters), bewoner(voornamen="Jan Hendrik"))
    assert v.voornamen == "voorletters"


def test_one_initial_matches_the_first_of_several_given_names():
    v = vergelijk(signaal(voorletters="J"), bewoner(voornamen="Johannes Hendrikus"))
    assert v.voornamen == "voorletters_begin"
    assert v.punten > 0


@pytest.mark.parametrize(
    ("voorletters", "voornamen"),
    [
        ("Th.", "Theodorus"),
        ("Chr.", "Christiaan"),
        ("IJ.", "IJsbrand"),
        ("Th.J.", "Theodorus Johannes"),
        ("ThW", "Theodorus Wouter"),
        ("TH", "Theodorus"),
    ],
)
def test_dutch_multi_letter_initials_match(voorletters, voornamen):
    v = vergelijk(signaal(voorletters=voorletters), bewoner(voornamen=voornamen))
    assert v.voornamen == "voorletters", v.uitleg


def test_initials_ij_written_together_can_be_two_initials():
    v = vergelijk(signaal(voorletters="IJM"), bewoner(voornamen="Inge Johanna Maria"))
    assert v.voornamen == "voorletters"


def test_first_name_matches_the_first_of_several_given_names():
    v = vergelijk(signaal(voornamen="Jan"), bewoner(voornamen="Jan Hendrik"))
    assert v.voornamen == "eerste"
    assert "Voornaam Jan is de eerste voornaam van Jan Hendrik" in v.uitleg


def test_initials_in_the_voornamen_field_are_read_as_initials():
    v = vergelijk(signaal(voornamen="J.H."), bewoner(voornamen="Jan Hendrik"))
    assert v.voornamen == "voorletters"


def test_roepnaam_matches_the_formal_name():
    assert vergelijk(signaal(voornamen="Kees"), bewoner(voornamen="Cornelis")).voornamen == (
        "roepnaam"
    )
    assert vergelijk(signaal(voornamen="Henk"), bewoner(voornamen="Hendrik Jan")).voornamen == (
        "roepnaam"
    )


def test_spellings_of_the_same_given_name_match():
    assert vergelijk(signaal(voornamen="Mohammed"), bewoner(voornamen="Mohamed")).voornamen == (
        "roepnaam"
    )
    assert vergelijk(signaal(voornamen="Yusuf"), bewoner(voornamen="Youssef")).voornamen == (
        "roepnaam"
    )


def test_later_given_name_used_as_roepnaam_matches_weakly():
    v = vergelijk(signaal(voornamen="Hendrik"), bewoner(voornamen="Jan Hendrik"))
    assert v.voornamen == "andere_voornaam"
    assert 0 < c.PUNTEN_VOORNAAM_ANDERE < c.PUNTEN_VOORNAAM_EERSTE


def test_given_name_typo_is_tolerated():
    v = vergelijk(signaal(voornamen="Saskai"), bewoner(voornamen="Saskia"))
    assert v.voornamen == "tikfout"


def test_different_given_names_with_the_same_initial_count_against():
    v = vergelijk(signaal(voornamen="Johan"), bewoner(voornamen="Jan"))
    assert v.voornamen == "zelfde_letter"
    assert c.PUNTEN_VOORNAAM_ZELFDE_LETTER < 0


@pytest.mark.parametrize(("a", "b"), [("Hendrik", "Hendrika"), ("Cornelis", "Cornelia")])
def test_male_and_female_forms_of_a_name_are_not_a_typo(a, b):
    assert vergelijk(signaal(voornamen=a), bewoner(voornamen=b)).voornamen == "zelfde_letter"


def test_more_initials_than_given_names_counts_against():
    v = vergelijk(signaal(voorletters="J.H.P."), bewoner(voornamen="Jan Hendrik"))
    assert v.voornamen == "voorletters_meer"
    assert c.PUNTEN_VOORLETTERS_MEER < 0


def test_missing_given_names_are_neutral():
    v = vergelijk(signaal(), bewoner())
    assert v.voornamen == "geen"
    assert "Geen voornaam of voorletters in het signaal" in v.uitleg


def test_given_name_and_surname_swapped_are_recognised():
    b = bewoner("Yılmaz", voornamen="Mehmet")
    v = vergelijk(signaal("Mehmet", voornamen="Yilmaz"), b)
    assert v.achternaam == "verwisseld"
    assert v.uitleg[0].startswith("Voornaam en achternaam lijken verwisseld")
    assert v.voornamen == "gelijk"


def test_whole_name_in_the_surname_field_is_split():
    v = vergelijk(signaal("Yilmaz Mehmet"), bewoner("Yılmaz", voornamen="Mehmet"))
    assert v.achternaam == "verwisseld"
    assert v.voornamen == "gelijk"


def test_given_names_after_a_comma_in_the_surname_field_are_used():
    v = vergelijk(signaal("Jansen, J.H."), bewoner(voornamen="Jan Hendrik"))
    assert v.achternaam == "gelijk"
    assert v.voornamen == "voorletters"


# --- birth dates ---------------------------------------------------------------------------


@pytest.mark.parametrize("datum", [D(1900, 1, 1), D(1970, 1, 1), D(2000, 1, 1)])
def test_placeholder_birth_date_is_not_used(datum):
    v = vergelijk(signaal(voorletters="J.H.", geboortedatum=datum), bewoner())
    assert v.geboortedatum == "opvulwaarde"
    assert f"Geboortedatum {datum:%d-%m-%Y} is een opvulwaarde; niet gebruikt" in v.uitleg


def test_birth_date_flagged_by_the_intake_as_placeholder_is_not_used():
    s = signaal(geboortedatum=D(1985, 3, 12), geboortedatum_opvulwaarde=True)
    assert vergelijk(s, bewoner()).geboortedatum == "opvulwaarde"


def test_equal_birth_date_counts_strongly():
    v = vergelijk(signaal(geboortedatum=D(1985, 3, 12)), bewoner())
    assert v.geboortedatum == "gelijk"
    assert "Geboortedatum gelijk (12-03-1985)" in v.uitleg


def test_swapped_day_and_month_match_weaker():
    d = geboortedata_vergelijken(
        Geboortedatum.van(D(1985, 4, 3)), False, Geboortedatum.van(D(1985, 3, 4))
    )
    assert d.code == "dag_maand_verwisseld"
    assert 0 < d.punten < c.PUNTEN_GEBOORTEDATUM_GELIJK


@pytest.mark.parametrize(
    "anders", [D(1985, 3, 13), D(1985, 8, 12), D(1958, 3, 12), D(1985, 3, 21), D(1986, 3, 12)]
)
def test_one_digit_typo_in_the_birth_date_matches_weaker(anders):
    d = geboortedata_vergelijken(
        Geboortedatum.van(anders), False, Geboortedatum.van(D(1985, 3, 12))
    )
    assert d.code == "een_cijfer"


def test_incomplete_brp_birth_date_compares_the_known_parts():
    jaar = geboortedata_vergelijken(Geboortedatum.van(D(1985, 6, 15)), False, Geboortedatum(1985))
    jaar_maand = geboortedata_vergelijken(
        Geboortedatum.van(D(1985, 6, 15)), False, Geboortedatum(1985, 6)
    )
    assert (jaar.code, jaar_maand.code) == ("jaar", "jaar_maand")
    assert "00-00-1985" in jaar.uitleg
    assert 0 < jaar.punten < jaar_maand.punten < c.PUNTEN_GEBOORTEDATUM_GELIJK


def test_signal_birth_date_with_unknown_day_and_month_compares_the_year():
    d = geboortedata_vergelijken(Geboortedatum(1985), False, Geboortedatum.van(D(1985, 3, 12)))
    assert d.code == "jaar"
    assert "in het signaal" in d.uitleg


@pytest.mark.parametrize("opvulling", [D(1985, 1, 1), D(1985, 7, 1), D(1985, 12, 31)])
def test_filler_day_and_month_count_as_year_only(opvulling):
    d = geboortedata_vergelijken(
        Geboortedatum.van(opvulling), False, Geboortedatum.van(D(1985, 3, 9))
    )
    assert d.code == "jaar"


def test_different_birth_date_counts_strongly_against():
    d = geboortedata_vergelijken(
        Geboortedatum.van(D(1990, 5, 6)), False, Geboortedatum.van(D(1960, 11, 23))
    )
    assert d.code == "verschillend"
    assert d.punten <= -c.PUNTEN_GEBOORTEDATUM_GELIJK


def test_unknown_brp_birth_date_is_neutral():
    v = vergelijk(signaal(geboortedatum=D(1985, 3, 12)), bewoner(geboortedatum=Geboortedatum()))
    assert v.geboortedatum == "bewoner_onbekend"


def test_resident_who_was_a_minor_on_the_signal_date_counts_against():
    kind = bewoner(voornamen="Jesse", geboortedatum=D(2012, 5, 1))
    s = signaal(voorletters="J.", peildatum=D(2025, 5, 1))
    v = vergelijk(s, kind)
    assert any("minderjarig" in regel for regel in v.uitleg)
    assert v.punten < vergelijk(signaal(voorletters="J."), kind).punten


# --- outcomes ------------------------------------------------------------------------------

VADER = bewoner(
    "Vries", voorvoegsel="de", voornamen="Jan", bsn="100000001", geboortedatum=D(1960, 4, 2)
)
MOEDER = bewoner(
    "Bakker",
    voornamen="Maria Johanna",
    bsn="100000002",
    geboortedatum=D(1962, 9, 17),
    partners=(Partnernaam("Vries", "de"),),
    naamgebruik=Naamgebruik.PARTNER_EIGEN,
)
ZOON = bewoner(
    "Vries", voorvoegsel="de", voornamen="Johan", bsn="100000003", geboortedatum=D(1990, 1, 30)
)
GEZIN = (VADER, MOEDER, ZOON)


def test_strong_unambiguous_match_is_confirmed_with_the_bsn():
    u = bewoner_zoeken(
        signaal("Vries, de", voorletters="M.J.", geboortedatum=D(1962, 9, 17)), GEZIN
    )
    assert u.soort == Uitkomstsoort.BEVESTIGD
    assert u.bsn == "100000002"
    assert u.bewoner is MOEDER
    assert not u.naar_controle


def test_family_member_at_the_same_address_is_picked_by_given_name_and_birth_date():
    u = bewoner_zoeken(signaal("de Vries", voornamen="Johan", geboortedatum=D(1990, 1, 30)), GEZIN)
    assert u.soort == Uitkomstsoort.BEVESTIGD
    assert u.bsn == "100000003"


def test_relative_not_registered_at_the_address_is_not_confirmed():
    u = bewoner_zoeken(signaal("de Vries", voornamen="Pieter", geboortedatum=D(1993, 6, 8)), GEZIN)
    assert u.soort == Uitkomstsoort.NIET_GEVONDEN
    assert u.bsn is None
    assert u.naar_controle


def test_same_initial_without_a_usable_birth_date_is_doubt():
    u = bewoner_zoeken(signaal("de Vries", voorletters="J.", geboortedatum=D(1900, 1, 1)), GEZIN)
    assert u.soort == Uitkomstsoort.TWIJFEL
    assert "Meer dan één bewoner" in u.reden
    assert u.bsn is None


def test_twins_with_the_same_initial_are_doubt():
    a = bewoner(voornamen="Jesse", bsn="1", geboortedatum=D(2000, 6, 1))
    b = bewoner(voornamen="Joost", bsn="2", geboortedatum=D(2000, 6, 1))
    u = bewoner_zoeken(signaal(voorletters="J", geboortedatum=D(2000, 6, 1)), (a, b))
    assert u.soort == Uitkomstsoort.TWIJFEL


def test_surname_alone_is_too_weak_to_confirm():
    u = bewoner_zoeken(signaal("Bakker"), (bewoner("Bakker"),))
    assert u.soort == Uitkomstsoort.TWIJFEL
    assert "niet sterk genoeg" in u.reden


def test_unique_match_on_surname_and_initials_without_birth_date_is_confirmed():
    u = bewoner_zoeken(signaal("de Vries", voorletters="M.J."), (VADER, MOEDER))
    assert u.soort == Uitkomstsoort.BEVESTIGD
    assert u.bsn == "100000002"


def test_nobody_matching_goes_to_review_with_ranked_candidates_and_a_reason():
    u = bewoner_zoeken(signaal("Yılmaz", voorletters="A.", geboortedatum=D(1977, 2, 3)), GEZIN)
    assert u.soort == Uitkomstsoort.NIET_GEVONDEN
    assert u.naar_controle
    assert u.reden.startswith("Geen bewoner op dit adres komt genoeg overeen")
    assert len(u.kandidaten) == 3
    scores = [k.score for k in u.kandidaten]
    assert scores == sorted(scores, reverse=True)
    assert all(k.vergelijking.uitleg for k in u.kandidaten)


def test_no_residents_at_the_address_is_not_found():
    u = bewoner_zoeken(signaal(), ())
    assert u.soort == Uitkomstsoort.NIET_GEVONDEN
    assert "niemand ingeschreven" in u.reden


def test_deceased_resident_on_a_strong_match_suggests_closing_as_deceased():
    overleden = bewoner(overleden=True, overlijdensdatum=D(2025, 1, 5))
    u = bewoner_zoeken(signaal(voorletters="J.H.", geboortedatum=D(1985, 3, 12)), (overleden,))
    assert u.soort == Uitkomstsoort.OVERLEDEN
    assert u.voorstel == c.VOORSTEL_OVERLEDEN
    assert u.voorstel_label == "Inwoner is overleden"
    assert u.bsn == "111222333"
    assert "Bewoner is overleden (05-01-2025)" in u.kandidaten[0].vergelijking.uitleg


def test_deceased_resident_on_a_weak_match_is_never_closed_automatically():
    overleden = bewoner(overleden=True)
    u = bewoner_zoeken(signaal(voorletters="J."), (overleden,))
    assert u.soort == Uitkomstsoort.TWIJFEL
    assert u.voorstel is None
    assert "overleden" in u.reden


def test_resident_moved_out_of_the_municipality_suggests_geen_inwoner():
    weg = bewoner(verhuisd=True)
    u = bewoner_zoeken(signaal(voorletters="J.H.", geboortedatum=D(1985, 3, 12)), (weg,))
    assert u.soort == Uitkomstsoort.VERHUISD
    assert u.voorstel == c.VOORSTEL_GEEN_INWONER
    assert u.voorstel_label == "Persoon is geen inwoner (meer) in de gemeente"


def test_resident_moved_within_the_municipality_gives_the_new_address_without_closing():
    adres = Adres("1234AB", 5, "A", straat="Dorpsstraat", woonplaats="Aadorp")
    verhuisd = bewoner(verhuisd=True, verhuisd_binnen_gemeente=True, nieuw_adres=adres)
    u = bewoner_zoeken(signaal(voorletters="J.H.", geboortedatum=D(1985, 3, 12)), (verhuisd,))
    assert u.soort == Uitkomstsoort.VERHUISD
    assert u.nieuw_adres == adres
    assert u.voorstel is None
    assert "Dorpsstraat 5A, 1234AB Aadorp" in u.reden


def test_moved_resident_on_a_weak_match_is_doubt():
    weg = bewoner(verhuisd=True)
    u = bewoner_zoeken(signaal(voorletters="J."), (weg,))
    assert u.soort == Uitkomstsoort.TWIJFEL


def test_current_resident_beats_a_moved_namesake_only_with_a_clear_lead():
    nu = bewoner(voornamen="Jan", bsn="1", geboortedatum=D(1960, 1, 1) + datetime.timedelta(40))
    weg = bewoner(voornamen="Jan", bsn="2", geboortedatum=D(1988, 7, 7), verhuisd=True)
    met_datum = bewoner_zoeken(signaal(voornamen="Jan", geboortedatum=D(1988, 7, 7)), (nu, weg))
    zonder_datum = bewoner_zoeken(signaal(voornamen="Jan"), (nu, weg))
    assert (met_datum.soort, met_datum.bsn) == (Uitkomstsoort.VERHUISD, "2")
    assert zonder_datum.soort == Uitkomstsoort.TWIJFEL


def test_same_person_listed_twice_is_not_ambiguous():
    u = bewoner_zoeken(
        signaal(voorletters="J.H.", geboortedatum=D(1985, 3, 12)), (bewoner(), bewoner())
    )
    assert u.soort == Uitkomstsoort.BEVESTIGD


def test_explanations_and_reasons_never_contain_the_bsn():
    u = bewoner_zoeken(signaal("de Vries", voorletters="J."), GEZIN)
    teksten = [u.reden, repr(u)] + [regel for k in u.kandidaten for regel in k.vergelijking.uitleg]
    for b in GEZIN:
        assert not any(b.bsn in tekst for tekst in teksten)


def test_scores_lie_between_0_and_1_and_thresholds_are_ordered():
    v = vergelijk(signaal(voorletters="J.H.", geboortedatum=D(1985, 3, 12)), bewoner())
    assert 0.99 < v.score <= 1
    assert 0 <= vergelijk(signaal("Visser", voornamen="Piet"), bewoner()).score < 0.01
    assert c.PUNTEN_TWIJFEL < c.PUNTEN_BEVESTIGD < c.PUNTEN_AFSLUITEN
    assert 0 < c.DREMPEL_TWIJFEL < c.DREMPEL_BEVESTIGD < c.DREMPEL_AFSLUITEN < 1
