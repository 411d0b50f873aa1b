"""Triage in the database: the active version, facts from the case, trays, teams by district
and youth, capacity with overflow, versioning and simulation."""

import datetime

import pytest

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.core.exceptions import Conflict, ValidatieFout
from signaalroute.gemeenten.tests.factories import GemeenteFactory, TeamFactory, WijkFactory
from signaalroute.triage import rules as r
from signaalroute.triage.models import Capaciteit, Regelsetstatus, Triage
from signaalroute.triage.services import (
    actieve_regelset,
    concept_opslaan,
    concept_uit_yaml,
    regelset_activeren,
    regelset_simuleren,
    zaken_trieren,
)
from signaalroute.vroegsignaalzaken.constants import Zaaksoort
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db

DAG = datetime.date(2026, 11, 3)


@pytest.fixture
def gemeente():
    return GemeenteFactory(cbs_code="9901", naam="Lindeveld")


def zaak(gemeente, *, soort=Zaaksoort.ENKELVOUDIG, signalen=({},), **extra):
    z = VroegsignaalzaakFactory(gemeente=gemeente, soort=soort, **extra)
    for velden in signalen:
        waarden = {"gemeente": gemeente, "vroegsignaalzaak": z, "bedrag": 20000, "soort": "zorg"}
        VroegsignaalFactory(**{**waarden, **velden})
    return z


def test_the_first_triage_activates_the_default_rule_set_and_records_why(gemeente):
    klein = zaak(gemeente)
    crisis = zaak(gemeente, signalen=[{"eindelevering": True, "soort": "energie"}])
    assert zaken_trieren(gemeente=gemeente, peildatum=DAG) == {"Brief": 1, "Crisis": 1}
    regelset = actieve_regelset(gemeente=gemeente)
    assert regelset.versie == 1 and regelset.status == Regelsetstatus.ACTIEF
    t = Triage.objects.get(vroegsignaalzaak=crisis)
    assert t.regelset == regelset and t.regelnummer == 1
    assert t.termijnprofiel == "crisis" and t.eerste_kanaal == "huisbezoek"
    assert t.uitleg.startswith("Regel 1 ‘Crisis of eindelevering’")
    assert Triage.objects.get(vroegsignaalzaak=klein).regelnummer is None  # the fallback
    assert zaken_trieren(gemeente=gemeente, peildatum=DAG) == {}  # once per case


def test_team_by_district_and_youth_to_the_youth_team(gemeente):
    noord = WijkFactory(gemeente=gemeente, code="N")
    wijkteam = TeamFactory(uitvoeringsorganisatie=gemeente.uitvoeringsorganisatie, extern=True)
    wijkteam.wijken.add(noord)
    jongerenteam = TeamFactory(uitvoeringsorganisatie=gemeente.uitvoeringsorganisatie)
    regelset = actieve_regelset(gemeente=gemeente)
    regelset.jongerenteam = jongerenteam
    regelset.save()
    volwassen = zaak(gemeente, wijk=noord, signalen=[{"geboortedatum": datetime.date(1970, 5, 1)}])
    jong = zaak(gemeente, wijk=noord, signalen=[{"geboortedatum": datetime.date(2004, 5, 1)}])
    onbekend = zaak(gemeente, wijk=noord, signalen=[{"geboortedatum": datetime.date(1900, 1, 1)}])
    zaken_trieren(gemeente=gemeente, peildatum=DAG)
    for z in (volwassen, jong, onbekend):
        z.refresh_from_db()
    assert volwassen.team == wijkteam and onbekend.team == wijkteam  # placeholder: age unknown
    assert jong.team == jongerenteam
    assert Triage.objects.get(vroegsignaalzaak=jong).bakje == "Jongeren"


