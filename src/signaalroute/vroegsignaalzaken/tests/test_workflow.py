"""The case lifecycle table and the rules for a case's result (no database)."""

import itertools

import pytest

from signaalroute.core.exceptions import Conflict, OngeldigeOvergang
from signaalroute.vroegsignaalzaken import workflow
from signaalroute.vroegsignaalzaken.constants import Eindresultaat as E
from signaalroute.vroegsignaalzaken.constants import Hulpstap as H
from signaalroute.vroegsignaalzaken.constants import Signaalstatus as S
from signaalroute.vroegsignaalzaken.constants import Zaakfase as F
from signaalroute.vroegsignaalzaken.workflow import Afsluiting
from signaalroute.vroegsignaalzaken.workflow import Zaakactie as A

# (phase, action) -> (next phase, next phase once the household was ever reached).
# Written out by hand on purpose: a change to the table must be a change to this test too.
VERWACHT = {
    (F.NIEUW, A.OPPAKKEN): (F.IN_BEHANDELING, F.IN_BEHANDELING),
    (F.NIEUW, A.CONTACT_BEREIKT): (F.IN_BEHANDELING, F.IN_BEHANDELING),
    (F.NIEUW, A.CONTACT_NIET_BEREIKT): (F.NIEUWE_POGING, F.IN_BEHANDELING),
    (F.NIEUW, A.AFSLUITEN): (F.AFGESLOTEN, F.AFGESLOTEN),
    (F.IN_BEHANDELING, A.CONTACT_BEREIKT): (F.IN_BEHANDELING, F.IN_BEHANDELING),
    (F.IN_BEHANDELING, A.CONTACT_NIET_BEREIKT): (F.NIEUWE_POGING, F.IN_BEHANDELING),
    (F.IN_BEHANDELING, A.AFSLUITEN): (F.AFGESLOTEN, F.AFGESLOTEN),
    (F.NIEUWE_POGING, A.CONTACT_BEREIKT): (F.IN_BEHANDELING, F.IN_BEHANDELING),
    (F.NIEUWE_POGING, A.CONTACT_NIET_BEREIKT): (F.NIEUWE_POGING, F.IN_BEHANDELING),
    (F.NIEUWE_POGING, A.AFSLUITEN): (F.AFGESLOTEN, F.AFGESLOTEN),
    (F.NAZORG, A.CONTACT_BEREIKT): (F.NAZORG, F.NAZORG),
    (F.NAZORG, A.CONTACT_NIET_BEREIKT): (F.NAZORG, F.NAZORG),
    (F.NAZORG, A.HEROPENEN): (F.IN_BEHANDELING, F.IN_BEHANDELING),
    (F.NAZORG, A.NAZORG_AFRONDEN): (F.AFGESLOTEN, F.AFGESLOTEN),
    (F.AFGESLOTEN, A.HEROPENEN): (F.IN_BEHANDELING, F.IN_BEHANDELING),
    (F.AFGESLOTEN, A.NAZORG_STARTEN): (F.NAZORG, F.NAZORG),
}
ALLE_PAREN = list(itertools.product(F.values, A.values))
TOEGESTAAN = [p for p in ALLE_PAREN if p in VERWACHT]
GEWEIGERD = [p for p in ALLE_PAREN if p not in VERWACHT]


def test_the_expected_table_only_names_existing_phases_and_actions():
    assert set(VERWACHT) <= set(ALLE_PAREN)
    assert len(ALLE_PAREN) == len(F) * len(A)


def test_the_transition_table_is_exactly_the_expected_table():
    assert dict(workflow.OVERGANGEN) == {k: zonder for k, (zonder, _ooit) in VERWACHT.items()}


@pytest.mark.parametrize(("fase", "actie"), TOEGESTAAN)
def test_an_allowed_transition_leads_to_the_expected_phase(fase, actie):
    assert workflow.volgende_fase(fase, actie) == VERWACHT[fase, actie][0]


@pytest.mark.parametrize(("fase", "actie"), TOEGESTAAN)
def test_once_reached_a_failed_attempt_keeps_the_case_in_progress(fase, actie):
    assert workflow.volgende_fase(fase, actie, ooit_bereikt=True) == VERWACHT[fase, actie][1]


