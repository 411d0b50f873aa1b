"""The pages: who may do what, tenancy (another municipality's round is 404), and the flows
from choosing cases to reading in results."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.contrib.callcenter.models import Belronde, Belrondeimport
from signaalroute.vroegsignaalzaken.models import Contactpoging

from .conftest import zaak_maken
from .test_import import csv_bestand, inlezen

pytestmark = pytest.mark.django_db


@pytest.fixture
def imp(ronde, zaken, coordinator, gisteren):
    return inlezen(
        ronde,
        coordinator,
        csv_bestand([[zaken[0].referentie, gisteren.strftime("%d-%m-%Y"), "11:00", "x", "", ""]]),
    )


def urls(ronde, imp):
    return {
        "callcenter:overzicht": reverse("callcenter:overzicht"),
        "callcenter:nieuw": reverse("callcenter:nieuw"),
        "callcenter:detail": reverse("callcenter:detail", kwargs={"uuid": ronde.uuid}),
        "callcenter:bellijst": reverse("callcenter:bellijst", kwargs={"uuid": ronde.uuid}),
        "callcenter:importeren": reverse("callcenter:importeren", kwargs={"uuid": ronde.uuid}),
        "callcenter:import_detail": reverse("callcenter:import_detail", kwargs={"uuid": imp.uuid}),
        "callcenter:afwijzingen": reverse("callcenter:afwijzingen", kwargs={"uuid": imp.uuid}),
    }


# What each visitor gets on a GET. importeren is POST-only (405 for those allowed in).
TOEGANG = {
    "coordinator": {
        "callcenter:overzicht": 200,
        "callcenter:nieuw": 200,
        "callcenter:detail": 200,
        "callcenter:bellijst": 200,
        "callcenter:importeren": 405,
        "callcenter:import_detail": 200,
        "callcenter:afwijzingen": 200,
    },
    "vroegsignaleerder": {
        "callcenter:overzicht": 200,
        "callcenter:nieuw": 403,
        "callcenter:detail": 200,
        "callcenter:bellijst": 403,
        "callcenter:importeren": 403,
        "callcenter:import_detail": 200,
        "callcenter:afwijzingen": 403,
    },
    "vroegsignaleerder_b": {
        "callcenter:overzicht": 200,
        "callcenter:nieuw": 403,
        "callcenter:detail": 404,
        "callcenter:bellijst": 403,
        "callcenter:importeren": 403,
        "callcenter:import_detail": 404,
        "callcenter:afwijzingen": 403,
    },
}
for rol in (
    "externe_uitvoerder",
    "functioneel_beheerder",
    "partnergebruiker",
    "auditor",
    "platformbeheerder",
):
    TOEGANG[rol] = dict.fromkeys(TOEGANG["coordinator"], 403)


@pytest.mark.parametrize("rol", list(TOEGANG))
def test_access_per_role(rol, users, ronde, imp, login_as):
    client = login_as(users[rol])
    for naam, url in urls(ronde, imp).items():
        assert client.get(url).status_code == TOEGANG[rol][naam], (rol, naam)


def test_anonymous_visitors_go_to_the_login_page(client, ronde, imp):
    for url in urls(ronde, imp).values():
        antwoord = client.get(url)
        assert antwoord.status_code == 302 and "next=" in antwoord["Location"]


def test_a_coordinator_of_another_municipality_gets_404(tenant_b, ronde, imp, login_as):
    coordinator_b = UserFactory(
        rol=Rol.COORDINATOR, uitvoeringsorganisatie=tenant_b.uitvoeringsorganisatie
    )
    client = login_as(coordinator_b)
    for naam, url in urls(ronde, imp).items():
        if naam in ("callcenter:overzicht", "callcenter:nieuw"):
            continue
        methode = client.post if naam == "callcenter:importeren" else client.get
        assert methode(url).status_code == 404, naam
    assert ronde.code not in client.get(reverse("callcenter:overzicht")).content.decode()


def test_coordinator_makes_a_round_with_filters_and_downloads_it(
    tenant_a, zaken, coordinator, login_as
):
    client = login_as(coordinator)
    antwoord = client.get(
        reverse("callcenter:nieuw"), {"gemeente": tenant_a.pk, "alleen_bellen": ""}
    )
    assert antwoord.status_code == 200
    assert zaken[0].referentie in antwoord.content.decode()

    antwoord = client.post(
        reverse("callcenter:nieuw"),
        {"gemeente": tenant_a.pk, "alleen_bellen": "False", "formaat": "xlsx", "actie": "aanmaken"},
    )

    belronde = Belronde.objects.get()
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("callcenter:detail", kwargs={"uuid": belronde.uuid})
    assert belronde.formaat == "xlsx"
    assert set(belronde.zaken.all()) == set(zaken)
    download = client.get(reverse("callcenter:bellijst", kwargs={"uuid": belronde.uuid}))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert download.content.startswith(b"PK")


def test_coordinator_makes_a_round_of_cases_selected_on_the_work_list(
    tenant_a, tenant_b, zaken, coordinator, login_as
):
    client = login_as(coordinator)
    uuids = [str(zaken[1].uuid)]
    antwoord = client.post(reverse("callcenter:nieuw"), {"zaken": uuids})
    assert antwoord.status_code == 200
    assert zaken[1].referentie in antwoord.content.decode()
    assert not Belronde.objects.exists()

    client.post(
        reverse("callcenter:nieuw"), {"zaken": uuids, "formaat": "csv", "actie": "aanmaken"}
    )

    assert list(Belronde.objects.get().zaken.all()) == [zaken[1]]


def test_cases_of_another_municipality_cannot_be_selected(tenant_b, coordinator, login_as):
    ander = zaak_maken(tenant_b)
    client = login_as(coordinator)

    client.post(
        reverse("callcenter:nieuw"),
        {"zaken": [str(ander.uuid)], "formaat": "csv", "actie": "aanmaken"},
    )

    assert not Belronde.objects.exists()


def test_upload_processes_the_file_and_shows_the_result(
    ronde, zaken, coordinator, gisteren, login_as
):
    client = login_as(coordinator)
    inhoud = csv_bestand(
        [
            [zaken[0].referentie, gisteren.strftime("%d-%m-%Y"), "11:00", "ja", "", ""],
            [zaken[1].referentie, gisteren.strftime("%d-%m-%Y"), "11:00", "soms", "", ""],
        ]
    )

    antwoord = client.post(
        reverse("callcenter:importeren", kwargs={"uuid": ronde.uuid}),
        {"bestand": SimpleUploadedFile("resultaten.csv", inhoud, content_type="text/csv")},
    )

    belrondeimport = Belrondeimport.objects.get()
    assert antwoord["Location"] == reverse(
        "callcenter:import_detail", kwargs={"uuid": belrondeimport.uuid}
    )
    assert Contactpoging.objects.count() == 1
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "bereikt_ongeldig" in pagina and zaken[1].referentie in pagina
    rapport = client.get(reverse("callcenter:afwijzingen", kwargs={"uuid": belrondeimport.uuid}))
    assert rapport.status_code == 200 and b"bereikt_ongeldig" in rapport.content

    again = client.post(
        reverse("callcenter:importeren", kwargs={"uuid": ronde.uuid}),
        {"bestand": SimpleUploadedFile("opnieuw.csv", inhoud, content_type="text/csv")},
    )
    assert again.status_code == 400
    assert "al ingelezen" in again.content.decode()
    assert Belrondeimport.objects.count() == 1


def test_a_file_without_the_columns_is_refused_on_the_form(ronde, coordinator, login_as):
    client = login_as(coordinator)
    antwoord = client.post(
        reverse("callcenter:importeren", kwargs={"uuid": ronde.uuid}),
        {"bestand": SimpleUploadedFile("x.csv", b"naam;telefoon\nJansen;0612345678\n")},
    )
    assert antwoord.status_code == 400
    assert "kopregel" in antwoord.content.decode()
    assert not Belrondeimport.objects.exists()
