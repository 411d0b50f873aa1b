"""`brp_lokaal_vullen`: residents derived from the signals, with the register's differences,
the same every run."""

import datetime as dt
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.aanleveringen.tests.factories import AanleveringFactory, VroegsignaalFactory
from signaalroute.contrib.brp.gegevens import BrpDatum
from signaalroute.contrib.brp.lokaal.herkennen import Signaalpersoon, clusters
from signaalroute.contrib.brp.lokaal.vullen import lokale_brp_vullen
from signaalroute.contrib.brp.models import LokaalBrpPersoon
from signaalroute.gemeenten.tests.factories import GemeenteFactory

from .factories import LokaalBrpPersoonFactory

SOORTEN = ("voorletters", "ascii", "voorvoegsel", "placeholder", "hoofdletters")


def _bsn(n: int) -> str:
    cijfers = [9, 9, 9, 8] + [int(c) for c in f"{n:04d}"]
    controle = sum(c * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
    return "".join(map(str, cijfers)) + str(controle) if controle < 10 else ""


def _signaal(aanlevering, gemeente, nummer: int, **velden) -> Vroegsignaal:
    basis = {
        "aanlevering": aanlevering,
        "signaalpartner": aanlevering.signaalpartner,
        "gemeente": gemeente,
        "postcode": "7401AB",
        "huisnummer": nummer,
        "straat": "KERKSTRAAT",
        "woonplaats": "LINDEVELD",
        "signaaldatum": dt.date(2026, 10, 25),
        "voorletters": "",
        "voornamen": "",
        "voorvoegsel": "",
        "geboortedatum": dt.date(1980, 5, 17),
    }
    return VroegsignaalFactory.build(**(basis | velden))


@pytest.fixture
def signalen(db, settings):
    settings.BRP_LOKAAL = True
    settings.DEBUG = True
    gemeente = GemeenteFactory(cbs_code="9901", naam="Lindeveld")
    aanlevering = AanleveringFactory()
    rijen = []
    for nummer in range(1, 241):
        soort = SOORTEN[nummer % len(SOORTEN)]
        bsn = _bsn(nummer)
        velden = {
            "voorletters": {"voorletters": "J.H.", "voornamen": ""},
            "ascii": {"voorletters": "F.", "voornamen": "Fatma", "achternaam": "Ylmaz"},
            "voorvoegsel": {
                "voorletters": "P.",
                "voornamen": "Pieter",
                "achternaam": "van der Meer",
            },
            "placeholder": {
                "voorletters": "A.",
                "voornamen": "Anna",
                "achternaam": "Bakker",
                "geboortedatum": dt.date(2000, 1, 1),
            },
            "hoofdletters": {"voorletters": "K.", "voornamen": "KEES", "achternaam": "JANSEN"},
        }[soort]
        velden.setdefault("achternaam", "Visser")
        rijen.append(_signaal(aanlevering, gemeente, nummer, bsn=bsn, **velden))
        if nummer % 7 == 0:  # a second person on the address, once with names swapped
            rijen.append(
                _signaal(
                    aanlevering,
                    gemeente,
                    nummer,
                    voornamen="Mila",
                    voorletters="M.",
                    achternaam="de Wit",
                )
            )
            rijen.append(
                _signaal(
                    aanlevering,
                    gemeente,
                    nummer,
                    voornamen="de Wit",
                    voorletters="D.",
                    achternaam="Mila",
                )
            )
    rijen.append(
        _signaal(aanlevering, gemeente, 999, achternaam="Bakkerij Jansen B.V.", rechtspersoon=True)
    )
    Vroegsignaal.objects.bulk_create(rijen)
    return {r.bsn: SOORTEN[r.huisnummer % len(SOORTEN)] for r in rijen if r.bsn}


def _alles():
    velden = [f.name for f in LokaalBrpPersoon._meta.fields if f.name != "id"]
    return sorted(LokaalBrpPersoon.objects.values_list(*velden))


def test_the_same_signals_give_the_same_register(signalen):
    lokale_brp_vullen()
    eerste = _alles()
    lokale_brp_vullen()
    assert _alles() == eerste


def test_every_signal_person_is_in_the_register_once_and_bsns_are_unique(signalen):
    lokale_brp_vullen()
    bsns = list(LokaalBrpPersoon.objects.values_list("bsn", flat=True))
    assert len(bsns) == len(set(bsns))
    assert set(signalen) <= set(bsns)
    assert not LokaalBrpPersoon.objects.filter(postcode="7401AB", huisnummer=999).exists()


def test_the_register_has_the_names_and_dates_the_signals_lack(signalen):
    lokale_brp_vullen()
    for persoon in LokaalBrpPersoon.objects.filter(bsn__in=signalen):
        soort = signalen[persoon.bsn]
        eigen_naam = persoon.aanduiding_naamgebruik == "E"
        naam = (persoon.voorvoegsel, persoon.geslachtsnaam)
        partnernaam = (persoon.partner_voorvoegsel, persoon.partner_geslachtsnaam)
        if soort == "voorletters":
            assert [n[0] for n in persoon.voornamen.split()] == ["J", "H"]
        elif soort == "ascii":
            assert (naam if eigen_naam else partnernaam) == ("", "Yılmaz")
        elif soort == "voorvoegsel":
            assert (naam if eigen_naam else partnernaam) == ("van der", "Meer")
        elif soort == "placeholder":
            assert persoon.geboortedatum != "20000101"
        elif soort == "hoofdletters":
            assert persoon.voornamen == "Kees"
            assert (naam if eigen_naam else partnernaam) == ("", "Jansen")


def test_swapped_names_are_one_person_with_the_names_the_right_way_round():
    def persoon(voornamen, achternaam):
        return Signaalpersoon(voornamen, "", "", achternaam, None, "", dt.date(2026, 10, 1))

    groepen = clusters(
        [
            persoon("Groote", "Bibi Elin Lina"),
            persoon("Bibi Elin Lina", "Groote"),
            persoon("de Graaf", "Casper"),
        ]
    )
    assert sorted([(p.voornamen, p.voorvoegsel, p.achternaam) for p in g] for g in groepen) == [
        [("Bibi Elin Lina", "", "Groote"), ("Bibi Elin Lina", "", "Groote")],
        [("Casper", "de", "Graaf")],
    ]


def test_the_register_differs_from_the_signals_as_the_real_one_does(signalen):
    resultaat = lokale_brp_vullen()
    toelichtingen = Counter(LokaalBrpPersoon.objects.values_list("toelichting", flat=True))
    for verwacht in (
        "woont op het adres van het signaal",
        "partner van de persoon uit het signaal",
        "signaal gebruikt de naam van de partner",
        "verhuisd na het signaal",
        "overleden",
        "geëmigreerd",
        "andere bewoner",
    ):
        assert toelichtingen[verwacht], verwacht
    assert resultaat.personen == sum(toelichtingen.values())
    verhuisd = LokaalBrpPersoon.objects.filter(toelichting="verhuisd na het signaal").first()
    assert (verhuisd.vorige_postcode, verhuisd.vorig_huisnummer) != (
        verhuisd.postcode,
        verhuisd.huisnummer,
    )
    overleden = LokaalBrpPersoon.objects.filter(toelichting="overleden").first()
    assert BrpDatum.van_gba(overleden.overlijdensdatum).als_date() < dt.date(2026, 10, 25)
    assert LokaalBrpPersoon.objects.filter(geboortedatum__endswith="00").exists()  # partly known
    assert LokaalBrpPersoon.objects.filter(straat="Kerkstraat", woonplaats="Lindeveld").exists()


def test_persons_entered_by_hand_are_kept(signalen):
    LokaalBrpPersoonFactory(bsn="999990019", postcode="7402AA", huisnummer=1)
    lokale_brp_vullen()
    lokale_brp_vullen()
    assert LokaalBrpPersoon.objects.filter(bsn="999990019", gegenereerd=False).exists()


def test_the_command_refuses_without_the_local_brp_or_outside_development(signalen, settings):
    call_command("brp_lokaal_vullen", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert LokaalBrpPersoon.objects.exists()
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("brp_lokaal_vullen")
    settings.BRP_LOKAAL = False
    with pytest.raises(CommandError, match="BRP_LOKAAL"):
        call_command("brp_lokaal_vullen", force=True)