@pytest.mark.parametrize(("fase", "actie"), GEWEIGERD)
@pytest.mark.parametrize("ooit_bereikt", [False, True])
def test_every_other_transition_is_refused(fase, actie, ooit_bereikt):
    with pytest.raises(OngeldigeOvergang):
        workflow.volgende_fase(fase, actie, ooit_bereikt=ooit_bereikt)


def test_a_refused_transition_is_a_conflict_with_a_dutch_reason_per_phase():
    with pytest.raises(OngeldigeOvergang, match="heropen de zaak eerst") as afgesloten:
        workflow.volgende_fase(F.AFGESLOTEN, A.CONTACT_BEREIKT)
    assert isinstance(afgesloten.value, Conflict)
    with pytest.raises(OngeldigeOvergang, match="in nazorg"):
        workflow.volgende_fase(F.NAZORG, A.AFSLUITEN)
    with pytest.raises(OngeldigeOvergang, match="fase 'In behandeling'"):
        workflow.volgende_fase(F.IN_BEHANDELING, A.OPPAKKEN)
    with pytest.raises(OngeldigeOvergang, match="fase 'Nieuw'"):
        workflow.volgende_fase(F.NIEUW, A.NAZORG_AFRONDEN)


def test_an_unknown_action_is_refused():
    with pytest.raises(OngeldigeOvergang):
        workflow.volgende_fase(F.NIEUW, "verwijderen")


@pytest.mark.parametrize("fase", F.values)
def test_the_possible_actions_of_a_phase_are_the_allowed_ones(fase):
    assert workflow.mogelijke_acties(fase) == {a for (f, a) in VERWACHT if f == fase}


def test_a_closed_case_can_only_be_reopened_or_go_to_after_care():
    assert workflow.mogelijke_acties(F.AFGESLOTEN) == {A.HEROPENEN, A.NAZORG_STARTEN}


# --- help steps and results -------------------------------------------------------------

HULPSOORTEN = {E.QUICK_FIX, E.VERVOLGHULP_FINANCIEEL, E.VERVOLGHULP_NIET_FINANCIEEL}
VERWACHTE_STAPPEN = {
    H.BETALINGSREGELING: E.QUICK_FIX,
    H.BUDGETPLAN: E.QUICK_FIX,
    H.INKOMEN: E.QUICK_FIX,
    H.ADMINISTRATIE: E.QUICK_FIX,
    H.SCHULDHULP: E.VERVOLGHULP_FINANCIEEL,
    H.BEWIND: E.VERVOLGHULP_FINANCIEEL,
    H.FINANCIEEL_ANDERS: E.VERVOLGHULP_FINANCIEEL,
    H.NIET_FINANCIEEL: E.VERVOLGHULP_NIET_FINANCIEEL,
}


@pytest.mark.parametrize("stap", H.values)
def test_every_help_step_maps_to_exactly_one_kind_of_accepted_help(stap):
    assert workflow.HULPSTAP_RESULTAAT[stap] in HULPSOORTEN
    assert workflow.HULPSTAP_RESULTAAT[stap] == VERWACHTE_STAPPEN[stap]


def test_the_step_table_covers_all_steps_and_all_three_kinds_of_help():
    assert set(workflow.HULPSTAP_RESULTAAT) == set(H.values)
    assert workflow.HULP_GEACCEPTEERD == HULPSOORTEN


def test_referrals_are_the_steps_that_hand_over_to_another_service():
    assert {H.SCHULDHULP, H.BEWIND, H.NIET_FINANCIEEL} == workflow.VERWIJZINGEN


def test_accepted_help_and_the_generic_v12_result_are_not_chosen_directly():
    kiesbaar = set(workflow.KIESBARE_RESULTATEN)
    assert not kiesbaar & HULPSOORTEN
    assert E.VERVOLGHULP not in kiesbaar
    assert E.VERWIJZING_ZONDER_INWONER in kiesbaar
    assert kiesbaar | HULPSOORTEN | {E.VERVOLGHULP} == set(E.values)


