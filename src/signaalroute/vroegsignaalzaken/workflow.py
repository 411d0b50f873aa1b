"""The case lifecycle in one transition table, and the rules for a case's result.

Pure: no ORM. `services.py` enforces this table in one place (`_overgang`); every allowed change
of phase is listed here, everything else is refused with `OngeldigeOvergang`.

Phases (`Zaakfase`): nieuw (not started) → in behandeling / nog geen contact, nieuwe poging
gepland → afgesloten (with a DDAS `Eindresultaat`) → optionally nazorg (a planned follow-up
contact, which ends in afgesloten again). A closed case can be reopened with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.exceptions import OngeldigeOvergang

from .constants import Eindresultaat as E
from .constants import Hulpstap as H
from .constants import Signaalstatus as S
from .constants import Zaakfase as F


class Zaakactie(models.TextChoices):
    OPPAKKEN = "oppakken", _("Oppakken")
    CONTACT_BEREIKT = "contact_bereikt", _("Contact gehad")
    CONTACT_NIET_BEREIKT = "contact_niet_bereikt", _("Geen contact")
    AFSLUITEN = "afsluiten", _("Afsluiten")
    HEROPENEN = "heropenen", _("Heropenen")
    NAZORG_STARTEN = "nazorg_starten", _("Nazorg starten")
    NAZORG_AFRONDEN = "nazorg_afronden", _("Nazorg afronden")


A = Zaakactie
OPEN = (F.NIEUW, F.IN_BEHANDELING, F.NIEUWE_POGING)

# (phase, action) -> next phase. A failed contact attempt leads to "nieuwe poging" only while
# the household has never been reached (see `volgende_fase`).
OVERGANGEN: dict[tuple[str, str], str] = {
    (F.NIEUW, A.OPPAKKEN): F.IN_BEHANDELING,
    (F.NIEUW, A.CONTACT_BEREIKT): F.IN_BEHANDELING,
    (F.NIEUW, A.CONTACT_NIET_BEREIKT): F.NIEUWE_POGING,
    (F.IN_BEHANDELING, A.CONTACT_BEREIKT): F.IN_BEHANDELING,
    (F.IN_BEHANDELING, A.CONTACT_NIET_BEREIKT): F.NIEUWE_POGING,
    (F.NIEUWE_POGING, A.CONTACT_BEREIKT): F.IN_BEHANDELING,
    (F.NIEUWE_POGING, A.CONTACT_NIET_BEREIKT): F.NIEUWE_POGING,
    (F.NAZORG, A.CONTACT_BEREIKT): F.NAZORG,
    (F.NAZORG, A.CONTACT_NIET_BEREIKT): F.NAZORG,
    **{(fase, A.AFSLUITEN): F.AFGESLOTEN for fase in OPEN},
    (F.AFGESLOTEN, A.HEROPENEN): F.IN_BEHANDELING,
    (F.NAZORG, A.HEROPENEN): F.IN_BEHANDELING,
    (F.AFGESLOTEN, A.NAZORG_STARTEN): F.NAZORG,
    (F.NAZORG, A.NAZORG_AFRONDEN): F.AFGESLOTEN,
}

_WEIGERINGEN = {
    F.AFGESLOTEN: _("De zaak is afgesloten; heropen de zaak eerst."),
    F.NAZORG: _("De zaak is in nazorg; rond de nazorg af of heropen de zaak."),
}


def volgende_fase(fase: str, actie: str, *, ooit_bereikt: bool = False) -> str:
    """The phase after `actie`, or `OngeldigeOvergang` with a Dutch reason."""
    naar = OVERGANGEN.get((fase, actie))
    if naar is None:
        raise OngeldigeOvergang(
            _WEIGERINGEN.get(fase)
            or _("Dit kan niet bij een zaak in fase '%(fase)s'.") % {"fase": F(fase).label}
        )
    if naar == F.NIEUWE_POGING and ooit_bereikt:
        return F.IN_BEHANDELING
    return naar


def mogelijke_acties(fase: str) -> frozenset[str]:
    return frozenset(actie for van, actie in OVERGANGEN if van == fase)


# --- results -----------------------------------------------------------------------------

# "Help accepted" is never chosen as such: the worker names the step, which gives the result.
HULPSTAP_RESULTAAT: dict[str, str] = {
    H.BETALINGSREGELING: E.QUICK_FIX,
    H.BUDGETPLAN: E.QUICK_FIX,
    H.INKOMEN: E.QUICK_FIX,
    H.ADMINISTRATIE: E.QUICK_FIX,
    H.SCHULDHULP: E.VERVOLGHULP_FINANCIEEL,
    H.BEWIND: E.VERVOLGHULP_FINANCIEEL,
    H.FINANCIEEL_ANDERS: E.VERVOLGHULP_FINANCIEEL,
    H.NIET_FINANCIEEL: E.VERVOLGHULP_NIET_FINANCIEEL,
}
HULP_GEACCEPTEERD = frozenset(HULPSTAP_RESULTAAT.values())
# Steps that hand the household over to another service: a referral record is required.
VERWIJZINGEN = frozenset({H.SCHULDHULP, H.BEWIND, H.NIET_FINANCIEEL})

# Results for which the case was not handled; the signals get the same DDAS status.
NIET_OPGEPAKT: dict[str, str] = {
    E.NIET_OPGEPAKT_ONTERECHT: S.NIET_OPGEPAKT_ONTERECHT,
    E.NIET_OPGEPAKT_HERHAALD: S.NIET_OPGEPAKT_HERHAALD,
    E.NIET_OPGEPAKT_ANDERE_REDEN: S.NIET_OPGEPAKT_ANDERE_REDEN,
    E.OVERLEDEN: S.OVERLEDEN,
    E.GEEN_INWONER: S.GEEN_INWONER,
    E.BEKEND_BIJ_SHV: S.BEKEND_BIJ_SHV,
}
# Results that presuppose a conversation with the household.
BEREIKT_VEREIST = frozenset({E.GEEN_REACTIE, E.HOEFT_GEEN_HULP, E.ZELF_BETAALD} | HULP_GEACCEPTEERD)
# The results a worker chooses from when closing ("help accepted" is chosen through a step;
# the generic v1.2 "Vervolghulp en/of verwijzing" is never chosen: it hides the difference).
KIESBARE_RESULTATEN = tuple(r for r in E if r not in HULP_GEACCEPTEERD and r != E.VERVOLGHULP)
# After-care makes no sense when nobody is there to follow up.
ZONDER_NAZORG = frozenset(NIET_OPGEPAKT) | {E.VERWIJZING_ZONDER_INWONER}
# Suggested after-care: reached, but no (lasting) help; the study shows they often fall back.
NAZORG_AANBEVOLEN = frozenset({E.HOEFT_GEEN_HULP, E.ZELF_BETAALD, E.QUICK_FIX, E.GEEN_REACTIE})


@dataclass(frozen=True)
class Afsluiting:
    """What the worker enters to close a case, and what the case already has."""

    eindresultaat: str = ""
    hulpstap: str = ""
    reden_intern: str = ""
    aantal_pogingen: int = 0
    aantal_bereikt: int = 0
    overdracht: bool = False
    nazorg: bool = False


def eindresultaat_bepalen(afsluiting: Afsluiting) -> str:
    """The DDAS result for a closing, or `ValidatieFout`-style messages via `afsluiting_fouten`."""
    if afsluiting.hulpstap:
        return HULPSTAP_RESULTAAT.get(afsluiting.hulpstap, "")
    return afsluiting.eindresultaat


def afsluiting_fouten(afsluiting: Afsluiting) -> dict[str, str]:
    """Field -> Dutch message for everything that is wrong with a closing (empty: fine)."""
    fouten: dict[str, str] = {}
    resultaat = eindresultaat_bepalen(afsluiting)
    if afsluiting.hulpstap and afsluiting.hulpstap not in HULPSTAP_RESULTAAT:
        fouten["hulpstap"] = str(_("Kies een van de genoemde stappen."))
    elif not resultaat:
        fouten["eindresultaat"] = str(_("Kies een resultaat."))
    elif resultaat in HULP_GEACCEPTEERD and not afsluiting.hulpstap:
        fouten["hulpstap"] = str(
            _("Hulp geaccepteerd: noem de concrete stap (regeling, verwijzing, budgetplan ...).")
        )
    elif resultaat not in KIESBARE_RESULTATEN and resultaat not in HULP_GEACCEPTEERD:
        fouten["eindresultaat"] = str(_("Dit resultaat kan niet gekozen worden."))
    if resultaat == E.NIET_OPGEPAKT_ANDERE_REDEN and not afsluiting.reden_intern.strip():
        fouten["reden_intern"] = str(_("Geef de reden (alleen intern; de partner ziet die nooit)."))
    if resultaat in BEREIKT_VEREIST and not afsluiting.aantal_bereikt:
        fouten["eindresultaat"] = str(
            _("Dit resultaat vraagt contact met het huishouden: registreer eerst het contact.")
        )
    if resultaat == E.GEEN_CONTACT and afsluiting.aantal_pogingen == 0:
        fouten["eindresultaat"] = str(
            _("Registreer eerst de contactpogingen die geen contact opleverden.")
        )
    verwijzing = afsluiting.hulpstap in VERWIJZINGEN or resultaat == E.VERWIJZING_ZONDER_INWONER
    if verwijzing and not afsluiting.overdracht:
        fouten["overdracht"] = str(
            _("Leg de warme overdracht vast: aan wie, wanneer en wat is afgesproken.")
        )
    if afsluiting.nazorg and resultaat in ZONDER_NAZORG:
        fouten["nazorg"] = str(_("Bij dit resultaat is nazorg niet mogelijk."))
    return fouten


def signaalstatus_bij_resultaat(eindresultaat: str) -> str:
    """The DDAS status the case's signals get when the case closes with `eindresultaat`."""
    return NIET_OPGEPAKT.get(eindresultaat, S.OPGEPAKT)
