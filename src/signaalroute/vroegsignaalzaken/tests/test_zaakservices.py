"""Handling a case in the database: picking up, contact attempts, closing with a result that
means something, hand-over, after-care, reopening, co-workers and two workers at once."""

import datetime as dt
import threading

import pytest
from django.db import connection
from freezegun import freeze_time

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.tests.factories import UserFactory
from signaalroute.audit.models import Auditregel
from signaalroute.core.exceptions import Conflict, GeenToegang, OngeldigeOvergang, ValidatieFout
from signaalroute.core.models import AppendOnlyError
from signaalroute.vroegsignaalzaken.constants import Contactsoort as C
from signaalroute.vroegsignaalzaken.constants import Dagdeel as D
from signaalroute.vroegsignaalzaken.constants import Eindresultaat as E
from signaalroute.vroegsignaalzaken.constants import Hulpstap as H
from signaalroute.vroegsignaalzaken.constants import Nazorguitkomst as N
from signaalroute.vroegsignaalzaken.constants import Signaalstatus as S
from signaalroute.vroegsignaalzaken.constants import Zaakfase as F
from signaalroute.vroegsignaalzaken.models import (
    Contactpoging,
    Nazorg,
    Overdracht,
    Signaalstatuswijziging,
    Vroegsignaalzaak,
    Zaakwijziging,
)
from signaalroute.vroegsignaalzaken.services import (
    Overdrachtgegevens,
    Pogingsgegevens,
    contactpoging_registreren,
    medebehandelaars_wijzigen,
    nazorg_afronden,
    nazorg_plannen,
    nazorg_starten,
    overdracht_registreren,
    zaak_afsluiten,
    zaak_heropenen,
    zaak_oppakken,
    zaken_toewijzen,
)
from signaalroute.vroegsignaalzaken.services.zaken import zaak_vergrendelen
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2026, 11, 5)  # a Thursday
ACHTERNAAM = "Wijnaldum"


@pytest.fixture(autouse=True)
def bevroren():
    with freeze_time("2026-11-05 10:00:00"):
        yield


@pytest.fixture
def medewerker(users):
    return users["vroegsignaleerder"]


@pytest.fixture
def zaak(tenant_a):
    zaak = VroegsignaalzaakFactory(
        gemeente=tenant_a,
        postcode="9999ZZ",
        matchingsdatum=dt.date(2026, 11, 2),
        startdatum_matchingperiode=dt.date(2026, 11, 1),
        einddatum_matchingperiode=dt.date(2026, 11, 30),
    )
    for _ in range(2):
        VroegsignaalFactory(gemeente=tenant_a, vroegsignaalzaak=zaak, achternaam=ACHTERNAAM)
    return zaak


def vers(zaak: Vroegsignaalzaak) -> Vroegsignaalzaak:
    zaak.refresh_from_db()
    return zaak


def statussen(zaak) -> set[str]:
    return set(zaak.vroegsignalen.values_list("status", flat=True))


def laatste(zaak) -> Zaakwijziging:
    return zaak.historie.order_by("-id").first()


def poging(zaak, door, *, bereikt, datum=VANDAAG, **extra):
    return contactpoging_registreren(
        zaak=zaak,
        door=door,
        versie=vers(zaak).versie,
        gegevens=Pogingsgegevens(soort=C.TELEFOON, datum=datum, bereikt=bereikt, **extra),
    )


def afsluiten(zaak, door, **extra):
    return zaak_afsluiten(zaak=zaak, door=door, versie=vers(zaak).versie, **extra)


def overdracht(**extra):
    velden = {"organisatie": "Kredietbank", "datum": VANDAAG, "afspraken": "Intake op maandag"}
    return Overdrachtgegevens(**{**velden, **extra})


def audit(zaak):
    return Auditregel.objects.filter(object_uuid=zaak.uuid).order_by("id")


def zonder_persoonsgegevens(zaak, *woorden):
    for regel in audit(zaak):
        for woord in (ACHTERNAAM, zaak.postcode, *woorden):
            assert woord not in regel.omschrijving


def fout_velden(exc) -> set[str]:
    return {p["name"] for p in exc.value.invalid_params}


# --- picking up -----------------------------------------------------------------------------


def test_picking_up_starts_the_case_and_picks_up_its_signals(zaak, medewerker):
    assert zaak.versie == 1 and statussen(zaak) == {S.NOG_NIET_OPGEPAKT}
    zaak_oppakken(zaak=zaak, door=medewerker, versie=1)
    zaak = vers(zaak)
    assert zaak.fase == F.IN_BEHANDELING
    assert zaak.datum_opgepakt == VANDAAG
    assert zaak.behandelaar == medewerker
    assert zaak.versie == 2
    assert statussen(zaak) == {S.OPGEPAKT}
    rijen = Signaalstatuswijziging.objects.filter(vroegsignaal__vroegsignaalzaak=zaak)
    assert {(r.van, r.naar, r.door_id) for r in rijen} == {
        (S.NOG_NIET_OPGEPAKT, S.OPGEPAKT, medewerker.pk)
    }
    assert rijen.count() == 2
    rij = laatste(zaak)
    assert (rij.actie, rij.fase_van, rij.fase_naar, rij.door) == (
        "oppakken",
        F.NIEUW,
        F.IN_BEHANDELING,
        medewerker,
    )
    assert audit(zaak).get().omschrijving == "Zaak opgepakt"
    zonder_persoonsgegevens(zaak)


