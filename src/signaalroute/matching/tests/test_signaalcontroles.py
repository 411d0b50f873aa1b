"""The checks after intake, in order: rules, BRP, debt help; then matching. Run automatically
after a delivery, once per signal, and a worker can override what they decided."""

import datetime

import pytest
from django.core.management import call_command

from signaalroute.aanleveringen.constants import Aanleverkanaal
from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.aanleveringen.services import aanlevering_ontvangen
from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.aanleveringen.tests.intake import KOP, regel, regio
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.contrib.brp.tests.conftest import (  # noqa: F401 (fixtures)
    contract_bewaking,
    lokaal,
    lokale_brp,
    schone_staat,
)
from signaalroute.contrib.brp.tests.factories import LokaalBrpPersoonFactory
from signaalroute.contrib.shv.models import SchuldhulpRegistratie
from signaalroute.core.exceptions import Conflict, ValidatieFout
from signaalroute.gemeenten.tests.factories import GemeenteFactory
from signaalroute.matching.brp import brp_controle_beoordelen
from signaalroute.matching.models import Brpcontrole, Signaaldrempel
from signaalroute.matching.signaalcontroles import signalen_controleren, signalen_verwerken
from signaalroute.vroegsignaalzaken.constants import Signaalstatus
from signaalroute.vroegsignaalzaken.services import signaalstatus_wijzigen

pytestmark = pytest.mark.django_db

S = Signaalstatus


def signaal(gemeente, **extra):
    waarden = {
        "gemeente": gemeente, "voorletters": "Y.J.", "voorvoegsel": "", "achternaam": "Meer, van der",
        "geboortedatum": datetime.date(1956, 11, 15), "postcode": "7401AB", "huisnummer": 12,
        "signaaldatum": datetime.date(2026, 10, 12), "bedrag": 40000, "soort": "energie",
    }  # fmt: skip
    return VroegsignaalFactory(**{**waarden, **extra})


@pytest.fixture
def lindeveld():
    return GemeenteFactory(cbs_code="9901", naam="Lindeveld")


def test_a_delivery_starts_the_checks_and_matching_for_its_municipalities(
    django_capture_on_commit_callbacks,
):
    lindeveld, _, verhuurder = regio()
    Signaaldrempel.objects.create(gemeente=lindeveld, soort="huur", minimum_bedrag=10000)
    SchuldhulpRegistratie.objects.create(
        gemeente=lindeveld,
        achternaam="Bakker",
        voorletters="J.",
        geboortedatum=datetime.date(1985, 4, 12),
        behandelaar="M. de Wit",
    )
    inhoud = "\r\n".join(
        [
            KOP,
            regel("K1", "Jansen", dagen=60),
            regel("K2", "Visser", huisnummer="14", bedrag="50,00"),  # below the threshold
            regel("K3", "Bakker", huisnummer="16"),  # known in debt help
        ]
    ).encode()
    with django_capture_on_commit_callbacks(execute=True):
        aanlevering_ontvangen(
            signaalpartner=verhuurder, kanaal=Aanleverkanaal.PORTAAL, inhoud=inhoud
        )
    status = dict(Vroegsignaal.objects.values_list("klantnummer", "status"))
    assert status == {
        "K1": S.NOG_NIET_OPGEPAKT,
        "K2": S.NIET_OPGEPAKT_ONTERECHT,
        "K3": S.BEKEND_BIJ_SHV,
    }
    assert not Vroegsignaal.objects.filter(gecontroleerd_op__isnull=True).exists()
    bakker = Vroegsignaal.objects.get(klantnummer="K3")
    assert "draag het signaal over aan M. de Wit" in bakker.statushistorie.get().toelichting


def test_signals_of_a_closed_period_are_matched_after_the_checks(lindeveld):
    gewoon = signaal(lindeveld)
    resultaat = signalen_verwerken(gemeente=lindeveld, peildatum=datetime.date(2026, 11, 3))
    assert resultaat.compleet
    assert resultaat.matching.zaken_gevormd == 1
    gewoon.refresh_from_db()
    assert gewoon.vroegsignaalzaak is not None
    assert gewoon.gecontroleerd_op is not None


