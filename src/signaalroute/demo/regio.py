"""The fictitious demo region: two municipalities, their districts, postcodes and streets.

CBS codes are in the 99xx range and the postcode areas are invented for the demo, so they
never clash with a real municipality's data in the same database.
"""

import random
from dataclasses import dataclass, field
from string import ascii_uppercase

ORGANISATIE_CODE = "kredietbank-lo"
ORGANISATIE_NAAM = "Kredietbank Lindeveld-Oosterwaarde"
ORGANISATIE_KVK = "99017342"

# Routing: each PC4 belongs to one district; a street in another district's PC4 gets
# PC6 entries of its own (routing tries the PC6 first).
ADRESSEN_PER_PC6 = 20


@dataclass(frozen=True)
class WijkSpec:
    code: str
    naam: str
    woonplaats: str
    pc4s: tuple[str, ...]
    # (pc4, street) pairs; a pc4 outside `pc4s` makes the street a PC6 exception.
    straten: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class GemeenteSpec:
    cbs_code: str
    naam: str
    inwoners: int
    wijken: tuple[WijkSpec, ...]


@dataclass(frozen=True)
class Adres:
    gemeente: str  # CBS code
    wijk: str  # district code
    postcode: str  # PC6
    huisnummer: int
    huisletter: str = ""
    toevoeging: str = ""
    straat: str = ""
    woonplaats: str = ""

    @property
    def sleutel(self) -> tuple[str, int, str, str]:
        """The household key of matching: postcode + house number + letter + addition."""
        return (self.postcode, self.huisnummer, self.huisletter, self.toevoeging)


def _straten(pc4: str, *namen: str) -> tuple[tuple[str, str], ...]:
    return tuple((pc4, naam) for naam in namen)


LINDEVELD = GemeenteSpec(
    cbs_code="9901",
    naam="Lindeveld",
    inwoners=45_000,
    wijken=(
        WijkSpec(
            "WK990100",
            "Centrum",
            "Lindeveld",
            ("7401", "7402"),
            _straten("7401", "Markt", "Kerkstraat", "Hoogstraat", "Lange Gracht", "Bleekveld")
            + _straten("7402", "Molenstraat", "Stationsplein", "Korte Gracht", "Nieuwe Weg"),
        ),
        WijkSpec(
            "WK990101",
            "Vogelbuurt",
            "Lindeveld",
            ("7403", "7404"),
            _straten("7403", "Merelstraat", "Lijsterlaan", "Spechtstraat", "Reigerweg")
            + _straten("7404", "Zwaluwhof", "Kievitstraat", "Meeuwenlaan", "Roerdomplaan")
            + _straten("7402", "Spoorlaan"),
        ),
        WijkSpec(
            "WK990102",
            "De Hoven",
            "Lindeveld",
            ("7405", "7406"),
            _straten("7405", "Eikenhof", "Beukenhof", "Lindehof", "Essenhof")
            + _straten("7406", "Wilgenlaan", "Kastanjelaan", "Populierenstraat", "Iependreef"),
        ),
        WijkSpec(
            "WK990103",
            "Kanaalzone",
            "Lindeveld",
            ("7407", "7408"),
            _straten("7407", "Kanaalweg", "Sluiskade", "Havenstraat", "Schippersgracht")
            + _straten("7408", "Ankerplein", "Jaagpad", "Lichterstraat", "Dokweg"),
        ),
        WijkSpec(
            "WK990104",
            "Eekhorst",
            "Eekhorst",
            ("7409", "7410"),
            _straten("7409", "Dorpsstraat", "Eekhorsterweg", "Schoolstraat")
            + _straten("7410", "Esweg", "Brinkstraat", "Hessenweg"),
        ),
    ),
)

