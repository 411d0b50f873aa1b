"""Surnames: reading them wherever the voorvoegsel was put, and comparing them.

A surname is split into its voorvoegsels (`constants.TUSSENVOEGSELS`) and its core, wherever
the partner put them: `de Vries`, `Vries, de`, `Vries de`, `DeVries` or the voorvoegsel in its
own field. Keys for comparing drop spaces, hyphens and apostrophes (`de Vries`, `De  vries`,
`deVries`, `de-Vries` all give `devries`) and write Dutch `ij` as `y`. A resident has several
forms (own name, partner's name, the two combinations; see `personen`), each compared in turn:
equal keys first, the edit distance only when nothing cheaper decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .. import constants as c
from .normaliseren import (
    UMLAUT,
    accenten_weg,
    klank,
    leestekens_weg,
    spellingsleutel,
    tikfouten,
    umlaut_vouwen,
    vouwen,
)
from .typen import Deeluitkomst

_AAN_ELKAAR = re.compile(
    r"(?<![^\W\d_])((?:[Vv]an(?:\s?[Dd]e[rn]?)?|[Dd]e[rn]?|[Tt]e[rn]?|[Hh]et|[Ll][ae]|[Dd][ua]|"
    r"[Dd]i|[Ee]l|[Aa]l|[Vv]on|[Oo]p|[Ii]n|[Uu]it))(?=[A-Z][a-z])"
)


@dataclass(frozen=True, slots=True)
class Achternaamvorm:
    """One way to write a person's surname, prepared for comparison.

    `soort`: `signaal`, or for a resident `eigen`, `partner`, `partner_eigen`,
    `eigen_partner`, `ex_partner`, `ex_partner_eigen`, `eigen_ex_partner`; `aftrek`: points
    subtracted when the signal matches only this form; `opmerking`: how a signal's name was
    read (e.g. the voorvoegsel stood after the name)."""

    soort: str
    weergave: str
    sleutels: frozenset[str]  # compact keys, with and without German umlaut spelling
    kern: str  # compact key without voorvoegsels
    kaal: tuple[str, str]  # compact key and core without writing ij as y, for edit distances
    kerndelen: frozenset[str]  # the name parts without voorvoegsels
    delen: tuple[str, ...]  # all parts, sorted
    spelling: str  # the core with `oe`/`ue` as `u` and `dj` as `j` (Surinamese, German spelling)
    klank: str
    aftrek: float = 0.0
    opmerking: str = ""
    voorvoegsel_los: bool = False  # the voorvoegsel came in its own field


def _sleutel(delen: list[str] | tuple[str, ...]) -> str:
    sleutel = "".join(delen)
    return sleutel.replace("ij", "y") if "ij" in sleutel else sleutel


def _vorm(
    soort: str,
    weergave: str,
    delen: list[str],
    umlaut: list[str] | None = None,
    aftrek: float = 0.0,
    opmerking: str = "",
    voorvoegsel_los: bool = False,
) -> Achternaamvorm:
    kerndelen = [d for d in delen if d not in c.TUSSENVOEGSELS] or delen
    sleutel = _sleutel(delen)
    sleutels = {sleutel}
    if umlaut:
        sleutels.add(_sleutel(umlaut))
    kern = _sleutel(kerndelen)
    return Achternaamvorm(
        soort=soort,
        weergave=weergave,
        sleutels=frozenset(sleutels),
        kern=kern,
        kaal=("".join(delen), "".join(kerndelen)),
        kerndelen=frozenset(_sleutel((d,)) for d in kerndelen),
        delen=tuple(sorted(_sleutel((d,)) for d in delen)),
        spelling=spellingsleutel(kern),
        klank=klank(kern),
        aftrek=aftrek,
        opmerking=opmerking,
        voorvoegsel_los=voorvoegsel_los,
    )


def voorvoegsel_losmaken(naam: str) -> str:
    """`DeVries` -> `De Vries`, `vanDijk` -> `van Dijk` (only where the case shows it)."""
    return _AAN_ELKAAR.sub(r"\1 ", naam) if _AAN_ELKAAR.search(naam) else naam


def _samenvoegen(voorvoegsel: str, naam: str) -> str:
    return f"{voorvoegsel} {naam}" if voorvoegsel else naam


def _achternaam_lezen(voorvoegsel: str, achternaam: str) -> tuple[list[str], list[str], str]:
    """(voorvoegsel parts, name parts, remark) of a surname as a partner delivered it."""
    opmerking = ""
    naam = achternaam.strip()
    if (los := voorvoegsel_losmaken(naam)) != naam:
        naam, opmerking = los, "losmaken voorvoegsel"
    voor = vouwen(voorvoegsel).split() if voorvoegsel else []
    if "," in naam:
        deel, _, na = naam.rpartition(",")
        na_delen = vouwen(na).split()
        if na_delen and all(d in c.TUSSENVOEGSELS for d in na_delen):
            naam = deel
            voor = voor or na_delen
            opmerking = "verplaatsen voorvoegsel"
    delen = vouwen(naam).split()
    if voor and delen[: len(voor)] == voor:
        delen = delen[len(voor) :]  # the voorvoegsel both in its own field and in the name
    elif not voor:
        i = 0
        while i < len(delen) - 1 and delen[i] in c.TUSSENVOEGSELS:
            i += 1
        voor, delen = delen[:i], delen[i:]
        if not voor and len(delen) > 1 and delen[-1] in c.TUSSENVOEGSELS:
            j = len(delen)
            while j > 1 and delen[j - 1] in c.TUSSENVOEGSELS:
                j -= 1
            voor, delen = delen[j:], delen[:j]
            opmerking = "verplaatsen voorvoegsel"
    return voor, delen, opmerking


@lru_cache(maxsize=16384)
def signaal_achternaamvorm(voorvoegsel: str, achternaam: str) -> Achternaamvorm:
    """The surname of a signal, read whichever way the voorvoegsel was placed."""
    voor, delen, opmerking = _achternaam_lezen(voorvoegsel, achternaam)
    umlaut = umlaut_vouwen(f"{voorvoegsel} {achternaam}")
    umlaut_delen = None
    if umlaut is not None:
        u_voor, u_delen, _ = _achternaam_lezen(
            voorvoegsel.translate(UMLAUT), achternaam.translate(UMLAUT)
        )
        umlaut_delen = u_voor + u_delen
    weergave = _samenvoegen(voorvoegsel.strip(), achternaam.strip())
    return _vorm(
        "signaal",
        weergave,
        voor + delen,
        umlaut_delen,
        opmerking=opmerking,
        voorvoegsel_los=bool(voorvoegsel.strip()),
    )


@lru_cache(maxsize=16384)
def bewoner_achternaamvorm(
    soort: str, voorvoegsel: str, naam: str, aftrek: float = 0.0
) -> Achternaamvorm:
    """A resident's surname form (own, partner's or a combination), from the BRP fields."""
    weergave = _samenvoegen(voorvoegsel.strip(), naam.strip())
    delen = vouwen(weergave).split()
    umlaut = umlaut_vouwen(weergave)
    return _vorm(soort, weergave, delen, umlaut.split() if umlaut else None, aftrek)


# The normalisations that can make two surnames equal, in the order they are tried:
# (verb, what, function).
_STAPPEN = (
    ("negeren", "hoofdletters", str.casefold),
    ("verwijderen", "accenten", accenten_weg),
    ("negeren", "leestekens", leestekens_weg),
    ("negeren", "spaties", lambda tekst: tekst.replace(" ", "")),
)


def _verschil_benoemen(s: Achternaamvorm, r: Achternaamvorm) -> str:
    """Which normalisations made two equal surnames equal, in Dutch ("" if none was needed),
    e.g. "negeren hoofdletters en verwijderen accenten": a step counts when it brings the two
    names closer."""
    a, b = s.weergave, r.weergave
    redenen: list[tuple[str, str]] = []
    stappen = _STAPPEN
    if vouwen(a).replace(" ", "") != vouwen(b).replace(" ", ""):
        # Equal only through the moved voorvoegsel (Vries, de), the German spelling
        # (Mueller/Müller) or ij written as y (van Ryn).
        if s.opmerking:
            redenen.append((s.opmerking, ""))
            stappen = _STAPPEN[:2]  # after moving, spaces and commas say nothing
        elif (umlaut := umlaut_vouwen(b)) is not None and umlaut.replace(" ", "") == vouwen(
            a
        ).replace(" ", ""):
            a, b = a, b.translate(UMLAUT)
            redenen.append(("lezen", "van ue als ü"))
        elif (umlaut := umlaut_vouwen(a)) is not None:
            a = a.translate(UMLAUT)
            redenen.append(("lezen", "van ue als ü"))
        else:
            redenen.append(("lezen", "van ij als y"))
    for werkwoord, wat, stap in stappen:
        if a == b:
            break
        na_a, na_b = stap(a), stap(b)
        if Levenshtein.distance(na_a, na_b) < Levenshtein.distance(a, b):
            if wat == "spaties" and s.opmerking:
                redenen.append((s.opmerking, ""))
            else:
                redenen.append((werkwoord, wat))
        a, b = na_a, na_b
    # "negeren hoofdletters en leestekens": one verb for consecutive reasons
    delen: list[str] = []
    vorige = ""
    for werkwoord, wat in redenen:
        delen.append(wat if werkwoord == vorige else f"{werkwoord} {wat}".strip())
        vorige = werkwoord
    return " en ".join(delen)


_SOORT_TEKST = {
    "partner": "de naam van de partner",
    "partner_eigen": "de naam van de partner gevolgd door de eigen naam",
    "eigen_partner": "de eigen naam gevolgd door de naam van de partner",
    "ex_partner": "de naam van een ex-partner",
    "ex_partner_eigen": "de naam van een ex-partner gevolgd door de eigen naam",
    "eigen_ex_partner": "de eigen naam gevolgd door de naam van een ex-partner",
}


def achternamen_vergelijken(s: Achternaamvorm, r: Achternaamvorm) -> Deeluitkomst:
    """The signal's surname against one form of a resident's surname."""
    paar = f"{s.weergave}/{r.weergave}"
    if s.sleutels & r.sleutels:
        code, punten = "gelijk", c.PUNTEN_ACHTERNAAM_GELIJK
        hoe = _verschil_benoemen(s, r)
        uitleg = f"Achternaam gelijk na {hoe} ({paar})" if hoe else f"Achternaam gelijk ({paar})"
    elif s.kern == r.kern:
        code, punten = "zonder_voorvoegsel", c.PUNTEN_ACHTERNAAM_ZONDER_VOORVOEGSEL
        uitleg = f"Achternaam gelijk zonder voorvoegsel ({paar})"
    elif s.delen == r.delen:
        code, punten = "volgorde", c.PUNTEN_ACHTERNAAM_VOLGORDE
        uitleg = f"Achternaam bestaat uit dezelfde delen in een andere volgorde ({paar})"
    elif (s.kerndelen < r.kerndelen or r.kerndelen < s.kerndelen) and max(
        len(d) for d in s.kerndelen & r.kerndelen or ("",)
    ) >= 3:
        code, punten = "deel", c.PUNTEN_ACHTERNAAM_DEEL
        uitleg = f"Achternaam is een deel van de samengestelde naam ({paar})"
    elif s.spelling == r.spelling:
        code, punten = "spelling", c.PUNTEN_ACHTERNAAM_SPELLING
        uitleg = f"Achternaam gelijk in een andere spelling ({paar})"
    elif s.klank == r.klank:
        code, punten = "klank", c.PUNTEN_ACHTERNAAM_KLANK
        uitleg = f"Achternaam klinkt gelijk, andere spelling ({paar})"
    elif (fouten := _minste_tikfouten(s, r)) is not None:
        lengte = min(len(s.kern), len(r.kern))
        code = "tikfout"
        punten = next(p for minimaal, p in c.PUNTEN_ACHTERNAAM_TIKFOUT if lengte >= minimaal)[
            fouten - 1
        ]
        tekens = "1 teken" if fouten == 1 else f"{fouten} tekens"
        uitleg = f"Achternaam lijkt op een tikfout ({paar}: {tekens} verschil)"
    else:
        return Deeluitkomst(
            "verschillend", c.PUNTEN_ACHTERNAAM_VERSCHILLEND, f"Achternaam verschilt ({paar})"
        )
    if r.soort != "eigen":
        punten -= r.aftrek
        uitleg += f"; dit is {_SOORT_TEKST.get(r.soort, r.soort)}"
    return Deeluitkomst(code, punten, uitleg)


def _minste_tikfouten(s: Achternaamvorm, r: Achternaamvorm) -> int | None:
    beste = None
    paren = {(s.kaal[1], r.kaal[1]), (s.kaal[0], r.kaal[0]), (s.kern, r.kern)}
    for a, b in paren:
        fouten = tikfouten(a, b)
        if fouten is not None and (beste is None or fouten < beste):
            if fouten == 1:
                return 1
            beste = fouten
    return beste
