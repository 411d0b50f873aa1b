"""The BRP review tray: stored checks, a worker's one-click decision, and tenant isolation."""

import datetime

import pytest
from django.urls import reverse

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.contrib.brp.tests.conftest import (  # noqa: F401 (fixtures)
    contract_bewaking,
    lokaal,
    lokale_brp,
    schone_staat,
)
from signaalroute.contrib.brp.tests.factories import LokaalBrpPersoonFactory
from signaalroute.gemeenten.tests.factories import GemeenteFactory
from signaalroute.matching.brp import brp_controle_uitvoeren, brp_controles_uitvoeren
from signaalroute.matching.models import Brpbeoordeling, Brpcontrole

pytestmark = pytest.mark.usefixtures("lokale_brp")


@pytest.fixture
def lindeveld(db):
    return GemeenteFactory(cbs_code="9901", naam="Lindeveld")


def signaal(gemeente, **extra):
    waarden = {
        "gemeente": gemeente, "voorletters": "P.", "achternaam": "Pietersen",
        "geboortedatum": datetime.date(1990, 5, 5), "postcode": "7401AB", "huisnummer": 12,
    }  # fmt: skip
    return VroegsignaalFactory(**{**waarden, **extra})


def test_confirmed_resident_is_stored_with_bsn_and_not_in_the_tray(lindeveld):
    bewoner = LokaalBrpPersoonFactory()
    s = signaal(
        lindeveld,
        voorletters="Y.",
        achternaam="van der Meer",
        geboortedatum=datetime.date(1956, 11, 15),
    )
    controle = brp_controle_uitvoeren(signaal=s)
    assert controle.uitkomst == "bevestigd" and not controle.naar_controle
    s.refresh_from_db()
    assert s.bsn == bewoner.bsn


def test_drop_out_goes_to_the_tray_and_a_worker_confirms_with_one_click(
    lindeveld, client, login_as
):
    # Twins with the same initial: the check must not guess.
    bewoner = LokaalBrpPersoonFactory(
        voornamen="Petra", geslachtsnaam="Pietersen", voorvoegsel="", geboortedatum="19900505"
    )
    LokaalBrpPersoonFactory(
        voornamen="Paul",
        geslachtsnaam="Pietersen",
        voorvoegsel="",
        geboortedatum="19900505",
        geslacht="M",
    )
    s = signaal(lindeveld)
    controle = brp_controle_uitvoeren(signaal=s)
    assert controle.naar_controle
    werker = UserFactory(
        rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=lindeveld.uitvoeringsorganisatie
    )
    login_as(werker)
    pagina = client.get(reverse("matching:controlebakje")).content.decode()
    assert "Pietersen" in pagina
    assert bewoner.bsn not in pagina  # never shown
    gekozen = next(i for i, k in enumerate(controle.kandidaten) if k["bsn"] == bewoner.bsn)
    response = client.post(
        reverse("matching:beoordelen", args=[controle.uuid]),
        {"kandidaat": str(gekozen), "toelichting": "Gebeld: het is Petra"},
    )
    assert response.status_code == 302
    controle.refresh_from_db()
    assert controle.beoordeling == Brpbeoordeling.BEVESTIGD
    assert controle.beoordeeld_door == werker
    assert Vroegsignaal.objects.get(pk=s.pk).bsn == bewoner.bsn
    assert not controle.naar_controle


def test_worker_can_say_nobody_at_the_address_is_the_person(lindeveld, client, login_as):
    LokaalBrpPersoonFactory(
        voornamen="Ahmed",
        geslachtsnaam="Yilmaz",
        voorvoegsel="",
        geboortedatum="19800101",
        geslacht="M",
    )
    controle = brp_controle_uitvoeren(signaal=signaal(lindeveld))
    login_as(
        UserFactory(rol=Rol.COORDINATOR, uitvoeringsorganisatie=lindeveld.uitvoeringsorganisatie)
    )
    client.post(reverse("matching:beoordelen", args=[controle.uuid]), {"kandidaat": "geen"})
    controle.refresh_from_db()
    assert controle.beoordeling == Brpbeoordeling.GEEN_BEWONER
    assert controle.voorstel == "geen_inwoner"
    assert controle.toelichting


def test_another_municipality_never_sees_the_brp_answers(lindeveld, client, login_as):
    LokaalBrpPersoonFactory(
        voornamen="Ahmed",
        geslachtsnaam="Yilmaz",
        voorvoegsel="",
        geboortedatum="19800101",
        geslacht="M",
    )
    controle = brp_controle_uitvoeren(signaal=signaal(lindeveld))
    andere = GemeenteFactory()
    login_as(
        UserFactory(rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=andere.uitvoeringsorganisatie)
    )
    assert "Yilmaz" not in client.get(reverse("matching:controlebakje")).content.decode()
    response = client.post(reverse("matching:beoordelen", args=[controle.uuid]), {"kandidaat": "0"})
    assert response.status_code == 404


def test_checks_run_for_every_unchecked_signal_and_can_be_rerun(lindeveld):
    LokaalBrpPersoonFactory()
    signaal(lindeveld)
    signaal(lindeveld, huisnummer=14)
    assert sum(brp_controles_uitvoeren(gemeente=lindeveld).values()) == 2
    assert sum(brp_controles_uitvoeren(gemeente=lindeveld).values()) == 0
    assert sum(brp_controles_uitvoeren(gemeente=lindeveld, opnieuw=True).values()) == 2
    assert Brpcontrole.objects.count() == 2
