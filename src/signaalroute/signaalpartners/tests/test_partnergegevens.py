"""Partner directory: a partner maintains its published criteria, how municipalities reach it,
its payment-arrangement options and its contact persons (general or per municipality); the
read-only card shows it all on a case."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from signaalroute.audit.models import Auditregel
from signaalroute.signaalpartners.models import Contactpersoon
from signaalroute.signaalpartners.tests.factories import ContactpersoonFactory
from signaalroute.terugkoppeling.tests.test_api import _urls  # noqa: F401  (URLs until integration)

pytestmark = pytest.mark.django_db

GELDIG = {
    "criteria": "Wij signaleren na twee onbetaalde premies.",
    "minimum_bedrag_euro": "80,00",
    "minimale_achterstand_dagen": "35",
    "aantal_herinneringen": "2",
    "telefoonnummer_gemeenten": "0301234567",
    "email_gemeenten": "gemeenten@verzekeraar.example",
    "bereikbaarheid": "Werkdagen 9-17 uur",
    "regeling_max_maanden": "24",
    "regeling_behandelaar": "Team Betalingsregelingen",
    "regeling_telefoonnummer": "0307654321",
    "regeling_email": "regelingen@verzekeraar.example",
    "regeling_toelichting": "Minimaal termijnbedrag € 25.",
}


@pytest.fixture
def partner(users):
    return users["partnergebruiker"].signaalpartner


@pytest.fixture
def als_partner(users, login_as):
    return login_as(users["partnergebruiker"])


PAGINAS = [
    "partnergegevens:overzicht",
    "partnergegevens:bewerken",
    "partnergegevens:contactpersoon_nieuw",
]


@pytest.mark.parametrize("naam", PAGINAS)
def test_only_partner_users_open_the_directory_pages(client, users, login_as, naam):
    url = reverse(naam)
    assert client.get(url).status_code == 302
    for rol in ("coordinator", "vroegsignaleerder", "functioneel_beheerder", "platformbeheerder"):
        assert login_as(users[rol]).get(url).status_code == 403, rol
    assert login_as(users["partnergebruiker"]).get(url).status_code == 200


def test_partner_publishes_criteria_reachability_and_arrangements(als_partner, partner):
    response = als_partner.post(reverse("partnergegevens:bewerken"), GELDIG)
    assert response.status_code == 302, response.context["form"].errors
    partner.refresh_from_db()
    assert partner.minimum_bedrag == 8000
    assert partner.minimale_achterstand_dagen == 35
    assert partner.aantal_herinneringen == 2
    assert partner.regeling_max_maanden == 24
    assert partner.regeling_behandelaar == "Team Betalingsregelingen"
    assert partner.gegevens_bijgewerkt_op is not None
    assert Auditregel.objects.filter(object_uuid=partner.uuid, actie="wijzigen").exists()
    # The type's defaults apply again when the partner empties its own values.
    leeg = {**GELDIG, "minimum_bedrag_euro": "", "minimale_achterstand_dagen": ""}
    als_partner.post(reverse("partnergegevens:bewerken"), leeg)
    partner.refresh_from_db()
    assert partner.minimum_bedrag is None and partner.minimale_achterstand_dagen is None


def test_own_criteria_may_be_stricter_than_the_type_never_looser(als_partner, partner):
    # The partner fixture is a health insurer: € 75 and 30 days by default.
    losser = {**GELDIG, "minimum_bedrag_euro": "10", "minimale_achterstand_dagen": "5"}
    response = als_partner.post(reverse("partnergegevens:bewerken"), losser)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {
        "minimum_bedrag_euro",
        "minimale_achterstand_dagen",
    }
    partner.refresh_from_db()
    assert partner.minimum_bedrag is None


def test_the_form_cannot_change_what_the_partner_may_not(als_partner, partner):
    als_partner.post(
        reverse("partnergegevens:bewerken"),
        {**GELDIG, "naam": "Andere naam", "actief": "", "aanleverdag": "1", "soort": "huur"},
    )
    partner.refresh_from_db()
    assert partner.naam != "Andere naam"
    assert partner.actief and partner.soort == "zorg"


def test_contact_persons_general_or_per_municipality_and_only_own(
    als_partner, partner, users, tenant_a, login_as
):
    nieuw = reverse("partnergegevens:contactpersoon_nieuw")
    response = als_partner.post(nieuw, {"naam": "Algemeen Loket", "email": "loket@example.org"})
    assert response.status_code == 302
    als_partner.post(
        nieuw,
        {"naam": "Piet Aadorp", "telefoonnummer": "0201234567", "gemeente": tenant_a.pk},
    )
    assert {(c.naam, c.gemeente) for c in partner.contactpersonen.all()} == {
        ("Algemeen Loket", None),
        ("Piet Aadorp", tenant_a),
    }
    # Without phone and e-mail a contact person is of no use.
    assert als_partner.post(nieuw, {"naam": "Niemand"}).status_code == 200

    piet = partner.contactpersonen.get(naam="Piet Aadorp")
    url = reverse("partnergegevens:contactpersoon", kwargs={"uuid": piet.uuid})
    als_partner.post(url, {"naam": "Piet Aadorp", "telefoonnummer": "0209999999", "gemeente": ""})
    piet.refresh_from_db()
    assert piet.telefoonnummer == "0209999999" and piet.gemeente is None

    # Another partner's user can neither see, change nor delete it.
    ander = ContactpersoonFactory(
        naam="Van Partner B", signaalpartner=users["partnergebruiker_b"].signaalpartner
    )
    for naam in ("partnergegevens:contactpersoon", "partnergegevens:contactpersoon_verwijderen"):
        pad = reverse(naam, kwargs={"uuid": ander.uuid})
        assert (
            als_partner.post(pad, {"naam": "Gekaapt", "email": "x@example.org"}).status_code == 404
        )
    ander.refresh_from_db()
    assert ander.naam == "Van Partner B"
    assert (
        "Van Partner B"
        not in als_partner.get(reverse("partnergegevens:overzicht")).content.decode()
    )

    verwijderen = reverse("partnergegevens:contactpersoon_verwijderen", kwargs={"uuid": piet.uuid})
    assert als_partner.get(verwijderen).status_code == 405
    assert als_partner.post(verwijderen).status_code == 302
    assert not Contactpersoon.objects.filter(pk=piet.pk).exists()


def test_partner_card_shows_everything_with_the_municipalitys_own_contact_first(
    partner, tenant_a, tenant_b
):
    for veld, waarde in {
        "criteria": "Na twee premies",
        "aantal_herinneringen": 3,
        "telefoonnummer_gemeenten": "0301234567",
        "email_gemeenten": "gemeenten@example.org",
        "bereikbaarheid": "Werkdagen 9-17 uur",
        "regeling_max_maanden": 18,
        "regeling_behandelaar": "Team Regelingen",
        "regeling_toelichting": "Minimaal € 25 per maand",
        "minimum_bedrag": 9000,
    }.items():
        setattr(partner, veld, waarde)
    partner.save()
    ContactpersoonFactory(signaalpartner=partner, naam="Algemene Contactpersoon", gemeente=None)
    ContactpersoonFactory(signaalpartner=partner, naam="Voor Aadorp", gemeente=tenant_a)
    ContactpersoonFactory(signaalpartner=partner, naam="Voor Beekstad", gemeente=tenant_b)
    html = render_to_string(
        "signaalpartners/_partnerkaart.html", {"signaalpartner": partner, "gemeente": tenant_a}
    )
    for tekst in (
        partner.naam,
        "€ 90,00",
        "Na twee premies",
        "0301234567",
        "gemeenten@example.org",
        "Werkdagen 9-17 uur",
        "18 maanden",
        "Team Regelingen",
        "Minimaal € 25 per maand",
        "Algemene Contactpersoon",
        "Voor Aadorp",
    ):
        assert tekst in html, tekst
    assert "Voor Beekstad" not in html
    assert html.index("Voor Aadorp") < html.index("Algemene Contactpersoon")


def test_partner_card_without_published_data_uses_the_type_defaults(partner, tenant_a):
    html = render_to_string(
        "signaalpartners/_partnerkaart.html", {"signaalpartner": partner, "gemeente": tenant_a}
    )
    assert "€ 75,00" in html  # health insurer default
    assert "30 tot 100 dagen" in html
    assert "Geen contactpersonen opgegeven." in html
