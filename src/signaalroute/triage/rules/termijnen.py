"""Deadline profiles: by when the first contact must be made (BRIEF §4). The profile "crisis"
(a threatening situation) counts the municipality's crisis deadline in working days; every
other profile the standard first-contact deadline. The deadlines themselves are the
municipality's (`vroegsignaalzaken.rules.Termijnregels`)."""

from __future__ import annotations

import datetime

from signaalroute.vroegsignaalzaken.rules import STANDAARDTERMIJNEN, Termijnregels

from .uitkomsten import TERMIJNPROFIEL_CRISIS


def eerste_contact_uiterlijk(
    profiel: str, vanaf: datetime.date, regels: Termijnregels = STANDAARDTERMIJNEN
) -> datetime.date:
    return regels.eerste_contact_uiterlijk(vanaf, crisis=profiel == TERMIJNPROFIEL_CRISIS)
