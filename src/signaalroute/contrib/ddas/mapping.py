"""The edge: our stable codes to the literal DDAS values, per schema version.

Models keep snake_case codes (`vroegsignaalzaken.constants`, `signaalpartners.constants`); only
this module knows how DDAS writes them. v1.2 is a one-to-one mapping. v0.9 is older and
smaller: a code without a v0.9 value maps to None and the field is left out of the document
(every field that holds an enumeration is optional in v0.9), except where v0.9 has an honest
coarser value (`afspraak_op_locatie` -> "Overige"). `tests/test_mapping.py` checks every table
against the enumerations of the official schemas.
"""

from __future__ import annotations

from dataclasses import dataclass

from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.vroegsignaalzaken.constants import (
    Contactsoort,
    Dagdeel,
    Eindresultaat,
    Signaalstatus,
)

from .constants import Versie

SIGNAALSTATUS_V1_2: dict[str, str] = {
    Signaalstatus.NOG_NIET_OPGEPAKT: "Nog niet opgepakt",
    Signaalstatus.OPGEPAKT: "Opgepakt",
    Signaalstatus.NIET_OPGEPAKT_ONTERECHT: "Niet opgepakt: onterecht signaal",
    Signaalstatus.NIET_OPGEPAKT_HERHAALD: "Niet opgepakt: herhaalde melding",
    Signaalstatus.NIET_OPGEPAKT_ANDERE_REDEN: "Niet opgepakt: andere reden",
    Signaalstatus.BEKEND_BIJ_SHV: "Inwoner al bekend bij schuldhulpverlening",
    Signaalstatus.OVERLEDEN: "Inwoner is overleden",
    Signaalstatus.GEEN_INWONER: "Persoon is geen inwoner (meer) in de gemeente",
}
# v0.9 knows only "not yet picked up" and the not-handled reasons.
SIGNAALSTATUS_V0_9: dict[str, str | None] = {
    **SIGNAALSTATUS_V1_2,
    Signaalstatus.OPGEPAKT: None,
    Signaalstatus.BEKEND_BIJ_SHV: None,
}

EINDRESULTAAT_V1_2: dict[str, str] = {
    Eindresultaat.NIET_OPGEPAKT_ONTERECHT: "Niet opgepakt: onterecht signaal",
    Eindresultaat.NIET_OPGEPAKT_HERHAALD: "Niet opgepakt: herhaalde melding",
    Eindresultaat.NIET_OPGEPAKT_ANDERE_REDEN: "Niet opgepakt: andere reden",
    Eindresultaat.OVERLEDEN: "Inwoner is overleden",
    Eindresultaat.GEEN_INWONER: "Persoon is geen inwoner (meer) in de gemeente",
    Eindresultaat.BEKEND_BIJ_SHV: "Inwoner al bekend bij schuldhulpverlening",
    Eindresultaat.ANDER_TRAJECT: "Inwoner heeft al een ander lopend traject",
    Eindresultaat.GEEN_CONTACT: "Definitief geen contact kunnen krijgen",
    Eindresultaat.GEEN_REACTIE: "Geen reactie na eerder contact",
    Eindresultaat.HOEFT_GEEN_HULP: (
        "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering"
    ),
    Eindresultaat.ZELF_BETAALD: "Inwoner heeft zelf al betaald/betalingsregeling getroffen",
    Eindresultaat.QUICK_FIX: "(Budget)advies en/of quick fix",
    Eindresultaat.VERVOLGHULP: "Vervolghulp en/of verwijzing",
    Eindresultaat.VERVOLGHULP_FINANCIEEL: "Vervolghulp en/of verwijzing financieel",
    Eindresultaat.VERVOLGHULP_NIET_FINANCIEEL: "Vervolghulp en/of verwijzing niet financieel",
    Eindresultaat.VERWIJZING_ZONDER_INWONER: "Verwijzing zonder tussenkomst inwoner",
}
# v0.9 words two results differently and has no generic "vervolghulp" (which we never choose,
# ADR 0022, but an imported case might carry it).
EINDRESULTAAT_V0_9: dict[str, str | None] = {
    **EINDRESULTAAT_V1_2,
    Eindresultaat.HOEFT_GEEN_HULP: "Inwoner hoeft geen hulp vanuit vroegsignalering",
    Eindresultaat.VERWIJZING_ZONDER_INWONER: "Verwijzing zonder contact",
    Eindresultaat.VERVOLGHULP: None,
}

