"""Reads for the case page (`selectors/dossier.py`): contact details merged from signals and
recorded details, earlier cases at the address, partner contact persons, deadlines, the next
step, the timeline, the deadline overview and notifications."""

import datetime as dt

import pytest
from django.utils import timezone

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.core.exceptions import NietGevonden
from signaalroute.gemeenten.tests.factories import GemeenteFactory
from signaalroute.matching.models import Brpcontrole, Brpuitkomst
from signaalroute.signaalpartners.tests.factories import (
    ContactpersoonFactory,
    SignaalpartnerFactory,
)
from signaalroute.triage.models import Triage
from signaalroute.triage.services import actieve_regelset
from signaalroute.vroegsignaalzaken import rules
from signaalroute.vroegsignaalzaken.constants import Contactgegevenbron as B
from signaalroute.vroegsignaalzaken.constants import Contactgegevensoort as G
from signaalroute.vroegsignaalzaken.constants import Contactsoort as C
from signaalroute.vroegsignaalzaken.constants import Dagdeel as D
from signaalroute.vroegsignaalzaken.constants import Eindresultaat as E
from signaalroute.vroegsignaalzaken.constants import Ongeldigreden, Termijnsoort
from signaalroute.vroegsignaalzaken.constants import Signaalstatus as S
from signaalroute.vroegsignaalzaken.constants import Zaakfase as F
from signaalroute.vroegsignaalzaken.models import Melding, Nazorg
from signaalroute.vroegsignaalzaken.selectors import (
    contactgegevens_van,
    eerdere_zaken,
    meldingen_voor,
    ongelezen_meldingen,
    partnercontactpersonen,
    termijnen_van,
    termijnoverzicht,
    tijdlijn,
    volgend_stapadvies,
    zaakdossier_ophalen,
)
from signaalroute.vroegsignaalzaken.services import (
    Pogingsgegevens,
    contactgegeven_ongeldig_melden,
    contactgegeven_toevoegen,
    contactpoging_registreren,
    signaalstatussen_zetten,
    zaak_oppakken,
)

from .factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2025, 3, 12)  # a Wednesday


def triage_maken(zaak, aanpak=None):
    return Triage.objects.create(
        vroegsignaalzaak=zaak,
        regelset=actieve_regelset(gemeente=zaak.gemeente),
        regelnaam="Middelgroot bedrag",
        uitleg="Achterstand tussen € 250 en € 500: bellen.",
        bakje="Bellen",
        aanpak=aanpak or [{"kanaal": C.TELEFOON, "aantal": 2}, {"kanaal": C.BRIEF, "aantal": 1}],
        aanpak_tekst="2 keer bellen, dan een brief",
        eerste_kanaal=C.TELEFOON,
        termijnprofiel="standaard",
        uiterste_datum=timezone.localdate() + dt.timedelta(days=14),
        feiten={},
        maand=timezone.localdate().replace(day=1),
    )