@pytest.mark.parametrize("resultaat", E.values)
def test_signals_get_the_status_that_matches_the_result(resultaat):
    niet_opgepakt = {
        E.NIET_OPGEPAKT_ONTERECHT: S.NIET_OPGEPAKT_ONTERECHT,
        E.NIET_OPGEPAKT_HERHAALD: S.NIET_OPGEPAKT_HERHAALD,
        E.NIET_OPGEPAKT_ANDERE_REDEN: S.NIET_OPGEPAKT_ANDERE_REDEN,
        E.OVERLEDEN: S.OVERLEDEN,
        E.GEEN_INWONER: S.GEEN_INWONER,
        E.BEKEND_BIJ_SHV: S.BEKEND_BIJ_SHV,
    }
    assert workflow.signaalstatus_bij_resultaat(resultaat) == niet_opgepakt.get(
        resultaat, S.OPGEPAKT
    )


def test_a_step_gives_the_result_and_overrides_a_chosen_one():
    assert workflow.eindresultaat_bepalen(Afsluiting(hulpstap=H.BEWIND)) == (
        E.VERVOLGHULP_FINANCIEEL
    )
    gekozen = Afsluiting(eindresultaat=E.HOEFT_GEEN_HULP, hulpstap=H.BUDGETPLAN)
    assert workflow.eindresultaat_bepalen(gekozen) == E.QUICK_FIX
    assert workflow.eindresultaat_bepalen(Afsluiting(eindresultaat=E.OVERLEDEN)) == E.OVERLEDEN
    assert workflow.eindresultaat_bepalen(Afsluiting(hulpstap="toverstaf")) == ""


# --- what is wrong with a closing ---------------------------------------------------------

BEREIKT = {"aantal_pogingen": 1, "aantal_bereikt": 1}


@pytest.mark.parametrize(
    "afsluiting",
    [
        Afsluiting(eindresultaat=E.NIET_OPGEPAKT_ONTERECHT),
        Afsluiting(eindresultaat=E.NIET_OPGEPAKT_HERHAALD),
        Afsluiting(eindresultaat=E.NIET_OPGEPAKT_ANDERE_REDEN, reden_intern="Verhuisd"),
        Afsluiting(eindresultaat=E.OVERLEDEN),
        Afsluiting(eindresultaat=E.GEEN_INWONER),
        Afsluiting(eindresultaat=E.BEKEND_BIJ_SHV),
        Afsluiting(eindresultaat=E.ANDER_TRAJECT),
        Afsluiting(eindresultaat=E.GEEN_CONTACT, aantal_pogingen=3),
        Afsluiting(eindresultaat=E.GEEN_REACTIE, **BEREIKT),
        Afsluiting(eindresultaat=E.HOEFT_GEEN_HULP, nazorg=True, **BEREIKT),
        Afsluiting(eindresultaat=E.ZELF_BETAALD, **BEREIKT),
        Afsluiting(eindresultaat=E.VERWIJZING_ZONDER_INWONER, overdracht=True),
        Afsluiting(hulpstap=H.BETALINGSREGELING, nazorg=True, **BEREIKT),
        Afsluiting(hulpstap=H.FINANCIEEL_ANDERS, **BEREIKT),
        Afsluiting(hulpstap=H.SCHULDHULP, overdracht=True, **BEREIKT),
        Afsluiting(hulpstap=H.NIET_FINANCIEEL, overdracht=True, **BEREIKT),
    ],
)
def test_a_complete_closing_has_no_errors(afsluiting):
    assert workflow.afsluiting_fouten(afsluiting) == {}


def test_a_closing_needs_a_result():
    assert set(workflow.afsluiting_fouten(Afsluiting())) == {"eindresultaat"}
    assert "Kies een resultaat" in workflow.afsluiting_fouten(Afsluiting())["eindresultaat"]


def test_an_unknown_step_is_refused():
    fouten = workflow.afsluiting_fouten(Afsluiting(hulpstap="toverstaf", **BEREIKT))
    assert set(fouten) == {"hulpstap"}
    assert "Kies een van de genoemde stappen" in fouten["hulpstap"]


