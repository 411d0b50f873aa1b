"""Case deadlines in the database: set at triage from the municipality's settings, recomputed
when the settings change, and watched daily with notifications."""

import datetime as dt

import pytest
from freezegun import freeze_time

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.gemeenten.tests.factories import GemeenteFactory
from signaalroute.triage.models import Triage
from signaalroute.triage.services import zaken_trieren
from signaalroute.vroegsignaalzaken.constants import Termijnsoort as T
from signaalroute.vroegsignaalzaken.constants import Zaakfase as F
from signaalroute.vroegsignaalzaken.models import Melding, Nazorg, Termijninstellingen
from signaalroute.vroegsignaalzaken.services import termijnen_bewaken, termijninstellingen_opslaan
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2026, 11, 5)  # Thursday: "due soon" runs up to Monday 9 November
VER_WEG = dt.date(2026, 12, 31)


@pytest.fixture(autouse=True)
def bevroren():
    with freeze_time("2026-11-05 06:00:00"):
        yield


@pytest.fixture
def behandelaar(users):
    return users["vroegsignaleerder"]


@pytest.fixture
def collega(users):
    return users["externe_uitvoerder"]


@pytest.fixture
def coordinator(users):
    return users["coordinator"]


def zaak(gemeente, **velden):
    waarden = {
        "matchingsdatum": dt.date(2026, 10, 26),
        "startdatum_matchingperiode": dt.date(2026, 10, 1),
        "einddatum_matchingperiode": dt.date(2026, 10, 31),
        "termijn_eerste_contact": VER_WEG,
        "termijn_afsluiten": VER_WEG,
        **velden,
    }
    medebehandelaars = waarden.pop("medebehandelaars", [])
    nieuw = VroegsignaalzaakFactory(gemeente=gemeente, **waarden)
    nieuw.medebehandelaars.set(medebehandelaars)
    return nieuw


def meldingen(zaak=None, **filters):
    qs = Melding.objects.filter(**filters)
    if zaak is not None:
        qs = qs.filter(vroegsignaalzaak=zaak)
    return set(qs.values_list("gebruiker__username", "soort", "stand"))


# --- watching deadlines --------------------------------------------------------------------


def test_a_deadline_due_soon_notifies_the_handler_and_co_workers(
    tenant_a, behandelaar, collega, coordinator
):
    z = zaak(
        tenant_a,
        behandelaar=behandelaar,
        medebehandelaars=[collega],
        termijn_eerste_contact=dt.date(2026, 11, 9),
    )
    assert termijnen_bewaken(vandaag=VANDAAG) == 2
    assert meldingen(z) == {
        (behandelaar.username, T.EERSTE_CONTACT, "binnenkort"),
        (collega.username, T.EERSTE_CONTACT, "binnenkort"),
    }
    melding = Melding.objects.get(gebruiker=behandelaar)
    assert melding.termijn == dt.date(2026, 11, 9)
    assert melding.tekst == f"{z.referentie}: Eerste contact uiterlijk 9 november 2026"
    assert melding.gelezen_op is None


def test_a_deadline_further_away_gives_no_notification(tenant_a, behandelaar):
    zaak(tenant_a, behandelaar=behandelaar, termijn_eerste_contact=dt.date(2026, 11, 10))
    assert termijnen_bewaken(vandaag=VANDAAG) == 0
    assert not Melding.objects.exists()


def test_a_passed_deadline_also_notifies_the_coordinators_of_the_municipality(
    tenant_a, tenant_b, behandelaar, collega, coordinator
):
    org = tenant_a.uitvoeringsorganisatie
    buurgemeente = GemeenteFactory(uitvoeringsorganisatie=org)
    alleen_buur = UserFactory(rol=Rol.COORDINATOR, uitvoeringsorganisatie=org)
    alleen_buur.gemeenten.add(buurgemeente)
    ook_hier = UserFactory(rol=Rol.COORDINATOR, uitvoeringsorganisatie=org)
    ook_hier.gemeenten.add(tenant_a, buurgemeente)
    UserFactory(rol=Rol.COORDINATOR, uitvoeringsorganisatie=org, is_active=False)
    UserFactory(rol=Rol.COORDINATOR, uitvoeringsorganisatie=tenant_b.uitvoeringsorganisatie)
    z = zaak(
        tenant_a,
        fase=F.IN_BEHANDELING,
        behandelaar=behandelaar,
        medebehandelaars=[collega],
        eerste_contactpoging_op=dt.date(2026, 10, 28),
        termijn_eerste_contact=dt.date(2026, 11, 2),
        termijn_afsluiten=dt.date(2026, 11, 4),
    )
    assert termijnen_bewaken(vandaag=VANDAAG) == 4
    assert meldingen(z) == {
        (behandelaar.username, T.AFSLUITEN, "verlopen"),
        (collega.username, T.AFSLUITEN, "verlopen"),
        (coordinator.username, T.AFSLUITEN, "verlopen"),
        (ook_hier.username, T.AFSLUITEN, "verlopen"),
    }
    tekst = Melding.objects.filter(vroegsignaalzaak=z).values_list("tekst", flat=True).first()
    assert tekst == f"{z.referentie}: Termijn afsluiten verlopen op 4 november 2026"