def test_picking_up_keeps_an_assigned_handler(zaak, users):
    zaak.behandelaar = users["coordinator"]
    zaak.save()
    zaak_oppakken(zaak=zaak, door=users["vroegsignaleerder"], versie=1)
    assert vers(zaak).behandelaar == users["coordinator"]


def test_someone_who_handles_no_cases_does_not_become_the_handler(zaak, users):
    zaak_oppakken(zaak=zaak, door=users["functioneel_beheerder"], versie=1)
    assert vers(zaak).behandelaar is None


def test_a_case_in_progress_cannot_be_picked_up_again(zaak, medewerker):
    zaak_oppakken(zaak=zaak, door=medewerker, versie=1)
    with pytest.raises(OngeldigeOvergang):
        zaak_oppakken(zaak=zaak, door=medewerker, versie=2)
    assert vers(zaak).versie == 2 and zaak.historie.count() == 1


# --- contact attempts --------------------------------------------------------------------


def test_a_first_failed_attempt_picks_up_the_case_and_plans_a_new_attempt(zaak, medewerker):
    gemaakt = poging(
        zaak,
        medewerker,
        bereikt=False,
        datum=dt.date(2026, 11, 4),
        dagdeel=D.AVOND,
        notitie="  Voicemail ingesproken. ",
        vervolg_op=dt.date(2026, 11, 6),
        vervolg_dagdeel=D.OCHTEND,
        vervolgafspraak="Opnieuw bellen",
    )
    zaak = vers(zaak)
    assert zaak.fase == F.NIEUWE_POGING
    assert zaak.datum_opgepakt == VANDAAG and statussen(zaak) == {S.OPGEPAKT}
    assert zaak.eerste_contactpoging_op == dt.date(2026, 11, 4)
    assert (zaak.vervolg_op, zaak.vervolgactie) == (dt.date(2026, 11, 6), "Opnieuw bellen")
    assert gemaakt.notitie == "Voicemail ingesproken."
    assert gemaakt.geregistreerd_door == medewerker
    rij = laatste(zaak)
    assert (rij.actie, rij.fase_van, rij.fase_naar) == (
        "contact_niet_bereikt",
        F.NIEUW,
        F.NIEUWE_POGING,
    )
    assert "4 november 2026" in rij.toelichting and "niet bereikt" in rij.toelichting
    assert zaak.versie == 2
    assert audit(zaak).get().omschrijving == "Contactpoging geregistreerd"
    zonder_persoonsgegevens(zaak, "Voicemail")


def test_attempts_move_between_new_attempt_and_in_progress_until_reached(zaak, medewerker):
    poging(zaak, medewerker, bereikt=False)
    poging(zaak, medewerker, bereikt=False)
    assert vers(zaak).fase == F.NIEUWE_POGING
    poging(zaak, medewerker, bereikt=True)
    assert vers(zaak).fase == F.IN_BEHANDELING
    poging(zaak, medewerker, bereikt=False)  # reached before: no "nog geen contact"
    assert vers(zaak).fase == F.IN_BEHANDELING
    assert zaak.versie == 5
    assert list(zaak.historie.order_by("id").values_list("actie", "fase_naar")) == [
        ("contact_niet_bereikt", F.NIEUWE_POGING),
        ("contact_niet_bereikt", F.NIEUWE_POGING),
        ("contact_bereikt", F.IN_BEHANDELING),
        ("contact_niet_bereikt", F.IN_BEHANDELING),
    ]


def test_an_earlier_attempt_becomes_the_first_attempt_and_a_new_plan_replaces_the_old(
    zaak, medewerker
):
    poging(zaak, medewerker, bereikt=False, vervolg_op=VANDAAG, vervolgafspraak="Bellen")
    poging(zaak, medewerker, bereikt=False, datum=dt.date(2026, 11, 2))
    zaak = vers(zaak)
    assert zaak.eerste_contactpoging_op == dt.date(2026, 11, 2)
    assert (zaak.vervolg_op, zaak.vervolgactie) == (None, "")


@pytest.mark.parametrize(
    ("extra", "veld"),
    [
        ({"datum": dt.date(2026, 11, 6)}, "datum"),  # tomorrow
        ({"datum": dt.date(2026, 10, 31)}, "datum"),  # before the case began
        ({"vervolg_op": dt.date(2026, 11, 4)}, "vervolg_op"),
    ],
)
def test_an_impossible_attempt_is_refused_and_stores_nothing(zaak, medewerker, extra, veld):
    velden = {"soort": C.HUISBEZOEK, "datum": VANDAAG, "bereikt": False, **extra}
    with pytest.raises(ValidatieFout) as exc:
        contactpoging_registreren(
            zaak=zaak, door=medewerker, versie=1, gegevens=Pogingsgegevens(**velden)
        )
    assert fout_velden(exc) == {veld}
    zaak = vers(zaak)
    assert (zaak.versie, zaak.fase, zaak.contactpogingen.count()) == (1, F.NIEUW, 0)