CONTACTSOORT_V1_2: dict[str, str] = {
    Contactsoort.ADMINISTRATIEF: "Administratief",
    Contactsoort.AFSPRAAK_OP_LOCATIE: "Afspraak op locatie",
    Contactsoort.BRIEF: "Brief",
    Contactsoort.HUISBEZOEK: "Huisbezoek",
    Contactsoort.KAARTJE: "Kaartje",
    Contactsoort.MAIL: "Mail",
    Contactsoort.ONBEKEND: "Onbekend",
    Contactsoort.OVERIGE: "Overige",
    Contactsoort.SMS_WHATSAPP: "SMS/Whatsapp",
    Contactsoort.TELEFOON: "Telefoon",
}
# v0.9 has no "Afspraak op locatie" (an other channel: "Overige") and no "Onbekend" (left out).
CONTACTSOORT_V0_9: dict[str, str | None] = {
    **CONTACTSOORT_V1_2,
    Contactsoort.AFSPRAAK_OP_LOCATIE: "Overige",
    Contactsoort.ONBEKEND: None,
}

DAGDEEL: dict[str, str] = {
    Dagdeel.OCHTEND: "Ochtend",
    Dagdeel.MIDDAG: "Middag",
    Dagdeel.AVOND: "Avond",
}

SIGNAALPARTNER: dict[str, str] = {
    Signaalpartnersoort.ZORG: "Zorg",
    Signaalpartnersoort.ENERGIE: "Energie",
    Signaalpartnersoort.WATER: "Water",
    Signaalpartnersoort.HUUR: "Huur",
    Signaalpartnersoort.HYPOTHEEK: "Hypotheek",
    Signaalpartnersoort.CAK_ZORGVERZEKERINGEN: "CAK Zorgverzekeringen",
    Signaalpartnersoort.CAK_EIGEN_BIJDRAGE: "CAK Eigen bijdrage",
    Signaalpartnersoort.DUO: "DUO",
    Signaalpartnersoort.BELASTINGDIENST: "Belastingdienst",
    Signaalpartnersoort.DIENST_TOESLAGEN: "Dienst Toeslagen",
    Signaalpartnersoort.OVERIGE: "Overige",
}


@dataclass(frozen=True)
class Uitwisselformaat:
    """What differs between the versions: the enumeration tables and some property names."""

    versie: str
    signaalstatus: dict[str, str | None]
    eindresultaat: dict[str, str | None]
    contactsoort: dict[str, str | None]
    dagdeel: dict[str, str]
    signaalpartner: dict[str, str]
    # levering
    aanleverende_organisatie: str
    # client
    burgerservicenummer: str
    postcode: str
    huisnummer: str
    huisnummertoevoeging: str
    # vroegsignaalzaak
    startdatum_matchingperiode: str
    einddatum_matchingperiode: str
    datum_opgepakt: str


FORMATEN: dict[str, Uitwisselformaat] = {
    Versie.V1_2: Uitwisselformaat(
        versie=Versie.V1_2,
        signaalstatus=dict(SIGNAALSTATUS_V1_2),
        eindresultaat=dict(EINDRESULTAAT_V1_2),
        contactsoort=dict(CONTACTSOORT_V1_2),
        dagdeel=DAGDEEL,
        signaalpartner=SIGNAALPARTNER,
        aanleverende_organisatie="aanleverendeOrganisatie",
        burgerservicenummer="burgerservicenummer",
        postcode="postcode",
        huisnummer="huisnummer",
        huisnummertoevoeging="huisnummertoevoeging",
        startdatum_matchingperiode="startdatumMatchingperiode",
        einddatum_matchingperiode="einddatumMatchingperiode",
        datum_opgepakt="datumOpgepakt",
    ),
    Versie.V0_9: Uitwisselformaat(
        versie=Versie.V0_9,
        signaalstatus=SIGNAALSTATUS_V0_9,
        eindresultaat=EINDRESULTAAT_V0_9,
        contactsoort=CONTACTSOORT_V0_9,
        dagdeel=DAGDEEL,
        signaalpartner=SIGNAALPARTNER,
        aanleverende_organisatie="aanleverende_organisatie",
        burgerservicenummer="Burgerservicenummer",
        postcode="Postcode",
        huisnummer="Huisnummer",
        huisnummertoevoeging="Huisnummertoevoeging",
        # sic: the v0.9 schema spells it "matchtingperiode"
        startdatum_matchingperiode="startdatum_matchtingperiode",
        einddatum_matchingperiode="einddatum_matchingperiode",
        datum_opgepakt="datum_opgepakt",
    ),
}


def formaat(versie: str) -> Uitwisselformaat:
    try:
        return FORMATEN[versie]
    except KeyError:
        keuze = ", ".join(Versie.values)
        raise ValueError(f"Onbekende DDAS-versie {versie!r}; kies uit {keuze}.") from None
