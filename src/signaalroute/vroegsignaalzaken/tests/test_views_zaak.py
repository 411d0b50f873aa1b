"""The case page and its actions through the client: what the page shows, each action's
Post/Redirect/Get, a stale version (409, input kept), invalid input (400, Dutch errors at the
fields), tenancy; and the deadline, notification and deadline settings pages."""

import copy
import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.models import Auditregel
from signaalroute.conftest import verified_client
from signaalroute.vroegsignaalzaken import rules
from signaalroute.vroegsignaalzaken.constants import Contactgegevensoort as G
from signaalroute.vroegsignaalzaken.constants import Contactsoort as C
from signaalroute.vroegsignaalzaken.constants import Dagdeel as D
from signaalroute.vroegsignaalzaken.constants import Eindresultaat as E
from signaalroute.vroegsignaalzaken.constants import Hulpstap as H
from signaalroute.vroegsignaalzaken.constants import Nazorguitkomst as N
from signaalroute.vroegsignaalzaken.constants import Signaalstatus as S
from signaalroute.vroegsignaalzaken.constants import Termijnsoort
from signaalroute.vroegsignaalzaken.constants import Zaakfase as F
from signaalroute.vroegsignaalzaken.models import (
    Contactgegeven,
    Contactpoging,
    Melding,
    Nazorg,
    Overdracht,
    Signaalstatuswijziging,
    Termijninstellingen,
)
from signaalroute.vroegsignaalzaken.services import (
    Pogingsgegevens,
    contactpoging_registreren,
    zaak_afsluiten,
    zaak_oppakken,
)

from .factories import VroegsignaalzaakFactory
from .test_dossier import dossier_klaarzetten

pytestmark = pytest.mark.django_db


@pytest.fixture
def werker(users):
    return users["vroegsignaleerder"]


@pytest.fixture
def zaak(users, tenant_a, werker):
    return dossier_klaarzetten(users, tenant_a, behandelaar=werker)


@pytest.fixture
def web(client, werker):
    return verified_client(client, werker)


def _url(naam, zaak):
    return reverse(f"vroegsignaalzaken:{naam}", kwargs={"uuid": zaak.uuid})


def _post(web, naam, zaak, data=None, *, versie=None, volgen=False):
    zaak.refresh_from_db()
    data = {"versie": zaak.versie if versie is None else versie, **(data or {})}
    return web.post(_url(f"zaak_{naam}", zaak), data, follow=volgen)


def _html(response) -> str:
    return response.content.decode()


def _bereikt(zaak, werker):
    zaak.refresh_from_db()
    contactpoging_registreren(
        zaak=zaak,
        door=werker,
        versie=zaak.versie,
        gegevens=Pogingsgegevens(soort=C.TELEFOON, datum=timezone.localdate(), bereikt=True),
    )
    zaak.refresh_from_db()


def _afgesloten(zaak, werker, resultaat=E.HOEFT_GEEN_HULP):
    _bereikt(zaak, werker)
    zaak_afsluiten(zaak=zaak, door=werker, versie=zaak.versie, eindresultaat=resultaat)
    zaak.refresh_from_db()


# --- the page ------------------------------------------------------------------------------


def test_case_page_shows_signals_checks_contact_details_and_deadlines(web, zaak, tenant_a):
    eerder = VroegsignaalzaakFactory(
        gemeente=tenant_a,
        postcode="1234AB",
        huisnummer=7,
        matchingsdatum=timezone.localdate() - dt.timedelta(days=200),
        fase=F.AFGESLOTEN,
        eindresultaat=E.ZELF_BETAALD,
    )
    html = _html(web.get(_url("detail", zaak)))
    assert "Energie Noord" in html and "Waterbedrijf Oost" in html
    assert "Eindelevering" in html
    assert "Eén bewoner met deze naam en geboortedatum." in html  # BRP check
    assert "Niet bekend bij schuldhulpverlening." in html  # latest status reason
    assert "06-12345678" in html and "j.jansen@Voorbeeld.nl" in html
    # The partner card: the municipality's own contact person first, then the general one.
    assert html.index("Regio Energie") < html.index("Algemeen Energie")
    assert "Achterstand tussen € 250 en € 500: bellen." in html
    assert "triageregels versie" in html
    assert eerder.referentie in html and _url("detail", eerder) in html
    assert "Inwoner heeft zelf al betaald" in html
    assert "Verlopen" in html  # first contact deadline passed
    assert "bellen: poging 1 van 2" in html  # next step
    assert "Zaak aangemaakt" in html  # timeline