def test_no_attempt_can_be_recorded_on_a_closed_case(zaak, medewerker):
    afsluiten(zaak, medewerker, eindresultaat=E.NIET_OPGEPAKT_HERHAALD)
    with pytest.raises(OngeldigeOvergang, match="heropen"):
        poging(zaak, medewerker, bereikt=True)
    assert not Contactpoging.objects.filter(vroegsignaalzaak=zaak).exists()
    assert vers(zaak).versie == 2


# --- closing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "resultaat",
    [
        E.NIET_OPGEPAKT_ONTERECHT,
        E.NIET_OPGEPAKT_HERHAALD,
        E.OVERLEDEN,
        E.GEEN_INWONER,
        E.BEKEND_BIJ_SHV,
    ],
)
def test_closing_as_not_handled_gives_the_signals_the_same_status(zaak, medewerker, resultaat):
    afsluiten(zaak, medewerker, eindresultaat=resultaat)
    zaak = vers(zaak)
    assert (zaak.fase, zaak.eindresultaat, zaak.versie) == (F.AFGESLOTEN, resultaat, 2)
    assert zaak.afgesloten_op is not None
    assert statussen(zaak) == {resultaat}
    rij = laatste(zaak)
    assert (rij.actie, rij.fase_van, rij.fase_naar, rij.eindresultaat) == (
        "afsluiten",
        F.NIEUW,
        F.AFGESLOTEN,
        resultaat,
    )
    assert audit(zaak).get().omschrijving == f"Zaak afgesloten: {resultaat}"
    zonder_persoonsgegevens(zaak)


def test_closing_after_contact_keeps_the_signals_picked_up(zaak, medewerker):
    poging(zaak, medewerker, bereikt=True, vervolg_op=dt.date(2026, 11, 9))
    afsluiten(zaak, medewerker, eindresultaat=E.HOEFT_GEEN_HULP, toelichting="Regelt het zelf.")
    zaak = vers(zaak)
    assert (zaak.fase, zaak.eindresultaat) == (F.AFGESLOTEN, E.HOEFT_GEEN_HULP)
    assert statussen(zaak) == {S.OPGEPAKT}
    assert (zaak.vervolg_op, zaak.vervolgactie) == (None, "")
    assert laatste(zaak).toelichting == "Regelt het zelf."


def test_another_reason_keeps_the_internal_reason_out_of_the_audit(zaak, medewerker):
    with pytest.raises(ValidatieFout) as exc:
        afsluiten(zaak, medewerker, eindresultaat=E.NIET_OPGEPAKT_ANDERE_REDEN, reden_intern=" ")
    assert fout_velden(exc) == {"reden_intern"}
    afsluiten(
        zaak,
        medewerker,
        eindresultaat=E.NIET_OPGEPAKT_ANDERE_REDEN,
        reden_intern="  Bewindvoerder geregeld  ",
    )
    zaak = vers(zaak)
    assert zaak.reden_intern == "Bewindvoerder geregeld"
    assert statussen(zaak) == {S.NIET_OPGEPAKT_ANDERE_REDEN}
    zonder_persoonsgegevens(zaak, "Bewindvoerder")


def test_an_internal_reason_is_not_kept_for_a_result_that_does_not_need_it(zaak, medewerker):
    poging(zaak, medewerker, bereikt=True)
    afsluiten(zaak, medewerker, eindresultaat=E.ZELF_BETAALD, reden_intern="Iets")
    assert vers(zaak).reden_intern == ""


def test_help_accepted_requires_the_concrete_step(zaak, medewerker):
    poging(zaak, medewerker, bereikt=True)
    with pytest.raises(ValidatieFout) as exc:
        afsluiten(zaak, medewerker, eindresultaat=E.QUICK_FIX)
    assert fout_velden(exc) == {"hulpstap"}
    assert vers(zaak).fase == F.IN_BEHANDELING and zaak.versie == 2

    afsluiten(zaak, medewerker, hulpstap=H.BUDGETPLAN)
    zaak = vers(zaak)
    assert (zaak.eindresultaat, zaak.hulpstap) == (E.QUICK_FIX, H.BUDGETPLAN)
    rij = laatste(zaak)
    assert (rij.eindresultaat, rij.hulpstap) == (E.QUICK_FIX, H.BUDGETPLAN)
    assert statussen(zaak) == {S.OPGEPAKT}


def test_results_after_a_conversation_need_a_reached_attempt(zaak, medewerker):
    poging(zaak, medewerker, bereikt=False)
    with pytest.raises(ValidatieFout) as exc:
        afsluiten(zaak, medewerker, eindresultaat=E.GEEN_REACTIE)
    assert fout_velden(exc) == {"eindresultaat"}
    afsluiten(zaak, medewerker, eindresultaat=E.GEEN_CONTACT)
    assert vers(zaak).eindresultaat == E.GEEN_CONTACT


def test_definitely_no_contact_needs_failed_attempts(zaak, medewerker):
    with pytest.raises(ValidatieFout) as exc:
        afsluiten(zaak, medewerker, eindresultaat=E.GEEN_CONTACT)
    assert fout_velden(exc) == {"eindresultaat"}


