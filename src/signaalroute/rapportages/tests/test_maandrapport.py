"""The monthly management report: figures (hand-computed from `conftest.dataset`), the PDF,
who may download it, tenancy and the audit line."""

import datetime
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.audit.models import Auditregel
from signaalroute.conftest import verified_client

from ..maandrapport import maandrapport_html, maandrapport_maken, maandrapport_pdf
from .conftest import PEILDATUM

pytestmark = pytest.mark.django_db


@pytest.fixture
def maart(dataset):
    return maandrapport_maken(
        gemeenten=[dataset.a],
        naam="Gemeente Aadorp",
        jaar=2025,
        maand=3,
        peildatum=PEILDATUM,
        gegenereerd_op=datetime.datetime(2025, 4, 15, 9, 30, tzinfo=datetime.UTC),
    )


def test_key_figures_against_previous_month_and_last_year(maart):
    kern = {k.naam: k.teksten for k in maart.kerncijfers}
    # March: s5 (huur); February: s3, s4; March 2024: nothing.
    assert kern["Signalen"] == ("1", "2", "0")
    # Matched in March: z3, z4; in February: z2.
    assert kern["Nieuwe zaken"] == ("2", "1", "0")
    assert kern["Bereikt"] == ("0%", "0%", "–")
    # z3 (deadline 14 April, passed, no attempt) late; z2 first attempt after its deadline.
    assert kern["Eerste contact op tijd"] == ("0%", "0%", "–")
    # z4 closed on 16 March (deadline 12 April); z2 closed 2 April (deadline 28 March).
    assert kern["Op tijd afgesloten"] == ("100%", "0%", "–")


def test_forecast_against_actual_year_to_date(maart):
    v = maart.vergelijking
    # January to March: s1..s5 and z1..z4; 20,000 inhabitants, 3 months of 85/10,000/year.
    assert (v.signalen, v.zaken) == (5, 4)
    assert v.prognose.zaken == pytest.approx(42.5)
    # One earlier case (z0) is too little history for an own signals-per-case ratio.
    assert v.prognose.signalen is None
    assert maart.prognoseregels == [
        ("Signalen", "204 tot 576", "5"),
        ("Nieuwe zaken", "42,5", "4"),
        ("Uren (8 per zaak)", "340", "32"),
        ("Fte (1.296 uur per fte per jaar)", "1,0", "0,1"),
    ]
    rijen = maart.prognosetabel.rijen
    assert [r[1] for r in rijen] == [2, 2, 1]  # signals per month
    assert [r[3] for r in rijen] == [1, 1, 2]  # cases per month
    assert [r[6] for r in rijen] == [14.2, 28.3, 42.5]


def test_html_holds_the_sections_charts_and_figures(maart):
    html = maandrapport_html(maart)
    for tekst in (
        "Gemeente Aadorp – maart 2025",
        "01-03-2025 t/m 31-03-2025",
        "15-04-2025",
        "Kerncijfers",
        "Signalen per soort signaalpartner",
        "Zaken: enkelvoudig, meervoudig, opeenvolgend",
        "Bereik en hulpacceptatie",
        "Doorlooptijden en termijnen",
        "Prognose en werkelijkheid",
        "Er kwamen 4 nieuwe zaken. Verwacht waren er ongeveer 43: minder dan verwacht.",
        "204 tot 576",
        "42,5",
        "<svg",
    ):
        assert tekst in html, tekst
    assert "Beekstad" not in html


def test_pdf_is_a_pdf(maart):
    assert maandrapport_pdf(maart).startswith(b"%PDF")


def _client(rol, gemeente):
    user = UserFactory(rol=rol, uitvoeringsorganisatie=gemeente.uitvoeringsorganisatie)
    return verified_client(Client(), user), user


def _url(gemeente, jaar=2025, maand=3):
    return reverse(
        "rapportages:maandrapport",
        kwargs={"gemeente": gemeente.uuid, "jaar": jaar, "maand": maand},
    )


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        (Rol.COORDINATOR, 200),
        (Rol.FUNCTIONEEL_BEHEERDER, 200),
        (Rol.VROEGSIGNALEERDER, 403),
        (Rol.AUDITOR, 403),
    ],
)
def test_download_per_role(dataset, rol, status):
    client, _user = _client(rol, dataset.a)
    response = client.get(_url(dataset.a))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert f"{dataset.a.gm_code}-maandrapport-2025-03.pdf" in response["Content-Disposition"]


def test_anonymous_goes_to_login(dataset):
    response = Client().get(_url(dataset.a))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_another_organisations_municipality_or_a_bad_month_is_not_found(dataset):
    client, _user = _client(Rol.COORDINATOR, dataset.a)
    assert client.get(_url(dataset.b)).status_code == 404
    url = reverse(
        "rapportages:maandrapport", kwargs={"gemeente": uuid.uuid4(), "jaar": 2025, "maand": 3}
    )
    assert client.get(url).status_code == 404
    assert client.get(_url(dataset.a, maand=13)).status_code == 404
    assert client.get(_url(dataset.a, maand=0)).status_code == 404
    volgend_jaar = timezone.localdate().year + 1
    assert client.get(_url(dataset.a, jaar=volgend_jaar, maand=1)).status_code == 404


def test_the_download_is_audited_without_personal_data(dataset):
    client, user = _client(Rol.COORDINATOR, dataset.a)
    assert client.get(_url(dataset.a)).status_code == 200
    regel = Auditregel.objects.get(gebruiker=user, actie="exporteren")
    assert regel.gemeente == dataset.a
    assert regel.omschrijving == "Maandrapportage 2025-03 als PDF"


def test_municipality_dashboard_links_to_the_reports(dataset):
    client, _user = _client(Rol.COORDINATOR, dataset.a)
    url = reverse("rapportages:gemeente", kwargs={"gemeente": dataset.a.uuid})
    inhoud = client.get(url, {"van": "2025-01-01", "tot": "2025-03-31"}).content.decode()
    assert _url(dataset.a) in inhoud
    assert (
        reverse("rapportages:jaarevaluatie", kwargs={"gemeente": dataset.a.uuid, "jaar": 2025})
        in inhoud
    )
