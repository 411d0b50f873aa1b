import json
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated

from signaalroute.core.api import exception_handler
from signaalroute.core.exceptions import NietGevonden
from signaalroute.core.models import AppendOnlyError
from signaalroute.core.templatetags.signaalroute import euro
from signaalroute.vroegsignaalzaken.constants import Zaakfase
from signaalroute.vroegsignaalzaken.models import Zaakwijziging
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

REPO = Path(__file__).resolve().parents[4]


@pytest.mark.parametrize(
    ("cents", "shown"),
    [(0, "€ 0,00"), (123456, "€ 1.234,56"), (5, "€ 0,05"), (-250, "-€ 2,50"), (None, "–")],
)
def test_money_in_cents_is_shown_as_dutch_euros(cents, shown):
    assert euro(cents) == shown


@pytest.mark.django_db
def test_history_rows_are_append_only():
    zaak = VroegsignaalzaakFactory()
    rij = Zaakwijziging.objects.create(vroegsignaalzaak=zaak, fase_naar=Zaakfase.NIEUW)
    rij.toelichting = "gewijzigd"
    with pytest.raises(AppendOnlyError):
        rij.save()
    with pytest.raises(AppendOnlyError):
        rij.delete()


def test_validation_errors_become_problem_json_with_all_invalid_params(rf):
    class S(serializers.Serializer):
        postcode = serializers.RegexField(r"^\d{4}[A-Z]{2}$")
        bedrag = serializers.IntegerField(min_value=1)

    s = S(data={"postcode": "12", "bedrag": 0})
    assert not s.is_valid()
    response = exception_handler(
        serializers.ValidationError(s.errors), {"request": rf.post("/api/v1/x")}
    )
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"
    names = {p["name"] for p in response.data["invalidParams"]}
    assert names == {"postcode", "bedrag"}
    assert response.data["instance"] == "/api/v1/x"


def test_domain_errors_and_authentication_become_problem_json(rf):
    request = rf.get("/api/v1/y")
    response = exception_handler(NietGevonden(), {"request": request})
    assert response.status_code == 404
    assert response.data["code"] == "niet_gevonden"
    response = exception_handler(NotAuthenticated(), {"request": request})
    assert response.status_code in (401, 403)
    assert response.content_type == "application/problem+json"


def test_committed_openapi_document_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(generated))
    committed = json.loads((REPO / "docs" / "api" / "openapi.json").read_text())
    assert json.loads(generated.read_text()) == committed, "Run `make openapi` and commit."


def test_health_endpoint_needs_no_login(client):
    assert client.get("/gezondheid").content == b"ok"


def test_set_up_page_lists_only_the_pages_of_the_role(client, users):
    from signaalroute.conftest import verified_client

    coordinator = verified_client(client, users["coordinator"]).get("/inrichting/")
    assert "Triage" in coordinator.text and "Bewaartermijnen" not in coordinator.text
    beheerder = verified_client(client, users["functioneel_beheerder"]).get("/inrichting/")
    assert "Bewaartermijnen" in beheerder.text and "Organisatie" in beheerder.text
    platform = verified_client(client, users["platformbeheerder"]).get("/inrichting/")
    assert "Organisatie" in platform.text and "Triage" not in platform.text