def test_case_page_is_audited_without_personal_data(web, zaak):
    web.get(_url("detail", zaak))
    regel = Auditregel.objects.get(actie=Auditactie.BEKIJKEN, object_uuid=zaak.uuid)
    assert "Jansen" not in regel.omschrijving and zaak.postcode not in regel.omschrijving


def test_case_page_query_count_does_not_grow_with_the_case(
    web, zaak, werker, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        web.get(_url("detail", zaak))
    for _i in range(3):
        _bereikt(zaak, werker)
    with django_assert_max_num_queries(40):
        assert web.get(_url("detail", zaak)).status_code == 200


def test_only_the_actions_of_the_phase_are_offered(web, zaak, werker):
    html = _html(web.get(_url("detail", zaak)))
    assert _url("zaak_oppakken", zaak) in html
    assert _url("zaak_afsluiten", zaak) in html
    assert _url("zaak_heropenen", zaak) not in html
    assert f'name="versie" value="{zaak.versie}"' in html
    _afgesloten(zaak, werker)
    html = _html(web.get(_url("detail", zaak)))
    assert _url("zaak_oppakken", zaak) not in html
    assert _url("zaak_afsluiten", zaak) not in html
    assert _url("zaak_contactpoging", zaak) not in html
    assert _url("zaak_heropenen", zaak) in html
    assert _url("zaak_nazorg_plannen", zaak) in html


def test_case_of_other_municipality_is_not_found(client, users, zaak):
    web = verified_client(client, users["vroegsignaleerder_b"])
    assert web.get(_url("detail", zaak)).status_code == 404
    assert _post(web, "oppakken", zaak).status_code == 404
    zaak.refresh_from_db()
    assert zaak.fase == F.NIEUW


def test_external_executor_of_another_team_does_not_find_the_case(client, users, zaak):
    zaak.team = None
    zaak.save()
    web = verified_client(client, users["externe_uitvoerder"])
    assert web.get(_url("detail", zaak)).status_code == 404
    assert _post(web, "oppakken", zaak).status_code == 404


def test_partner_never_sees_the_case_or_the_internal_reason(client, users, zaak, werker):
    response = _post(
        verified_client(client, werker),
        "afsluiten",
        zaak,
        {"eindresultaat": E.NIET_OPGEPAKT_ANDERE_REDEN, "reden_intern": "Geheime reden X"},
    )
    assert response.status_code == 302
    zaak.refresh_from_db()
    assert zaak.reden_intern == "Geheime reden X"
    partner = verified_client(client, users["partnergebruiker"])
    assert partner.get(_url("detail", zaak)).status_code == 403
    # What feeds the partner's feedback (the signals' status history) does not hold it.
    assert not Signaalstatuswijziging.objects.filter(toelichting__contains="Geheime").exists()


# --- actions -------------------------------------------------------------------------------


def test_picking_up_redirects_to_the_case_with_a_message(web, zaak, werker):
    response = _post(web, "oppakken", zaak, volgen=True)
    assert response.redirect_chain == [(_url("detail", zaak), 302)]
    assert "U heeft de zaak opgepakt." in _html(response)
    zaak.refresh_from_db()
    assert zaak.fase == F.IN_BEHANDELING and zaak.behandelaar == werker


def test_registering_a_contact_attempt_with_follow_up(web, zaak):
    morgen = timezone.localdate() + dt.timedelta(days=1)
    response = _post(
        web,
        "contactpoging",
        zaak,
        {
            "soort": C.HUISBEZOEK,
            "datum": timezone.localdate().isoformat(),
            "dagdeel": D.MIDDAG,
            "bereikt": "nee",
            "notitie": "Niemand thuis.",
            "vervolg_op": morgen.isoformat(),
            "vervolg_dagdeel": D.AVOND,
            "vervolgafspraak": "Opnieuw langsgaan",
        },
    )
    assert response.status_code == 302
    poging = Contactpoging.objects.get(vroegsignaalzaak=zaak)
    assert (poging.soort, poging.bereikt, poging.notitie) == (C.HUISBEZOEK, False, "Niemand thuis.")
    zaak.refresh_from_db()
    assert zaak.fase == F.NIEUWE_POGING
    assert (zaak.vervolg_op, zaak.vervolgactie) == (morgen, "Opnieuw langsgaan")


def test_quick_entry_registers_in_one_click(web, zaak):
    response = _post(web, "snelkeuze", zaak, {"code": "voicemail"})
    assert response.status_code == 302
    poging = Contactpoging.objects.get(vroegsignaalzaak=zaak)
    vandaag = timezone.localdate()
    assert poging.soort == C.TELEFOON and not poging.bereikt
    assert poging.datum == vandaag
    assert poging.dagdeel == rules.dagdeel_van(timezone.localtime())
    assert poging.vervolg_op == rules.vervolgdatum(vandaag, 1)
    assert poging.vervolg_dagdeel == D.AVOND
    assert poging.notitie == "Niet opgenomen, voicemail ingesproken."


def test_stale_version_rerenders_with_409_and_keeps_the_input(web, zaak, werker):
    gezien = zaak.versie
    zaak_oppakken(zaak=zaak, door=werker, versie=zaak.versie)  # a colleague was first
    data = {
        "soort": C.TELEFOON,
        "datum": timezone.localdate().isoformat(),
        "bereikt": "ja",
        "notitie": "Lang gesprek over de energierekening.",
    }
    response = _post(web, "contactpoging", zaak, data, versie=gezien)
    assert response.status_code == 409
    html = _html(response)
    assert "Deze zaak is intussen gewijzigd" in html
    assert "Lang gesprek over de energierekening." in html
    zaak.refresh_from_db()
    assert f'name="versie" value="{zaak.versie}"' in html
    assert f'name="versie" value="{gezien}"' not in html
    assert not Contactpoging.objects.exists()
    # Resubmitting what the page now carries works.
    assert _post(web, "contactpoging", zaak, data, versie=zaak.versie).status_code == 302
    assert Contactpoging.objects.count() == 1


def test_invalid_contact_attempt_rerenders_with_400_and_dutch_error_at_the_field(web, zaak):
    morgen = timezone.localdate() + dt.timedelta(days=1)
    response = _post(
        web,
        "contactpoging",
        zaak,
        {"soort": C.TELEFOON, "datum": morgen.isoformat(), "bereikt": "nee", "notitie": "Test"},
    )
    assert response.status_code == 400
    html = _html(response)
    fout = "Een contactpoging kan niet in de toekomst liggen."
    assert fout in html
    # Next to the date field, in the open form with the input kept.
    assert re.search(r'for="poging-datum".*?' + re.escape(fout), html, re.S)
    assert "<details open>" in html and "Test</textarea>" in html


def test_missing_required_input_gives_dutch_form_errors(web, zaak):
    response = _post(web, "contactpoging", zaak, {"soort": C.TELEFOON})
    assert response.status_code == 400
    assert "Dit veld is vereist." in _html(response)


def test_help_accepted_needs_the_concrete_step(web, zaak, werker):
    _bereikt(zaak, werker)
    response = _post(web, "afsluiten", zaak, {"eindresultaat": "hulp_geaccepteerd"})
    assert response.status_code == 400
    assert "noem de concrete stap" in _html(response)
    response = _post(
        web,
        "afsluiten",
        zaak,
        {"eindresultaat": "hulp_geaccepteerd", "hulpstap": H.BETALINGSREGELING},
    )
    assert response.status_code == 302
    zaak.refresh_from_db()
    assert (zaak.eindresultaat, zaak.hulpstap) == (E.QUICK_FIX, H.BETALINGSREGELING)


def test_other_reason_needs_an_internal_reason_said_to_stay_internal(web, zaak):
    html = _html(web.get(_url("detail", zaak)))
    assert "de partner ziet deze reden nooit" in html
    response = _post(web, "afsluiten", zaak, {"eindresultaat": E.NIET_OPGEPAKT_ANDERE_REDEN})
    assert response.status_code == 400
    assert re.search(r'for="afsluiten-reden_intern".*?alleen intern', _html(response), re.S)


def test_referral_needs_a_warm_hand_over(web, zaak, werker):
    _bereikt(zaak, werker)
    data = {"eindresultaat": "hulp_geaccepteerd", "hulpstap": H.SCHULDHULP}
    response = _post(web, "afsluiten", zaak, data)
    assert response.status_code == 400
    assert "Leg de warme overdracht vast" in _html(response)
    overdracht = {
        "organisatie": "Schuldhulp Aadorp",
        "contactpersoon": "M. de Vries",
        "overdracht_datum": timezone.localdate().isoformat(),
        "afspraken": "Intake volgende week.",
    }
    assert _post(web, "afsluiten", zaak, {**data, **overdracht}).status_code == 302
    zaak.refresh_from_db()
    assert zaak.fase == F.AFGESLOTEN and zaak.eindresultaat == E.VERVOLGHULP_FINANCIEEL
    assert Overdracht.objects.get(vroegsignaalzaak=zaak).organisatie == "Schuldhulp Aadorp"
    assert set(zaak.vroegsignalen.values_list("status", flat=True)) == {S.OPGEPAKT}


def test_referral_without_the_resident_needs_a_hand_over_too(web, zaak):
    response = _post(web, "afsluiten", zaak, {"eindresultaat": E.VERWIJZING_ZONDER_INWONER})
    assert response.status_code == 400
    assert "Leg de warme overdracht vast" in _html(response)


def test_closing_with_after_care(web, zaak, werker):
    _bereikt(zaak, werker)
    html = _html(web.get(_url("detail", zaak)))
    voorstel = timezone.localdate() + dt.timedelta(weeks=6)
    assert "Voorstel:" in html
    nazorg_op = voorstel.isoformat()
    response = _post(
        web, "afsluiten", zaak, {"eindresultaat": E.HOEFT_GEEN_HULP, "nazorg_op": nazorg_op}
    )
    assert response.status_code == 302
    assert Nazorg.objects.get(vroegsignaalzaak=zaak).gepland_op == voorstel


def test_after_care_in_the_past_is_refused_at_the_field(web, zaak, werker):
    _bereikt(zaak, werker)
    response = _post(
        web,
        "afsluiten",
        zaak,
        {"eindresultaat": E.HOEFT_GEEN_HULP, "nazorg_op": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert re.search(
        r'for="afsluiten-nazorg_op".*?Plan de nazorg na vandaag', _html(response), re.S
    )


def test_reopening_needs_a_reason(web, zaak, werker):
    _afgesloten(zaak, werker)
    response = _post(web, "heropenen", zaak, {"reden": ""})
    assert response.status_code == 400
    assert "Geef de reden waarom de zaak heropend wordt." in _html(response)
    assert _post(web, "heropenen", zaak, {"reden": "Inwoner belde terug."}).status_code == 302
    zaak.refresh_from_db()
    assert zaak.fase == F.IN_BEHANDELING and zaak.eindresultaat == ""


def test_closing_an_already_closed_case_is_a_conflict(web, zaak, werker):
    _afgesloten(zaak, werker)
    response = _post(web, "afsluiten", zaak, {"eindresultaat": E.GEEN_CONTACT})
    assert response.status_code == 409
    assert "heropen de zaak eerst" in _html(response)


def test_standalone_warm_hand_over(web, zaak):
    response = _post(
        web,
        "overdracht",
        zaak,
        {"organisatie": "Wijkteam Noord", "afspraken": "Samen op huisbezoek."},
    )
    assert response.status_code == 302
    overdracht = Overdracht.objects.get(vroegsignaalzaak=zaak)
    assert overdracht.datum == timezone.localdate()
    assert _post(web, "overdracht", zaak, {"organisatie": "Wijkteam"}).status_code == 400


def test_planning_and_finishing_after_care(web, zaak, werker):
    _afgesloten(zaak, werker, E.ZELF_BETAALD)
    op = timezone.localdate() + dt.timedelta(days=30)
    response = _post(web, "nazorg_plannen", zaak, {"op": op.isoformat(), "reden": "Terugval?"})
    assert response.status_code == 302
    nazorg = Nazorg.objects.get(vroegsignaalzaak=zaak)
    # When due the daily run puts the case in after-care.
    nazorg.gepland_op = timezone.localdate()
    nazorg.save()
    from signaalroute.vroegsignaalzaken.services import nazorg_starten

    nazorg_starten()
    zaak.refresh_from_db()
    assert zaak.fase == F.NAZORG
    html = _html(web.get(_url("detail", zaak)))
    assert _url("zaak_nazorg_afronden", zaak) in html
    response = _post(web, "nazorg_afronden", zaak, {"uitkomst": N.ALSNOG_HULP})
    assert response.status_code == 400
    assert "Noem de concrete stap" in _html(response)
    response = _post(
        web,
        "nazorg_afronden",
        zaak,
        {"uitkomst": N.ALSNOG_HULP, "hulpstap": H.BUDGETPLAN, "notitie": "Budgetplan gemaakt."},
    )
    assert response.status_code == 302
    zaak.refresh_from_db()
    assert zaak.fase == F.AFGESLOTEN and zaak.hulpstap == H.BUDGETPLAN


def test_handler_and_coordinator_choose_co_workers_others_may_not(
    client, users, zaak, werker, tenant_a
):
    collega = UserFactory(
        rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie
    )
    web = verified_client(client, werker)
    assert f'value="{collega.pk}"' in _html(web.get(_url("detail", zaak)))
    assert _post(web, "medebehandelaars", zaak, {"gebruikers": [collega.pk]}).status_code == 302
    assert list(zaak.medebehandelaars.all()) == [collega]
    web = verified_client(client, collega)
    assert _url("zaak_medebehandelaars", zaak) not in _html(web.get(_url("detail", zaak)))
    assert _post(web, "medebehandelaars", zaak, {"gebruikers": []}).status_code == 403
    web = verified_client(client, users["coordinator"])
    assert _post(web, "medebehandelaars", zaak, {"gebruikers": []}).status_code == 302
    assert not zaak.medebehandelaars.exists()


def test_adding_a_contact_detail_with_its_source(web, zaak):
    response = _post(
        web,
        "contactgegeven",
        zaak,
        {"soort": G.TELEFOON, "waarde": "020-5551234", "bron": "inwoner"},
    )
    assert response.status_code == 302
    assert Contactgegeven.objects.get(vroegsignaalzaak=zaak).waarde == "+31205551234"
    response = _post(
        web, "contactgegeven", zaak, {"soort": G.TELEFOON, "waarde": "12", "bron": "inwoner"}
    )
    assert response.status_code == 400
    html = _html(response)
    assert re.search(r'for="contactgegeven-waarde".*?Dit is geen geldig telefoonnummer', html, re.S)


def test_reporting_a_partner_phone_number_wrong(web, zaak):
    signaal = zaak.vroegsignalen.order_by("signaaldatum").first()
    response = _post(
        web,
        "contactgegeven_onjuist",
        zaak,
        {"signaal": signaal.uuid, "soort": G.TELEFOON, "reden": "bestaat_niet"},
    )
    assert response.status_code == 302
    gegeven = Contactgegeven.objects.get(vroegsignaalzaak=zaak)
    assert (gegeven.vroegsignaal, gegeven.waarde, gegeven.geldig) == (
        signaal,
        "+31612345678",
        False,
    )
    html = _html(web.get(_url("detail", zaak)))
    assert "Bestaat niet / onbereikbaar" in html


def test_reporting_wrong_a_detail_of_another_case_is_refused(web, zaak, tenant_a, users):
    ander = dossier_klaarzetten(users, tenant_a)
    signaal = ander.vroegsignalen.first()
    response = _post(
        web,
        "contactgegeven_onjuist",
        zaak,
        {"signaal": signaal.uuid, "soort": G.TELEFOON, "reden": "bestaat_niet"},
    )
    assert response.status_code == 400
    assert not Contactgegeven.objects.exists()


# --- deadlines, notifications, deadline settings ----------------------------------------------


def test_deadline_page_lists_overdue_cases_with_links(web, zaak):
    html = _html(web.get(reverse("vroegsignaalzaken:termijnen")))
    assert zaak.referentie in html and _url("detail", zaak) in html
    assert "Verlopen" in html


def test_notifications_page_marks_all_read_and_menu_counts_unread(web, werker, zaak, settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["context_processors"].append(
        "signaalroute.vroegsignaalzaken.context_processors.meldingen"
    )
    settings.TEMPLATES = templates
    Melding.objects.create(
        gebruiker=werker,
        vroegsignaalzaak=zaak,
        soort=Termijnsoort.EERSTE_CONTACT,
        stand="verlopen",
        termijn=timezone.localdate(),
        tekst=f"{zaak.referentie}: Termijn eerste contact verlopen",
    )
    html = _html(web.get(reverse("vroegsignaalzaken:meldingen")))
    assert "Termijn eerste contact verlopen" in html
    assert "1 ongelezen" in html
    response = web.post(reverse("vroegsignaalzaken:meldingen_gelezen"), follow=True)
    assert "1 melding(en) gemarkeerd als gelezen." in _html(response)
    assert "ongelezen" not in _html(response)
    assert not Melding.objects.filter(gelezen_op__isnull=True).exists()


def test_functional_administrator_saves_deadlines_and_open_cases_follow(
    client, users, tenant_a, zaak
):
    web = verified_client(client, users["functioneel_beheerder"])
    url = reverse("vroegsignaalzaken:termijninstellingen")
    assert tenant_a.naam in _html(web.get(url))
    p = tenant_a.uuid.hex
    data = {
        "gemeente": p,
        f"{p}-crisis_werkdagen": 2,
        f"{p}-eerste_contact_dagen": 10,
        f"{p}-afsluiten_dagen": 21,
        f"{p}-afsluiten_werkdagen": "on",
        f"{p}-waarschuwen_werkdagen": 1,
        f"{p}-nazorg_weken": 8,
    }
    assert web.post(url, data).status_code == 302
    instellingen = Termijninstellingen.objects.get(gemeente=tenant_a)
    assert (instellingen.eerste_contact_dagen, instellingen.afsluiten_werkdagen) == (10, True)
    zaak.refresh_from_db()
    assert zaak.termijn_afsluiten == instellingen.regels().afsluiten_uiterlijk(zaak.matchingsdatum)
    response = web.post(url, {**data, f"{p}-nazorg_weken": "veel"})
    assert response.status_code == 400
    assert "Voer een geheel getal in." in _html(response)


def test_coordinator_reads_deadline_settings_but_cannot_save(client, users, tenant_a):
    web = verified_client(client, users["coordinator"])
    url = reverse("vroegsignaalzaken:termijninstellingen")
    html = _html(web.get(url))
    assert tenant_a.naam in html and "<form" not in html.split("<main")[1].split("</main>")[0]
    assert web.post(url, {"gemeente": tenant_a.uuid.hex}).status_code == 403


def test_deadline_settings_of_another_municipality_cannot_be_saved(client, users, tenant_b):
    web = verified_client(client, users["functioneel_beheerder"])
    url = reverse("vroegsignaalzaken:termijninstellingen")
    assert web.post(url, {"gemeente": tenant_b.uuid.hex}).status_code == 404
    assert not Termijninstellingen.objects.exists()