def test_a_referral_requires_the_warm_hand_over(zaak, medewerker):
    poging(zaak, medewerker, bereikt=True)
    with pytest.raises(ValidatieFout) as exc:
        afsluiten(zaak, medewerker, hulpstap=H.SCHULDHULP)
    assert fout_velden(exc) == {"overdracht"}
    with pytest.raises(ValidatieFout) as exc:
        afsluiten(zaak, medewerker, hulpstap=H.SCHULDHULP, overdracht=overdracht(afspraken=" "))
    assert fout_velden(exc) == {"afspraken"}
    assert not Overdracht.objects.filter(vroegsignaalzaak=zaak).exists()

    afsluiten(
        zaak,
        medewerker,
        hulpstap=H.SCHULDHULP,
        overdracht=overdracht(organisatie=" Kredietbank ", contactpersoon="M. de Vries"),
    )
    zaak = vers(zaak)
    assert (zaak.fase, zaak.eindresultaat) == (F.AFGESLOTEN, E.VERVOLGHULP_FINANCIEEL)
    vastgelegd = Overdracht.objects.get(vroegsignaalzaak=zaak)
    assert (vastgelegd.organisatie, vastgelegd.door) == ("Kredietbank", medewerker)
    zonder_persoonsgegevens(zaak, "de Vries", "Intake")


def test_a_hand_over_recorded_earlier_counts_for_the_referral(zaak, medewerker):
    poging(zaak, medewerker, bereikt=True)
    overdracht_registreren(
        zaak=zaak, door=medewerker, versie=vers(zaak).versie, gegevens=overdracht()
    )
    zaak = vers(zaak)
    assert zaak.versie == 3
    rij = laatste(zaak)
    assert (rij.actie, rij.fase_van, rij.fase_naar) == (
        "overdracht",
        F.IN_BEHANDELING,
        F.IN_BEHANDELING,
    )
    assert "Kredietbank" in rij.toelichting
    afsluiten(zaak, medewerker, hulpstap=H.NIET_FINANCIEEL)
    assert vers(zaak).eindresultaat == E.VERVOLGHULP_NIET_FINANCIEEL
    assert Overdracht.objects.filter(vroegsignaalzaak=zaak).count() == 1


def test_a_hand_over_is_refused_on_a_closed_case_or_far_in_the_future(zaak, medewerker):
    with pytest.raises(ValidatieFout) as exc:
        overdracht_registreren(
            zaak=zaak,
            door=medewerker,
            versie=1,
            gegevens=overdracht(organisatie="", datum=VANDAAG + dt.timedelta(days=61)),
        )
    assert fout_velden(exc) == {"organisatie", "overdracht_datum"}
    afsluiten(zaak, medewerker, eindresultaat=E.GEEN_INWONER)
    with pytest.raises(Conflict):
        overdracht_registreren(zaak=zaak, door=medewerker, versie=2, gegevens=overdracht())
    assert not Overdracht.objects.filter(vroegsignaalzaak=zaak).exists()


def test_a_closed_case_cannot_be_closed_again(zaak, medewerker):
    afsluiten(zaak, medewerker, eindresultaat=E.OVERLEDEN)
    with pytest.raises(OngeldigeOvergang):
        afsluiten(zaak, medewerker, eindresultaat=E.GEEN_INWONER)
    assert vers(zaak).eindresultaat == E.OVERLEDEN and zaak.historie.count() == 1


# --- reopening -----------------------------------------------------------------------------


def test_reopening_requires_a_reason(zaak, medewerker):
    afsluiten(zaak, medewerker, eindresultaat=E.OVERLEDEN)
    with pytest.raises(ValidatieFout) as exc:
        zaak_heropenen(zaak=zaak, door=medewerker, versie=2, reden="  ")
    assert fout_velden(exc) == {"reden"}
    assert vers(zaak).fase == F.AFGESLOTEN and zaak.versie == 2


def test_reopening_clears_the_result_and_picks_the_signals_up_again(zaak, medewerker):
    afsluiten(zaak, medewerker, eindresultaat=E.NIET_OPGEPAKT_ANDERE_REDEN, reden_intern="Verhuisd")
    assert statussen(zaak) == {S.NIET_OPGEPAKT_ANDERE_REDEN}
    zaak_heropenen(zaak=zaak, door=medewerker, versie=2, reden="Toch nog bereikbaar")
    zaak = vers(zaak)
    assert zaak.fase == F.IN_BEHANDELING
    assert (zaak.eindresultaat, zaak.hulpstap, zaak.reden_intern) == ("", "", "")
    assert zaak.afgesloten_op is None
    assert zaak.termijn_afsluiten == dt.date(2026, 12, 3)  # 28 days from today
    assert zaak.datum_opgepakt == VANDAAG
    assert statussen(zaak) == {S.OPGEPAKT}
    assert zaak.versie == 3
    rij = laatste(zaak)
    assert (rij.actie, rij.fase_van, rij.fase_naar, rij.eindresultaat) == (
        "heropenen",
        F.AFGESLOTEN,
        F.IN_BEHANDELING,
        "",
    )
    assert "Niet opgepakt: andere reden" in rij.toelichting
    assert "Toch nog bereikbaar" in rij.toelichting
    afgesloten = zaak.historie.get(actie="afsluiten")
    assert afgesloten.eindresultaat == E.NIET_OPGEPAKT_ANDERE_REDEN  # the history keeps it
    assert list(audit(zaak).values_list("omschrijving", flat=True)) == [
        f"Zaak afgesloten: {E.NIET_OPGEPAKT_ANDERE_REDEN}",
        "Zaak heropend",
    ]
    zonder_persoonsgegevens(zaak, "Verhuisd", "bereikbaar")


