"""Pages of case handling. `werklijst`: the work list and signals outside a case; `zaak`: the
case page and its actions; `termijnen`: deadlines, notifications and deadline settings."""

from .termijnen import meldingen, meldingen_gelezen, termijnen, termijninstellingen
from .werklijst import (
    BEHANDELAARS,
    SIGNAALBEHANDELAARS,
    overzicht,
    signaal,
    signaalstatus,
    signalen,
    toewijzen,
    werkvoorraad,
)
from .zaak import (
    afsluiten,
    contactgegeven_onjuist,
    contactgegeven_toevoegen,
    contactpoging,
    detail,
    heropenen,
    medebehandelaars,
    nazorg_afronden,
    nazorg_plannen,
    oppakken,
    overdracht,
    snelkeuze,
)

__all__ = [
    "BEHANDELAARS",
    "SIGNAALBEHANDELAARS",
    "afsluiten",
    "contactgegeven_onjuist",
    "contactgegeven_toevoegen",
    "contactpoging",
    "detail",
    "heropenen",
    "medebehandelaars",
    "meldingen",
    "meldingen_gelezen",
    "nazorg_afronden",
    "nazorg_plannen",
    "oppakken",
    "overdracht",
    "overzicht",
    "signaal",
    "signaalstatus",
    "signalen",
    "snelkeuze",
    "termijnen",
    "termijninstellingen",
    "toewijzen",
    "werkvoorraad",
]
