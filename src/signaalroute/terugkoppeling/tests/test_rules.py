"""What a partner may learn: every status and every result maps to one coarse code, and the
reason behind "andere reden" is never revealed (BRIEF §6). No database."""

import pytest

from signaalroute.terugkoppeling.constants import Terugkoppelcode as T
from signaalroute.terugkoppeling.constants import Terugkoppelmoment as M
from signaalroute.terugkoppeling.rules import (
    RESULTAATCODE,
    STATUSCODE,
    moment_van,
    terugkoppelcode,
)
from signaalroute.vroegsignaalzaken.constants import Eindresultaat as E
from signaalroute.vroegsignaalzaken.constants import Signaalstatus as S
from signaalroute.vroegsignaalzaken.constants import Zaakfase as F


def test_every_signal_status_and_every_result_has_a_code():
    assert set(STATUSCODE) == set(S)
    assert set(RESULTAATCODE) == set(E)


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (S.NOG_NIET_OPGEPAKT, T.ONTVANGEN),
        (S.OPGEPAKT, T.OPGEPAKT),
        (S.NIET_OPGEPAKT_ONTERECHT, T.NIET_OPGEPAKT_ONTERECHT),
        (S.NIET_OPGEPAKT_HERHAALD, T.NIET_OPGEPAKT_HERHAALD),
        (S.NIET_OPGEPAKT_ANDERE_REDEN, T.NIET_OPGEPAKT),
        (S.OVERLEDEN, T.OVERLEDEN),
        (S.GEEN_INWONER, T.GEEN_INWONER),
        (S.BEKEND_BIJ_SHV, T.BEKEND_BIJ_SHV),
    ],
)
def test_signal_without_closed_case_reports_its_status(status, code):
    assert terugkoppelcode(status) == code
    assert terugkoppelcode(status, F.IN_BEHANDELING, "") == code


def test_other_reason_is_never_revealed():
    assert terugkoppelcode(S.NIET_OPGEPAKT_ANDERE_REDEN) == T.NIET_OPGEPAKT
    assert (
        terugkoppelcode(S.OPGEPAKT, F.AFGESLOTEN, E.NIET_OPGEPAKT_ANDERE_REDEN) == T.NIET_OPGEPAKT
    )
    assert "andere" not in str(T.NIET_OPGEPAKT.label).lower()


@pytest.mark.parametrize(
    "resultaat", [E.QUICK_FIX, E.VERVOLGHULP_FINANCIEEL, E.VERVOLGHULP_NIET_FINANCIEEL]
)
def test_help_accepted_never_tells_which_help(resultaat):
    assert terugkoppelcode(S.OPGEPAKT, F.AFGESLOTEN, resultaat) == T.HULP_GEACCEPTEERD


@pytest.mark.parametrize(
    "resultaat", [E.GEEN_CONTACT, E.GEEN_REACTIE, E.HOEFT_GEEN_HULP, E.ZELF_BETAALD]
)
def test_not_reached_and_no_help_wanted_share_one_code(resultaat):
    assert terugkoppelcode(S.OPGEPAKT, F.AFGESLOTEN, resultaat) == T.NIET_BEREIKT_GEEN_HULP


def test_other_trajectory_and_referral_without_resident_only_say_closed():
    assert terugkoppelcode(S.OPGEPAKT, F.AFGESLOTEN, E.ANDER_TRAJECT) == T.AFGESLOTEN
    assert terugkoppelcode(S.OPGEPAKT, F.AFGESLOTEN, E.VERWIJZING_ZONDER_INWONER) == T.AFGESLOTEN


def test_result_counts_in_after_care_but_not_while_reopened():
    assert terugkoppelcode(S.OPGEPAKT, F.NAZORG, E.HOEFT_GEEN_HULP) == T.NIET_BEREIKT_GEEN_HULP
    assert terugkoppelcode(S.OPGEPAKT, F.IN_BEHANDELING, E.HOEFT_GEEN_HULP) == T.OPGEPAKT


def test_moments():
    assert moment_van(T.OPGEPAKT, T.ONTVANGEN, in_zaak=True) == M.OPGEPAKT
    assert moment_van(T.OPGEPAKT, T.NIET_BEREIKT_GEEN_HULP, in_zaak=True) == M.HEROPEND
    assert moment_van(T.HULP_GEACCEPTEERD, T.OPGEPAKT, in_zaak=True) == M.HULP_GEACCEPTEERD
    assert moment_van(T.NIET_BEREIKT_GEEN_HULP, T.OPGEPAKT, in_zaak=True) == M.AFGESLOTEN
    assert moment_van(T.NIET_OPGEPAKT_HERHAALD, T.ONTVANGEN, in_zaak=False) == M.CONTROLE
