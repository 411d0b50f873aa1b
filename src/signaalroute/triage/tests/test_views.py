"""The triage pages: the functional administrator edits a concept rule by rule (conditions,
approach, outcome), imports and exports YAML, simulates on a past month, activates, and keeps
the monthly capacity; coordinators read; other organisations get 'not found'."""

import datetime

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.audit.models import Auditregel
from signaalroute.conftest import verified_client
from signaalroute.gemeenten.tests.factories import TeamFactory, WijkFactory
from signaalroute.triage import beheer
from signaalroute.triage import rules as r
from signaalroute.triage.models import Capaciteit, Regelsetstatus, Triage, Triageregelset
from signaalroute.triage.services import actieve_regelset, concept_opslaan, zaken_trieren
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db

HOOG_BEDRAG = {
    "naam": "Hoog bedrag",
    "plaats": "1",
    "bakje": "Hoog bedrag",
    "team": "",
    "termijnprofiel": "standaard",
    "voorwaarden": "2",
    "voorwaarde-0-feit": "totaalbedrag",
    "voorwaarde-0-operator": "minstens",
    "voorwaarde-0-waarde": "1.000",
    "voorwaarde-1-feit": "partnersoorten",
    "voorwaarde-1-operator": "een_van",
    "voorwaarde-1-partnersoorten": ["huur", "energie"],
    "stappen": "1",
    "stap-0-kanaal": "telefoon",
    "stap-0-aantal": "2",
    "actie": "opslaan",
}
ZIN = (
    "Als het totaalbedrag minstens € 1.000,00 is en er een signaal van een verhuurder of een "
    "energieleverancier is, dan: bakje ‘Hoog bedrag’, aanpak twee keer bellen, team van de "
    "wijk, termijnen ‘standaard’."
)


@pytest.fixture
def beheerder(users):
    return users["functioneel_beheerder"]


@pytest.fixture
def fb(client, beheerder):
    return verified_client(client, beheerder)


@pytest.fixture
def concept(tenant_a, beheerder):
    return beheer.concept_maken(gemeente=tenant_a, door=beheerder)


def url(naam, **kwargs):
    return reverse(f"triage:{naam}", kwargs=kwargs)


def html(response):
    return response.content.decode()


def regels(concept):
    concept.refresh_from_db()
    return concept.inhoud["regels"]


def vorige_maand():
    return beheer.vorige_maand(timezone.localdate())


def zaak(gemeente, *, bedrag, soort="zorg", telefoonnummer=""):
    z = VroegsignaalzaakFactory(gemeente=gemeente)
    VroegsignaalFactory(
        gemeente=gemeente,
        vroegsignaalzaak=z,
        bedrag=bedrag,
        soort=soort,
        telefoonnummer=telefoonnummer,
    )
    return z


# --- overview, municipality page, tenancy --------------------------------------------------


def test_overview_lists_only_the_users_municipalities(fb, tenant_a, tenant_b, concept):
    pagina = html(fb.get(url("overzicht")))
    assert tenant_a.naam in pagina
    assert tenant_b.naam not in pagina
    assert f"Versie {concept.versie}" in pagina  # the concept, next to the active version 1


def test_municipality_page_shows_the_default_rules_before_any_triage(fb, tenant_a):
    pagina = html(fb.get(url("gemeente", gemeente=tenant_a.uuid)))
    assert "Er is nog geen actieve regelset" in pagina
    assert "‘Crisis of eindelevering’" in pagina
    assert "Anders: bakje ‘Brief’, aanpak brief" in pagina
    assert not Triageregelset.objects.filter(gemeente=tenant_a).exists()  # a page only reads


def test_new_concept_copies_the_active_rule_set_and_shows_in_the_history(fb, tenant_a, beheerder):
    response = fb.post(url("concept_nieuw", gemeente=tenant_a.uuid))
    actief = actieve_regelset(gemeente=tenant_a)
    concept = Triageregelset.objects.get(gemeente=tenant_a, status=Regelsetstatus.CONCEPT)
    assert response.url == url("regelset", uuid=concept.uuid)
    assert concept.versie == actief.versie + 1 and concept.inhoud == actief.inhoud
    assert concept.aangemaakt_door == beheerder
    pagina = html(fb.get(url("gemeente", gemeente=tenant_a.uuid)))
    assert "Concept" in pagina and "Actief" in pagina and "Kopie van versie 1." in pagina


