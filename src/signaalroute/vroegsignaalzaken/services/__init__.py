"""Writes of case handling. `signalen`: signal statuses and assignment; `zaken`: the case
lifecycle; `contactgegevens`: contact details; `termijnen`: deadlines and notifications."""

from .contactgegevens import contactgegeven_ongeldig_melden, contactgegeven_toevoegen
from .signalen import WIJZIGBAAR, signaalstatus_wijzigen, signaalstatussen_zetten, zaken_toewijzen
from .termijnen import (
    meldingen_gelezen_markeren,
    termijnen_berekenen,
    termijnen_bewaken,
    termijninstellingen_opslaan,
)
from .zaken import (
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
)

__all__ = [
    "WIJZIGBAAR",
    "Overdrachtgegevens",
    "Pogingsgegevens",
    "contactgegeven_ongeldig_melden",
    "contactgegeven_toevoegen",
    "contactpoging_registreren",
    "medebehandelaars_wijzigen",
    "meldingen_gelezen_markeren",
    "nazorg_afronden",
    "nazorg_plannen",
    "nazorg_starten",
    "overdracht_registreren",
    "signaalstatus_wijzigen",
    "signaalstatussen_zetten",
    "termijnen_berekenen",
    "termijnen_bewaken",
    "termijninstellingen_opslaan",
    "zaak_afsluiten",
    "zaak_heropenen",
    "zaak_oppakken",
    "zaken_toewijzen",
]
