"""Conditions on case facts: a closed set of facts, each of one kind with its own operators.

A condition reads as a Dutch sentence fragment ("het totaalbedrag is minstens € 500,00").
Values are validated when a condition is made; amounts are in cents.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.vroegsignaalzaken.constants import Zaaksoort

from .feiten import Zaakfeiten
from .teksten import GEEN_NAMEN, Weergave, aanhalen, euro, ongeldig, opsomming

MAXIMALE_LEEFTIJD = 130


class Feitsoort(enum.StrEnum):
    AANTAL = "aantal"
    BEDRAG = "bedrag"
    LEEFTIJD = "leeftijd"
    PARTNERSOORTEN = "partnersoorten"
    ZAAKSOORT = "zaaksoort"
    WIJK = "wijk"
    JA_NEE = "ja_nee"


class Operator(enum.StrEnum):
    MINSTENS = "minstens"
    MEER_DAN = "meer_dan"
    HOOGSTENS = "hoogstens"
    MINDER_DAN = "minder_dan"
    GELIJK_AAN = "gelijk_aan"
    TUSSEN = "tussen"  # both bounds included
    EEN_VAN = "een_van"
    ALLE = "alle"
    GEEN_VAN = "geen_van"
    ALLEEN = "alleen"
    ONBEKEND = "onbekend"
    JA = "ja"
    NEE = "nee"


# Labels for a rule editor.
OPERATORNAMEN: dict[Operator, str] = {
    Operator.MINSTENS: "is minstens",
    Operator.MEER_DAN: "is meer dan",
    Operator.HOOGSTENS: "is hoogstens",
    Operator.MINDER_DAN: "is minder dan",
    Operator.GELIJK_AAN: "is gelijk aan",
    Operator.TUSSEN: "ligt tussen (grenzen inbegrepen)",
    Operator.EEN_VAN: "is een van",
    Operator.ALLE: "bevat alle",
    Operator.GEEN_VAN: "is geen van",
    Operator.ALLEEN: "bevat alleen",
    Operator.ONBEKEND: "is onbekend",
    Operator.JA: "ja",
    Operator.NEE: "nee",
}

_VERGELIJKINGEN = (
    Operator.MINSTENS,
    Operator.MEER_DAN,
    Operator.HOOGSTENS,
    Operator.MINDER_DAN,
    Operator.GELIJK_AAN,
    Operator.TUSSEN,
)
OPERATOREN: dict[Feitsoort, tuple[Operator, ...]] = {
    Feitsoort.AANTAL: _VERGELIJKINGEN,
    Feitsoort.BEDRAG: _VERGELIJKINGEN,
    Feitsoort.LEEFTIJD: (*_VERGELIJKINGEN, Operator.ONBEKEND),
    Feitsoort.PARTNERSOORTEN: (Operator.EEN_VAN, Operator.ALLE, Operator.GEEN_VAN, Operator.ALLEEN),
    Feitsoort.ZAAKSOORT: (Operator.EEN_VAN, Operator.GEEN_VAN),
    Feitsoort.WIJK: (Operator.EEN_VAN, Operator.GEEN_VAN, Operator.ONBEKEND),
    Feitsoort.JA_NEE: (Operator.JA, Operator.NEE),
}

# Partner types as they read in a sentence: "er is een signaal van een verhuurder".
PARTNERSOORTNAMEN: dict[str, str] = {
    Signaalpartnersoort.ZORG.value: "een zorgverzekeraar",
    Signaalpartnersoort.ENERGIE.value: "een energieleverancier",
    Signaalpartnersoort.WATER.value: "een drinkwaterbedrijf",
    Signaalpartnersoort.HUUR.value: "een verhuurder",
    Signaalpartnersoort.HYPOTHEEK.value: "een hypotheekverstrekker",
    Signaalpartnersoort.CAK_ZORGVERZEKERINGEN.value: "het CAK (zorgverzekeringen)",
    Signaalpartnersoort.CAK_EIGEN_BIJDRAGE.value: "het CAK (eigen bijdrage)",
    Signaalpartnersoort.DUO.value: "DUO",
    Signaalpartnersoort.BELASTINGDIENST.value: "de Belastingdienst",
    Signaalpartnersoort.DIENST_TOESLAGEN.value: "Dienst Toeslagen",
    Signaalpartnersoort.OVERIGE.value: "een andere signaalpartner",
}
ZAAKSOORTNAMEN: dict[str, str] = {
    Zaaksoort.ENKELVOUDIG.value: "enkelvoudig",
    Zaaksoort.MEERVOUDIG.value: "meervoudig",
    Zaaksoort.OPEENVOLGEND.value: "opeenvolgend",
}


@dataclass(frozen=True)
class Zinsdeel:
    """A clause as subject, verb and rest, so it can be said both ways: "het totaalbedrag is
    minstens € 500,00" (main clause) and "als het totaalbedrag minstens € 500,00 is"."""

    onderwerp: str
    werkwoord: str
    rest: str

    def hoofdzin(self) -> str:
        return f"{self.onderwerp} {self.werkwoord} {self.rest}"

    def bijzin(self) -> str:
        return f"{self.onderwerp} {self.rest} {self.werkwoord}"