OOSTERWAARDE = GemeenteSpec(
    cbs_code="9902",
    naam="Oosterwaarde",
    inwoners=15_000,
    wijken=(
        WijkSpec(
            "WK990200",
            "Oosterwaarde-Centrum",
            "Oosterwaarde",
            ("7421",),
            _straten("7421", "Voorstraat", "Kerkplein", "Nieuwstraat", "Weverstraat"),
        ),
        WijkSpec(
            "WK990201",
            "Waardhoek",
            "Oosterwaarde",
            ("7422", "7423"),
            _straten("7422", "Polderweg", "Gemaalstraat", "Rietlanden")
            + _straten("7423", "Waardlaan", "Zomerdijk", "Krooshof"),
        ),
        WijkSpec(
            "WK990202",
            "Haveldijk",
            "Haveldijk",
            ("7424",),
            _straten("7424", "Havelstraat", "Dijkweg", "Molenerf", "Kerkeland")
            + _straten("7423", "Haveldijkseweg"),
        ),
    ),
)

GEMEENTEN = (LINDEVELD, OOSTERWAARDE)


@dataclass(frozen=True)
class TeamSpec:
    naam: str
    extern: bool = False
    wijken: tuple[str, ...] = ()  # district codes


TEAM_VROEGSIGNALERING = "Team Vroegsignalering"
JONGERENTEAM = "Jongerenteam"
WIJKTEAM = "Wijkteam Centrum"
TEAMS = (
    TeamSpec(TEAM_VROEGSIGNALERING),
    TeamSpec(JONGERENTEAM),
    TeamSpec(WIJKTEAM, extern=True, wijken=("WK990100", "WK990200")),
)
JONGEREN_LEEFTIJD = (18, 27)


def _pc6_letters() -> list[str]:
    # SA, SD and SS are not used in Dutch postcodes.
    paren = [a + b for a in ascii_uppercase for b in ascii_uppercase]
    return [paar for paar in paren if paar not in {"SA", "SD", "SS"}]


@dataclass
class Adresboek:
    """All addresses of the region, and the postcode table that routes them."""

    adressen: dict[str, list[Adres]] = field(default_factory=dict)  # per CBS code
    pc4_wijk: dict[str, str] = field(default_factory=dict)
    pc6_wijk: dict[str, str] = field(default_factory=dict)  # exceptions to the PC4 district

    def wijk_van(self, postcode: str) -> str:
        return self.pc6_wijk.get(postcode) or self.pc4_wijk[postcode[:4]]


def adresboek_maken(rng: random.Random) -> Adresboek:
    boek = Adresboek()
    letters = _pc6_letters()
    volgende_letter: dict[str, int] = {}
    for gemeente in GEMEENTEN:
        for wijk in gemeente.wijken:
            for pc4 in wijk.pc4s:
                boek.pc4_wijk[pc4] = wijk.code
        adressen: list[Adres] = []
        for wijk in gemeente.wijken:
            for pc4, straat in wijk.straten:
                aantal = rng.randint(30, 140)
                flat = rng.random() < 0.15
                for start in range(1, aantal + 1, ADRESSEN_PER_PC6):
                    index = volgende_letter.get(pc4, 0)
                    volgende_letter[pc4] = index + 1
                    postcode = pc4 + letters[index]
                    if pc4 not in wijk.pc4s:
                        boek.pc6_wijk[postcode] = wijk.code
                    for nummer in range(start, min(start + ADRESSEN_PER_PC6, aantal + 1)):
                        adressen.extend(
                            _adressen_op_nummer(rng, gemeente, wijk, postcode, nummer, straat, flat)
                        )
        boek.adressen[gemeente.cbs_code] = adressen
    return boek


def _adressen_op_nummer(rng, gemeente, wijk, postcode, nummer, straat, flat) -> list[Adres]:
    basis = {
        "gemeente": gemeente.cbs_code,
        "wijk": wijk.code,
        "postcode": postcode,
        "huisnummer": nummer,
        "straat": straat,
        "woonplaats": wijk.woonplaats,
    }
    if flat:
        return [Adres(**basis, toevoeging=str(verdieping)) for verdieping in range(1, 5)]
    if rng.random() < 0.05:
        return [Adres(**basis), Adres(**basis, huisletter="A")]
    return [Adres(**basis)]
