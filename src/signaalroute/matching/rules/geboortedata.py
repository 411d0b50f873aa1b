"""Birth dates: placeholders, incomplete BRP dates, swapped day and month, typos."""

from __future__ import annotations

import datetime
from functools import lru_cache

from .. import constants as c
from .typen import Deeluitkomst, Geboortedatum


def is_opvulwaarde(datum: Geboortedatum) -> bool:
    """True for a known placeholder (01-01-1900, 01-01-1970, 01-01-2000, ...)."""
    if datum.jaar is None or datum.maand is None or datum.dag is None:
        return False
    try:
        return datetime.date(datum.jaar, datum.maand, datum.dag) in c.OPVULDATA
    except ValueError:
        return False


@lru_cache(maxsize=65536)
def _cijfers(datum: Geboortedatum) -> str:
    return f"{datum.dag:02d}{datum.maand:02d}{datum.jaar:04d}"


@lru_cache(maxsize=65536)
def _paar(signaal: Geboortedatum, bewoner: Geboortedatum) -> str:
    return f"{signaal}/{bewoner}"


def _een_cijfer_anders(a: str, b: str) -> bool:
    """True if two DDMMYYYY strings differ in one digit, or in two adjacent digits swapped
    within the same part (`12`/`21`, `1985`/`1958`)."""
    verschil = [i for i in range(8) if a[i] != b[i]]
    if len(verschil) == 1:
        return True
    if len(verschil) == 2:
        i, j = verschil
        zelfde_deel = (i < 2 and j < 2) or (2 <= i < 4 and 2 <= j < 4) or (i >= 4 and j >= 4)
        return j == i + 1 and zelfde_deel and a[i] == b[j] and a[j] == b[i]
    return False


def geboortedata_vergelijken(
    signaal: Geboortedatum, opvulwaarde: bool, bewoner: Geboortedatum
) -> Deeluitkomst:
    """The signal's birth date against the resident's. `opvulwaarde`: the intake flagged the
    signal's date as a placeholder."""
    if signaal.onbekend:
        return Deeluitkomst("geen", 0.0, "Geen geboortedatum in het signaal")
    if opvulwaarde or is_opvulwaarde(signaal):
        return Deeluitkomst(
            "opvulwaarde", 0.0, f"Geboortedatum {signaal} is een opvulwaarde; niet gebruikt"
        )
    if bewoner.onbekend:
        return Deeluitkomst(
            "bewoner_onbekend", 0.0, "Geboortedatum van de bewoner onbekend in de BRP"
        )
    if signaal == bewoner and signaal.volledig:
        return Deeluitkomst(
            "gelijk", c.PUNTEN_GEBOORTEDATUM_GELIJK, f"Geboortedatum gelijk ({signaal})"
        )
    paar = _paar(signaal, bewoner)
    if signaal.volledig and bewoner.volledig:
        if (
            signaal.jaar == bewoner.jaar
            and signaal.dag == bewoner.maand
            and signaal.maand == bewoner.dag
        ):
            return Deeluitkomst(
                "dag_maand_verwisseld",
                c.PUNTEN_GEBOORTEDATUM_DAG_MAAND_VERWISSELD,
                f"Geboortedatum gelijk met dag en maand verwisseld ({paar})",
            )
        if _een_cijfer_anders(_cijfers(signaal), _cijfers(bewoner)):
            return Deeluitkomst(
                "een_cijfer",
                c.PUNTEN_GEBOORTEDATUM_EEN_CIJFER,
                f"Geboortedatum wijkt één cijfer af, mogelijk een tikfout ({paar})",
            )
        if signaal.jaar == bewoner.jaar and (signaal.dag, signaal.maand) in c.OPVUL_DAG_MAAND:
            return Deeluitkomst(
                "jaar",
                c.PUNTEN_GEBOORTEDATUM_JAAR,
                f"Alleen het geboortejaar komt overeen; {signaal.dag:02d}-{signaal.maand:02d} is "
                f"vermoedelijk een opvulling ({paar})",
            )
        if signaal.jaar == bewoner.jaar:
            return Deeluitkomst(
                "zelfde_jaar",
                c.PUNTEN_GEBOORTEDATUM_ZELFDE_JAAR,
                f"Geboortedatum verschilt, wel hetzelfde jaar ({paar})",
            )
        return Deeluitkomst(
            "verschillend", c.PUNTEN_GEBOORTEDATUM_VERSCHILLEND, f"Geboortedatum verschilt ({paar})"
        )
    # At least one date is incomplete (00-00-1985, 00-05-1985): compare the known parts.
    onvolledig = "in de BRP" if not bewoner.volledig else "in het signaal"
    if signaal.jaar != bewoner.jaar:
        return Deeluitkomst(
            "verschillend", c.PUNTEN_GEBOORTEDATUM_VERSCHILLEND, f"Geboortejaar verschilt ({paar})"
        )
    maand_bekend = signaal.maand is not None and bewoner.maand is not None
    if maand_bekend and signaal.maand != bewoner.maand:
        if (signaal.dag, signaal.maand) in c.OPVUL_DAG_MAAND or (
            bewoner.dag,
            bewoner.maand,
        ) in c.OPVUL_DAG_MAAND:
            maand_bekend = False  # 01-07-yyyy against 00-05-yyyy: only the year counts
        else:
            return Deeluitkomst(
                "zelfde_jaar",
                c.PUNTEN_GEBOORTEDATUM_ZELFDE_JAAR,
                f"Geboortemaand verschilt, wel hetzelfde jaar ({paar})",
            )
    if maand_bekend:
        return Deeluitkomst(
            "jaar_maand",
            c.PUNTEN_GEBOORTEDATUM_JAAR_MAAND,
            f"Geboortedatum {onvolledig} is onvolledig; jaar en maand komen overeen ({paar})",
        )
    return Deeluitkomst(
        "jaar",
        c.PUNTEN_GEBOORTEDATUM_JAAR,
        f"Geboortedatum {onvolledig} is onvolledig; het jaar komt overeen ({paar})",
    )


def minderjarige_leeftijd(datum: Geboortedatum, peildatum: datetime.date) -> int | None:
    """The age on `peildatum` if the person was certainly younger than 18 then (for an
    incomplete date, even if born on its earliest possible day), else None."""
    if datum.jaar is None:
        return None
    vroegst = (datum.jaar, datum.maand or 1, datum.dag or 1)
    leeftijd = peildatum.year - vroegst[0] - ((peildatum.month, peildatum.day) < vroegst[1:])
    return leeftijd if 0 <= leeftijd < c.MEERDERJARIG else None
