"""The demo's signal partners: who they are, what they publish, and what their signals look like.

Windows and thresholds follow BRIEF §3; every partner's generated arrears meet its own published
criteria. Amounts are integer cents.
"""

import datetime as dt
import random
from dataclasses import dataclass

from signaalroute.signaalpartners.constants import Signaalpartnersoort as Soort

# Share of each partner type in the national signal volume (BRIEF §1).
SOORT_AANDELEN = {Soort.ZORG: 0.45, Soort.ENERGIE: 0.22, Soort.HUUR: 0.20, Soort.WATER: 0.13}
EINDELEVERING_AANDEEL = 0.25  # of the energy signals

# How often a partner's file lacks a phone number or e-mail address, per partner type.
TELEFOON_ONTBREEKT = {Soort.ZORG: 0.35, Soort.ENERGIE: 0.25, Soort.HUUR: 0.45, Soort.WATER: 0.70}
EMAIL_ONTBREEKT = {Soort.ZORG: 0.30, Soort.ENERGIE: 0.15, Soort.HUUR: 0.50, Soort.WATER: 0.60}


@dataclass(frozen=True)
class ContactSpec:
    naam: str
    functie: str
    telefoonnummer: str
    email: str
    gemeente: str = ""  # CBS code; empty: for all municipalities


@dataclass(frozen=True)
class PartnerSpec:
    code: str
    naam: str
    soort: str
    kvk: str
    criteria: str
    aandeel: float  # share within its type
    leverdag: int  # day of the month of the monthly file
    termijnbedrag: tuple[int, int]  # cents, range of the monthly term
    termijnen: dict[int, int]  # number of unpaid terms -> weight
    contactpersonen: tuple[ContactSpec, ...]
    minimum_bedrag: int | None = None
    minimale_dagen: int | None = 30
    maximale_dagen: int | None = None
    bsn_kans: float = 0.0
    alleen_voorletters: bool = False  # the file has initials, no given names
    ascii_namen: bool = False  # the partner's system drops diacritics
    hoofdletters: bool = False  # street and town in capitals
    klantnummer: str = "{:08d}"


def _contact(naam, functie, telefoon, code, gemeente="") -> ContactSpec:
    return ContactSpec(naam, functie, telefoon, f"vroegsignalering@{code}.example.com", gemeente)