def test_the_first_contact_deadline_is_watched_only_until_the_first_attempt(
    tenant_a, behandelaar, coordinator
):
    verlopen = dt.date(2026, 11, 2)
    open_ = zaak(tenant_a, behandelaar=behandelaar, termijn_eerste_contact=verlopen)
    benaderd = zaak(
        tenant_a,
        behandelaar=behandelaar,
        termijn_eerste_contact=verlopen,
        eerste_contactpoging_op=dt.date(2026, 11, 1),
    )
    termijnen_bewaken(vandaag=VANDAAG)
    assert meldingen(open_) == {
        (behandelaar.username, T.EERSTE_CONTACT, "verlopen"),
        (coordinator.username, T.EERSTE_CONTACT, "verlopen"),
    }
    assert meldingen(benaderd) == set()


def test_a_case_without_a_handler_warns_the_coordinators_early(tenant_a, coordinator):
    z = zaak(tenant_a, termijn_afsluiten=dt.date(2026, 11, 6))
    assert termijnen_bewaken(vandaag=VANDAAG) == 1
    assert meldingen(z) == {(coordinator.username, T.AFSLUITEN, "binnenkort")}


def test_a_planned_follow_up_that_is_due_notifies_the_handler_and_co_workers(
    tenant_a, behandelaar, collega, coordinator
):
    z = zaak(
        tenant_a,
        fase=F.NIEUWE_POGING,
        behandelaar=behandelaar,
        medebehandelaars=[collega],
        vervolg_op=dt.date(2026, 11, 4),
    )
    later = zaak(tenant_a, behandelaar=behandelaar, vervolg_op=dt.date(2026, 11, 6))
    assert termijnen_bewaken(vandaag=VANDAAG) == 2
    assert meldingen(z) == {
        (behandelaar.username, T.VERVOLG, "vandaag"),
        (collega.username, T.VERVOLG, "vandaag"),
    }
    assert meldingen(later) == set()
    assert Melding.objects.get(gebruiker=collega).tekst == (
        f"{z.referentie}: Geplande vervolgactie: 4 november 2026"
    )


def test_inactive_co_workers_get_no_notifications(tenant_a, behandelaar, collega):
    collega.is_active = False
    collega.save()
    z = zaak(tenant_a, behandelaar=behandelaar, medebehandelaars=[collega], vervolg_op=VANDAAG)
    termijnen_bewaken(vandaag=VANDAAG)
    assert meldingen(z) == {(behandelaar.username, T.VERVOLG, "vandaag")}


def test_closed_cases_get_no_notifications(tenant_a, behandelaar, collega):
    zaak(
        tenant_a,
        fase=F.AFGESLOTEN,
        behandelaar=behandelaar,
        medebehandelaars=[collega],
        termijn_eerste_contact=dt.date(2026, 10, 1),
        termijn_afsluiten=dt.date(2026, 10, 20),
        vervolg_op=dt.date(2026, 11, 1),
    )
    assert termijnen_bewaken(vandaag=VANDAAG) == 0
    assert not Melding.objects.exists()


def test_running_twice_a_day_creates_nothing_new(tenant_a, behandelaar, collega, coordinator):
    zaak(
        tenant_a,
        behandelaar=behandelaar,
        medebehandelaars=[collega],
        termijn_eerste_contact=dt.date(2026, 11, 3),
        termijn_afsluiten=dt.date(2026, 11, 9),
        vervolg_op=VANDAAG,
    )
    eerste = termijnen_bewaken(vandaag=VANDAAG)
    assert eerste == 3 + 2 + 2  # passed (+ coordinator), due soon, follow-up
    assert termijnen_bewaken(vandaag=VANDAAG) == 0
    assert Melding.objects.count() == eerste


