"""The settings page of the checks and matching: policy, thresholds in euros, the exclusion
list with addresses as people type them, the debt-help list; roles, tenancy and audit."""

import pytest
from django.urls import reverse

from signaalroute.audit.models import Auditregel
from signaalroute.conftest import verified_client
from signaalroute.contrib.shv.models import SchuldhulpRegistratie
from signaalroute.matching.models import Matchinginstellingen, Signaaldrempel, Uitsluiting

pytestmark = pytest.mark.django_db


@pytest.fixture
def pagina(tenant_a):
    return reverse("matching:instellingen", args=[tenant_a.uuid])


@pytest.fixture
def beheerder(client, users):
    return verified_client(client, users["functioneel_beheerder"])


def test_policy_is_saved_with_dutch_validation(beheerder, pagina, tenant_a):
    velden = {
        "onderdeel": "matching",
        "periodesoort": "maand",
        "afsluitdag": "40",
        "terugkijkperiode_maanden": "6",
        "slepers_drempel": "5",
        "gaten_dichten_maanden": "2",
        "huur_telt_als_match": "on",
    }
    antwoord = beheerder.post(pagina, velden)
    assert antwoord.status_code == 200 and not Matchinginstellingen.objects.exists()
    assert "hoogstens 31" in antwoord.content.decode()
    assert beheerder.post(pagina, {**velden, "afsluitdag": "25"}).status_code == 302
    instellingen = Matchinginstellingen.objects.get(gemeente=tenant_a)
    assert instellingen.afsluitdag == 25 and instellingen.huur_telt_als_match


def test_thresholds_in_euros_are_set_replaced_and_removed(beheerder, pagina, tenant_a):
    beheerder.post(
        pagina,
        {"onderdeel": "drempel", "soort": "energie", "minimum_bedrag": "€ 1.250,50",
         "minimale_dagen": "30"},
    )  # fmt: skip
    beheerder.post(
        pagina,
        {"onderdeel": "drempel", "soort": "energie", "minimum_bedrag": "50", "minimale_dagen": "0"},
    )
    drempel = Signaaldrempel.objects.get(gemeente=tenant_a)
    assert drempel.minimum_bedrag == 5000
    fout = beheerder.post(
        pagina,
        {"onderdeel": "drempel", "soort": "", "minimum_bedrag": "vijftig", "minimale_dagen": "0"},
    )
    assert "bedrag in euro" in fout.content.decode()
    beheerder.post(pagina, {"onderdeel": "drempel_verwijderen", "id": drempel.pk})
    assert not Signaaldrempel.objects.exists()


def test_exclusion_list_takes_addresses_as_typed_and_refuses_duplicates(beheerder, pagina):
    velden = {
        "onderdeel": "uitsluiting",
        "postcode": "7411 ab",
        "huisnummer": "12-a",
        "reden": "Onveilig",
    }
    assert beheerder.post(pagina, velden).status_code == 302
    uitsluiting = Uitsluiting.objects.get()
    assert (uitsluiting.postcode, uitsluiting.huisnummer, uitsluiting.huisletter) == (
        "7411AB",
        12,
        "A",
    )
    dubbel = beheerder.post(pagina, velden, follow=True)
    assert "staat al op de uitsluitingslijst" in dubbel.content.decode()
    fout = beheerder.post(pagina, {**velden, "postcode": "12345"})
    assert "geen geldige Nederlandse postcode" in fout.content.decode()
    beheerder.post(pagina, {"onderdeel": "uitsluiting_verwijderen", "id": uitsluiting.pk})
    assert not Uitsluiting.objects.exists()
    for regel in Auditregel.objects.filter(actie="wijzigen"):
        assert "7411" not in regel.omschrijving and "Onveilig" not in regel.omschrijving


def test_debt_help_list_upload_shows_the_result_without_the_contents(beheerder, pagina, tenant_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    inhoud = b"bsn;achternaam;geboortedatum;behandelaar\n;Jansen;01-02-1980;M. de Wit\n;;x;\n"
    antwoord = beheerder.post(
        pagina,
        {"onderdeel": "schuldhulp", "bestand": SimpleUploadedFile("shv.csv", inhoud)},
    )
    html = antwoord.content.decode()
    assert "1 registraties ingelezen" in html and "Regel 3" in html
    assert SchuldhulpRegistratie.objects.filter(gemeente=tenant_a).count() == 1
    assert "Jansen" not in beheerder.get(pagina).content.decode()


def test_coordinator_reads_but_cannot_change(client, users, pagina):
    coordinator = verified_client(client, users["coordinator"])
    assert coordinator.get(pagina).status_code == 200
    antwoord = coordinator.post(pagina, {"onderdeel": "uitsluiting_verwijderen", "id": 1})
    assert antwoord.status_code == 403


def test_another_organisations_municipality_is_not_found(client, users, tenant_b):
    beheerder = verified_client(client, users["functioneel_beheerder"])
    assert beheerder.get(reverse("matching:instellingen", args=[tenant_b.uuid])).status_code == 404