def test_another_organisations_municipality_and_rule_sets_are_not_found(fb, tenant_b):
    ander = beheer.concept_maken(gemeente=tenant_b, door=None)
    for pagina in ("gemeente", "importeren", "capaciteit"):
        assert fb.get(url(pagina, gemeente=tenant_b.uuid)).status_code == 404, pagina
    for pagina in ("regelset", "exporteren", "simulatie", "activeren", "regel_toevoegen"):
        assert fb.get(url(pagina, uuid=ander.uuid)).status_code == 404, pagina
    assert fb.post(url("concept_nieuw", gemeente=tenant_b.uuid)).status_code == 404
    assert fb.post(url("activeren", uuid=ander.uuid)).status_code == 404
    verwijderen = url("regel_verwijderen", uuid=ander.uuid, nummer=1)
    assert fb.post(verwijderen, {"verwacht": "Crisis of eindelevering"}).status_code == 404
    ander.refresh_from_db()
    assert ander.status == Regelsetstatus.CONCEPT and len(ander.inhoud["regels"]) == 10


def test_coordinator_reads_rule_sets_and_simulation_but_changes_nothing(
    client, users, tenant_a, concept
):
    coordinator = verified_client(client, users["coordinator"])
    pagina = html(coordinator.get(url("regelset", uuid=concept.uuid)))
    assert "‘Crisis of eindelevering’" in pagina
    assert "Regel toevoegen" not in pagina and "Activeren" not in pagina
    assert coordinator.get(url("simulatie", uuid=concept.uuid)).status_code == 200
    assert coordinator.get(url("capaciteit", gemeente=tenant_a.uuid)).status_code == 200
    assert (
        coordinator.post(url("regel_toevoegen", uuid=concept.uuid), HOOG_BEDRAG).status_code == 403
    )
    assert coordinator.post(url("activeren", uuid=concept.uuid)).status_code == 403
    capaciteit = {"kanaal": "huisbezoek", "per_maand": "30"}
    assert (
        coordinator.post(url("capaciteit", gemeente=tenant_a.uuid), capaciteit).status_code == 403
    )
    assert len(regels(concept)) == 10 and not Capaciteit.objects.exists()


# --- the rule editor ------------------------------------------------------------------------


def test_add_a_rule_with_conditions_edit_move_and_delete_it(fb, concept):
    response = fb.post(url("regel_toevoegen", uuid=concept.uuid), HOOG_BEDRAG)
    assert response.status_code == 302
    eerste = regels(concept)[0]
    assert eerste == {
        "naam": "Hoog bedrag",
        "voorwaarden": [
            {"feit": "totaalbedrag", "operator": "minstens", "waarde": 1000},
            {"feit": "partnersoorten", "operator": "een_van", "waarde": ["huur", "energie"]},
        ],
        "uitkomst": {
            "bakje": "Hoog bedrag",
            "aanpak": [{"kanaal": "telefoon", "aantal": 2}],
            "termijnprofiel": "standaard",
        },
    }
    pagina = html(fb.get(url("regelset", uuid=concept.uuid)))
    assert ZIN in pagina and "De regels zijn opgeslagen." in pagina

    # Edit: the form shows the rule as typed; 'tussen' with an amount in Dutch notation.
    formulier = html(fb.get(url("regel_wijzigen", uuid=concept.uuid, nummer=1)))
    assert 'value="1.000"' in formulier and 'value="huur" ' in formulier
    assert "Zo leest de regel:" in formulier
    wijziging = HOOG_BEDRAG | {
        "voorwaarde-0-operator": "tussen",
        "voorwaarde-0-waarde": "1.250,50",
        "voorwaarde-0-tot": "€ 5.000",
        "verwacht": "Hoog bedrag",
    }
    assert fb.post(url("regel_wijzigen", uuid=concept.uuid, nummer=1), wijziging).status_code == 302
    assert regels(concept)[0]["voorwaarden"][0]["waarde"] == [1250.5, 5000]

    # Move down, then up again.
    verplaatsen = url("regel_verplaatsen", uuid=concept.uuid, nummer=1)
    fb.post(verplaatsen, {"richting": "omlaag", "verwacht": "Hoog bedrag"})
    assert [r["naam"] for r in regels(concept)[:2]] == ["Crisis of eindelevering", "Hoog bedrag"]
    fb.post(
        url("regel_verplaatsen", uuid=concept.uuid, nummer=2),
        {"richting": "omhoog", "verwacht": "Hoog bedrag"},
    )
    assert regels(concept)[0]["naam"] == "Hoog bedrag"

    # A page that is out of date does not delete the wrong rule.
    verwijderen = url("regel_verwijderen", uuid=concept.uuid, nummer=1)
    response = fb.post(verwijderen, {"verwacht": "Match"}, follow=True)
    assert "De regels zijn intussen gewijzigd" in html(response)
    assert len(regels(concept)) == 11
    fb.post(verwijderen, {"verwacht": "Hoog bedrag"})
    assert [r["naam"] for r in regels(concept)][0] == "Crisis of eindelevering"
    assert len(regels(concept)) == 10
    assert Auditregel.objects.filter(object_uuid=concept.uuid).count() >= 5