def test_the_next_days_repeat_nothing_until_the_state_changes(tenant_a, behandelaar, coordinator):
    z = zaak(tenant_a, behandelaar=behandelaar, termijn_afsluiten=dt.date(2026, 11, 9))
    assert termijnen_bewaken(vandaag=VANDAAG) == 1
    assert termijnen_bewaken(vandaag=dt.date(2026, 11, 6)) == 0  # still due soon
    assert termijnen_bewaken(vandaag=dt.date(2026, 11, 10)) == 2  # passed: coordinator too
    assert termijnen_bewaken(vandaag=dt.date(2026, 11, 11)) == 0
    assert meldingen(z) == {
        (behandelaar.username, T.AFSLUITEN, "binnenkort"),
        (behandelaar.username, T.AFSLUITEN, "verlopen"),
        (coordinator.username, T.AFSLUITEN, "verlopen"),
    }


def test_after_care_that_is_due_returns_to_the_work_list_with_a_notification(
    tenant_a, behandelaar, users
):
    z = zaak(
        tenant_a,
        fase=F.AFGESLOTEN,
        eindresultaat="hoeft_geen_hulp",
        behandelaar=behandelaar,
        termijn_afsluiten=dt.date(2026, 10, 1),
    )
    Nazorg.objects.create(vroegsignaalzaak=z, gepland_op=VANDAAG, gepland_door=behandelaar)
    assert termijnen_bewaken(vandaag=dt.date(2026, 11, 4)) == 0
    assert termijnen_bewaken(vandaag=VANDAAG) == 1
    z.refresh_from_db()
    assert z.fase == F.NAZORG
    assert meldingen(z) == {(behandelaar.username, T.NAZORG, "vandaag")}
    assert (
        Melding.objects.get().tekst == f"{z.referentie}: Nazorg is aan de beurt (5 november 2026)"
    )
    assert termijnen_bewaken(vandaag=VANDAAG) == 0  # in after-care: no closing deadline
    assert termijnen_bewaken(vandaag=dt.date(2026, 11, 6)) == 0


# --- the municipality's settings -------------------------------------------------------------


def test_saving_the_settings_recomputes_the_deadlines_of_open_cases(tenant_a, users):
    open_ = zaak(tenant_a, fase=F.NIEUWE_POGING, matchingsdatum=dt.date(2026, 12, 18))
    crisis = zaak(tenant_a, crisis=True, matchingsdatum=dt.date(2026, 12, 23))
    gesloten = zaak(tenant_a, fase=F.AFGESLOTEN)
    in_nazorg = zaak(tenant_a, fase=F.NAZORG)
    elders = zaak(GemeenteFactory())
    instellingen = termijninstellingen_opslaan(
        gemeente=tenant_a,
        door=users["functioneel_beheerder"],
        crisis_werkdagen=2,
        eerste_contact_dagen=5,
        eerste_contact_werkdagen=True,
        afsluiten_dagen=14,
    )
    assert Termijninstellingen.objects.get(gemeente=tenant_a) == instellingen
    for z in (open_, crisis, gesloten, in_nazorg, elders):
        z.refresh_from_db()
    # 5 working days from Friday 18 December: 21-24, (Christmas) 28 December.
    assert open_.termijn_eerste_contact == dt.date(2026, 12, 28)
    assert open_.termijn_afsluiten == dt.date(2027, 1, 4)  # 1 January 2027 -> Monday
    assert crisis.termijn_eerste_contact == dt.date(2026, 12, 28)  # 24, (25-27) 28
    assert crisis.termijn_afsluiten == dt.date(2027, 1, 6)
    for z in (gesloten, in_nazorg, elders):
        assert (z.termijn_eerste_contact, z.termijn_afsluiten) == (VER_WEG, VER_WEG)


def test_saving_the_settings_again_changes_only_what_is_given(tenant_a, users):
    termijninstellingen_opslaan(
        gemeente=tenant_a, door=users["functioneel_beheerder"], afsluiten_dagen=21
    )
    instellingen = termijninstellingen_opslaan(
        gemeente=tenant_a, door=users["functioneel_beheerder"], waarschuwen_werkdagen=3
    )
    assert (instellingen.afsluiten_dagen, instellingen.waarschuwen_werkdagen) == (21, 3)
    assert Termijninstellingen.objects.filter(gemeente=tenant_a).count() == 1