def test_checks_run_once_so_an_override_is_not_undone(lindeveld):
    Signaaldrempel.objects.create(gemeente=lindeveld, soort="", minimum_bedrag=50000)
    laag = signaal(lindeveld)
    assert signalen_controleren(gemeente=lindeveld).statussen == {S.NIET_OPGEPAKT_ONTERECHT: 1}
    medewerker = UserFactory(
        rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=lindeveld.uitvoeringsorganisatie
    )
    signaalstatus_wijzigen(
        signaal=laag, naar=S.NOG_NIET_OPGEPAKT, door=medewerker, toelichting="Bekend gezin."
    )
    resultaat = signalen_verwerken(gemeente=lindeveld, peildatum=datetime.date(2026, 11, 3))
    laag.refresh_from_db()
    assert laag.status == S.NOG_NIET_OPGEPAKT
    assert laag.vroegsignaalzaak is not None
    assert resultaat.matching.zaken_gevormd == 1
    historie = list(laag.statushistorie.order_by("id"))
    assert [h.naar for h in historie] == [S.NIET_OPGEPAKT_ONTERECHT, S.NOG_NIET_OPGEPAKT]
    assert historie[1].door == medewerker
    assert historie[1].toelichting == "Handmatig: Bekend gezin."


def test_an_override_needs_a_reason_and_a_signal_outside_a_case(lindeveld):
    medewerker = UserFactory(
        rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=lindeveld.uitvoeringsorganisatie
    )
    los = signaal(lindeveld)
    signalen_controleren(gemeente=lindeveld)
    los.refresh_from_db()
    with pytest.raises(ValidatieFout):
        signaalstatus_wijzigen(signaal=los, naar=S.OVERLEDEN, door=medewerker, toelichting=" ")
    with pytest.raises(ValidatieFout):
        signaalstatus_wijzigen(signaal=los, naar=S.OPGEPAKT, door=medewerker, toelichting="x")
    signalen_verwerken(gemeente=lindeveld, peildatum=datetime.date(2026, 11, 3))
    with pytest.raises(Conflict):
        signaalstatus_wijzigen(signaal=los, naar=S.OVERLEDEN, door=medewerker, toelichting="x")


def test_command_runs_the_checks_and_matching(lindeveld, capsys):
    signaal(lindeveld)
    call_command("signalen_verwerken", "--gemeente", "9901", "--datum", "2026-11-03")
    uitvoer = capsys.readouterr().out
    assert '"zaken_gevormd": 1' in uitvoer


@pytest.mark.usefixtures("lokale_brp")
def test_a_strong_brp_match_with_a_deceased_person_closes_the_signal(lindeveld):
    LokaalBrpPersoonFactory(overlijdensdatum="20261001")
    overleden = signaal(lindeveld)
    resultaat = signalen_verwerken(gemeente=lindeveld, peildatum=datetime.date(2026, 11, 3))
    overleden.refresh_from_db()
    assert overleden.status == S.OVERLEDEN
    assert overleden.vroegsignaalzaak is None  # not bundled into a case
    assert resultaat.statussen == {S.OVERLEDEN: 1}
    assert overleden.statushistorie.get().toelichting.startswith("BRP-controle: ")


@pytest.mark.usefixtures("lokale_brp")
def test_a_drop_out_goes_on_to_matching_and_the_workers_decision_sets_the_status(lindeveld):
    LokaalBrpPersoonFactory(
        voornamen="Ahmed", geslachtsnaam="Yilmaz", voorvoegsel="", geboortedatum="19800101"
    )
    onbekend = signaal(lindeveld)
    signalen_verwerken(gemeente=lindeveld, peildatum=datetime.date(2026, 11, 3))
    controle = Brpcontrole.objects.get(vroegsignaal=onbekend)
    assert controle.naar_controle
    onbekend.refresh_from_db()
    assert onbekend.vroegsignaalzaak is not None  # the household is still signalled
    medewerker = UserFactory(
        rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=lindeveld.uitvoeringsorganisatie
    )
    brp_controle_beoordelen(controle=controle, door=medewerker, kandidaat=None)
    onbekend.refresh_from_db()
    assert onbekend.status == S.GEEN_INWONER
    assert onbekend.statushistorie.get().door == medewerker


