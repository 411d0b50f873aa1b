"""The purge reports and the retention settings: who sees and changes what."""

import datetime

import pytest
from django.urls import reverse

from signaalroute.audit.models import Auditregel
from signaalroute.bewaartermijnen.models import Bewaarinstellingen, Opschoonrapport

pytestmark = pytest.mark.django_db


@pytest.fixture
def rapporten(tenant_a, tenant_b):
    return {
        "a": Opschoonrapport.objects.create(
            gemeente=tenant_a, peildatum=datetime.date.today(), aantallen={"signalen": 7}
        ),
        "b": Opschoonrapport.objects.create(
            gemeente=tenant_b, peildatum=datetime.date.today(), aantallen={"signalen": 3}
        ),
        "platform": Opschoonrapport.objects.create(
            peildatum=datetime.date.today(), aantallen={"aanleverbestanden": 2}
        ),
    }


@pytest.mark.parametrize("rol", ["functioneel_beheerder", "auditor"])
def test_reports_of_own_municipalities_only(login_as, users, rapporten, rol):
    antwoord = login_as(users[rol]).get(reverse("bewaartermijnen:rapporten"))
    assert antwoord.status_code == 200
    assert list(antwoord.context["rapporten"]) == [rapporten["a"]]
    assert "7 · Signalen" in antwoord.content.decode()


def test_platform_administrator_sees_every_report(login_as, users, rapporten):
    antwoord = login_as(users["platformbeheerder"]).get(reverse("bewaartermijnen:rapporten"))
    assert set(antwoord.context["rapporten"]) == set(rapporten.values())


@pytest.mark.parametrize("rol", ["coordinator", "vroegsignaleerder", "partnergebruiker"])
def test_other_roles_see_no_reports(login_as, users, rol):
    assert login_as(users[rol]).get(reverse("bewaartermijnen:rapporten")).status_code == 403


def test_functional_administrator_sets_retention_and_it_is_audited(login_as, users, tenant_a):
    client = login_as(users["functioneel_beheerder"])
    prefix = tenant_a.uuid.hex
    antwoord = client.post(
        reverse("bewaartermijnen:instellingen"),
        {
            "gemeente": prefix,
            f"{prefix}-zonder_hulp_maanden": "9",
            f"{prefix}-met_hulp_maanden": "",
            f"{prefix}-tegengehouden_maanden": "6",
            f"{prefix}-brp_kandidaten_dagen": "30",
            f"{prefix}-shv_lijst_dagen": "90",
        },
    )
    assert antwoord.status_code == 302
    assert Bewaarinstellingen.objects.get(gemeente=tenant_a).zonder_hulp_maanden == 9
    assert Auditregel.objects.filter(omschrijving="Bewaartermijnen gewijzigd").exists()


def test_invalid_retention_is_refused(login_as, users, tenant_a):
    prefix = tenant_a.uuid.hex
    antwoord = login_as(users["functioneel_beheerder"]).post(
        reverse("bewaartermijnen:instellingen"),
        {"gemeente": prefix, f"{prefix}-zonder_hulp_maanden": "0"},
    )
    assert antwoord.status_code == 400
    assert not Bewaarinstellingen.objects.exists()


def test_settings_of_other_municipality_cannot_be_changed(login_as, users, tenant_b):
    antwoord = login_as(users["functioneel_beheerder"]).post(
        reverse("bewaartermijnen:instellingen"), {"gemeente": tenant_b.uuid.hex}
    )
    assert antwoord.status_code == 404


@pytest.mark.parametrize("rol", ["auditor", "coordinator", "platformbeheerder"])
def test_only_the_functional_administrator_opens_the_settings(login_as, users, rol):
    assert login_as(users[rol]).get(reverse("bewaartermijnen:instellingen")).status_code == 403
