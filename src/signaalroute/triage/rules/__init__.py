"""Triage rules: pure functions and plain data, no ORM.

A `Regelset` holds ordered `Regel`s (conditions on `Zaakfeiten` → an `Uitkomst`: tray, contact
approach, team, deadline profile) and a fallback; `trieren` applies it and says why.
`team_bepalen` assigns the team (rule, youth, district); `capaciteit_verdelen` plans cases
against the monthly capacity with priorities and overflow rules; `simuleren` runs a rule set
over a past month. Rule sets convert to and from dicts and YAML (`uitwisseling`).
"""

from .capaciteit import (
    CONTACTGEGEVENS,
    STANDAARD_UITWIJKREGELS,
    Capaciteit,
    Capaciteitsgebruik,
    Capaciteitsverdeling,
    Planning,
    Planzaak,
    Prioriteitsweging,
    Uitwijkreden,
    Uitwijkregel,
    capaciteit_verdelen,
    prioriteitsscore,
)
from .feiten import Zaakfeiten, leeftijd_bepalen
from .regelsets import (
    TERUGVALNAAM,
    Regel,
    Regelset,
    Regeltoets,
    Triageresultaat,
    toetsen,
    trieren,
    triëren,
)
from .simulatie import (
    GEEN,
    Simulatie,
    Simulatieoverzicht,
    Triagezaak,
    Verschil,
    overzicht_maken,
    overzichten_vergelijken,
    simuleren,
)
from .teams import Teamindeling, Teamtoewijzing, team_bepalen
from .teksten import Weergave, euro
from .termijnen import eerste_contact_uiterlijk
from .uitkomsten import (
    KANALEN,
    TERMIJNPROFIEL_CRISIS,
    TERMIJNPROFIEL_STANDAARD,
    Contactstap,
    Uitkomst,
    aanpak_beschrijven,
    kanaalnaam,
)
from .uitwisseling import (
    regelset_naar_dict,
    regelset_naar_yaml,
    regelset_uit_dict,
    regelset_uit_yaml,
    standaard_regelset,
)
from .voorwaarden import FEITEN, OPERATORNAMEN, Feit, Feitsoort, Operator, Voorwaarde

__all__ = [
    "CONTACTGEGEVENS",
    "FEITEN",
    "GEEN",
    "KANALEN",
    "OPERATORNAMEN",
    "STANDAARD_UITWIJKREGELS",
    "TERMIJNPROFIEL_CRISIS",
    "TERMIJNPROFIEL_STANDAARD",
    "TERUGVALNAAM",
    "Capaciteit",
    "Capaciteitsgebruik",
    "Capaciteitsverdeling",
    "Contactstap",
    "Feit",
    "Feitsoort",
    "Operator",
    "Planning",
    "Planzaak",
    "Prioriteitsweging",
    "Regel",
    "Regelset",
    "Regeltoets",
    "Simulatie",
    "Simulatieoverzicht",
    "Teamindeling",
    "eerste_contact_uiterlijk",
    "Teamtoewijzing",
    "Triageresultaat",
    "Triagezaak",
    "Uitkomst",
    "Uitwijkreden",
    "Uitwijkregel",
    "Verschil",
    "Voorwaarde",
    "Weergave",
    "Zaakfeiten",
    "aanpak_beschrijven",
    "capaciteit_verdelen",
    "euro",
    "kanaalnaam",
    "leeftijd_bepalen",
    "overzicht_maken",
    "overzichten_vergelijken",
    "prioriteitsscore",
    "regelset_naar_dict",
    "regelset_naar_yaml",
    "regelset_uit_dict",
    "regelset_uit_yaml",
    "simuleren",
    "standaard_regelset",
    "team_bepalen",
    "toetsen",
    "trieren",
    "triëren",
]
