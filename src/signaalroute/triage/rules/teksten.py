"""Dutch text helpers shared by the triage rules: amounts, counts, lists, quotes, errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from signaalroute.core.exceptions import ValidatieFout

T = TypeVar("T")

_TELWOORDEN = {
    1: "één",
    2: "twee",
    3: "drie",
    4: "vier",
    5: "vijf",
    6: "zes",
    7: "zeven",
    8: "acht",
    9: "negen",
    10: "tien",
    11: "elf",
    12: "twaalf",
}


def euro(centen: int) -> str:
    """Cents in Dutch notation: 125000 → '€ 1.250,00'."""
    teken = "-" if centen < 0 else ""
    euros, cent = divmod(abs(centen), 100)
    return f"{teken}€ {euros:,}".replace(",", ".") + f",{cent:02d}"


def telwoord(getal: int) -> str:
    return _TELWOORDEN.get(getal, str(getal))


def opsomming(delen: Iterable[str], voegwoord: str = "en") -> str:
    """'a', 'a en b', 'a, b en c'."""
    delen = list(delen)
    if len(delen) <= 1:
        return "".join(delen)
    return f"{', '.join(delen[:-1])} {voegwoord} {delen[-1]}"


def aanhalen(tekst: str) -> str:
    return f"‘{tekst}’"


def hoofdletter(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


def zin(tekst: str) -> str:
    """A fragment as a sentence: capital first letter, full stop at the end."""
    if not tekst:
        return tekst
    tekst = hoofdletter(tekst)
    return tekst if tekst.endswith((".", "!", "?")) else f"{tekst}."


@dataclass(frozen=True)
class Weergave:
    """Display names for codes that the rules only know as codes (districts and teams)."""

    wijken: Mapping[str, str] = field(default_factory=dict)
    teams: Mapping[str, str] = field(default_factory=dict)

    def wijk(self, code: str) -> str:
        return self.wijken.get(code, code)

    def team(self, code: str) -> str:
        return self.teams.get(code, code)


GEEN_NAMEN = Weergave()


# --- validation errors ---------------------------------------------------------------------


def ongeldig(reden: str, veld: str = "") -> ValidatieFout:
    """A `ValidatieFout` for one problem; `reden` is a Dutch fragment ('onbekend feit ‘x’')."""
    return ValidatieFout(zin(reden), invalid_params=[_param(veld, reden)])


def _param(naam: str, reden: str) -> dict:
    return {"name": naam, "code": "invalid", "reason": reden}


def pad(*delen: str) -> str:
    """A path in the data: pad("regels[1]", "uitkomst", "bakje") → "regels[1].uitkomst.bakje"."""
    uit = ""
    for deel in delen:
        if deel:
            uit = f"{uit}{deel}" if not uit or deel.startswith("[") else f"{uit}.{deel}"
    return uit


class Foutenlijst:
    """Collects every problem of an import, each with its place ('Regel 2, voorwaarde 1') and
    its path ('regels[1].voorwaarden[0].waarde'), and raises them together."""

    def __init__(self) -> None:
        self.params: list[dict] = []

    def __bool__(self) -> bool:
        return bool(self.params)

    def toevoegen(self, plaats: str, naam: str, reden: str) -> None:
        tekst = f"{plaats}: {reden}" if plaats else reden
        self.params.append(_param(naam, zin(tekst)))

    def maken(
        self, plaats: str, basis: str, fabriek: Callable[..., T], *args: Any, **kw: Any
    ) -> T | None:
        """Call `fabriek`; on a `ValidatieFout` record its problems and return None."""
        try:
            return fabriek(*args, **kw)
        except ValidatieFout as fout:
            params = fout.invalid_params or [_param("", str(fout.message))]
            for p in params:
                reden = p["reason"].rstrip(".")
                self.toevoegen(plaats, pad(basis, p["name"]), reden[:1].lower() + reden[1:])
            return None

    def velden_controleren(
        self,
        data: Any,
        plaats: str,
        basis: str,
        *,
        verplicht: Iterable[str],
        toegestaan: Iterable[str],
    ) -> bool:
        """Check that `data` is a mapping with the required keys and no unknown ones."""
        if not isinstance(data, Mapping):
            self.toevoegen(plaats, basis, "verwacht een lijst van velden (naam: waarde)")
            return False
        toegestaan = set(toegestaan) | set(verplicht)
        for sleutel in verplicht:
            if sleutel not in data:
                reden = f"het veld {aanhalen(sleutel)} ontbreekt"
                self.toevoegen(plaats, pad(basis, sleutel), reden)
        for sleutel in data:
            if sleutel not in toegestaan:
                reden = f"onbekend veld {aanhalen(str(sleutel))}"
                self.toevoegen(plaats, pad(basis, str(sleutel)), reden)
        return True

    def afhandelen(self, inleiding: str) -> None:
        if not self.params:
            return
        regels = "\n".join(f"- {p['reason']}" for p in self.params)
        raise ValidatieFout(f"{inleiding}\n{regels}", invalid_params=list(self.params))