@dataclass(frozen=True)
class Feit:
    """One fact a condition can test. `onderwerp`: the subject of the clause for numbers;
    `ja`/`nee`: the clauses for yes/no facts."""

    code: str
    soort: Feitsoort
    naam: str
    onderwerp: str = ""
    ja: Zinsdeel | None = None
    nee: Zinsdeel | None = None

    @property
    def operatoren(self) -> tuple[Operator, ...]:
        return OPERATOREN[self.soort]


def _ja_nee(code: str, naam: str, ja: tuple[str, str, str], nee: tuple[str, str, str]) -> Feit:
    return Feit(code, Feitsoort.JA_NEE, naam, ja=Zinsdeel(*ja), nee=Zinsdeel(*nee))


FEITEN: dict[str, Feit] = {
    f.code: f
    for f in (
        Feit("partnersoorten", Feitsoort.PARTNERSOORTEN, "Soorten signaalpartners"),
        Feit(
            "aantal_partners",
            Feitsoort.AANTAL,
            "Aantal verschillende signaalpartners",
            "het aantal verschillende signaalpartners",
        ),
        Feit("totaalbedrag", Feitsoort.BEDRAG, "Totaalbedrag", "het totaalbedrag"),
        Feit(
            "hoogste_bedrag",
            Feitsoort.BEDRAG,
            "Hoogste bedrag van één signaal",
            "het hoogste bedrag van één signaal",
        ),
        Feit("zaaksoort", Feitsoort.ZAAKSOORT, "Soort zaak", "de zaak"),
        Feit(
            "recidive",
            Feitsoort.AANTAL,
            "Recidive (eerdere maanden met een signaal)",
            "het aantal eerdere maanden met een signaal",
        ),
        _ja_nee(
            "sleper",
            "Sleper",
            ("de inwoner", "is", "een sleper"),
            ("de inwoner", "is", "geen sleper"),
        ),
        _ja_nee(
            "gaten_dichten",
            "Gaten dichten (achterstand schuift van partner naar partner)",
            ("de inwoner", "dicht", "gaten"),
            ("de inwoner", "dicht", "geen gaten"),
        ),
        _ja_nee(
            "telt_als_match",
            "Telt als match",
            ("de zaak", "telt", "als match"),
            ("de zaak", "telt", "niet als match"),
        ),
        _ja_nee(
            "crisis",
            "Crisis (dreigende uitzetting of afsluiting, ook eindelevering)",
            ("er", "is", "een crisis- of eindeleveringssignaal"),
            ("er", "is", "geen crisis- of eindeleveringssignaal"),
        ),
        _ja_nee(
            "eindelevering",
            "Eindelevering",
            ("er", "is", "een eindeleveringssignaal"),
            ("er", "is", "geen eindeleveringssignaal"),
        ),
        Feit("leeftijd", Feitsoort.LEEFTIJD, "Leeftijd", "de inwoner"),
        Feit("wijk", Feitsoort.WIJK, "Wijk", "de inwoner"),
        _ja_nee(
            "telefoon_bekend",
            "Telefoonnummer bekend",
            ("er", "is", "een telefoonnummer bekend"),
            ("er", "is", "geen telefoonnummer bekend"),
        ),
        _ja_nee(
            "email_bekend",
            "E-mailadres bekend",
            ("er", "is", "een e-mailadres bekend"),
            ("er", "is", "geen e-mailadres bekend"),
        ),
        _ja_nee(
            "bekend_bij_shv",
            "Al bekend bij schuldhulpverlening",
            ("de inwoner", "is", "al bekend bij schuldhulpverlening"),
            ("de inwoner", "is", "niet bekend bij schuldhulpverlening"),
        ),
        _ja_nee(
            "alleen_brief",
            "Alleen brief (keuze in de matching)",
            ("de zaak", "krijgt", "volgens de matching alleen een brief"),
            ("de zaak", "krijgt", "volgens de matching niet alleen een brief"),
        ),
    )
}

_GETALSOORTEN = (Feitsoort.AANTAL, Feitsoort.BEDRAG, Feitsoort.LEEFTIJD)
_KEUZES: dict[Feitsoort, Mapping[str, str]] = {
    Feitsoort.PARTNERSOORTEN: PARTNERSOORTNAMEN,
    Feitsoort.ZAAKSOORT: ZAAKSOORTNAMEN,
}

Waarde = int | tuple[int, int] | tuple[str, ...] | None