def test_an_open_case_cannot_be_reopened(zaak, medewerker):
    with pytest.raises(OngeldigeOvergang):
        zaak_heropenen(zaak=zaak, door=medewerker, versie=1, reden="Waarom niet")


# --- after-care ----------------------------------------------------------------------------


def gesloten_met_nazorg(zaak, medewerker, op=dt.date(2026, 12, 17)):
    poging(zaak, medewerker, bereikt=True)
    afsluiten(
        zaak, medewerker, eindresultaat=E.HOEFT_GEEN_HULP, nazorg_op=op, nazorg_reden="Terugval?"
    )
    return vers(zaak)


def test_after_care_planned_at_closing_starts_on_its_day_and_not_before(zaak, medewerker):
    zaak = gesloten_met_nazorg(zaak, medewerker)
    nazorg = Nazorg.objects.get(vroegsignaalzaak=zaak)
    assert (nazorg.gepland_op, nazorg.reden, nazorg.gepland_door) == (
        dt.date(2026, 12, 17),
        "Terugval?",
        medewerker,
    )
    assert nazorg_starten(vandaag=dt.date(2026, 12, 16)) == []
    assert vers(zaak).fase == F.AFGESLOTEN

    (gestart,) = nazorg_starten(vandaag=dt.date(2026, 12, 17))
    assert gestart.pk == zaak.pk
    zaak = vers(zaak)
    assert zaak.fase == F.NAZORG
    assert zaak.eindresultaat == E.HOEFT_GEEN_HULP  # the result stands during after-care
    assert (zaak.vervolg_op, zaak.vervolgactie) == (dt.date(2026, 12, 17), "Nazorgcontact")
    rij = laatste(zaak)
    assert (rij.actie, rij.fase_van, rij.fase_naar, rij.door) == (
        "nazorg_starten",
        F.AFGESLOTEN,
        F.NAZORG,
        None,
    )
    nazorg.refresh_from_db()
    assert nazorg.gestart_op is not None
    assert nazorg_starten(vandaag=dt.date(2026, 12, 18)) == []  # once


def test_finishing_after_care_closes_the_case_again_with_the_same_result(zaak, medewerker):
    zaak = gesloten_met_nazorg(zaak, medewerker)
    nazorg_starten(vandaag=dt.date(2026, 12, 17))
    poging(zaak, medewerker, bereikt=True)
    assert vers(zaak).fase == F.NAZORG
    nazorg = nazorg_afronden(
        zaak=zaak, door=medewerker, versie=vers(zaak).versie, uitkomst=N.GAAT_GOED, notitie=" Ok "
    )
    assert (nazorg.uitkomst, nazorg.notitie, nazorg.afgerond_door) == (
        N.GAAT_GOED,
        "Ok",
        medewerker,
    )
    zaak = vers(zaak)
    assert (zaak.fase, zaak.eindresultaat) == (F.AFGESLOTEN, E.HOEFT_GEEN_HULP)
    assert (zaak.vervolg_op, zaak.vervolgactie) == (None, "")
    rij = laatste(zaak)
    assert (rij.actie, rij.fase_van, rij.fase_naar, rij.eindresultaat) == (
        "nazorg_afronden",
        F.NAZORG,
        F.AFGESLOTEN,
        E.HOEFT_GEEN_HULP,
    )


def test_help_accepted_after_all_changes_the_result_and_needs_the_step(zaak, medewerker):
    zaak = gesloten_met_nazorg(zaak, medewerker)
    nazorg_starten(vandaag=dt.date(2026, 12, 17))
    with pytest.raises(ValidatieFout) as exc:
        nazorg_afronden(
            zaak=zaak, door=medewerker, versie=vers(zaak).versie, uitkomst=N.ALSNOG_HULP
        )
    assert fout_velden(exc) == {"hulpstap"}
    with pytest.raises(ValidatieFout) as exc:
        nazorg_afronden(
            zaak=zaak,
            door=medewerker,
            versie=vers(zaak).versie,
            uitkomst=N.ALSNOG_HULP,
            hulpstap=H.BEWIND,
        )
    assert fout_velden(exc) == {"overdracht"}
    assert vers(zaak).fase == F.NAZORG

    nazorg_afronden(
        zaak=zaak,
        door=medewerker,
        versie=vers(zaak).versie,
        uitkomst=N.ALSNOG_HULP,
        hulpstap=H.BEWIND,
        overdracht=overdracht(organisatie="Bewindvoering Noord"),
    )
    zaak = vers(zaak)
    assert (zaak.fase, zaak.eindresultaat, zaak.hulpstap) == (
        F.AFGESLOTEN,
        E.VERVOLGHULP_FINANCIEEL,
        H.BEWIND,
    )
    assert zaak.overdrachten.get().organisatie == "Bewindvoering Noord"
    assert laatste(zaak).eindresultaat == E.VERVOLGHULP_FINANCIEEL


