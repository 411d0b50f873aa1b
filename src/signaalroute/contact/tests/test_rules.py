"""Merge fields, the salutation and template checks, without a database."""

import pytest

from signaalroute.contact import rules
from signaalroute.contact.constants import Kanaal
from signaalroute.contact.rules import Persoonsnaam


@pytest.mark.parametrize(
    ("naam", "aanhef", "volledig"),
    [
        (Persoonsnaam("J.", "de", "Vries"), "Beste heer of mevrouw De Vries", "J. de Vries"),
        (
            Persoonsnaam("JP", "van der", "Berg"),
            "Beste heer of mevrouw Van der Berg",
            "J.P. van der Berg",
        ),
        (Persoonsnaam("a b", "", "Yılmaz"), "Beste heer of mevrouw Yılmaz", "A.B. Yılmaz"),
        (Persoonsnaam("K.", "'t", "Hart"), "Beste heer of mevrouw 't Hart", "K. 't Hart"),
        (Persoonsnaam("", "van", "Dam"), "Beste heer of mevrouw Van Dam", "Van Dam"),
        (
            Persoonsnaam("M.", "VAN", "DE VRIES-JANSEN"),
            "Beste heer of mevrouw Van De Vries-Jansen",
            "M. van De Vries-Jansen",
        ),
        (Persoonsnaam("", "", ""), "Beste bewoner", ""),
    ],
)
def test_salutation_follows_the_dutch_prefix_rules(naam, aanhef, volledig):
    assert naam.aanhef() == aanhef
    assert naam.volledig() == volledig


def test_initials_are_normalised():
    assert rules.voorletters_normaliseren("jp") == "J.P."
    assert rules.voorletters_normaliseren("J P") == "J.P."
    assert rules.voorletters_normaliseren("Th.") == "Th."


def test_merge_fills_known_fields_and_lists_the_missing_ones():
    uitkomst = rules.invullen(
        "{{ aanhef }}, bel {{telefoon_team}} ({{ medewerker }}).",
        {"aanhef": "Beste bewoner", "telefoon_team": "14 0123", "medewerker": " "},
    )
    assert uitkomst.tekst == "Beste bewoner, bel 14 0123 ([medewerker])."
    assert uitkomst.ontbrekend == ("medewerker",)


def test_unknown_merge_field_is_refused_in_dutch():
    fouten = rules.sjabloon_fouten(
        kanaal=Kanaal.EMAIL, onderwerp="Hallo {{ voornaam }}", tekst="Beste {{ naam }}"
    )
    assert "onderwerp" in fouten and "tekst" not in fouten
    assert "{{ voornaam }} bestaat niet" in fouten["onderwerp"][0]
    assert "Kies uit: aanhef" in fouten["onderwerp"][0]


def test_broken_merge_field_and_missing_subject_are_refused():
    fouten = rules.sjabloon_fouten(kanaal=Kanaal.BRIEF, onderwerp="", tekst="Beste {{ naam }")
    assert "niet goed geschreven" in fouten["tekst"][0]
    assert fouten["onderwerp"] == ["Vul het onderwerp in."]


def test_sms_template_longer_than_three_parts_is_refused():
    assert "tekst" in rules.sjabloon_fouten(kanaal=Kanaal.SMS, onderwerp="", tekst="x" * 500)
    assert rules.sjabloon_fouten(kanaal=Kanaal.SMS, onderwerp="", tekst="Bel ons.") == {}


def test_default_texts_use_only_known_fields():
    for kanaal, standaard in rules.STANDAARDTEKSTEN.items():
        assert (
            rules.sjabloon_fouten(
                kanaal=kanaal, onderwerp=standaard.onderwerp, tekst=standaard.tekst
            )
            == {}
        ), kanaal


def test_text_becomes_escaped_paragraphs():
    html = rules.alinea_html("Beste <b>jij</b>,\n\nregel 1\nregel 2")
    assert html == "<p>Beste &lt;b&gt;jij&lt;/b&gt;,</p><p>regel 1<br>regel 2</p>"


def test_amounts_partners_and_sms_parts():
    assert rules.bedrag_tekst(123456) == "€ 1.234,56"
    assert rules.opsomming(["A", "B", "A", "C"]) == "A, B en C"
    assert rules.sms_delen("a" * 160) == 1
    assert rules.sms_delen("a" * 161) == 2
    assert rules.sms_delen("€" * 81) == 2  # € takes two GSM-7 positions
    assert rules.sms_delen("ı" * 71) == 2  # not GSM-7: UCS-2


def test_address_block():
    adres = rules.Adres("Dorpsstraat", "12 A", "1234ab", "Aadorp")
    assert adres.regels() == ["Dorpsstraat 12 A", "1234 AB  AADORP"]
    assert adres.een_regel() == "Dorpsstraat 12 A, 1234 AB Aadorp"
