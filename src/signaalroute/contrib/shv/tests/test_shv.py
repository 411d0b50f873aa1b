"""The SHV check: is the resident of a signal already known in the municipality's debt help?"""

import datetime

import pytest
from django.core.management import CommandError, call_command

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.contrib.shv.bronnen import ShvKandidaat, ShvPersoon
from signaalroute.contrib.shv.models import SchuldhulpRegistratie
from signaalroute.contrib.shv.rules import shv_beoordelen
from signaalroute.contrib.shv.services import shv_controleren, shv_lijst_importeren
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.gemeenten.tests.factories import GemeenteFactory

LIJST = (
    "BSN;Achternaam;Voorvoegsel;Voorletters;Geboortedatum;Postcode;Huisnummer;Behandelaar\n"
    "123456782;Vries;de;J.H.;12-04-1985;7401 AB;12A;Fatima el Amrani\n"
    ";Müller;;A.;01-02-1990;7402AB;3;Kees Bakker\n"
    ";;;;01-01-1980;;;\n"
    "111;Bos;;B.;31-02-1970;7403AB;4;\n"
).encode()


def kandidaat(**extra):
    waarden = {
        "bsn": "",
        "voorletters": "J.",
        "voornamen": "",
        "voorvoegsel": "",
        "achternaam": "Jansen",
        "geboortedatum": datetime.date(1985, 4, 12),
        "behandelaar": "Kees",
        "behandelaar_email": "",
    }
    return ShvKandidaat(**{**waarden, **extra})


def test_same_bsn_is_known_in_debt_help_and_names_the_worker():
    uitkomst = shv_beoordelen(
        ShvPersoon(achternaam="Anders", bsn="123456782"), [kandidaat(bsn="123456782")]
    )
    assert uitkomst.bekend and uitkomst.voorstel == "bekend_bij_shv"
    assert "draag het signaal over aan Kees" in uitkomst.uitleg[0]


def test_name_variants_still_match_without_bsn():
    persoon = ShvPersoon(
        achternaam="Vries, de", voorletters="J", geboortedatum=datetime.date(1985, 4, 12)
    )
    uitkomst = shv_beoordelen(
        persoon,
        [
            kandidaat(
                achternaam="Vries", voorvoegsel="de", voornamen="Jan Hendrik", voorletters="J.H."
            )
        ],
    )
    assert uitkomst.bekend


def test_a_relative_at_the_same_address_is_not_a_match():
    persoon = ShvPersoon(
        achternaam="Jansen", voorletters="P.", geboortedatum=datetime.date(2001, 9, 3)
    )
    assert not shv_beoordelen(persoon, [kandidaat()]).bekend


def test_no_candidates_is_not_known():
    uitkomst = shv_beoordelen(ShvPersoon(achternaam="Jansen"), [])
    assert not uitkomst.bekend and uitkomst.voorstel is None


@pytest.mark.django_db
def test_list_import_replaces_the_list_and_reports_unusable_rows():
    gemeente = GemeenteFactory()
    SchuldhulpRegistratie.objects.create(gemeente=gemeente, achternaam="Oud")
    resultaat = shv_lijst_importeren(gemeente=gemeente, inhoud=LIJST)
    assert resultaat.ingelezen == 2
    assert len(resultaat.fouten) == 2
    assert resultaat.fouten[0].startswith("Regel 4:")
    assert "111" not in " ".join(resultaat.fouten)  # never echo a (partial) BSN
    assert not SchuldhulpRegistratie.objects.filter(achternaam="Oud").exists()
    de_vries = SchuldhulpRegistratie.objects.get(bsn="123456782")
    assert (de_vries.postcode, de_vries.huisnummer, de_vries.huisletter) == ("7401AB", 12, "A")


@pytest.mark.django_db
def test_list_without_name_or_identifying_columns_is_refused():
    with pytest.raises(ValidatieFout):
        shv_lijst_importeren(gemeente=GemeenteFactory(), inhoud=b"postcode;huisnummer\n1;2\n")


@pytest.mark.django_db
def test_signal_of_a_known_client_gets_the_suggestion_only_in_its_own_municipality():
    gemeente, andere = GemeenteFactory(), GemeenteFactory()
    shv_lijst_importeren(gemeente=gemeente, inhoud=LIJST)
    signaal = VroegsignaalFactory(
        gemeente=gemeente,
        achternaam="Muller",
        voorletters="A.",
        geboortedatum=datetime.date(1990, 2, 1),
        postcode="7402AB",
        huisnummer=3,
    )
    uitkomst = shv_controleren(signaal=signaal)
    assert uitkomst.bekend and uitkomst.behandelaar == "Kees Bakker"
    elders = VroegsignaalFactory(
        gemeente=andere,
        achternaam="Muller",
        voorletters="A.",
        geboortedatum=datetime.date(1990, 2, 1),
        postcode="7402AB",
        huisnummer=3,
    )
    assert not shv_controleren(signaal=elders).bekend


@pytest.mark.django_db
def test_command_imports_for_a_municipality(tmp_path, capsys):
    GemeenteFactory(cbs_code="0363")
    pad = tmp_path / "shv.csv"
    pad.write_bytes(LIJST)
    call_command("shv_lijst_importeren", "--gemeente", "GM0363", str(pad))
    assert '"ingelezen": 2' in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("shv_lijst_importeren", "--gemeente", "9998", str(pad))
