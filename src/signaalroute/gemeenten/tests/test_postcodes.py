import pytest
from django.core.management import CommandError, call_command

from signaalroute.core.exceptions import ValidatieFout
from signaalroute.gemeenten.models import Postcodegebied, Wijk
from signaalroute.gemeenten.rules import normaliseer_postcode
from signaalroute.gemeenten.selectors import postcodegebied_zoeken
from signaalroute.gemeenten.services import postcodes_importeren

from .factories import GemeenteFactory


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234 ab", "1234AB"),
        ("1234AB", "1234AB"),
        (" 1234 ", "1234"),
        ("0123AB", None),
        ("1234SS", None),
        ("12345", None),
        ("", None),
        ("1234 A", None),
    ],
)
def test_postcodes_are_normalised(raw, expected):
    assert normaliseer_postcode(raw) == expected


@pytest.mark.django_db
def test_import_maps_pc4_and_pc6_to_municipality_and_district():
    gemeente = GemeenteFactory(cbs_code="0363")
    csv = (
        b"postcode;gemeentecode;wijkcode;wijknaam\n"
        b"1011;GM0363;W01;Centrum\n"
        b"1012 ab;0363;W02;Noord\n"
        b"9999ZZ;0001;;\n"
        b"abc;0363;;\n"
    )
    resultaat = postcodes_importeren(inhoud=csv)
    assert resultaat.aangemaakt == 2
    assert resultaat.wijken_aangemaakt == 2
    assert resultaat.fouten == [
        "Regel 4: onbekende gemeentecode '0001'.",
        "Regel 5: ongeldige postcode of reeks.",
    ]
    assert Wijk.objects.filter(gemeente=gemeente).count() == 2
    assert postcodegebied_zoeken("1012AB").wijk.naam == "Noord"
    assert postcodegebied_zoeken("1011XY").postcode == "1011"  # falls back to PC4
    assert postcodegebied_zoeken("2000AA") is None


@pytest.mark.django_db
def test_import_is_repeatable_and_updates():
    eerste = GemeenteFactory(cbs_code="0001")
    tweede = GemeenteFactory(cbs_code="0002")
    postcodes_importeren(inhoud=b"postcode,gemeentecode\n1011,0001\n")
    resultaat = postcodes_importeren(inhoud=b"postcode,gemeentecode\n1011,0002\n")
    assert resultaat.bijgewerkt == 1
    assert Postcodegebied.objects.get().gemeente == tweede
    assert not Postcodegebied.objects.filter(gemeente=eerste).exists()


@pytest.mark.django_db
def test_file_without_required_columns_is_refused_in_dutch():
    with pytest.raises(ValidatieFout, match="mist de kolom"):
        postcodes_importeren(inhoud=b"pc;gemeente\n1011;0363\n")


@pytest.mark.django_db
def test_command_prints_json_summary(tmp_path, capsys):
    GemeenteFactory(cbs_code="0363")
    bestand = tmp_path / "postcodes.csv"
    bestand.write_text("postcode;gemeentecode\n1011;0363\n", encoding="cp1252")
    call_command("postcodes_importeren", str(bestand))
    assert '"aangemaakt": 1' in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("postcodes_importeren", str(tmp_path / "bestaat-niet.csv"))


@pytest.mark.django_db
def test_a_district_can_be_given_as_a_range_of_pc4s():
    gemeente = GemeenteFactory(cbs_code="0150")
    resultaat = postcodes_importeren(
        inhoud=b"postcode;gemeentecode;wijkcode;wijknaam\n"
        b"7411-7414;0150;C;Centrum\n7415 - 7415;0150;O;Oost\n7420-7410;0150;;\n1000-1999;0150;;\n"
    )
    assert resultaat.aangemaakt == 5
    assert resultaat.fouten == [
        "Regel 4: ongeldige postcode of reeks.",
        "Regel 5: ongeldige postcode of reeks.",
    ]
    assert postcodegebied_zoeken("7413AB").wijk.naam == "Centrum"
    assert postcodegebied_zoeken("7415XX").wijk.naam == "Oost"
    assert Wijk.objects.filter(gemeente=gemeente).count() == 2