def test_a_hand_over_recorded_during_after_care_counts_for_help_accepted_after_all(
    zaak, medewerker
):
    zaak = gesloten_met_nazorg(zaak, medewerker)
    nazorg_starten(vandaag=dt.date(2026, 12, 17))
    overdracht_registreren(
        zaak=zaak, door=medewerker, versie=vers(zaak).versie, gegevens=overdracht()
    )
    nazorg_afronden(
        zaak=zaak,
        door=medewerker,
        versie=vers(zaak).versie,
        uitkomst=N.ALSNOG_HULP,
        hulpstap=H.SCHULDHULP,
    )
    zaak = vers(zaak)
    assert (zaak.fase, zaak.eindresultaat) == (F.AFGESLOTEN, E.VERVOLGHULP_FINANCIEEL)
    assert zaak.overdrachten.count() == 1


def test_after_care_cannot_be_finished_before_it_started_or_with_an_unknown_outcome(
    zaak, medewerker
):
    zaak = gesloten_met_nazorg(zaak, medewerker)
    with pytest.raises(Conflict, match="geen nazorg open"):
        nazorg_afronden(zaak=zaak, door=medewerker, versie=zaak.versie, uitkomst=N.GAAT_GOED)
    nazorg_starten(vandaag=dt.date(2026, 12, 17))
    with pytest.raises(ValidatieFout) as exc:
        nazorg_afronden(zaak=zaak, door=medewerker, versie=vers(zaak).versie, uitkomst="prima")
    assert fout_velden(exc) == {"uitkomst"}


def test_after_care_can_be_planned_later_only_once_and_only_when_it_makes_sense(zaak, medewerker):
    with pytest.raises(Conflict, match="afgesloten zaak"):
        nazorg_plannen(zaak=zaak, door=medewerker, versie=1, op=dt.date(2026, 12, 1))
    poging(zaak, medewerker, bereikt=True)
    afsluiten(zaak, medewerker, eindresultaat=E.ZELF_BETAALD)
    with pytest.raises(ValidatieFout):
        nazorg_plannen(zaak=zaak, door=medewerker, versie=vers(zaak).versie, op=VANDAAG)
    nazorg = nazorg_plannen(
        zaak=zaak, door=medewerker, versie=vers(zaak).versie, op=dt.date(2026, 12, 1)
    )
    assert nazorg.gepland_op == dt.date(2026, 12, 1)
    rij = laatste(zaak)
    assert (rij.actie, rij.fase_van, rij.fase_naar) == (
        "nazorg_plannen",
        F.AFGESLOTEN,
        F.AFGESLOTEN,
    )
    assert vers(zaak).versie == 4
    with pytest.raises(Conflict, match="al nazorg gepland"):
        nazorg_plannen(zaak=zaak, door=medewerker, versie=4, op=dt.date(2026, 12, 8))


@pytest.mark.parametrize("resultaat", [E.OVERLEDEN, E.NIET_OPGEPAKT_ONTERECHT])
def test_no_after_care_for_a_case_that_was_not_handled(zaak, medewerker, resultaat):
    with pytest.raises(ValidatieFout) as exc:
        afsluiten(zaak, medewerker, eindresultaat=resultaat, nazorg_op=dt.date(2026, 12, 1))
    assert fout_velden(exc) == {"nazorg"}
    afsluiten(zaak, medewerker, eindresultaat=resultaat)
    with pytest.raises(ValidatieFout):
        nazorg_plannen(zaak=zaak, door=medewerker, versie=2, op=dt.date(2026, 12, 1))
    assert not Nazorg.objects.exists()


def test_reopening_during_after_care_cancels_it(zaak, medewerker):
    zaak = gesloten_met_nazorg(zaak, medewerker)
    nazorg_starten(vandaag=dt.date(2026, 12, 17))
    zaak_heropenen(zaak=zaak, door=medewerker, versie=vers(zaak).versie, reden="Nieuwe schuld")
    zaak = vers(zaak)
    assert (zaak.fase, zaak.eindresultaat) == (F.IN_BEHANDELING, "")
    nazorg = Nazorg.objects.get(vroegsignaalzaak=zaak)
    assert nazorg.afgerond_op is not None and nazorg.afgerond_door == medewerker
    assert "heropend" in nazorg.notitie


def test_after_care_of_a_case_reopened_before_its_day_does_not_start(zaak, medewerker):
    zaak = gesloten_met_nazorg(zaak, medewerker)
    zaak_heropenen(zaak=zaak, door=medewerker, versie=zaak.versie, reden="Belde zelf terug")
    assert nazorg_starten(vandaag=dt.date(2026, 12, 17)) == []
    assert vers(zaak).fase == F.IN_BEHANDELING


# --- co-workers ----------------------------------------------------------------------------


