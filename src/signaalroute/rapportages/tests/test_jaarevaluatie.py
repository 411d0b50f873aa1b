"""The year evaluation: each question of the municipalities' evaluation answered from the
hand-computed data set of `conftest`; the page, its exports and who may open them."""

import csv
import datetime
import io
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.conftest import verified_client

from ..jaarevaluatie import Trend, jaarevaluatie_maken, trend

NA_HET_JAAR = datetime.date(2026, 1, 15)


@pytest.mark.parametrize(
    ("reeks", "uitkomst"),
    [
        ([5, 5, 5, 1, 1, 1], Trend.DAALT),
        ([1, 1, 1, 5, 5, 5], Trend.STIJGT),
        ([10, 10, 10, 10, 9, 10], Trend.GELIJK),
        ([3, 99, 3], Trend.GELIJK),  # the middle month is left out
        ([0, 0, 0, 0], Trend.ONBEKEND),
        ([4], Trend.ONBEKEND),
    ],
)
def test_trend_compares_the_second_half_with_the_first(reeks, uitkomst):
    assert trend(reeks) == uitkomst


@pytest.fixture
def evaluatie(dataset):
    return {
        v.sleutel: v
        for v in jaarevaluatie_maken(gemeenten=[dataset.a], jaar=2025, peildatum=NA_HET_JAAR).vragen
    }


@pytest.mark.django_db
def test_signals_against_the_estimate(evaluatie):
    v = evaluatie["signalen"]
    assert v.cijfer == "5 signalen, 4 zaken"
    # 20,000 inhabitants: 170 cases a year expected; signals band 2 × 12 × 34..96.
    assert "tussen 816 en 2.304" in v.zin
    assert "Verwacht waren er ongeveer 170" in v.zin
    assert len(v.tabel.rijen) == 13 and v.tabel.rijen[-1][:2] == ["Totaal", 5]


@pytest.mark.django_db
def test_doors_that_stayed_closed(evaluatie):
    v = evaluatie["deur_dicht"]
    # Handled and closed: z1 (quick fix) and z2 (geen contact); z4 was not picked up.
    assert v.cijfer == "1 van 2 zaken"
    assert v.tabel.rijen[0][1:] == [1, 50.0]


@pytest.mark.django_db
def test_help_accepted(evaluatie):
    v = evaluatie["hulp"]
    assert v.cijfer == "1 van 4 zaken (25%)"
    assert ["Betalingsregeling getroffen met hulp", 1, 25.0] in v.tabel.rijen
    assert "100%" in v.zin  # of the one household reached


@pytest.mark.django_db
def test_bailiff_trend_reported_by_partners(evaluatie):
    v = evaluatie["deurwaarder"]
    # Reports: s1 in March; s1, s3 (deurwaarder), s4 in May. B's report is not counted.
    assert v.cijfer == "1 naar de deurwaarder"
    mei = v.tabel.rijen[4]
    assert mei == ["mei 2025", 3, 1]
    assert "loopt terug" in v.zin


@pytest.mark.django_db
def test_debt_help_other_areas_and_cak_without_data(evaluatie):
    assert evaluatie["schuldhulp"].cijfer.startswith("0 naar schuldhulpverlening")
    assert "nog niet te zeggen" in evaluatie["schuldhulp"].zin
    assert evaluatie["andere_terreinen"].cijfer == "0 van 1 bereikte huishoudens"
    assert "bronheffing" in evaluatie["cak"].zin


def _client(rol, gemeente):
    user = UserFactory(rol=rol, uitvoeringsorganisatie=gemeente.uitvoeringsorganisatie)
    return verified_client(Client(), user)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rol", "status"),
    [
        (Rol.COORDINATOR, 200),
        (Rol.FUNCTIONEEL_BEHEERDER, 200),
        (Rol.VROEGSIGNALEERDER, 403),
        (Rol.AUDITOR, 403),
    ],
)
def test_page_per_role(dataset, rol, status):
    url = reverse("rapportages:jaarevaluatie", kwargs={"gemeente": dataset.a.uuid, "jaar": 2025})
    response = _client(rol, dataset.a).get(url)
    assert response.status_code == status
    if status == 200:
        inhoud = response.content.decode()
        assert "In hoeveel gevallen werd hulp geaccepteerd?" in inhoud
        assert "Beekstad" not in inhoud
        assert "<script>" not in inhoud and " style=" not in inhoud


@pytest.mark.django_db
def test_other_organisation_unknown_or_future_year_is_not_found(dataset):
    client = _client(Rol.COORDINATOR, dataset.a)
    for gemeente, jaar in ((dataset.b.uuid, 2025), (uuid.uuid4(), 2025), (dataset.a.uuid, 2999)):
        url = reverse("rapportages:jaarevaluatie", kwargs={"gemeente": gemeente, "jaar": jaar})
        assert client.get(url).status_code == 404
    export = reverse(
        "rapportages:jaarevaluatie_export",
        kwargs={"gemeente": dataset.b.uuid, "jaar": 2025, "tabel": "deur_dicht", "formaat": "csv"},
    )
    assert client.get(export).status_code == 404


@pytest.mark.django_db
def test_csv_export_of_a_question_table(dataset):
    client = _client(Rol.COORDINATOR, dataset.a)
    url = reverse(
        "rapportages:jaarevaluatie_export",
        kwargs={"gemeente": dataset.a.uuid, "jaar": 2025, "tabel": "deur_dicht", "formaat": "csv"},
    )
    response = client.get(url)
    assert response.status_code == 200
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0] == ["Resultaat", "Zaken", "Aandeel"]
    assert rijen[1] == ["Geen contact gekregen: de deur bleef dicht", "1", "50.0"]
    onbekend = reverse(
        "rapportages:jaarevaluatie_export",
        kwargs={
            "gemeente": dataset.a.uuid,
            "jaar": 2025,
            "tabel": "bestaat_niet",
            "formaat": "csv",
        },
    )
    assert client.get(onbekend).status_code == 404