def test_invalid_settings_are_refused_and_change_nothing(tenant_a, users):
    z = zaak(tenant_a)
    with pytest.raises(ValidatieFout):
        termijninstellingen_opslaan(
            gemeente=tenant_a, door=users["functioneel_beheerder"], afsluiten_dagen=-1
        )
    assert not Termijninstellingen.objects.exists()
    z.refresh_from_db()
    assert z.termijn_afsluiten == VER_WEG


def test_the_warning_window_of_the_municipality_is_used(tenant_a, users, behandelaar):
    termijninstellingen_opslaan(
        gemeente=tenant_a, door=users["functioneel_beheerder"], waarschuwen_werkdagen=5
    )
    z = zaak(tenant_a, behandelaar=behandelaar, termijn_afsluiten=dt.date(2026, 11, 12))
    assert termijnen_bewaken(vandaag=VANDAAG) == 1
    assert meldingen(z) == {(behandelaar.username, T.AFSLUITEN, "binnenkort")}


# --- triage sets the deadlines -------------------------------------------------------------


def trieerbare_zaak(gemeente, matchingsdatum, *, crisis=False):
    z = zaak(
        gemeente,
        crisis=crisis,
        matchingsdatum=matchingsdatum,
        termijn_eerste_contact=None,
        termijn_afsluiten=None,
    )
    signaal = {"eindelevering": True, "soort": "energie"} if crisis else {"soort": "zorg"}
    VroegsignaalFactory(gemeente=gemeente, vroegsignaalzaak=z, bedrag=20000, **signaal)
    return z


def test_triage_sets_the_default_deadlines_crisis_in_working_days(tenant_a):
    kerst = dt.date(2026, 12, 24)
    gewoon = trieerbare_zaak(tenant_a, kerst)
    crisis = trieerbare_zaak(tenant_a, kerst, crisis=True)
    zaken_trieren(gemeente=tenant_a, peildatum=kerst)
    gewoon.refresh_from_db()
    crisis.refresh_from_db()
    assert Triage.objects.get(vroegsignaalzaak=crisis).termijnprofiel == "crisis"
    assert crisis.termijn_eerste_contact == dt.date(2026, 12, 30)  # (25-27) 28, 29, 30
    assert gewoon.termijn_eerste_contact == dt.date(2027, 1, 7)
    assert gewoon.termijn_afsluiten == crisis.termijn_afsluiten == dt.date(2027, 1, 21)
    assert Triage.objects.get(vroegsignaalzaak=crisis).uiterste_datum == dt.date(2026, 12, 30)


def test_triage_uses_the_deadlines_of_the_municipality(tenant_a):
    Termijninstellingen.objects.create(
        gemeente=tenant_a, crisis_werkdagen=2, eerste_contact_dagen=7, afsluiten_dagen=28
    )
    koningsdag = dt.date(2026, 4, 24)  # Friday before King's Day
    gewoon = trieerbare_zaak(tenant_a, dt.date(2026, 4, 20))
    crisis = trieerbare_zaak(tenant_a, koningsdag, crisis=True)
    zaken_trieren(gemeente=tenant_a, peildatum=koningsdag)
    gewoon.refresh_from_db()
    crisis.refresh_from_db()
    assert crisis.termijn_eerste_contact == dt.date(2026, 4, 29)  # (25-27) 28, 29
    assert gewoon.termijn_eerste_contact == dt.date(2026, 4, 28)  # 27 April -> Tuesday
    assert crisis.termijn_afsluiten == dt.date(2026, 5, 22)


def test_recomputing_follows_the_deadline_profile_the_triage_gave(tenant_a, users):
    # The rule set decides the profile: here the default crisis rule on a final notice,
    # while the case's own crisis flag was never set.
    kerst = dt.date(2026, 12, 24)
    z = trieerbare_zaak(tenant_a, kerst)
    VroegsignaalFactory(gemeente=tenant_a, vroegsignaalzaak=z, eindelevering=True, soort="energie")
    zaken_trieren(gemeente=tenant_a, peildatum=kerst)
    z.refresh_from_db()
    assert (z.crisis, z.termijn_eerste_contact) == (False, dt.date(2026, 12, 30))
    termijninstellingen_opslaan(
        gemeente=tenant_a, door=users["functioneel_beheerder"], crisis_werkdagen=2
    )
    z.refresh_from_db()
    assert z.termijn_eerste_contact == dt.date(2026, 12, 29)
