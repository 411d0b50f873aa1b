"""The dashboard pages and exports: who may open them, tenancy, what is exported."""

import csv
import io
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.conftest import verified_client
from signaalroute.gemeenten.tests.factories import GemeenteFactory

pytestmark = pytest.mark.django_db
PERIODE = {"van": "2025-01-01", "tot": "2025-03-31"}


@pytest.fixture
def als():
    def _als(rol, gemeente=None, **velden):
        org = gemeente.uitvoeringsorganisatie if gemeente else None
        user = UserFactory(rol=rol, uitvoeringsorganisatie=org, **velden)
        return verified_client(Client(), user)

    return _als


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        (Rol.COORDINATOR, 200),
        (Rol.FUNCTIONEEL_BEHEERDER, 200),
        (Rol.VROEGSIGNALEERDER, 403),
        (Rol.EXTERNE_UITVOERDER, 403),
        (Rol.AUDITOR, 403),
        (Rol.PLATFORMBEHEERDER, 403),
    ],
)
def test_municipality_dashboard_per_role(dataset, als, rol, status):
    velden = {"is_staff": True} if rol == Rol.PLATFORMBEHEERDER else {}
    gemeente = None if rol == Rol.PLATFORMBEHEERDER else dataset.a
    if rol == Rol.EXTERNE_UITVOERDER:
        from signaalroute.gemeenten.tests.factories import TeamFactory

        velden["team"] = TeamFactory(uitvoeringsorganisatie=dataset.a.uitvoeringsorganisatie)
    client = als(rol, gemeente, **velden)
    url = reverse("rapportages:gemeente", kwargs={"gemeente": dataset.a.uuid})
    assert client.get(url, PERIODE).status_code == status
    assert client.get(reverse("rapportages:overzicht"), PERIODE).status_code == status


def test_anonymous_goes_to_login(dataset):
    response = Client().get(reverse("rapportages:overzicht"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_another_organisations_municipality_is_not_found(dataset, als):
    client = als(Rol.COORDINATOR, dataset.a)
    for naam, kwargs in (
        ("rapportages:gemeente", {"gemeente": dataset.b.uuid}),
        ("rapportages:gemeente", {"gemeente": uuid.uuid4()}),
        (
            "rapportages:gemeente_export",
            {"gemeente": dataset.b.uuid, "tabel": "resultaten", "formaat": "csv"},
        ),
    ):
        assert client.get(reverse(naam, kwargs=kwargs)).status_code == 404


def test_organisation_dashboard_shows_only_own_municipalities(dataset, als):
    client = als(Rol.COORDINATOR, dataset.a)
    response = client.get(reverse("rapportages:overzicht"), PERIODE)
    inhoud = response.content.decode()
    assert "Aadorp" in inhoud and "Beekstad" not in inhoud
    assert "Centrum (Aadorp)" in inhoud  # the district table
    assert "<svg" in inhoud and 'role="img"' in inhoud
    # No inline script or style: the strict CSP stays intact.
    assert "<script>" not in inhoud and " style=" not in inhoud


def test_a_user_restricted_to_some_municipalities_sees_only_those(dataset, als):
    tweede = GemeenteFactory(naam="Aaveen", uitvoeringsorganisatie=dataset.a.uitvoeringsorganisatie)
    user = UserFactory(rol=Rol.COORDINATOR, uitvoeringsorganisatie=tweede.uitvoeringsorganisatie)
    user.gemeenten.set([tweede])
    client = verified_client(Client(), user)
    assert (
        client.get(reverse("rapportages:gemeente", kwargs={"gemeente": dataset.a.uuid})).status_code
        == 404
    )
    inhoud = client.get(reverse("rapportages:overzicht"), PERIODE).content.decode()
    assert "Centrum (Aadorp)" not in inhoud


def test_period_presets_and_bad_dates(dataset, als):
    client = als(Rol.COORDINATOR, dataset.a)
    url = reverse("rapportages:gemeente", kwargs={"gemeente": dataset.a.uuid})
    assert client.get(url, {"periode": "vorige_maand"}).status_code == 200
    response = client.get(url, {"van": "2025-03-31", "tot": "2025-01-01"})
    assert response.status_code == 200
    assert "De begindatum ligt na de einddatum." in response.content.decode()


def test_csv_export_is_the_table_and_formula_safe(dataset, als):
    dataset.a.wijken.filter(code="W1").update(naam="=HYPERLINK(1)")
    client = als(Rol.COORDINATOR, dataset.a)
    url = reverse(
        "rapportages:gemeente_export",
        kwargs={"gemeente": dataset.a.uuid, "tabel": "zaken_per_wijk", "formaat": "csv"},
    )
    response = client.get(url, PERIODE)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert (
        f"{dataset.a.gm_code}-zaken_per_wijk-20250101-20250331.csv"
        in response["Content-Disposition"]
    )
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0] == [
        "Wijk",
        "Zaken",
        "Meervoudig",
        "Bereikt",
        "Bereikt",
        "Hulp geaccepteerd",
        "Hulp geaccepteerd",
    ]
    assert rijen[1] == ["'=HYPERLINK(1) (Aadorp)", "2", "1", "1", "50.0", "1", "50.0"]


def test_xlsx_export_keeps_numbers(dataset, als):
    client = als(Rol.FUNCTIONEEL_BEHEERDER, dataset.a)
    url = reverse("rapportages:export", kwargs={"tabel": "resultaat_per_kanaal", "formaat": "xlsx"})
    response = client.get(url, PERIODE)
    assert response.status_code == 200
    werkboek = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rijen = werkboek.get_sheet_by_index(0).to_python()
    assert rijen[0] == ["Resultaat bij de gemeente", "Telefoon", "Geen contact", "Totaal"]
    assert ["Hulp geaccepteerd", 1, 0, 1] in rijen
    assert rijen[-1] == ["Totaal", 1, 3, 4]


@pytest.mark.parametrize("tabel,formaat", [("bestaat_niet", "csv"), ("resultaten", "pdf")])
def test_unknown_table_or_format_is_not_found(dataset, als, tabel, formaat):
    client = als(Rol.COORDINATOR, dataset.a)
    url = reverse("rapportages:export", kwargs={"tabel": tabel, "formaat": formaat})
    assert client.get(url).status_code == 404


def test_platform_view_only_for_the_platform_administrator(dataset, als):
    url = reverse("rapportages:platform")
    assert als(Rol.COORDINATOR, dataset.a).get(url).status_code == 403
    assert als(Rol.FUNCTIONEEL_BEHEERDER, dataset.a).get(url).status_code == 403
    client = als(Rol.PLATFORMBEHEERDER, is_staff=True)
    response = client.get(url, PERIODE)
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "&lt;5" in inhoud
    # Aggregates only: no municipality, district, postcode or partner names.
    for naam in ("Aadorp", "Beekstad", "Centrum", "1234", "Zorg NV", "Woonstede"):
        assert naam not in inhoud
    export = client.get(
        reverse(
            "rapportages:platform_export", kwargs={"tabel": "signalen_per_soort", "formaat": "csv"}
        ),
        PERIODE,
    )
    assert "<5" in export.content.decode("utf-8-sig")
    geen_wijk = client.get(
        reverse("rapportages:platform_export", kwargs={"tabel": "zaken_per_wijk", "formaat": "csv"})
    )
    assert geen_wijk.status_code == 404