def test_capacity_is_used_by_priority_and_overflow_is_explained(gemeente):
    Capaciteit.objects.create(gemeente=gemeente, kanaal="huisbezoek", per_maand=1)
    klein = zaak(gemeente, soort=Zaaksoort.MEERVOUDIG, signalen=[{}, {"soort": "huur"}])
    groot = zaak(
        gemeente,
        soort=Zaaksoort.MEERVOUDIG,
        signalen=[{"bedrag": 90000}, {"soort": "huur", "bedrag": 90000}],
    )
    zaken_trieren(gemeente=gemeente, peildatum=DAG)
    hoog, laag = (
        Triage.objects.get(vroegsignaalzaak=groot),
        Triage.objects.get(vroegsignaalzaak=klein),
    )
    assert "huisbezoek" in [s["kanaal"] for s in hoog.aanpak]
    assert "huisbezoek" not in [s["kanaal"] for s in laag.aanpak]
    assert laag.uitgeweken and laag.redenen
    # Next run in the same month: the visit is used up already.
    later = zaak(
        gemeente, soort=Zaaksoort.MEERVOUDIG, signalen=[{"bedrag": 99000}, {"soort": "huur"}]
    )
    zaken_trieren(gemeente=gemeente, peildatum=DAG + datetime.timedelta(days=5))
    assert Triage.objects.get(vroegsignaalzaak=later).uitgeweken


def test_concept_simulate_activate_and_old_cases_keep_their_version(gemeente):
    oud = zaak(gemeente)
    zaken_trieren(gemeente=gemeente, peildatum=DAG)
    v1 = actieve_regelset(gemeente=gemeente)
    inhoud = dict(v1.inhoud)
    inhoud["terugval"] = {"bakje": "Bellen", "aanpak": [{"kanaal": "telefoon"}]}
    concept = concept_opslaan(
        gemeente=gemeente, inhoud=inhoud, door=None, toelichting="Meer bellen"
    )
    assert concept.versie == 2 and concept.status == Regelsetstatus.CONCEPT

    nieuw, huidig, verschillen = regelset_simuleren(regelset=concept, maand=DAG)
    assert nieuw.overzicht.per_bakje == {"Bellen": 1}
    assert huidig.overzicht.per_bakje == {"Brief": 1}
    assert any(v.sleutel == "Bellen" and v.verschil == 1 for v in verschillen)

    regelset_activeren(regelset=concept, door=None)
    v1.refresh_from_db()
    assert v1.status == Regelsetstatus.VERVANGEN
    later = zaak(gemeente)
    zaken_trieren(gemeente=gemeente, peildatum=DAG)
    assert Triage.objects.get(vroegsignaalzaak=later).regelset == concept
    assert Triage.objects.get(vroegsignaalzaak=oud).regelset == v1
    with pytest.raises(Conflict):
        regelset_activeren(regelset=concept, door=None)


def test_yaml_import_reports_errors_and_unknown_teams(gemeente):
    tekst = r.regelset_naar_yaml(r.standaard_regelset())
    assert concept_uit_yaml(gemeente=gemeente, tekst=tekst, door=None).status == "concept"
    with pytest.raises(ValidatieFout):
        concept_uit_yaml(gemeente=gemeente, tekst="regels: [1, 2]", door=None)
    inhoud = r.regelset_naar_dict(r.standaard_regelset())
    inhoud["regels"][0]["uitkomst"]["team"] = "Bestaat niet"
    with pytest.raises(ValidatieFout, match="Onbekend team"):
        concept_opslaan(gemeente=gemeente, inhoud=inhoud, door=None)


def test_an_open_case_that_becomes_a_crisis_is_triaged_again(gemeente):
    open_zaak = zaak(gemeente)
    zaken_trieren(gemeente=gemeente, peildatum=DAG)
    assert Triage.objects.get(vroegsignaalzaak=open_zaak).bakje == "Brief"
    VroegsignaalFactory(gemeente=gemeente, vroegsignaalzaak=open_zaak, eindelevering=True)
    open_zaak.crisis = True
    open_zaak.save()
    assert zaken_trieren(gemeente=gemeente, peildatum=DAG) == {"Crisis": 1}
    assert Triage.objects.get(vroegsignaalzaak=open_zaak).bakje == "Crisis"
    regel = open_zaak.historie.get()
    assert regel.toelichting.startswith("Opnieuw getrieerd na een crisissignaal: bakje Crisis")
    assert zaken_trieren(gemeente=gemeente, peildatum=DAG) == {}
