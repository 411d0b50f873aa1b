"""A municipality imports the CAK list or an insurer's bronheffing list itself."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from signaalroute.aanleveringen.constants import Aanleverstatus
from signaalroute.aanleveringen.models import Aanlevering, Aanleverregel, Vroegsignaal
from signaalroute.aanleveringen.services import aanlevering_verwerken, lijst_importeren
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.signaalpartners.tests.factories import SignaalpartnerFactory

from .intake import datum, regio

pytestmark = pytest.mark.django_db

CAK_KOP = "BSN;Achternaam;Voorletters;Geboortedatum;Postcode;Huisnummer;Datum aanmelding"


def cak_lijst(*regels: str) -> bytes:
    return "\n".join([CAK_KOP, *regels]).encode()


JANSEN = f"111222333;Jansen;J.;12-04-1985;7401AB;12;{datum(40)}"
ALI = f"123456782;Ali;A.;01-02-1990;9999ZZ;3;{datum(35)}"  # postcode outside the table
BOS = f";Bos;B.;03-03-1970;7402AB;7;{datum(20)}"


def importeer(gemeente, inhoud, **kwargs):
    coordinator = UserFactory(
        rol=Rol.COORDINATOR, uitvoeringsorganisatie=gemeente.uitvoeringsorganisatie
    )
    aanlevering = lijst_importeren(
        gemeente=gemeente, inhoud=inhoud, bestandsnaam="cak.csv", door=coordinator, **kwargs
    )
    aanlevering_verwerken(aanlevering_id=aanlevering.pk)
    aanlevering.refresh_from_db()
    return aanlevering


def test_cak_list_without_amounts_becomes_cak_signals_for_the_municipality():
    lindeveld, _, _ = regio()
    aanlevering = importeer(lindeveld, cak_lijst(JANSEN, ALI))
    assert aanlevering.status == Aanleverstatus.VERWERKT
    signalen = Vroegsignaal.objects.filter(aanlevering=aanlevering)
    assert signalen.count() == 2  # also the address the postcode table does not know
    assert {s.gemeente for s in signalen} == {lindeveld}
    assert {s.soort for s in signalen} == {Signaalpartnersoort.CAK_ZORGVERZEKERINGEN}
    assert {s.bedrag for s in signalen} == {0}
    assert aanlevering.signaalpartner.code == "cak"


def test_only_new_registrations_skips_persons_on_an_earlier_list():
    lindeveld, _, _ = regio()
    importeer(lindeveld, cak_lijst(JANSEN, BOS))
    tweede = importeer(lindeveld, cak_lijst(JANSEN, BOS, ALI), alleen_nieuw=True)
    assert tweede.aantal_afgewezen == 2
    codes = {
        m["code"] for r in Aanleverregel.objects.filter(aanlevering=tweede) for m in r.meldingen
    }
    assert codes == {"al_eerder_op_lijst"}
    assert Vroegsignaal.objects.filter(aanlevering=tweede).get().achternaam == "Ali"


def test_bronheffing_list_of_an_insurer_is_imported_as_cak_signals():
    lindeveld, _, _ = regio()
    verzekeraar = SignaalpartnerFactory(soort=Signaalpartnersoort.ZORG)
    kop = "Achternaam;Postcode;Huisnummer;Geboortedatum;Startdatum bronheffing;Achterstand"
    inhoud = f"{kop}\nJansen;7401AB;12;12-04-1985;{datum(50)};1.250,00\n".encode()
    aanlevering = importeer(lindeveld, inhoud, zorgverzekeraar=verzekeraar)
    signaal = Vroegsignaal.objects.get(aanlevering=aanlevering)
    assert signaal.signaalpartner == verzekeraar
    assert signaal.soort == Signaalpartnersoort.CAK_ZORGVERZEKERINGEN
    assert signaal.bedrag == 125000


def test_partner_does_not_see_lists_a_municipality_imported_from_it(client, login_as):
    lindeveld, _, _ = regio()
    verzekeraar = SignaalpartnerFactory(soort=Signaalpartnersoort.ZORG)
    aanlevering = importeer(lindeveld, cak_lijst(JANSEN), zorgverzekeraar=verzekeraar)
    login_as(UserFactory(rol=Rol.PARTNERGEBRUIKER, signaalpartner=verzekeraar))
    url = reverse("aanleveringen:detail", args=[aanlevering.uuid])
    assert client.get(url).status_code == 404


def test_coordinator_imports_a_list_in_the_browser_flow(
    client, login_as, django_capture_on_commit_callbacks
):
    lindeveld, _, _ = regio()
    coordinator = UserFactory(
        rol=Rol.COORDINATOR, uitvoeringsorganisatie=lindeveld.uitvoeringsorganisatie
    )
    login_as(coordinator)
    pagina = client.get(reverse("aanleveringen:lijst_import")).content.decode()
    assert "CAK-lijst (wanbetalersregeling)" in pagina
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("aanleveringen:lijst_import"),
            {
                "gemeente": lindeveld.pk,
                "bron": "cak",
                "alleen_nieuw": "on",
                "bestand": SimpleUploadedFile("cak.csv", cak_lijst(JANSEN, ALI)),
            },
        )
    aanlevering = Aanlevering.objects.get()
    assert response.url == reverse("aanleveringen:detail", args=[aanlevering.uuid])
    pagina = client.get(response.url).content.decode()
    assert 'data-testid="aantal-geaccepteerd">2<' in pagina


def test_coordinator_cannot_import_for_a_municipality_of_another_organisation(
    client, login_as, tenant_b
):
    lindeveld, _, _ = regio()
    login_as(
        UserFactory(rol=Rol.COORDINATOR, uitvoeringsorganisatie=lindeveld.uitvoeringsorganisatie)
    )
    response = client.post(
        reverse("aanleveringen:lijst_import"),
        {
            "gemeente": tenant_b.pk,
            "bron": "cak",
            "bestand": SimpleUploadedFile("cak.csv", cak_lijst(JANSEN)),
        },
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Aanlevering.objects.exists()