def dossier_klaarzetten(users, gemeente, *, behandelaar=None):
    """A case with two signals of two partners (phone and e-mail, a BRP check, a status
    history), a triage and a contact person per partner."""
    vandaag = timezone.localdate()
    zaak = VroegsignaalzaakFactory(
        gemeente=gemeente,
        team=users["externe_uitvoerder"].team,
        behandelaar=behandelaar,
        postcode="1234AB",
        huisnummer=7,
        startdatum_matchingperiode=vandaag - dt.timedelta(days=40),
        matchingsdatum=vandaag - dt.timedelta(days=20),
        termijn_eerste_contact=vandaag - dt.timedelta(days=1),
        termijn_afsluiten=vandaag + dt.timedelta(days=30),
    )
    energie = SignaalpartnerFactory(naam="Energie Noord", energie=True)
    water = SignaalpartnerFactory(naam="Waterbedrijf Oost", water=True)
    s1 = VroegsignaalFactory(
        vroegsignaalzaak=zaak,
        gemeente=gemeente,
        aanlevering__signaalpartner=energie,
        achternaam="Jansen",
        telefoonnummer="06-12345678",
        email="j.jansen@Voorbeeld.nl",
        eindelevering=True,
        signaaldatum=vandaag - dt.timedelta(days=25),
        postcode="1234AB",
        huisnummer=7,
    )
    s2 = VroegsignaalFactory(
        vroegsignaalzaak=zaak,
        gemeente=gemeente,
        aanlevering__signaalpartner=water,
        achternaam="Jansen",
        telefoonnummer="0612345678",
        signaaldatum=vandaag - dt.timedelta(days=22),
        postcode="1234AB",
        huisnummer=7,
    )
    Brpcontrole.objects.create(
        vroegsignaal=s1,
        gemeente=gemeente,
        uitkomst=Brpuitkomst.BEVESTIGD,
        reden="Eén bewoner met deze naam en geboortedatum.",
        uitgevoerd_op=timezone.now(),
    )
    signaalstatussen_zetten([(s2, S.OPGEPAKT, "Niet bekend bij schuldhulpverlening.")])
    ContactpersoonFactory(signaalpartner=energie, naam="Algemeen Energie")
    ContactpersoonFactory(signaalpartner=energie, gemeente=gemeente, naam="Regio Energie")
    ContactpersoonFactory(signaalpartner=water, naam="Algemeen Water")
    triage_maken(zaak)
    zaak.refresh_from_db()
    return zaak


@pytest.fixture
def werker(users):
    return users["vroegsignaleerder"]


@pytest.fixture
def zaak(users, tenant_a, werker):
    return dossier_klaarzetten(users, tenant_a, behandelaar=werker)


def _dossier(zaak, user):
    return zaakdossier_ophalen(user=user, uuid=zaak.uuid)


# --- the case ------------------------------------------------------------------------------


def test_dossier_is_only_found_within_the_users_municipalities(users, zaak):
    assert _dossier(zaak, users["coordinator"]) == zaak
    with pytest.raises(NietGevonden):
        _dossier(zaak, users["vroegsignaleerder_b"])
    with pytest.raises(NietGevonden):
        _dossier(zaak, users["partnergebruiker"])


def test_dossier_is_loaded_in_a_fixed_number_of_queries(
    users, zaak, werker, django_assert_num_queries
):
    with django_assert_num_queries(10):
        dossier = _dossier(zaak, werker)
        tijdlijn(dossier)
        contactgegevens_van(dossier)
        volgend_stapadvies(dossier)
        [getattr(s, "brpcontrole", None) for s in dossier.vroegsignalen.all()]


def test_contact_details_of_signals_and_records_are_merged_per_value(werker, zaak):
    contactgegeven_toevoegen(
        zaak=zaak, door=werker, soort=G.TELEFOON, waarde="+31 6 12345678", bron=B.INWONER
    )
    contactgegeven_toevoegen(
        zaak=zaak, door=werker, soort=G.TELEFOON, waarde="020 555 1234", bron=B.CALLCENTER
    )
    regels = contactgegevens_van(_dossier(zaak, werker))
    telefoons = [r for r in regels if r.soort == G.TELEFOON]
    assert len(telefoons) == 2
    mobiel = next(r for r in telefoons if r.vroegsignaal is not None)
    assert "Energie Noord" in mobiel.bron_tekst and "Waterbedrijf Oost" in mobiel.bron_tekst
    assert "Inwoner zelf" in mobiel.bron_tekst
    vast = next(r for r in telefoons if r.vroegsignaal is None)
    assert vast.bron_tekst == "Callcenter"
    assert [r.waarde for r in regels if r.soort == G.EMAIL] == ["j.jansen@Voorbeeld.nl"]


def test_a_partner_detail_reported_wrong_is_shown_invalid_with_its_reason(werker, zaak):
    signaal = zaak.vroegsignalen.order_by("signaaldatum").first()
    contactgegeven_ongeldig_melden(
        zaak=zaak,
        door=werker,
        soort=G.EMAIL,
        waarde=signaal.email,
        reden=Ongeldigreden.ONBESTELBAAR,
        vroegsignaal=signaal,
    )
    regel = next(r for r in contactgegevens_van(_dossier(zaak, werker)) if r.soort == G.EMAIL)
    assert not regel.geldig
    assert regel.ongeldig_reden == "Onbestelbaar / retour"
    assert regel.bron_tekst.startswith("Energie Noord")


