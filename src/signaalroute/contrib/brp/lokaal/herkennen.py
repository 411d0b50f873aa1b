"""Who is who in the signals of one address: the same person in several partners' files,
sometimes with given names and surname swapped."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .namen import ascii_vorm, splits_voorvoegsel, vergelijkvorm


@dataclass(frozen=True)
class Signaalpersoon:
    """A person as one signal has them."""

    voornamen: str
    voorletters: str
    voorvoegsel: str
    achternaam: str
    geboortedatum: dt.date | None
    bsn: str
    signaaldatum: dt.date


def _voorletter(p: Signaalpersoon) -> str:
    bron = p.voornamen or p.voorletters
    letters = [c for c in ascii_vorm(bron).upper() if c.isalpha()]
    return letters[0] if letters else ""


def _naamsleutel(p: Signaalpersoon) -> tuple[str, str]:
    return (vergelijkvorm(splits_voorvoegsel(p.voorvoegsel, p.achternaam)[1]), _voorletter(p))


def _omgedraaid(p: Signaalpersoon) -> Signaalpersoon:
    """The signal with given names and surname swapped back."""
    voorvoegsel, achternaam = splits_voorvoegsel("", p.voornamen)
    letters = "".join(f"{naam[0].upper()}." for naam in p.achternaam.split())
    return replace(
        p,
        voornamen=p.achternaam,
        voorletters=letters,
        voorvoegsel=voorvoegsel,
        achternaam=achternaam,
    )


def _lijkt_omgedraaid(p: Signaalpersoon) -> bool:
    """Given names that start with a surname prefix (`de Graaf`) are a surname."""
    return not p.voorvoegsel and bool(splits_voorvoegsel("", p.voornamen)[0])


def clusters(personen: list[Signaalpersoon]) -> list[list[Signaalpersoon]]:
    """The distinct people behind the signals of one address: by BSN, else by surname and first
    initial. Signals with given names and surname swapped are turned back: when the given names
    start with a prefix, or when the swapped form is another signal's name (then the form most
    signals have wins; on a tie the one whose surname has the fewest words)."""
    groepen: list[list[tuple[Signaalpersoon, bool]]] = []
    per_bsn: dict[str, int] = {}
    per_naam: dict[tuple[str, str], int] = {}
    for p in sorted(personen, key=lambda p: (not p.bsn, p.signaaldatum, p.achternaam, p.voornamen)):
        if _lijkt_omgedraaid(p):
            p = _omgedraaid(p)
        index = per_bsn.get(p.bsn) if p.bsn else None
        if index is None:
            index = per_naam.get(_naamsleutel(p))
        omgedraaid = False
        if index is None and p.voornamen and p.achternaam:
            index = per_naam.get(_naamsleutel(_omgedraaid(p)))
            omgedraaid = index is not None
        if index is None:
            groepen.append([])
            index = len(groepen) - 1
        if not omgedraaid:
            per_naam.setdefault(_naamsleutel(p), index)
        groepen[index].append((p, omgedraaid))
        if p.bsn:
            per_bsn.setdefault(p.bsn, index)
    uitkomst = []
    for groep in groepen:
        gewoon = [p for p, omgedraaid in groep if not omgedraaid]
        anders = [p for p, omgedraaid in groep if omgedraaid]
        woorden = lambda lijst: sum(len(p.achternaam.split()) for p in lijst) / len(lijst)  # noqa: E731
        if anders and (
            len(anders) > len(gewoon)
            or len(anders) == len(gewoon)
            and woorden(anders) < woorden(gewoon)
        ):
            gewoon, anders = anders, gewoon
        uitkomst.append(gewoon + [_omgedraaid(p) for p in anders])
    return uitkomst
