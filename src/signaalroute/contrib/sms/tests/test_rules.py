"""What a valid message is and how many SMS parts a text takes (no database)."""

import pytest

from signaalroute.contrib.sms.rules import bericht_controleren, sms_lengte, sms_segmenten

GELDIG = {
    "naar": "+31612345678",
    "afzender": "Gemeente",
    "tekst": "Wij willen graag met u in contact komen.",
    "referentie": "contactpoging-3f2b7c1e",
}


@pytest.mark.parametrize(
    ("tekst", "delen"),
    [
        ("", 0),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("a" * 612, 4),
        ("a" * 613, 5),
        ("é" * 160, 1),  # é is in the GSM-7 basic set
        ("€" * 80, 1),  # the euro sign takes two septets
        ("€" * 81, 2),
        ("ł" * 70, 1),  # one character outside GSM-7 makes the text UCS-2
        ("ł" * 71, 2),
        ("a" * 60 + "😀", 1),  # an emoji is two UTF-16 units
        ("😀" * 36, 2),
    ],
)
def test_a_text_takes_as_many_parts_as_the_gsm_rules_say(tekst, delen):
    assert sms_segmenten(tekst) == delen


def test_euro_is_gsm7_with_two_septets_and_polish_l_is_ucs2():
    assert sms_lengte("€5") == ("gsm7", 3)
    assert sms_lengte("Łódź") == ("ucs2", 4)


def test_a_valid_message_has_no_faults():
    assert bericht_controleren(**GELDIG) == []
    assert bericht_controleren(**GELDIG, status_url="https://gemeente.example.nl/rapport/") == []


@pytest.mark.parametrize(
    ("veld", "waarde", "naam"),
    [
        ("naar", "0612345678", "naar"),  # national form, not E.164
        ("naar", "+31 6 12345678", "naar"),
        ("naar", 31612345678, "naar"),
        ("afzender", "Gemeente Aadorp", "afzender"),  # space, and 15 characters
        ("afzender", "Gemeentehuis1", "afzender"),  # 13 characters
        ("afzender", "", "afzender"),
        ("tekst", "   ", "tekst"),
        ("tekst", "a" * 613, "tekst"),
        ("tekst", None, "tekst"),
        ("referentie", "", "referentie"),
        ("referentie", "met spatie", "referentie"),
        ("referentie", "x" * 101, "referentie"),
        ("status_url", "ftp://gemeente.example.nl/", "statusUrl"),
        ("status_url", "niet-een-url", "statusUrl"),
    ],
)
def test_an_invalid_field_is_named_in_the_api_spelling(veld, waarde, naam):
    fouten = bericht_controleren(**{**GELDIG, veld: waarde})
    assert [f["name"] for f in fouten] == [naam]


def test_a_fault_never_repeats_the_value():
    fouten = bericht_controleren(**{**GELDIG, "naar": "0612345678", "tekst": "x" * 700})
    assert "0612345678" not in str(fouten)
    assert "xxxx" not in str(fouten)
