"""Person matching rules: pure functions, no ORM (see `personen` for the decisions)."""

from .achternamen import achternamen_vergelijken, bewoner_achternaamvorm, signaal_achternaamvorm
from .geboortedata import geboortedata_vergelijken, is_opvulwaarde
from .huishoudens import (
    Eerdersignaal,
    Huishoudclassificatie,
    Huishoudsignaal,
    Matchingbeleid,
    Periode,
    Periodesoort,
    huishouden_classificeren,
    laatste_afgesloten_periode,
    periode_van,
)
from .normaliseren import klank, vouwen
from .personen import bewoner_zoeken, naam_weergeven, personen_vergelijken
from .typen import (
    Adres,
    Bewoner,
    Deeluitkomst,
    Geboortedatum,
    Kandidaat,
    Naamgebruik,
    Partnernaam,
    Signaalpersoon,
    Uitkomst,
    Uitkomstsoort,
    Vergelijking,
)
from .voornamen import voornaamvorm, voornamen_vergelijken

__all__ = [
    "Adres",
    "Bewoner",
    "Deeluitkomst",
    "Eerdersignaal",
    "Geboortedatum",
    "Huishoudclassificatie",
    "Huishoudsignaal",
    "Kandidaat",
    "Matchingbeleid",
    "Naamgebruik",
    "Partnernaam",
    "Periode",
    "Periodesoort",
    "Signaalpersoon",
    "Uitkomst",
    "Uitkomstsoort",
    "Vergelijking",
    "achternamen_vergelijken",
    "bewoner_achternaamvorm",
    "bewoner_zoeken",
    "geboortedata_vergelijken",
    "huishouden_classificeren",
    "is_opvulwaarde",
    "klank",
    "laatste_afgesloten_periode",
    "naam_weergeven",
    "periode_van",
    "personen_vergelijken",
    "signaal_achternaamvorm",
    "voornaamvorm",
    "voornamen_vergelijken",
    "vouwen",
]