def test_a_new_rule_goes_last_unless_a_place_is_chosen(fb, concept):
    data = HOOG_BEDRAG | {"plaats": "", "naam": "Laatste"}
    fb.post(url("regel_toevoegen", uuid=concept.uuid), data)
    assert regels(concept)[-1]["naam"] == "Laatste"
    fb.post(url("regel_toevoegen", uuid=concept.uuid), HOOG_BEDRAG | {"plaats": "3"})
    assert regels(concept)[2]["naam"] == "Hoog bedrag"


def test_the_rule_form_shows_every_error_in_dutch_and_saves_nothing(fb, concept):
    data = HOOG_BEDRAG | {"naam": "Match", "stap-0-aantal": "11", "voorwaarde-1-partnersoorten": []}
    pagina = html(fb.post(url("regel_toevoegen", uuid=concept.uuid), data))
    assert "De regel is niet opgeslagen:" in pagina
    assert "het aantal pogingen moet tussen 1 en 10 liggen" in pagina
    assert "hoort een lijst met minstens één waarde" in pagina
    assert "utrecht-form-field-error-message" in pagina  # next to the field, too
    assert len(regels(concept)) == 10

    # The same name as another rule, and what the form itself cannot read.
    pagina = html(
        fb.post(url("regel_toevoegen", uuid=concept.uuid), HOOG_BEDRAG | {"naam": "Match"})
    )
    assert "de naam ‘Match’ heeft regel" in pagina
    data = HOOG_BEDRAG | {"voorwaarde-0-waarde": "veel", "bakje": ""}
    pagina = html(fb.post(url("regel_toevoegen", uuid=concept.uuid), data))
    assert "‘veel’ is geen bedrag in euro&#x27;s" in pagina
    assert "Dit veld is vereist." in pagina
    assert "controleer de gemarkeerde velden" in pagina
    assert len(regels(concept)) == 10


def test_rows_are_added_and_removed_without_saving(fb, concept):
    toevoegen = url("regel_toevoegen", uuid=concept.uuid)
    pagina = html(fb.post(toevoegen, HOOG_BEDRAG | {"actie": "voorwaarde_toevoegen"}))
    assert "Voorwaarde 3" in pagina and "Dit veld is vereist" not in pagina
    pagina = html(fb.post(toevoegen, HOOG_BEDRAG | {"actie": "stap_toevoegen"}))
    assert "Stap 2" in pagina
    # Removing the first condition moves the second one up, with its values.
    pagina = html(fb.post(toevoegen, HOOG_BEDRAG | {"actie": "voorwaarde_verwijderen-0"}))
    assert "Voorwaarde 2" not in pagina
    assert 'name="voorwaarde-0-partnersoorten" value="huur"' in pagina
    assert (
        "Zo leest de regel: Als er een signaal van een verhuurder of een energieleverancier"
        in pagina
    )
    assert len(regels(concept)) == 10


def test_choosing_a_fact_with_htmx_shows_the_fitting_value_fields(fb, tenant_a, concept):
    WijkFactory(gemeente=tenant_a, code="N", naam="Noord")
    data = {"naam": "Wijk", "voorwaarden": "1", "voorwaarde-0-feit": "wijk", "stappen": "1"}
    response = fb.post(
        url("regel_toevoegen", uuid=concept.uuid),
        data | {"actie": "vernieuwen"},
        HTTP_HX_REQUEST="true",
    )
    pagina = html(response)
    assert pagina.lstrip().startswith("<form") and "<html" not in pagina  # only the form
    assert '<option value="een_van">is een van</option>' in pagina
    assert "Noord" in pagina and 'hx-post="' in pagina
    assert "Dit veld is vereist" not in pagina