@dataclass(frozen=True)
class Voorwaarde:
    """`feit` `operator` `waarde`, e.g. ("totaalbedrag", "minstens", 50000).

    Values: a whole number (amounts in cents) for comparisons; a pair (low, high) for
    'tussen'; a list of codes for partner types, case kinds and districts; nothing for
    'ja', 'nee' and 'onbekend'."""

    feit: str
    operator: str
    waarde: Waarde = None

    def __post_init__(self) -> None:
        feit = FEITEN.get(self.feit)
        if feit is None:
            raise ongeldig(
                f"onbekend feit {aanhalen(str(self.feit))}; kies uit {', '.join(FEITEN)}", "feit"
            )
        if self.operator not in feit.operatoren:
            keuzes = ", ".join(feit.operatoren)
            raise ongeldig(
                f"de operator {aanhalen(str(self.operator))} past niet bij "
                f"{aanhalen(feit.naam)}; kies uit {keuzes}",
                "operator",
            )
        object.__setattr__(self, "operator", Operator(self.operator))
        object.__setattr__(self, "waarde", _waarde_controleren(feit, self.operator, self.waarde))

    @property
    def definitie(self) -> Feit:
        return FEITEN[self.feit]

    def geldt_voor(self, feiten: Zaakfeiten) -> bool:
        waarde = getattr(feiten, self.feit)
        op = self.operator
        if op == Operator.ONBEKEND:
            return waarde is None
        if waarde is None:
            return False
        soort = self.definitie.soort
        if soort == Feitsoort.JA_NEE:
            return bool(waarde) == (op == Operator.JA)
        if soort in _GETALSOORTEN:
            return _vergelijken(op, waarde, self.waarde)
        if soort == Feitsoort.PARTNERSOORTEN:
            gezocht = set(self.waarde)
            return {
                Operator.EEN_VAN: bool(waarde & gezocht),
                Operator.ALLE: gezocht <= waarde,
                Operator.GEEN_VAN: not waarde & gezocht,
                Operator.ALLEEN: bool(waarde) and waarde <= gezocht,
            }[op]
        # zaaksoort, wijk: one value in or not in the list
        return (waarde in self.waarde) == (op == Operator.EEN_VAN)

    def beschrijven(self, weergave: Weergave | None = None, *, bijzin: bool = False) -> str:
        """The condition in Dutch: "het totaalbedrag is minstens € 500,00", or with `bijzin`
        the word order after "als": "het totaalbedrag minstens € 500,00 is"."""
        deel = self.zinsdeel(weergave)
        return deel.bijzin() if bijzin else deel.hoofdzin()

    def zinsdeel(self, weergave: Weergave | None = None) -> Zinsdeel:
        weergave = weergave or GEEN_NAMEN
        feit, op, waarde = self.definitie, self.operator, self.waarde
        if feit.soort == Feitsoort.JA_NEE:
            return feit.ja if op == Operator.JA else feit.nee
        if op == Operator.ONBEKEND:
            return Zinsdeel(f"de {feit.naam.lower()}", "is", "onbekend")
        if feit.soort == Feitsoort.LEEFTIJD:
            return Zinsdeel(feit.onderwerp, "is", _leeftijd_beschrijven(op, waarde))
        if feit.soort in _GETALSOORTEN:
            tonen = euro if feit.soort == Feitsoort.BEDRAG else str
            return Zinsdeel(feit.onderwerp, "is", _vergelijking_beschrijven(op, waarde, tonen))
        if feit.soort == Feitsoort.PARTNERSOORTEN:
            return _partnersoorten_beschrijven(op, waarde)
        if feit.soort == Feitsoort.ZAAKSOORT:
            namen = [ZAAKSOORTNAMEN[w] for w in waarde]
            if op == Operator.EEN_VAN:
                return Zinsdeel("de zaak", "is", opsomming(namen, "of"))
            return Zinsdeel("de zaak", "is", opsomming([f"niet {n}" for n in namen]))
        wijken = opsomming([aanhalen(weergave.wijk(w)) for w in waarde], "of")
        niet = "" if op == Operator.EEN_VAN else "niet "
        return Zinsdeel("de inwoner", "woont", f"{niet}in de wijk {wijken}")


# --- validation ----------------------------------------------------------------------------


