"""Given names and initials: reading them (`J.H.`, `JH`, `Th.`, `IJ`, `Jan-Willem`) and
comparing them with a resident's given names, including roepnamen and spellings
(`constants.ROEPNAMEN`, `constants.SPELLINGEN`) and typos.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import constants as c
from .normaliseren import klank, tikfouten, vouwen
from .typen import Deeluitkomst


@dataclass(frozen=True, slots=True)
class Voornaamvorm:
    """Given names or initials, prepared: `delen` are folded names or initials (`j`, `th`,
    `ij`); `letters[i]` is True where `delen[i]` is an initial."""

    weergave: str
    delen: tuple[str, ...]
    letters: tuple[bool, ...]

    @property
    def alleen_letters(self) -> bool:
        return all(self.letters)

    @property
    def heeft_namen(self) -> bool:
        return not all(self.letters)


_VOORLETTER_SCHEIDING = re.compile(r"[.\s\-]+")
_HOOFDLETTER_DEEL = re.compile(r"IJ[a-z]*|[A-Z][a-z]*|[a-z]+")
_KLINKERS = frozenset("aeiouy")
# Initials of more than one letter, as Dutch abbreviations write them (Th. for Theodorus).
_DIGRAFEN = frozenset({"th", "ch", "chr", "ph", "sj", "tj", "ij"})


def _letters_splitsen(deel: str) -> list[str]:
    """`jh` -> [j, h]; keeps the Dutch `ij` together."""
    uit, i = [], 0
    while i < len(deel):
        if deel[i : i + 2] == "ij":
            uit.append("ij")
            i += 2
        else:
            uit.append(deel[i])
            i += 1
    return uit


@lru_cache(maxsize=16384)
def voornaamvorm(tekst: str, voorletters: bool = False) -> Voornaamvorm | None:
    """Given names (`Jan Hendrik`, `Jan-Willem`) or initials (`J.H.`, `JH`, `j h`, `Th.`,
    `Chr.`, `IJ`) as delivered; None if empty. A voorletters field holding a name (`Jan`) is
    read as a name, a voornamen field holding initials (`J.H.`) as initials."""
    delen: list[str] = []
    letters: list[bool] = []
    for stuk in _VOORLETTER_SCHEIDING.split(tekst.strip()):
        if voorletters and not (stuk.isupper() or stuk.islower()):
            stukken = _HOOFDLETTER_DEEL.findall(stuk) or [stuk]  # ThW -> Th, W; JHenk
        else:
            stukken = [stuk]
        for ruw in stukken:
            deel = vouwen(ruw).replace(" ", "")
            if not deel:
                continue
            if (
                len(deel) == 1
                or deel == "ij"
                or (deel in _DIGRAFEN and ruw[0].isupper() and ruw[1:].islower())
            ):
                gevonden = [deel]  # J, Th, Chr, IJ: one Dutch initial
            elif voorletters and (
                ruw.isupper() or len(deel) <= 2 or not _KLINKERS.intersection(deel)
            ):
                gevonden = _letters_splitsen(deel)  # JH, AE, jh, JAN in a voorletters field
            elif len(deel) <= 4 and not _KLINKERS.intersection(deel):
                gevonden = _letters_splitsen(deel)  # JH in a voornamen field
            else:
                delen.append(deel)
                letters.append(False)
                continue
            delen.extend(gevonden)
            letters.extend([True] * len(gevonden))
    if not delen:
        return None
    weergave = _letters_weergeven(delen) if all(letters) else tekst.strip()
    return Voornaamvorm(weergave, tuple(delen), tuple(letters))


def _letters_weergeven(delen: list[str]) -> str:
    """[j, th, ij] -> `J.Th.IJ.`"""
    return "".join("IJ." if d == "ij" else f"{d[:1].upper()}{d[1:]}." for d in delen)


def _roepnaamgroepen() -> dict[str, frozenset[str]]:
    groepen: dict[str, set[str]] = {}
    for formeel, roepnamen in c.ROEPNAMEN.items():
        for roepnaam in roepnamen:
            groepen.setdefault(roepnaam, set()).add(formeel)
            groepen.setdefault(formeel, set()).add(roepnaam)
    for spellingen in c.SPELLINGEN:
        for naam in spellingen:
            groepen.setdefault(naam, set()).update(n for n in spellingen if n != naam)
    return {naam: frozenset(verwant) for naam, verwant in groepen.items()}


_VERWANT = _roepnaamgroepen()


def _voorletter_past(letter: str, naam: str) -> bool:
    return naam.startswith(letter) or (letter in ("y", "ij") and naam.startswith(("ij", "y")))


# How one signal part compares with one resident name: equal, roepnaam/spelling, typo, initial.
_GELIJK, _ROEP, _TIK, _LETTER = "gelijk", "roepnaam", "tikfout", "letter"


@lru_cache(maxsize=65536)
def _deel_vergelijken(deel: str, is_letter: bool, naam: str, naam_is_letter: bool) -> str | None:
    if is_letter or naam_is_letter:
        if is_letter and naam_is_letter:
            return _LETTER if deel[0] == naam[0] else None
        letter, volledig = (deel, naam) if is_letter else (naam, deel)
        return _LETTER if _voorletter_past(letter, volledig) else None
    if deel == naam:
        return _GELIJK
    if naam in _VERWANT.get(deel, ()):
        return _ROEP
    if _andere_uitgang(deel, naam):
        return None  # Hendrik/Hendrika, Cornelis/Cornelia: another person, not a typo
    if tikfouten(deel, naam) is not None or (len(deel) > 3 and klank(deel) == klank(naam)):
        return _TIK
    return None


# Endings that make a female name of a male one, after the same beginning:
# Hendrik/Hendrika, Cornelis/Cornelia, Adrianus/Adriana, Johannes/Johanna, Sander/Sandra.
_GESLACHTSUITGANGEN = frozenset(
    frozenset(paar)
    for paar in (
        ("", "a"), ("", "e"), ("", "ka"), ("", "je"), ("", "ne"), ("", "ie"), ("", "na"),
        ("s", "a"), ("us", "a"), ("es", "a"), ("o", "a"), ("us", "e"), ("us", "ina"),
        ("er", "ra"), ("a", "e"),
    )
)  # fmt: skip


def _andere_uitgang(a: str, b: str) -> bool:
    """True if two names differ only in a male/female ending (Hendrik/Hendrika, Anna/Anne):
    two people, not a typo."""
    gedeeld = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        gedeeld += 1
    return gedeeld >= 3 and frozenset((a[gedeeld:], b[gedeeld:])) in _GESLACHTSUITGANGEN


def _letters_los(s: Voornaamvorm) -> Voornaamvorm | None:
    """`IJ.` read as `I.J.`, `Th.` as `T.H.` (initials written together: `IJM` for Inge Johanna
    Maria), or None if all initials are single letters."""
    if all(len(d) == 1 for d in s.delen):
        return None
    delen = [letter for deel in s.delen for letter in deel]
    return Voornaamvorm(_letters_weergeven(delen), tuple(delen), (True,) * len(delen))


def _digrafen_samenvoegen(s: Voornaamvorm, r: Voornaamvorm) -> Voornaamvorm | None:
    """`T.H.` read as `Th.` where the resident's names ask for it (`TH` for Theodorus), or None
    if nothing merges."""
    delen: list[str] = []
    i = j = 0
    while i < len(s.delen):
        paar = s.delen[i] + s.delen[i + 1] if i + 1 < len(s.delen) else ""
        if (
            paar in _DIGRAFEN
            and s.letters[i]
            and s.letters[i + 1]
            and j < len(r.delen)
            and r.delen[j].startswith(paar)
        ):
            delen.append(paar)
            i += 2
        else:
            delen.append(s.delen[i])
            i += 1
        j += 1
    if len(delen) == len(s.delen):
        return None
    return Voornaamvorm(_letters_weergeven(delen), tuple(delen), (True,) * len(delen))


def voornamen_vergelijken(s: Voornaamvorm | None, r: Voornaamvorm | None) -> Deeluitkomst:
    """The signal's given names or initials against the resident's given names."""
    if s is None:
        return Deeluitkomst("geen", 0.0, "Geen voornaam of voorletters in het signaal")
    if r is None:
        return Deeluitkomst(
            "bewoner_onbekend", 0.0, "Voornamen van de bewoner onbekend in de BRP; niet gebruikt"
        )
    uitkomst = _voornamen_vergelijken(s, r)
    if uitkomst.code != "voorletters" and s.alleen_letters:
        # Initials written together are ambiguous: TH (T.H. or Th.), IJ (IJ. or I.J.).
        for anders in (_digrafen_samenvoegen(s, r), _letters_los(s)):
            if anders is not None:
                nieuw = _voornamen_vergelijken(anders, r)
                if nieuw.punten > uitkomst.punten:
                    uitkomst = nieuw
    return uitkomst


def _voornamen_vergelijken(s: Voornaamvorm, r: Voornaamvorm) -> Deeluitkomst:
    paar = f"{s.weergave}/{r.weergave}"
    n, m = len(s.delen), len(r.delen)
    soorten = [
        _deel_vergelijken(s.delen[i], s.letters[i], r.delen[i], r.letters[i])
        for i in range(min(n, m))
    ]
    if None not in soorten:
        if _LETTER in soorten:
            if n > m:
                return Deeluitkomst(
                    "voorletters_meer",
                    c.PUNTEN_VOORLETTERS_MEER,
                    f"Signaal heeft meer voorletters dan de bewoner voornamen heeft ({paar})",
                )
            woord = "Voorletters" if n > 1 else "Voorletter"
            werkwoord = "passen" if n > 1 else "past"
            if n == m:
                punten = c.PUNTEN_VOORLETTERS_ALLE if n > 1 else c.PUNTEN_VOORLETTER_ENIGE
                return Deeluitkomst(
                    "voorletters",
                    punten,
                    f"{woord} {s.weergave} {werkwoord} bij voornamen {r.weergave}",
                )
            eerste = "de eerste voornamen" if n > 1 else "de eerste voornaam"
            return Deeluitkomst(
                "voorletters_begin",
                c.PUNTEN_VOORLETTERS_BEGIN,
                f"{woord} {s.weergave} {werkwoord} bij {eerste} van {r.weergave}",
            )
        if n > m:
            return Deeluitkomst(
                "voornamen_meer",
                c.PUNTEN_VOORLETTERS_MEER,
                f"Signaal heeft meer voornamen dan de bewoner ({paar})",
            )
        if _TIK in soorten:
            return Deeluitkomst(
                "tikfout", c.PUNTEN_VOORNAAM_TIKFOUT, f"Voornaam lijkt op een tikfout ({paar})"
            )
        if _ROEP in soorten:
            return Deeluitkomst(
                "roepnaam",
                c.PUNTEN_VOORNAAM_ROEPNAAM,
                f"Voornaam {s.weergave} is een roepnaam of andere spelling van {r.weergave}",
            )
        if n == m:
            return Deeluitkomst("gelijk", c.PUNTEN_VOORNAMEN_GELIJK, f"Voornamen gelijk ({paar})")
        wat = (
            "Voornamen {} zijn de eerste voornamen"
            if n > 1
            else "Voornaam {} is de eerste voornaam"
        )
        return Deeluitkomst(
            "eerste",
            c.PUNTEN_VOORNAAM_EERSTE,
            f"{wat.format(s.weergave)} van {r.weergave}",
        )
    if s.heeft_namen and not r.alleen_letters and "".join(s.delen) == "".join(r.delen):
        return Deeluitkomst("gelijk", c.PUNTEN_VOORNAMEN_GELIJK, f"Voornamen gelijk ({paar})")
    if soorten[0] is not None:
        return Deeluitkomst(
            "deels", c.PUNTEN_VOORNAMEN_DEELS, f"Voornamen komen maar deels overeen ({paar})"
        )
    if n == m > 1 and sorted(s.delen) == sorted(r.delen):
        return Deeluitkomst(
            "volgorde",
            c.PUNTEN_VOORNAMEN_VOLGORDE,
            f"Voornamen gelijk, in een andere volgorde ({paar})",
        )
    if n == 1 and m > 1:
        for j in range(1, m):
            soort = _deel_vergelijken(s.delen[0], s.letters[0], r.delen[j], r.letters[j])
            if soort is not None:
                punten = (
                    c.PUNTEN_VOORLETTER_LATERE_NAAM
                    if soort == _LETTER
                    else c.PUNTEN_VOORNAAM_ANDERE
                )
                return Deeluitkomst(
                    "andere_voornaam",
                    punten,
                    f"{s.weergave} past bij een latere voornaam van {r.weergave} "
                    "(mogelijk de roepnaam)",
                )
    if n == m > 1 and sorted(d[0] for d in s.delen) == sorted(d[0] for d in r.delen):
        return Deeluitkomst(
            "volgorde",
            c.PUNTEN_VOORLETTERS_VOLGORDE,
            f"Voornamen of voorletters in een andere volgorde ({paar})",
        )
    if not s.letters[0] and not r.letters[0] and s.delen[0][0] == r.delen[0][0]:
        return Deeluitkomst(
            "zelfde_letter",
            c.PUNTEN_VOORNAAM_ZELFDE_LETTER,
            f"Voornamen verschillen, wel dezelfde voorletter ({paar})",
        )
    return Deeluitkomst(
        "verschillend", c.PUNTEN_VOORNAMEN_VERSCHILLEND, f"Voornamen verschillen ({paar})"
    )