PARTNERS = (
    PartnerSpec(
        code="zorgverzekeraar-zuid",
        naam="Zorgverzekeraar Zuid",
        soort=Soort.ZORG,
        kvk="99020415",
        criteria=(
            "Signaal bij 2 onbetaalde maandpremies, minimaal €75 achterstand. Het bedrag omvat "
            "de premie van de basis- en aanvullende verzekering, eigen risico en eigen bijdragen. "
            "Bijgewerkte signalen tot de aanmaning; geen signaal meer na overdracht aan de "
            "deurwaarder."
        ),
        aandeel=0.55,
        leverdag=25,
        termijnbedrag=(13_500, 17_800),
        termijnen={2: 70, 3: 30},
        minimum_bedrag=7_500,
        maximale_dagen=100,
        bsn_kans=0.4,
        klantnummer="{:09d}",
        contactpersonen=(
            _contact(
                "Marieke Verhoeven",
                "Coördinator sociaal incasso",
                "088-1204501",
                "zorgverzekeraar-zuid",
            ),
        ),
    ),
    PartnerSpec(
        code="zorgverzekeraar-noordkust",
        naam="Zorgverzekeraar Noordkust",
        soort=Soort.ZORG,
        kvk="99031827",
        criteria=(
            "Signaal vanaf €150 achterstand en minimaal 60 dagen na de vervaldatum van de oudste "
            "onbetaalde premie, uiterlijk tot 100 dagen (daarna volgt aanmelding bij het CAK)."
        ),
        aandeel=0.45,
        leverdag=18,
        termijnbedrag=(13_800, 16_900),
        termijnen={2: 40, 3: 60},
        minimum_bedrag=15_000,
        minimale_dagen=60,
        maximale_dagen=100,
        klantnummer="NK{:07d}",
        contactpersonen=(
            _contact("Erik Dijkstra", "Medewerker debiteurenbeheer", "088-3170220", "noordkust"),
        ),
    ),
    PartnerSpec(
        code="stroomlijn-energie",
        naam="Stroomlijn Energie",
        soort=Soort.ENERGIE,
        kvk="99044106",
        criteria=(
            "Signaal vanaf 30 dagen na de vervaldatum bij minimaal 2 onbetaalde termijnen en ten "
            "minste €50 achterstand, nadat wij in 30 dagen minimaal 10 keer geprobeerd hebben "
            "persoonlijk contact te krijgen. Eindeleveringssignaal minimaal 20 werkdagen vóór het "
            "einde van de levering, altijd na een eerder vroegsignaal."
        ),
        aandeel=0.55,
        leverdag=12,
        termijnbedrag=(8_500, 26_000),
        termijnen={2: 40, 3: 30, 4: 18, 5: 8, 6: 4},
        minimum_bedrag=5_000,
        klantnummer="SE{:08d}",
        contactpersonen=(
            _contact("Sanne Bos", "Teamleider betalingsondersteuning", "088-5410990", "stroomlijn"),
        ),
    ),
    PartnerSpec(
        code="polderstroom",
        naam="Polderstroom Energie",
        soort=Soort.ENERGIE,
        kvk="99052983",
        criteria=(
            "Signaal vanaf 30 dagen achterstand, zonder maximum, bij 2 of meer onbetaalde "
            "termijnen en minimaal €100. Eindeleveringssignaal 20 werkdagen vóór de beëindiging "
            "van het contract; afsluiting volgt 4 tot 6 weken later."
        ),
        aandeel=0.45,
        leverdag=20,
        termijnbedrag=(9_000, 24_000),
        termijnen={2: 35, 3: 35, 4: 20, 5: 10},
        minimum_bedrag=10_000,
        ascii_namen=True,
        hoofdletters=True,
        klantnummer="{:010d}",
        contactpersonen=(
            _contact("Kevin Mulder", "Specialist sociaal incasso", "088-2236644", "polderstroom"),
        ),
    ),
    PartnerSpec(
        code="waterbedrijf-waardland",
        naam="Waterbedrijf Waardland",
        soort=Soort.WATER,
        kvk="99061274",
        criteria=(
            "Signaal vanaf 30 dagen betalingsachterstand, zonder maximumtermijn en zonder "
            "minimumbedrag. Gegevens worden doorgegeven tenzij de klant daartegen bezwaar heeft "
            "gemaakt."
        ),
        aandeel=1.0,
        leverdag=8,
        termijnbedrag=(1_800, 3_600),
        termijnen={2: 30, 3: 25, 4: 20, 5: 12, 6: 8, 8: 5},
        alleen_voorletters=True,
        klantnummer="W{:07d}",
        contactpersonen=(
            _contact("Petra de Boer", "Medewerker klantenservice", "088-6019300", "waardland"),
        ),
    ),
    PartnerSpec(
        code="woonstichting-lindeveld",
        naam="Woonstichting Lindeveld",
        soort=Soort.HUUR,
        kvk="99073358",
        criteria=(
            "Signaal bij 1 maand huurachterstand (vanaf 30 dagen), nadat wij de huurder ten "
            "minste één schriftelijke herinnering hebben gestuurd met het aanbod de "
            "contactgegevens door te geven aan de gemeente, geprobeerd hebben persoonlijk contact "
            "te krijgen en gewezen hebben op schuldhulpverlening (Besluit gemeentelijke "
            "schuldhulpverlening, art. 2). Geen signaal als de huurder bezwaar maakt."
        ),
        aandeel=0.75,
        leverdag=15,
        termijnbedrag=(52_000, 88_000),
        termijnen={1: 50, 2: 35, 3: 15},
        klantnummer="LV-{:06d}",
        contactpersonen=(
            _contact(
                "Ahmed Bouzid",
                "Woonconsulent Lindeveld",
                "0570-612200",
                "woonstichting-lindeveld",
                gemeente="9901",
            ),
            _contact(
                "Linda Kuipers",
                "Woonconsulent Oosterwaarde",
                "0570-612210",
                "woonstichting-lindeveld",
                gemeente="9902",
            ),
        ),
    ),
    PartnerSpec(
        code="vastgoed-de-waard",
        naam="Vastgoedbeheer De Waard",
        soort=Soort.HUUR,
        kvk="99085541",
        criteria=(
            "Signaal vanaf 30 dagen huurachterstand en minimaal €500, na een schriftelijke "
            "herinnering, een poging tot persoonlijk contact en een verwijzing naar "
            "schuldhulpverlening (Bgs art. 2)."
        ),
        aandeel=0.25,
        leverdag=27,
        termijnbedrag=(85_000, 135_000),
        termijnen={1: 45, 2: 40, 3: 15},
        minimum_bedrag=50_000,
        klantnummer="DW{:05d}",
        contactpersonen=(
            _contact("Jeroen van der Waard", "Eigenaar", "0570-688120", "vastgoed-de-waard"),
        ),
    ),
)