def test_earlier_cases_at_the_same_address_in_the_same_municipality_in_24_months(
    werker, zaak, tenant_a
):
    vandaag = timezone.localdate()
    adres = {"postcode": "1234AB", "huisnummer": 7}
    eerder = VroegsignaalzaakFactory(
        gemeente=tenant_a, matchingsdatum=vandaag - dt.timedelta(days=300), **adres
    )
    VroegsignaalzaakFactory(
        gemeente=tenant_a, matchingsdatum=vandaag - dt.timedelta(days=800), **adres
    )
    VroegsignaalzaakFactory(gemeente=tenant_a, huisletter="A", **adres)
    VroegsignaalzaakFactory(gemeente=GemeenteFactory(), **adres)
    VroegsignaalzaakFactory(gemeente=tenant_a, postcode="1234AB", huisnummer=8)
    assert list(eerdere_zaken(zaak, user=werker)) == [eerder]


def test_external_executor_sees_only_earlier_cases_of_their_team(users, zaak, tenant_a):
    VroegsignaalzaakFactory(gemeente=tenant_a, postcode="1234AB", huisnummer=7)
    assert list(eerdere_zaken(zaak, user=users["externe_uitvoerder"])) == []


def test_contact_persons_for_the_municipality_replace_the_general_ones(zaak, werker):
    dossier = _dossier(zaak, werker)
    partners = [s.signaalpartner for s in dossier.vroegsignalen.all()]
    namen = {
        p.naam: [c.naam for c in personen]
        for p, personen in partnercontactpersonen(dossier.gemeente, partners)
    }
    assert namen == {"Energie Noord": ["Regio Energie"], "Waterbedrijf Oost": ["Algemeen Water"]}


def test_deadline_states(zaak, werker):
    regels = rules.Termijnregels()
    termijnen = termijnen_van(_dossier(zaak, werker), regels)
    assert [t.stand for t in termijnen] == ["verlopen", ""]
    zaak.eerste_contactpoging_op = timezone.localdate()
    zaak.vervolg_op, zaak.vervolgactie = timezone.localdate(), "Opnieuw bellen"
    termijnen = termijnen_van(zaak, regels)
    assert [t.stand for t in termijnen] == ["", "", "binnenkort"]
    assert "Opnieuw bellen" in termijnen[2].label


def test_next_step_follows_the_triage_approach_and_stops_once_reached(zaak, werker):
    assert volgend_stapadvies(_dossier(zaak, werker)).tekst.startswith("bellen: poging 1 van 2")
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    for _i in range(2):
        zaak.refresh_from_db()
        contactpoging_registreren(
            zaak=zaak,
            door=werker,
            versie=zaak.versie,
            gegevens=Pogingsgegevens(soort=C.TELEFOON, datum=gisteren, bereikt=False),
        )
    advies = volgend_stapadvies(_dossier(zaak, werker))
    assert advies.kanaal == C.BRIEF
    zaak.refresh_from_db()
    contactpoging_registreren(
        zaak=zaak,
        door=werker,
        versie=zaak.versie,
        gegevens=Pogingsgegevens(soort=C.BRIEF, datum=gisteren, bereikt=True),
    )
    assert volgend_stapadvies(_dossier(zaak, werker)) is None


def test_timeline_merges_everything_in_time_order(zaak, werker):
    zaak_oppakken(zaak=zaak, door=werker, versie=zaak.versie)
    zaak.refresh_from_db()
    contactpoging_registreren(
        zaak=zaak,
        door=werker,
        versie=zaak.versie,
        gegevens=Pogingsgegevens(
            soort=C.TELEFOON,
            datum=timezone.localdate(),
            dagdeel=D.OCHTEND,
            bereikt=False,
            notitie="Voicemail ingesproken.",
            vervolg_op=timezone.localdate() + dt.timedelta(days=1),
            vervolg_dagdeel=D.AVOND,
            vervolgafspraak="Opnieuw bellen",
        ),
    )
    regels = tijdlijn(_dossier(zaak, werker))
    assert regels == sorted(regels, key=lambda r: r.op)
    soorten = [r.soort for r in regels]
    assert soorten[0] == "zaak"
    assert {"wijziging", "contact", "signaal"} <= set(soorten)
    poging = next(r for r in regels if r.soort == "contact")
    assert poging.tekst == "Voicemail ingesproken."
    assert "Opnieuw bellen" in poging.details[0]
    # The attempt's own history row is not repeated.
    assert not any("Contactpoging telefoon op" in r.tekst for r in regels)