def test_the_fallback_and_the_concepts_settings_are_editable(fb, tenant_a, concept):
    jongerenteam = TeamFactory(uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie)
    data = {
        "bakje": "Overig",
        "team": "",
        "termijnprofiel": "standaard",
        "stappen": "2",
        "stap-0-kanaal": "mail",
        "stap-0-aantal": "1",
        "stap-1-kanaal": "brief",
        "stap-1-aantal": "1",
        "actie": "opslaan",
    }
    assert fb.post(url("terugval", uuid=concept.uuid), data).status_code == 302
    concept.refresh_from_db()
    assert concept.inhoud["terugval"]["aanpak"] == [{"kanaal": "mail"}, {"kanaal": "brief"}]
    instellingen = {
        "naam": "Lindeveld 2026",
        "omschrijving": "Meer bellen",
        "jongerenteam": jongerenteam.pk,
        "toelichting": "Na evaluatie",
    }
    fb.post(url("instellingen", uuid=concept.uuid), instellingen)
    concept.refresh_from_db()
    assert concept.jongerenteam == jongerenteam and concept.toelichting == "Na evaluatie"
    assert concept.inhoud["naam"] == "Lindeveld 2026"
    pagina = html(fb.get(url("regelset", uuid=concept.uuid)))
    assert "Anders: bakje ‘Overig’, aanpak e-mail, daarna brief" in pagina


def test_a_rule_can_name_a_team_of_the_municipality(fb, tenant_a, concept):
    TeamFactory(uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie, naam="Regie SHV")
    data = HOOG_BEDRAG | {"team": "Regie SHV", "termijnprofiel": "crisis"}
    fb.post(url("regel_toevoegen", uuid=concept.uuid), data)
    assert regels(concept)[0]["uitkomst"]["team"] == "Regie SHV"
    assert "team ‘Regie SHV’, termijnen ‘crisis’" in html(
        fb.get(url("regelset", uuid=concept.uuid))
    )
    pagina = html(
        fb.post(
            url("regel_toevoegen", uuid=concept.uuid), data | {"team": "Elders", "naam": "Anders"}
        )
    )
    assert "Onbekend team in de regels: Elders" in pagina


def test_user_input_is_escaped(fb, concept):
    data = HOOG_BEDRAG | {"naam": "<b>x</b>", "bakje": "<script>alert(1)</script>"}
    fb.post(url("regel_toevoegen", uuid=concept.uuid), data)
    pagina = html(fb.get(url("regelset", uuid=concept.uuid)))
    assert "<script>alert(1)</script>" not in pagina and "<b>x</b>" not in pagina
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pagina


def test_a_version_that_is_no_longer_a_concept_cannot_be_edited(fb, tenant_a, concept):
    actief = actieve_regelset(gemeente=tenant_a)
    response = fb.post(url("regel_toevoegen", uuid=actief.uuid), HOOG_BEDRAG, follow=True)
    assert "geen concept meer" in html(response)
    assert fb.get(url("regel_wijzigen", uuid=concept.uuid, nummer=99)).status_code == 404


# --- YAML -----------------------------------------------------------------------------------


def test_yaml_export_downloads_any_version(fb, tenant_a, concept):
    actief = actieve_regelset(gemeente=tenant_a)
    response = fb.get(url("exporteren", uuid=actief.uuid))
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert f"v{actief.versie}.yaml" in response["Content-Disposition"]
    tekst = response.content.decode()
    assert tekst.startswith("# Triageregels")
    assert r.regelset_naar_dict(r.regelset_uit_yaml(tekst)) == actief.inhoud
    assert yaml.safe_load(fb.get(url("exporteren", uuid=concept.uuid)).content)["naam"]