def _behandelaar_worden(zaak, medewerker):
    Vroegsignaalzaak.objects.filter(pk=zaak.pk).update(behandelaar=medewerker)
    zaak.refresh_from_db()


def test_co_workers_are_set_with_a_history_row(zaak, users, medewerker):
    _behandelaar_worden(zaak, medewerker)
    collega = users["externe_uitvoerder"]
    medebehandelaars_wijzigen(
        zaak=zaak, door=medewerker, versie=1, gebruikers=[collega, users["coordinator"]]
    )
    zaak = vers(zaak)
    assert set(zaak.medebehandelaars.all()) == {collega, users["coordinator"]}
    assert zaak.versie == 2
    rij = laatste(zaak)
    assert rij.actie == "medebehandelaars" and rij.fase_van == rij.fase_naar == F.NIEUW
    assert collega.get_full_name() in rij.toelichting
    assert audit(zaak).get().omschrijving == "Medebehandelaars gewijzigd"
    zonder_persoonsgegevens(zaak, collega.last_name)

    medebehandelaars_wijzigen(
        zaak=zaak, door=medewerker, versie=2, gebruikers=[collega, users["coordinator"]]
    )
    assert vers(zaak).versie == 2  # nothing changed: no new version, no history
    medebehandelaars_wijzigen(zaak=zaak, door=medewerker, versie=2, gebruikers=[])
    assert not vers(zaak).medebehandelaars.exists()
    assert laatste(zaak).toelichting == "Medebehandelaars: niemand."


def test_the_handler_is_not_also_a_co_worker(zaak, medewerker):
    zaak.behandelaar = medewerker
    zaak.save()
    medebehandelaars_wijzigen(zaak=zaak, door=medewerker, versie=1, gebruikers=[medewerker])
    assert not vers(zaak).medebehandelaars.exists()


@pytest.mark.parametrize("wie", ["vroegsignaleerder_b", "partnergebruiker", "auditor"])
def test_co_workers_must_handle_cases_of_the_municipality(zaak, users, medewerker, wie):
    _behandelaar_worden(zaak, medewerker)
    with pytest.raises(ValidatieFout, match="werkt niet aan zaken van deze gemeente"):
        medebehandelaars_wijzigen(zaak=zaak, door=medewerker, versie=1, gebruikers=[users[wie]])
    assert not vers(zaak).medebehandelaars.exists() and zaak.versie == 1


def test_a_co_worker_limited_to_another_municipality_of_the_organisation_is_refused(
    zaak, tenant_a, medewerker
):
    from signaalroute.gemeenten.tests.factories import GemeenteFactory

    buur = GemeenteFactory(uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie)
    beperkt = UserFactory(
        rol=Rol.VROEGSIGNALEERDER, uitvoeringsorganisatie=tenant_a.uitvoeringsorganisatie
    )
    beperkt.gemeenten.add(buur)
    _behandelaar_worden(zaak, medewerker)
    with pytest.raises(ValidatieFout):
        medebehandelaars_wijzigen(zaak=zaak, door=medewerker, versie=1, gebruikers=[beperkt])


def test_only_the_coordinator_or_the_handler_changes_the_co_workers(zaak, users, medewerker):
    with pytest.raises(GeenToegang):
        medebehandelaars_wijzigen(
            zaak=zaak, door=medewerker, versie=1, gebruikers=[users["coordinator"]]
        )
    medebehandelaars_wijzigen(
        zaak=zaak, door=users["coordinator"], versie=1, gebruikers=[medewerker]
    )
    assert list(vers(zaak).medebehandelaars.all()) == [medewerker]


# --- two workers at once -------------------------------------------------------------------


def test_the_second_of_two_workers_on_the_same_version_gets_a_conflict(zaak, users):
    eerste, tweede = users["vroegsignaleerder"], users["coordinator"]
    scherm_1 = Vroegsignaalzaak.objects.get(pk=zaak.pk)
    scherm_2 = Vroegsignaalzaak.objects.get(pk=zaak.pk)
    assert scherm_1.versie == scherm_2.versie == 1

    contactpoging_registreren(
        zaak=scherm_1,
        door=eerste,
        versie=scherm_1.versie,
        gegevens=Pogingsgegevens(soort=C.TELEFOON, datum=VANDAAG, bereikt=True),
    )
    with pytest.raises(Conflict) as exc:
        contactpoging_registreren(
            zaak=scherm_2,
            door=tweede,
            versie=scherm_2.versie,
            gegevens=Pogingsgegevens(
                soort=C.HUISBEZOEK, datum=VANDAAG, bereikt=False, notitie="Niet thuis"
            ),
        )
    assert not isinstance(exc.value, OngeldigeOvergang)
    assert eerste.get_full_name() in str(exc.value)
    assert "niet opgeslagen" in str(exc.value)
    with pytest.raises(Conflict):
        zaak_afsluiten(zaak=scherm_2, door=tweede, versie=1, eindresultaat=E.OVERLEDEN)

    zaak = vers(zaak)
    assert zaak.versie == 2 and zaak.fase == F.IN_BEHANDELING and zaak.eindresultaat == ""
    assert list(zaak.contactpogingen.values_list("soort", "geregistreerd_door")) == [
        (C.TELEFOON, eerste.pk)
    ]
    assert list(zaak.historie.values_list("door", flat=True)) == [eerste.pk]
    assert list(audit(zaak).values_list("gebruiker", flat=True)) == [eerste.pk]
    assert statussen(zaak) == {S.OPGEPAKT}
    assert not Signaalstatuswijziging.objects.filter(door=tweede).exists()