@pytest.mark.parametrize("resultaat", sorted(HULPSOORTEN))
def test_help_accepted_without_a_concrete_step_asks_for_the_step(resultaat):
    fouten = workflow.afsluiting_fouten(Afsluiting(eindresultaat=resultaat, **BEREIKT))
    assert set(fouten) == {"hulpstap"}
    assert "concrete stap" in fouten["hulpstap"]


@pytest.mark.parametrize("resultaat", [E.VERVOLGHULP, "onzin"])
def test_a_result_that_cannot_be_chosen_is_refused(resultaat):
    fouten = workflow.afsluiting_fouten(Afsluiting(eindresultaat=resultaat, **BEREIKT))
    assert set(fouten) == {"eindresultaat"}
    assert "kan niet gekozen worden" in fouten["eindresultaat"]


@pytest.mark.parametrize("reden", ["", "   "])
def test_another_reason_needs_the_internal_reason(reden):
    fouten = workflow.afsluiting_fouten(
        Afsluiting(eindresultaat=E.NIET_OPGEPAKT_ANDERE_REDEN, reden_intern=reden)
    )
    assert set(fouten) == {"reden_intern"}
    assert "de partner ziet die nooit" in fouten["reden_intern"]


@pytest.mark.parametrize(
    "afsluiting",
    [
        Afsluiting(eindresultaat=E.GEEN_REACTIE, aantal_pogingen=2),
        Afsluiting(eindresultaat=E.HOEFT_GEEN_HULP, aantal_pogingen=1),
        Afsluiting(eindresultaat=E.ZELF_BETAALD),
        Afsluiting(hulpstap=H.BUDGETPLAN, aantal_pogingen=3),
        Afsluiting(hulpstap=H.SCHULDHULP, overdracht=True),
    ],
)
def test_results_after_a_conversation_need_a_reached_attempt(afsluiting):
    fouten = workflow.afsluiting_fouten(afsluiting)
    assert set(fouten) == {"eindresultaat"}
    assert "registreer eerst het contact" in fouten["eindresultaat"]


def test_definitely_no_contact_needs_the_failed_attempts():
    fouten = workflow.afsluiting_fouten(Afsluiting(eindresultaat=E.GEEN_CONTACT))
    assert set(fouten) == {"eindresultaat"}
    assert "contactpogingen" in fouten["eindresultaat"]


@pytest.mark.parametrize(
    "afsluiting",
    [
        Afsluiting(hulpstap=H.SCHULDHULP, **BEREIKT),
        Afsluiting(hulpstap=H.BEWIND, **BEREIKT),
        Afsluiting(hulpstap=H.NIET_FINANCIEEL, **BEREIKT),
        Afsluiting(eindresultaat=E.VERWIJZING_ZONDER_INWONER),
    ],
)
def test_a_referral_needs_the_warm_hand_over(afsluiting):
    fouten = workflow.afsluiting_fouten(afsluiting)
    assert set(fouten) == {"overdracht"}
    assert "warme overdracht" in fouten["overdracht"]


@pytest.mark.parametrize("stap", [H.BETALINGSREGELING, H.BUDGETPLAN, H.FINANCIEEL_ANDERS])
def test_help_that_is_no_referral_needs_no_hand_over(stap):
    assert workflow.afsluiting_fouten(Afsluiting(hulpstap=stap, **BEREIKT)) == {}


@pytest.mark.parametrize("resultaat", sorted(workflow.ZONDER_NAZORG))
def test_after_care_is_refused_when_nobody_is_there_to_follow_up(resultaat):
    afsluiting = Afsluiting(
        eindresultaat=resultaat, reden_intern="Intern", overdracht=True, nazorg=True
    )
    assert workflow.afsluiting_fouten(afsluiting) == {
        "nazorg": "Bij dit resultaat is nazorg niet mogelijk."
    }


def test_results_without_after_care_are_the_unhandled_ones_and_referral_without_resident():
    assert set(workflow.NIET_OPGEPAKT) | {E.VERWIJZING_ZONDER_INWONER} == workflow.ZONDER_NAZORG


def test_several_errors_are_reported_together():
    fouten = workflow.afsluiting_fouten(
        Afsluiting(hulpstap=H.SCHULDHULP, nazorg=False, aantal_pogingen=1)
    )
    assert set(fouten) == {"eindresultaat", "overdracht"}
