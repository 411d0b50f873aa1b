"""Every code maps to a value of the official enumeration, and every official value is reachable
(v1.2 one-to-one; v0.9 leaves out what it does not know)."""

import pytest

from signaalroute.contrib.ddas.mapping import FORMATEN, formaat
from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.vroegsignaalzaken.constants import (
    Contactsoort,
    Dagdeel,
    Eindresultaat,
    Signaalstatus,
)

from .officieel import enumeratie

TABELLEN = [
    ("signaalstatus", Signaalstatus, "EnumSignaalstatus"),
    ("eindresultaat", Eindresultaat, "EnumEindresultaat"),
    ("contactsoort", Contactsoort, "EnumContactsoort"),
    ("dagdeel", Dagdeel, "EnumDagdeel"),
    ("signaalpartner", Signaalpartnersoort, "EnumSignaalpartner"),
]
# Codes without a value in v0.9: the field is left out.
ZONDER_V0_9 = {
    "signaalstatus": {Signaalstatus.OPGEPAKT, Signaalstatus.BEKEND_BIJ_SHV},
    "eindresultaat": {Eindresultaat.VERVOLGHULP},
    "contactsoort": {Contactsoort.ONBEKEND},
}


@pytest.mark.parametrize("versie", FORMATEN)
@pytest.mark.parametrize(("tabel", "codes", "enum"), TABELLEN, ids=[t[0] for t in TABELLEN])
def test_every_code_has_an_entry_and_maps_into_the_official_enumeration(versie, tabel, codes, enum):
    mapping = getattr(formaat(versie), tabel)
    assert set(mapping) == set(codes.values)
    officieel = set(enumeratie(versie, enum))
    assert {waarde for waarde in mapping.values() if waarde is not None} <= officieel


@pytest.mark.parametrize("versie", FORMATEN)
@pytest.mark.parametrize(("tabel", "codes", "enum"), TABELLEN, ids=[t[0] for t in TABELLEN])
def test_every_official_value_is_reachable_from_a_code(versie, tabel, codes, enum):
    mapping = getattr(formaat(versie), tabel)
    assert set(enumeratie(versie, enum)) == {w for w in mapping.values() if w is not None}


@pytest.mark.parametrize(("tabel", "codes", "enum"), TABELLEN, ids=[t[0] for t in TABELLEN])
def test_v1_2_is_one_to_one(tabel, codes, enum):
    mapping = getattr(formaat("1.2"), tabel)
    assert None not in mapping.values()
    assert len(set(mapping.values())) == len(mapping)


@pytest.mark.parametrize(("tabel", "codes", "enum"), TABELLEN, ids=[t[0] for t in TABELLEN])
def test_v0_9_leaves_out_exactly_the_codes_it_has_no_value_for(tabel, codes, enum):
    mapping = getattr(formaat("0.9"), tabel)
    assert {code for code, waarde in mapping.items() if waarde is None} == ZONDER_V0_9.get(
        tabel, set()
    )


def test_v0_9_words_two_results_differently_and_has_no_appointment_on_location():
    v09 = formaat("0.9")
    assert v09.eindresultaat[Eindresultaat.HOEFT_GEEN_HULP] == (
        "Inwoner hoeft geen hulp vanuit vroegsignalering"
    )
    assert v09.eindresultaat[Eindresultaat.VERWIJZING_ZONDER_INWONER] == "Verwijzing zonder contact"
    assert v09.contactsoort[Contactsoort.AFSPRAAK_OP_LOCATIE] == "Overige"


def test_an_unknown_version_is_refused():
    with pytest.raises(ValueError, match="Onbekende DDAS-versie"):
        formaat("2.0")