def test_a_stale_version_is_refused_by_every_service(zaak, users, medewerker):
    zaak_oppakken(zaak=zaak, door=medewerker, versie=1)
    oud = 1
    pogingsgegevens = Pogingsgegevens(soort=C.TELEFOON, datum=VANDAAG, bereikt=True)
    aanroepen = [
        lambda: zaak_oppakken(zaak=zaak, door=medewerker, versie=oud),
        lambda: contactpoging_registreren(
            zaak=zaak, door=medewerker, versie=oud, gegevens=pogingsgegevens
        ),
        lambda: zaak_afsluiten(zaak=zaak, door=medewerker, versie=oud, eindresultaat=E.OVERLEDEN),
        lambda: overdracht_registreren(
            zaak=zaak, door=medewerker, versie=oud, gegevens=overdracht()
        ),
        lambda: medebehandelaars_wijzigen(
            zaak=zaak, door=medewerker, versie=oud, gebruikers=[users["coordinator"]]
        ),
    ]
    for aanroep in aanroepen:
        with pytest.raises(Conflict, match="intussen gewijzigd"):
            aanroep()
    zaak = vers(zaak)
    assert zaak.versie == 2 and zaak.historie.count() == 1
    assert not zaak.contactpogingen.exists() and not zaak.overdrachten.exists()


def test_system_jobs_skip_the_version_check(zaak):
    assert zaak_vergrendelen(zaak, None).pk == zaak.pk


def test_assigning_cases_bumps_the_version_so_an_open_form_gets_a_conflict(zaak, users):
    gezien = Vroegsignaalzaak.objects.get(pk=zaak.pk)
    assert (
        zaken_toewijzen(zaken=[zaak], behandelaar=users["coordinator"], door=users["coordinator"])
        == 1
    )
    zaak = vers(zaak)
    assert zaak.versie == 2 and zaak.behandelaar == users["coordinator"]
    with pytest.raises(Conflict):
        zaak_oppakken(zaak=gezien, door=users["vroegsignaleerder"], versie=gezien.versie)
    assert vers(zaak).behandelaar == users["coordinator"]
    # Assigning to the same handler changes nothing and keeps the version.
    assert (
        zaken_toewijzen(zaken=[zaak], behandelaar=users["coordinator"], door=users["coordinator"])
        == 0
    )
    assert vers(zaak).versie == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_saving_at_the_same_moment_cannot_both_win(tenant_a, users):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    zaak = VroegsignaalzaakFactory(gemeente=tenant_a)
    start = threading.Barrier(2)
    uitkomsten = []

    def werk(gebruiker):
        from django.db import connection as eigen

        try:
            start.wait()
            zaak_oppakken(zaak=zaak, door=gebruiker, versie=1)
            uitkomsten.append("opgeslagen")
        except Conflict:
            uitkomsten.append("conflict")
        finally:
            eigen.close()

    draden = [
        threading.Thread(target=werk, args=(users[rol],))
        for rol in ("vroegsignaleerder", "coordinator")
    ]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert sorted(uitkomsten) == ["conflict", "opgeslagen"]
    zaak = vers(zaak)
    assert zaak.versie == 2 and zaak.historie.count() == 1


# --- append-only history -------------------------------------------------------------------


def test_history_rows_are_append_only(zaak, medewerker):
    zaak_oppakken(zaak=zaak, door=medewerker, versie=1)
    rij = laatste(zaak)
    rij.toelichting = "Anders"
    with pytest.raises(AppendOnlyError):
        rij.save()
    with pytest.raises(AppendOnlyError):
        rij.delete()
    assert laatste(zaak).toelichting == "Zaak opgepakt."


def test_an_attempt_on_behalf_of_the_system_keeps_the_handler_and_the_planned_follow_up(
    zaak, users, medewerker
):
    """A letter run or a callcenter import records an attempt: the coordinator who ran it does
    not become the handler, and the worker's planned next step stays."""
    Vroegsignaalzaak.objects.filter(pk=zaak.pk).update(
        behandelaar=medewerker, vervolg_op=dt.date(2026, 11, 9), vervolgactie="Opnieuw bellen"
    )
    contactpoging_registreren(
        zaak=vers(zaak),
        door=users["coordinator"],
        versie=None,
        gegevens=Pogingsgegevens(soort=C.BRIEF, datum=dt.date(2026, 11, 5), bereikt=False),
        namens_systeem=True,
    )
    zaak = vers(zaak)
    assert zaak.behandelaar == medewerker
    assert (zaak.vervolg_op, zaak.vervolgactie) == (dt.date(2026, 11, 9), "Opnieuw bellen")
    assert zaak.datum_opgepakt == dt.date(2026, 11, 5)