def test_yaml_import_makes_a_concept_or_shows_every_error(fb, tenant_a):
    goed = r.regelset_naar_yaml(r.standaard_regelset()).replace("bakje: Crisis", "bakje: Spoed")
    bestand = SimpleUploadedFile("regels.yaml", goed.encode())
    response = fb.post(url("importeren", gemeente=tenant_a.uuid), {"bestand": bestand})
    concept = Triageregelset.objects.get(gemeente=tenant_a, status=Regelsetstatus.CONCEPT)
    assert response.url == url("regelset", uuid=concept.uuid)
    assert concept.inhoud["regels"][0]["uitkomst"]["bakje"] == "Spoed"

    fout = goed.replace("operator: ja", "operator: misschien", 1).replace(
        "kanaal: brief", "kanaal: duif", 1
    )
    bestand = SimpleUploadedFile("fout.yaml", fout.encode())
    pagina = html(fb.post(url("importeren", gemeente=tenant_a.uuid), {"bestand": bestand}))
    assert "Het bestand is niet ingelezen:" in pagina
    assert "Regel 1, voorwaarde 1: de operator ‘misschien’ past niet bij" in pagina
    assert "onbekend kanaal ‘duif’" in pagina
    bestand = SimpleUploadedFile("kapot.yaml", b"regels: [")
    assert "geen geldige YAML" in html(
        fb.post(url("importeren", gemeente=tenant_a.uuid), {"bestand": bestand})
    )
    bestand = SimpleUploadedFile("latin1.yaml", "naam: Café".encode("latin-1"))
    assert "geen UTF-8" in html(
        fb.post(url("importeren", gemeente=tenant_a.uuid), {"bestand": bestand})
    )
    assert Triageregelset.objects.filter(gemeente=tenant_a).count() == 1


# --- simulation and activation --------------------------------------------------------------


@pytest.fixture
def vorige_maand_getrieerd(tenant_a):
    """Three cases triaged last month with the default rules: € 1.500 and € 400 (phone) and
    € 100 (letter)."""
    for bedrag in (150_000, 40_000, 10_000):
        zaak(tenant_a, bedrag=bedrag, telefoonnummer="0612345678")
    zaken_trieren(gemeente=tenant_a, peildatum=vorige_maand() + datetime.timedelta(days=9))


def test_simulation_shows_counts_per_tray_channel_team_and_rule_side_by_side(
    fb, tenant_a, vorige_maand_getrieerd, concept
):
    Capaciteit.objects.create(gemeente=tenant_a, kanaal="telefoon", per_maand=1)
    fb.post(url("regel_toevoegen", uuid=concept.uuid), HOOG_BEDRAG | {"voorwaarden": "1"})
    pagina = html(fb.get(url("simulatie", uuid=concept.uuid)))  # default: last month
    assert "3 zaken getrieerd" in pagina
    assert "Simulatie: versie 2 naast de actieve versie 1" in pagina
    concept.refresh_from_db()
    weergave = beheer.simulatie_tonen(regelset=concept, maand=vorige_maand())
    bakjes = {rij.label: (rij.concept, rij.actief) for rij in weergave.onderdelen[0].rijen}
    assert bakjes == {"Hoog bedrag": (1, 0), "Brief": (1, 1), "Telefoon": (1, 2)}
    per_regel = {rij.label: (rij.concept, rij.actief) for rij in weergave.onderdelen[4].rijen}
    assert per_regel["Hoog bedrag"] == (1, 0) and per_regel["Boven € 300"] == (1, 2)
    assert [(c.kanaal, c.maximum, c.concept, c.actief) for c in weergave.capaciteit] == [
        ("Telefoon", 1, 1, 1)
    ]
    assert weergave.uitgeweken.concept == 1 and weergave.uitgeweken.actief == 1
    assert "utrecht-table__row--selected" in pagina and "<strong>+1</strong>" in pagina
    assert "Hoog bedrag" in pagina and "Per eerste kanaal" in pagina

    leeg = (vorige_maand() - datetime.timedelta(days=40)).strftime("%Y-%m")
    assert "zijn geen zaken getrieerd" in html(
        fb.get(url("simulatie", uuid=concept.uuid), {"maand": leeg})
    )
    assert "Kies een maand" in html(fb.get(url("simulatie", uuid=concept.uuid), {"maand": "x"}))


def test_activation_makes_the_next_cases_land_in_the_trays_the_rules_say(
    fb, tenant_a, vorige_maand_getrieerd, concept, beheerder
):
    fb.post(url("regel_toevoegen", uuid=concept.uuid), HOOG_BEDRAG | {"voorwaarden": "1"})
    bevestigen = html(fb.get(url("activeren", uuid=concept.uuid)))
    assert "versie 1 wordt vervangen" in bevestigen
    response = fb.post(url("activeren", uuid=concept.uuid), follow=True)
    assert "Versie 2 is nu actief" in html(response)
    concept.refresh_from_db()
    assert concept.status == Regelsetstatus.ACTIEF and concept.geactiveerd_door == beheerder

    nieuw = zaak(tenant_a, bedrag=120_000, telefoonnummer="0612345678")
    zaken_trieren(gemeente=tenant_a)
    triage = Triage.objects.get(vroegsignaalzaak=nieuw)
    assert triage.bakje == "Hoog bedrag" and triage.regelset == concept
    assert triage.aanpak == [{"kanaal": "telefoon", "aantal": 2}]

    response = fb.post(url("activeren", uuid=concept.uuid), follow=True)
    assert "geen concept meer" in html(response)