def _waarde_controleren(feit: Feit, op: Operator, waarde: Any) -> Waarde:
    if op in (Operator.JA, Operator.NEE, Operator.ONBEKEND):
        if waarde is not None:
            raise ongeldig(f"bij {aanhalen(OPERATORNAMEN[op])} hoort geen waarde", "waarde")
        return None
    if feit.soort in _GETALSOORTEN:
        if op == Operator.TUSSEN:
            if isinstance(waarde, str | bytes) or not isinstance(waarde, Iterable):
                raise ongeldig(
                    "bij ‘tussen’ horen twee waarden: de ondergrens en de bovengrens", "waarde"
                )
            paar = list(waarde)
            if len(paar) != 2:
                raise ongeldig(
                    "bij ‘tussen’ horen twee waarden: de ondergrens en de bovengrens", "waarde"
                )
            laag, hoog = (_getal_controleren(feit, w) for w in paar)
            if laag > hoog:
                raise ongeldig(
                    "bij ‘tussen’ moet de ondergrens niet hoger zijn dan de bovengrens", "waarde"
                )
            return (laag, hoog)
        return _getal_controleren(feit, waarde)
    # lists of codes
    if waarde is None or isinstance(waarde, str | bytes) or not isinstance(waarde, Iterable):
        raise ongeldig(
            f"bij {aanhalen(feit.naam)} hoort een lijst met minstens één waarde", "waarde"
        )
    codes = [w.value if isinstance(w, enum.Enum) else w for w in waarde]
    if isinstance(waarde, set | frozenset):
        codes = sorted(codes, key=str)
    if not codes:
        raise ongeldig(
            f"bij {aanhalen(feit.naam)} hoort een lijst met minstens één waarde", "waarde"
        )
    keuzes = _KEUZES.get(feit.soort)
    for code in codes:
        if not isinstance(code, str) or not code.strip():
            raise ongeldig(f"{aanhalen(str(code))} is geen geldige code", "waarde")
        if keuzes is not None and code not in keuzes:
            raise ongeldig(
                f"onbekende waarde {aanhalen(code)} bij {aanhalen(feit.naam)}; "
                f"kies uit {', '.join(keuzes)}",
                "waarde",
            )
    return tuple(dict.fromkeys(codes))


def _getal_controleren(feit: Feit, waarde: Any) -> int:
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        soort = "een bedrag in centen" if feit.soort == Feitsoort.BEDRAG else "een heel getal"
        raise ongeldig(
            f"bij {aanhalen(feit.naam)} hoort {soort}, niet {aanhalen(str(waarde))}", "waarde"
        )
    if waarde < 0:
        raise ongeldig(f"{aanhalen(feit.naam)} kan niet negatief zijn", "waarde")
    if feit.soort == Feitsoort.LEEFTIJD and waarde > MAXIMALE_LEEFTIJD:
        raise ongeldig(f"een leeftijd van {waarde} jaar is niet mogelijk", "waarde")
    return waarde


# --- evaluation and text -------------------------------------------------------------------


def _vergelijken(op: Operator, waarde: int, grens: Any) -> bool:
    if op == Operator.TUSSEN:
        return grens[0] <= waarde <= grens[1]
    return {
        Operator.MINSTENS: waarde >= grens,
        Operator.MEER_DAN: waarde > grens,
        Operator.HOOGSTENS: waarde <= grens,
        Operator.MINDER_DAN: waarde < grens,
        Operator.GELIJK_AAN: waarde == grens,
    }[op]


def _vergelijking_beschrijven(op: Operator, waarde: Any, tonen) -> str:
    if op == Operator.TUSSEN:
        return f"tussen {tonen(waarde[0])} en {tonen(waarde[1])}"
    woorden = {
        Operator.MINSTENS: "minstens ",
        Operator.MEER_DAN: "meer dan ",
        Operator.HOOGSTENS: "hoogstens ",
        Operator.MINDER_DAN: "minder dan ",
        Operator.GELIJK_AAN: "",
    }
    return f"{woorden[op]}{tonen(waarde)}"


def _leeftijd_beschrijven(op: Operator, waarde: Any) -> str:
    woorden = {
        Operator.MINSTENS: "minstens ",
        Operator.MEER_DAN: "ouder dan ",
        Operator.HOOGSTENS: "hoogstens ",
        Operator.MINDER_DAN: "jonger dan ",
        Operator.GELIJK_AAN: "",
    }
    if op == Operator.TUSSEN:
        return f"tussen {waarde[0]} en {waarde[1]} jaar"
    return f"{woorden[op]}{waarde} jaar"


def _partnersoorten_beschrijven(op: Operator, waarde: tuple[str, ...]) -> Zinsdeel:
    namen = [PARTNERSOORTNAMEN[w] for w in waarde]
    if op == Operator.EEN_VAN:
        return Zinsdeel("er", "is", f"een signaal van {opsomming(namen, 'of')}")
    if op == Operator.GEEN_VAN:
        return Zinsdeel("er", "is", f"geen signaal van {opsomming(namen, 'of')}")
    if op == Operator.ALLE and len(namen) == 1:
        return Zinsdeel("er", "is", f"een signaal van {namen[0]}")
    if op == Operator.ALLE:
        return Zinsdeel("er", "zijn", f"signalen van {opsomming(namen)}")
    return Zinsdeel("alle signalen", "zijn", f"van {opsomming(namen, 'of')}")