def test_when_the_brp_is_down_the_signals_wait_unmatched(lindeveld, settings):
    settings.BRP_API_URL = "http://127.0.0.1:9/haalcentraal/api/brp"  # nothing listens
    settings.BRP_RETRIES = 0
    wachtend = signaal(lindeveld)
    resultaat = signalen_verwerken(gemeente=lindeveld, peildatum=datetime.date(2026, 11, 3))
    assert not resultaat.compleet
    assert resultaat.matching is None
    wachtend.refresh_from_db()
    assert wachtend.gecontroleerd_op is None and wachtend.vroegsignaalzaak is None
    settings.BRP_API_URL = ""  # the next run (BRP back, here: switched off) finishes the job
    assert (
        signalen_verwerken(
            gemeente=lindeveld, peildatum=datetime.date(2026, 11, 3)
        ).matching.zaken_gevormd
        == 1
    )


def test_rerun_after_a_new_debt_help_list_keeps_manual_decisions(lindeveld, capsys):
    wacht = signaal(lindeveld, achternaam="Bakker", voorletters="J.")
    handmatig = signaal(lindeveld, achternaam="Bakker", voorletters="J.", huisnummer=14)
    signalen_controleren(gemeente=lindeveld)
    medewerker = UserFactory(
        rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=lindeveld.uitvoeringsorganisatie
    )
    signaalstatus_wijzigen(signaal=handmatig, naar=S.OVERLEDEN, door=medewerker, toelichting="x")
    signaalstatus_wijzigen(
        signaal=handmatig, naar=S.NOG_NIET_OPGEPAKT, door=medewerker, toelichting="vergissing"
    )
    SchuldhulpRegistratie.objects.create(
        gemeente=lindeveld,
        achternaam="Bakker",
        voorletters="J.",
        geboortedatum=datetime.date(1956, 11, 15),
        behandelaar="M. de Wit",
    )
    call_command("signalen_verwerken", "--gemeente", "9901", "--zonder-matching", "--opnieuw")
    assert '"bekend_bij_shv": 1' in capsys.readouterr().out
    wacht.refresh_from_db()
    handmatig.refresh_from_db()
    assert wacht.status == S.BEKEND_BIJ_SHV
    assert handmatig.status == S.NOG_NIET_OPGEPAKT


def test_new_cases_land_in_the_tray_of_the_active_rules(lindeveld):
    from signaalroute.triage import rules as r
    from signaalroute.triage.models import Triage
    from signaalroute.triage.services import concept_opslaan, regelset_activeren

    inhoud = r.regelset_naar_dict(r.standaard_regelset())
    inhoud["regels"].insert(
        0,
        {
            "naam": "Energie",
            "voorwaarden": [
                {"feit": "partnersoorten", "operator": "een_van", "waarde": ["energie"]}
            ],
            "uitkomst": {"bakje": "Energieteam", "aanpak": [{"kanaal": "telefoon", "aantal": 2}]},
        },
    )
    nieuw = regelset_activeren(
        regelset=concept_opslaan(gemeente=lindeveld, inhoud=inhoud, door=None), door=None
    )
    energie = signaal(lindeveld, crisissignaal=False)
    resultaat = signalen_verwerken(gemeente=lindeveld, peildatum=datetime.date(2026, 11, 3))
    assert resultaat.bakjes == {"Energieteam": 1}
    energie.refresh_from_db()
    triage = Triage.objects.get(vroegsignaalzaak=energie.vroegsignaalzaak)
    assert triage.regelset == nieuw and triage.regelnaam == "Energie"