# --- capacity -------------------------------------------------------------------------------


def test_capacity_is_added_changed_and_removed_with_audit_lines(fb, tenant_a):
    team = TeamFactory(uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie, naam="Team Zuid")
    pagina = url("capaciteit", gemeente=tenant_a.uuid)
    assert fb.post(pagina, {"kanaal": "huisbezoek", "per_maand": "30"}).status_code == 302
    fb.post(pagina, {"kanaal": "telefoon", "per_maand": "50", "team": team.pk})
    assert set(Capaciteit.objects.values_list("team__naam", "kanaal", "per_maand")) == {
        (None, "huisbezoek", 30),
        ("Team Zuid", "telefoon", 50),
    }
    tabel = html(fb.get(pagina))
    assert "gedeeld" in tabel and "Team Zuid" in tabel and "Huisbezoek" in tabel

    # Unique per team and channel; a whole number of 0 or more.
    dubbel = html(fb.post(pagina, {"kanaal": "huisbezoek", "per_maand": "10"}))
    assert "Er is al een capaciteit voor Huisbezoek (gedeeld)" in dubbel
    assert "De capaciteit is een heel getal van 0" in html(
        fb.post(pagina, {"kanaal": "brief", "per_maand": "-1"})
    )
    assert "Voer een geheel getal in" in html(
        fb.post(pagina, {"kanaal": "brief", "per_maand": "veel"})
    )
    assert Capaciteit.objects.count() == 2

    huisbezoek = Capaciteit.objects.get(kanaal="huisbezoek")
    assert 'value="30"' in html(fb.get(pagina, {"wijzigen": huisbezoek.pk}))
    fb.post(pagina, {"capaciteit": huisbezoek.pk, "kanaal": "huisbezoek", "per_maand": "25"})
    huisbezoek.refresh_from_db()
    assert huisbezoek.per_maand == 25

    fb.post(url("capaciteit_verwijderen", gemeente=tenant_a.uuid), {"capaciteit": huisbezoek.pk})
    assert not Capaciteit.objects.filter(pk=huisbezoek.pk).exists()
    audit = list(
        Auditregel.objects.filter(objecttype="triage.Capaciteit", gemeente=tenant_a)
        .order_by("pk")
        .values_list("omschrijving", flat=True)
    )
    assert audit == [
        "Capaciteit Huisbezoek (gedeeld) toegevoegd: 30 per maand",
        "Capaciteit Telefoon (team Team Zuid) toegevoegd: 50 per maand",
        "Capaciteit gewijzigd: Huisbezoek (gedeeld) 30 → Huisbezoek (gedeeld) 25 per maand",
        "Capaciteit Huisbezoek (gedeeld) verwijderd (was 25 per maand)",
    ]


def test_capacity_of_another_municipality_or_organisations_team_is_refused(fb, tenant_a, tenant_b):
    elders = Capaciteit.objects.create(gemeente=tenant_b, kanaal="telefoon", per_maand=5)
    verwijderen = url("capaciteit_verwijderen", gemeente=tenant_a.uuid)
    assert fb.post(verwijderen, {"capaciteit": elders.pk}).status_code == 404
    ander_team = TeamFactory(uitvoeringsorganisatie=tenant_b.uitvoeringsorganisatie)
    pagina = url("capaciteit", gemeente=tenant_a.uuid)
    response = fb.post(pagina, {"kanaal": "telefoon", "per_maand": "5", "team": ander_team.pk})
    assert "Selecteer een geldige keuze" in html(response)
    assert Capaciteit.objects.filter(gemeente=tenant_a).count() == 0
    assert Capaciteit.objects.filter(pk=elders.pk).exists()


def test_simulation_uses_a_concept_saved_directly(tenant_a):
    """`concept_opslaan` and the pages share one validation: what the editor stores is what
    the services read."""
    inhoud = beheer.standaardinhoud()
    inhoud["regels"] = inhoud["regels"][:1]
    concept = concept_opslaan(gemeente=tenant_a, inhoud=inhoud, door=None)
    weergave = beheer.regelset_tonen(gemeente=tenant_a, inhoud=concept.inhoud)
    assert [regel.naam for regel in weergave.regels] == ["Crisis of eindelevering"]