@dataclass(frozen=True)
class Achterstand:
    bedrag: int
    termijnen: int
    ontstaansdatum: dt.date


def partner_kiezen(rng: random.Random) -> PartnerSpec:
    soort = rng.choices(list(SOORT_AANDELEN), weights=list(SOORT_AANDELEN.values()))[0]
    kandidaten = [p for p in PARTNERS if p.soort == soort]
    return rng.choices(kandidaten, weights=[p.aandeel for p in kandidaten])[0]


def termijnbedrag_kiezen(rng: random.Random, partner: PartnerSpec) -> int:
    laag, hoog = partner.termijnbedrag
    if partner.soort == Soort.ENERGIE:
        return rng.randint(laag // 100, hoog // 100) * 100  # energy terms are whole euros
    return rng.randint(laag, hoog)


def achterstand_bepalen(
    rng: random.Random,
    partner: PartnerSpec,
    *,
    signaaldatum: dt.date,
    termijnbedrag: int,
    eindelevering: bool = False,
) -> Achterstand:
    """Arrears that meet the partner's own criteria: terms, window and minimum amount."""
    if eindelevering:
        termijnen = rng.randint(3, 8)
    else:
        gewichten = partner.termijnen
        termijnen = rng.choices(list(gewichten), weights=list(gewichten.values()))[0]
    bedrag = termijnen * termijnbedrag + _bijkomend(rng, partner, termijnbedrag)
    while partner.minimum_bedrag and bedrag < partner.minimum_bedrag:
        termijnen += 1
        bedrag += termijnbedrag

    minimaal = partner.minimale_dagen or 30
    dagen = minimaal + 30 * (termijnen - min(partner.termijnen)) + rng.randint(1, 25)
    if partner.maximale_dagen:
        dagen = min(dagen, partner.maximale_dagen - rng.randint(0, 6))
    return Achterstand(
        bedrag=bedrag,
        termijnen=termijnen,
        ontstaansdatum=signaaldatum - dt.timedelta(days=dagen),
    )


def _bijkomend(rng: random.Random, partner: PartnerSpec, termijnbedrag: int) -> int:
    """What comes on top of (or off) the unpaid terms, per partner type."""
    if partner.soort == Soort.ZORG and rng.random() < 0.25:
        return rng.randint(25, 385) * 100  # eigen risico and eigen bijdragen
    if partner.soort == Soort.ENERGIE and rng.random() < 0.3:
        return 4_000  # collection costs
    if partner.soort == Soort.HUUR and rng.random() < 0.2:
        return -rng.randint(50, termijnbedrag // 200) * 100  # a partial payment
    return 0
