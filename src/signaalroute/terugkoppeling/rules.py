"""Pure: the coarse feedback code of a signal from its DDAS status and its case's result. The
one place that decides what a partner may learn (BRIEF §6)."""

from __future__ import annotations

from signaalroute.vroegsignaalzaken.constants import Eindresultaat as E
from signaalroute.vroegsignaalzaken.constants import Signaalstatus as S
from signaalroute.vroegsignaalzaken.constants import Zaakfase as F

from .constants import Terugkoppelcode as T
from .constants import Terugkoppelmoment as M

STATUSCODE = {
    S.NOG_NIET_OPGEPAKT: T.ONTVANGEN,
    S.OPGEPAKT: T.OPGEPAKT,
    S.NIET_OPGEPAKT_ONTERECHT: T.NIET_OPGEPAKT_ONTERECHT,
    S.NIET_OPGEPAKT_HERHAALD: T.NIET_OPGEPAKT_HERHAALD,
    S.NIET_OPGEPAKT_ANDERE_REDEN: T.NIET_OPGEPAKT,  # the reason is never revealed
    S.OVERLEDEN: T.OVERLEDEN,
    S.GEEN_INWONER: T.GEEN_INWONER,
    S.BEKEND_BIJ_SHV: T.BEKEND_BIJ_SHV,
}
RESULTAATCODE = {
    E.NIET_OPGEPAKT_ONTERECHT: T.NIET_OPGEPAKT_ONTERECHT,
    E.NIET_OPGEPAKT_HERHAALD: T.NIET_OPGEPAKT_HERHAALD,
    E.NIET_OPGEPAKT_ANDERE_REDEN: T.NIET_OPGEPAKT,
    E.OVERLEDEN: T.OVERLEDEN,
    E.GEEN_INWONER: T.GEEN_INWONER,
    E.BEKEND_BIJ_SHV: T.BEKEND_BIJ_SHV,
    E.GEEN_CONTACT: T.NIET_BEREIKT_GEEN_HULP,
    E.GEEN_REACTIE: T.NIET_BEREIKT_GEEN_HULP,
    E.HOEFT_GEEN_HULP: T.NIET_BEREIKT_GEEN_HULP,
    E.ZELF_BETAALD: T.NIET_BEREIKT_GEEN_HULP,
    E.QUICK_FIX: T.HULP_GEACCEPTEERD,
    E.VERVOLGHULP: T.HULP_GEACCEPTEERD,
    E.VERVOLGHULP_FINANCIEEL: T.HULP_GEACCEPTEERD,
    E.VERVOLGHULP_NIET_FINANCIEEL: T.HULP_GEACCEPTEERD,
    # Another trajectory or a referral without the resident: that is the content of help.
    E.ANDER_TRAJECT: T.AFGESLOTEN,
    E.VERWIJZING_ZONDER_INWONER: T.AFGESLOTEN,
}
# Codes that end the feedback for a signal.
EINDCODES = frozenset(RESULTAATCODE.values()) | {
    T.NIET_OPGEPAKT_ONTERECHT,
    T.NIET_OPGEPAKT_HERHAALD,
}


def terugkoppelcode(signaalstatus: str, fase: str = "", eindresultaat: str = "") -> str:
    """The code a partner sees for a signal: the case result once the case is closed (or in
    after-care), else the signal's status."""
    if eindresultaat and fase in (F.AFGESLOTEN, F.NAZORG):
        return RESULTAATCODE.get(eindresultaat, T.AFGESLOTEN)
    return STATUSCODE.get(signaalstatus, T.ONTVANGEN)


def moment_van(code: str, vorige: str, *, in_zaak: bool) -> str:
    """Why a change of code is fed back now: picked up (again), help accepted, the case
    closed, or a check decided before any case existed."""
    if code == T.OPGEPAKT:
        return M.HEROPEND if vorige in EINDCODES else M.OPGEPAKT
    if code == T.HULP_GEACCEPTEERD:
        return M.HULP_GEACCEPTEERD
    return M.AFGESLOTEN if in_zaak else M.CONTROLE