# --- deadline overview and notifications -----------------------------------------------------


def test_deadline_overview_of_a_worker_holds_own_co_worker_and_team_cases(users, tenant_a, werker):
    vandaag = timezone.localdate()
    collega = UserFactory(
        rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie
    )
    verlopen = {"termijn_eerste_contact": vandaag - dt.timedelta(days=2), "gemeente": tenant_a}
    eigen = VroegsignaalzaakFactory(behandelaar=werker, **verlopen)
    mede = VroegsignaalzaakFactory(behandelaar=collega, **verlopen)
    mede.medebehandelaars.add(werker)
    anders = VroegsignaalzaakFactory(behandelaar=collega, **verlopen)
    binnenkort = VroegsignaalzaakFactory(
        behandelaar=werker, gemeente=tenant_a, termijn_afsluiten=vandaag
    )
    lijsten = {lijst.soort: lijst for lijst in termijnoverzicht(werker)}
    assert {r.zaak for r in lijsten["eerste_contact"].verlopen} == {eigen, mede}
    assert [r.zaak for r in lijsten["afsluiten"].binnenkort] == [binnenkort]
    coordinator = {lijst.soort: lijst for lijst in termijnoverzicht(users["coordinator"])}
    assert {r.zaak for r in coordinator["eerste_contact"].verlopen} == {eigen, mede, anders}
    assert termijnoverzicht(users["vroegsignaleerder_b"])[0].verlopen == []


def test_deadline_overview_lists_follow_ups_and_after_care(tenant_a, werker):
    vandaag = timezone.localdate()
    vervolg = VroegsignaalzaakFactory(
        behandelaar=werker, gemeente=tenant_a, vervolg_op=vandaag, fase=F.IN_BEHANDELING
    )
    gesloten = VroegsignaalzaakFactory(
        behandelaar=werker, gemeente=tenant_a, fase=F.AFGESLOTEN, eindresultaat=E.ZELF_BETAALD
    )
    Nazorg.objects.create(vroegsignaalzaak=gesloten, gepland_op=vandaag - dt.timedelta(days=1))
    lijsten = {lijst.soort: lijst for lijst in termijnoverzicht(werker)}
    assert [r.zaak for r in lijsten["vervolg"].binnenkort] == [vervolg]
    assert [r.zaak for r in lijsten["nazorg"].verlopen] == [gesloten]


def test_notifications_are_the_users_own_unread_first(users, werker, zaak):
    andere = VroegsignaalzaakFactory(gemeente=zaak.gemeente)
    oud = Melding.objects.create(
        gebruiker=werker,
        vroegsignaalzaak=zaak,
        soort=Termijnsoort.EERSTE_CONTACT,
        stand="verlopen",
        termijn=VANDAAG,
        tekst="ongelezen",
    )
    gelezen = Melding.objects.create(
        gebruiker=werker,
        vroegsignaalzaak=andere,
        soort=Termijnsoort.AFSLUITEN,
        stand="binnenkort",
        termijn=VANDAAG,
        tekst="gelezen",
        gelezen_op=timezone.now(),
    )
    Melding.objects.create(
        gebruiker=users["coordinator"],
        vroegsignaalzaak=zaak,
        soort=Termijnsoort.EERSTE_CONTACT,
        stand="verlopen",
        termijn=VANDAAG,
        tekst="van een ander",
    )
    assert list(meldingen_voor(werker)) == [oud, gelezen]
    assert ongelezen_meldingen(werker) == 1
