"""Deadline profiles: by when the first contact must be made (BRIEF §4). A threatening
situation: within 3 working days (Dutch public holidays); otherwise interim feedback within 14
days is common practice. An unknown profile counts as the standard one."""

from __future__ import annotations

import datetime

from signaalroute.core.werkdagen import werkdagen_optellen

from .uitkomsten import TERMIJNPROFIEL_CRISIS, TERMIJNPROFIEL_STANDAARD

# profile -> (working days, calendar days) until the first contact
TERMIJNEN = {
    TERMIJNPROFIEL_CRISIS: (3, 0),
    TERMIJNPROFIEL_STANDAARD: (0, 14),
}


def eerste_contact_uiterlijk(profiel: str, vanaf: datetime.date) -> datetime.date:
    werkdagen, dagen = TERMIJNEN.get(profiel, TERMIJNEN[TERMIJNPROFIEL_STANDAARD])
    if werkdagen:
        return werkdagen_optellen(vanaf, werkdagen)
    return vanaf + datetime.timedelta(days=dagen)
