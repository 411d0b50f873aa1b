"""Rule sets as plain dicts and YAML (for the database, export and import).

Amounts are written in euros (`500` or `575.5`), everything else as codes. Import checks
everything and reports every problem at once, with its place ("Regel 2, voorwaarde 1: ...").
`standaard_regelset()` loads the default rule set shipped with this package.
"""

from __future__ import annotations

import functools
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

import yaml

from .capaciteit import STANDAARD_UITWIJKREGELS, Prioriteitsweging, Uitwijkregel
from .regelsets import Regel, Regelset
from .teksten import Foutenlijst, aanhalen, ongeldig, pad
from .uitkomsten import TERMIJNPROFIEL_STANDAARD, Contactstap, Uitkomst
from .voorwaarden import FEITEN, Feitsoort, Voorwaarde

YAML_KOP = "# Triageregels (Signaalroute). Bedragen in euro's; de eerste regel die past, beslist.\n"


# --- export --------------------------------------------------------------------------------


def euros(centen: int) -> int | float:
    """Cents as euros for a file: 50000 → 500, 57550 → 575.5."""
    return centen // 100 if centen % 100 == 0 else centen / 100


def centen(waarde: Any) -> int:
    """Euros from a file as cents: 500, 575.5, "575.50", or Dutch notation with a decimal
    comma ("€ 1.250,00"; with a comma, dots separate thousands)."""
    if isinstance(waarde, bool):
        raise ongeldig(f"{aanhalen(str(waarde))} is geen bedrag")
    try:
        if isinstance(waarde, int):
            bedrag = Decimal(waarde)
        elif isinstance(waarde, float):
            bedrag = Decimal(repr(waarde))
        elif isinstance(waarde, str):
            tekst = waarde.replace("€", "").replace(" ", "")
            if "," in tekst:
                tekst = tekst.replace(".", "").replace(",", ".")
            bedrag = Decimal(tekst)
        else:
            raise InvalidOperation
    except InvalidOperation:
        raise ongeldig(f"{aanhalen(str(waarde))} is geen bedrag in euro's") from None
    if not bedrag.is_finite() or bedrag != bedrag.quantize(Decimal("0.01")):
        raise ongeldig(f"{aanhalen(str(waarde))} heeft meer dan twee cijfers achter de komma")
    return int(bedrag * 100)


def voorwaarde_naar_dict(voorwaarde: Voorwaarde) -> dict[str, Any]:
    data: dict[str, Any] = {"feit": voorwaarde.feit, "operator": voorwaarde.operator.value}
    waarde = voorwaarde.waarde
    if waarde is None:
        return data
    if voorwaarde.definitie.soort == Feitsoort.BEDRAG:
        waarde = [euros(w) for w in waarde] if isinstance(waarde, tuple) else euros(waarde)
    elif isinstance(waarde, tuple):
        waarde = list(waarde)
    data["waarde"] = waarde
    return data


def regel_naar_dict(regel: Regel) -> dict[str, Any]:
    return {
        "naam": regel.naam,
        "voorwaarden": [voorwaarde_naar_dict(v) for v in regel.voorwaarden],
        "uitkomst": regel.uitkomst.naar_dict(),
    }


def regelset_naar_dict(regelset: Regelset) -> dict[str, Any]:
    data: dict[str, Any] = {"naam": regelset.naam}
    if regelset.omschrijving:
        data["omschrijving"] = regelset.omschrijving
    data["regels"] = [regel_naar_dict(r) for r in regelset.regels]
    data["terugval"] = regelset.terugval.naar_dict()
    data["prioriteit"] = regelset.weging.naar_dict()
    data["uitwijkregels"] = [u.naar_dict() for u in regelset.uitwijkregels]
    return data


def regelset_naar_yaml(regelset: Regelset) -> str:
    tekst = yaml.safe_dump(
        regelset_naar_dict(regelset), allow_unicode=True, sort_keys=False, width=100
    )
    return YAML_KOP + tekst


# --- import --------------------------------------------------------------------------------


def regelset_uit_yaml(tekst: str) -> Regelset:
    try:
        data = yaml.safe_load(tekst)
    except yaml.YAMLError as fout:
        plek = getattr(fout, "problem_mark", None)
        waar = f" (tekstregel {plek.line + 1}, kolom {plek.column + 1})" if plek else ""
        raise ongeldig(f"het bestand is geen geldige YAML{waar}") from None
    return regelset_uit_dict(data)


def regelset_uit_dict(data: Any) -> Regelset:
    """Build and check a rule set; raises `ValidatieFout` listing every problem."""
    fouten = Foutenlijst()
    if not fouten.velden_controleren(
        data,
        "",
        "",
        verplicht=("naam", "regels", "terugval"),
        toegestaan=("omschrijving", "prioriteit", "uitwijkregels"),
    ):
        fouten.afhandelen("De regelset is niet geldig:")

    naam = data.get("naam", "-")
    if not isinstance(naam, str) or not naam.strip():
        fouten.toevoegen("", "naam", "geef de regelset een naam")
    if not isinstance(data.get("omschrijving", ""), str):
        fouten.toevoegen("", "omschrijving", "de omschrijving is een tekst")

    regels: list[Regel | None] = []
    ruwe_regels = data.get("regels", [])
    if not isinstance(ruwe_regels, list):
        fouten.toevoegen("", "regels", "de regels zijn een lijst")
        ruwe_regels = []
    namen: dict[str, int] = {}
    for index, ruw in enumerate(ruwe_regels):
        regel = _regel(fouten, ruw, index)
        regels.append(regel)
        if regel is not None:
            if regel.naam in namen:
                fouten.toevoegen(
                    f"Regel {index + 1}",
                    f"regels[{index}].naam",
                    f"de naam {aanhalen(regel.naam)} heeft regel {namen[regel.naam]} al",
                )
            namen.setdefault(regel.naam, index + 1)

    terugval = None
    if "terugval" in data:
        terugval = _uitkomst(fouten, data["terugval"], "Terugval", "terugval")

    weging = Prioriteitsweging()
    if data.get("prioriteit") is not None:
        ruw = data["prioriteit"]
        velden = ("punten_per_100_euro", "punten_per_partner", "punten_per_recidive")
        if fouten.velden_controleren(
            ruw, "Prioriteit", "prioriteit", verplicht=(), toegestaan=velden
        ):
            weging = fouten.maken(
                "Prioriteit",
                "prioriteit",
                Prioriteitsweging,
                **{k: v for k, v in ruw.items() if k in velden},
            )

    uitwijkregels: list[Uitwijkregel | None] = list(STANDAARD_UITWIJKREGELS)
    if data.get("uitwijkregels") is not None:
        ruwe = data["uitwijkregels"]
        if not isinstance(ruwe, list):
            fouten.toevoegen("", "uitwijkregels", "de uitwijkregels zijn een lijst")
            ruwe = []
        uitwijkregels = [_uitwijkregel(fouten, ruw, index) for index, ruw in enumerate(ruwe)]

    regelset = None
    if not fouten:
        regelset = fouten.maken(
            "",
            "",
            Regelset,
            naam=data["naam"],
            omschrijving=data.get("omschrijving") or "",
            regels=regels,
            terugval=terugval,
            weging=weging,
            uitwijkregels=uitwijkregels,
        )
    fouten.afhandelen("De regelset is niet geldig:")
    return regelset


def _regel(fouten: Foutenlijst, ruw: Any, index: int) -> Regel | None:
    plaats, regelpad = f"Regel {index + 1}", f"regels[{index}]"
    if not fouten.velden_controleren(
        ruw, plaats, regelpad, verplicht=("naam", "uitkomst"), toegestaan=("voorwaarden",)
    ):
        return None
    voorwaarden = []
    ruwe = ruw.get("voorwaarden") or []
    if not isinstance(ruwe, list):
        fouten.toevoegen(plaats, pad(regelpad, "voorwaarden"), "de voorwaarden zijn een lijst")
        ruwe = []
    for nummer, ruwe_voorwaarde in enumerate(ruwe):
        voorwaarden.append(
            _voorwaarde(
                fouten,
                ruwe_voorwaarde,
                f"{plaats}, voorwaarde {nummer + 1}",
                pad(regelpad, f"voorwaarden[{nummer}]"),
            )
        )
    uitkomst = None
    if "uitkomst" in ruw:
        uitkomst = _uitkomst(
            fouten, ruw["uitkomst"], f"{plaats}, uitkomst", pad(regelpad, "uitkomst")
        )
    naam = ruw.get("naam")
    if None in voorwaarden or uitkomst is None or naam is None:
        # still check the name, so every problem is reported at once
        if naam is not None and (not isinstance(naam, str) or not naam.strip()):
            fouten.toevoegen(plaats, pad(regelpad, "naam"), "geef de regel een naam")
        return None
    return fouten.maken(
        plaats, regelpad, Regel, naam=naam, voorwaarden=voorwaarden, uitkomst=uitkomst
    )


def _voorwaarde(
    fouten: Foutenlijst, ruw: Any, plaats: str, voorwaardepad: str
) -> Voorwaarde | None:
    if not fouten.velden_controleren(
        ruw, plaats, voorwaardepad, verplicht=("feit", "operator"), toegestaan=("waarde",)
    ):
        return None
    waarde = ruw.get("waarde")
    feit = FEITEN.get(ruw["feit"]) if isinstance(ruw["feit"], str) else None
    if feit is not None and feit.soort == Feitsoort.BEDRAG and waarde is not None:
        waardepad = pad(voorwaardepad, "waarde")
        if isinstance(waarde, list):
            omgezet = [fouten.maken(plaats, waardepad, centen, w) for w in waarde]
            if None in omgezet:
                return None
            waarde = omgezet
        else:
            waarde = fouten.maken(plaats, waardepad, centen, waarde)
            if waarde is None:
                return None
    return fouten.maken(
        plaats, voorwaardepad, Voorwaarde, feit=ruw["feit"], operator=ruw["operator"], waarde=waarde
    )


def _uitkomst(fouten: Foutenlijst, ruw: Any, plaats: str, uitkomstpad: str) -> Uitkomst | None:
    if not fouten.velden_controleren(
        ruw,
        plaats,
        uitkomstpad,
        verplicht=("bakje",),
        toegestaan=("aanpak", "team", "termijnprofiel"),
    ):
        return None
    stappen = []
    ruwe = ruw.get("aanpak") or []
    if not isinstance(ruwe, list):
        fouten.toevoegen(plaats, pad(uitkomstpad, "aanpak"), "de aanpak is een lijst van stappen")
        ruwe = []
    for index, stap in enumerate(ruwe):
        stappen.append(
            _stap(fouten, stap, f"{plaats}, stap {index + 1}", pad(uitkomstpad, f"aanpak[{index}]"))
        )
    if None in stappen:
        return None
    return fouten.maken(
        plaats,
        uitkomstpad,
        Uitkomst,
        bakje=ruw["bakje"],
        aanpak=stappen,
        team=ruw.get("team"),
        termijnprofiel=ruw.get("termijnprofiel", TERMIJNPROFIEL_STANDAARD),
    )


def _stap(fouten: Foutenlijst, ruw: Any, plaats: str, stappad: str) -> Contactstap | None:
    if isinstance(ruw, str):  # shorthand: "- brief"
        return fouten.maken(plaats, stappad, Contactstap, ruw)
    if not fouten.velden_controleren(
        ruw, plaats, stappad, verplicht=("kanaal",), toegestaan=("aantal",)
    ):
        return None
    return fouten.maken(plaats, stappad, Contactstap, ruw["kanaal"], ruw.get("aantal", 1))


def _uitwijkregel(fouten: Foutenlijst, ruw: Any, index: int) -> Uitwijkregel | None:
    plaats, regelpad = f"Uitwijkregel {index + 1}", f"uitwijkregels[{index}]"
    if not fouten.velden_controleren(
        ruw, plaats, regelpad, verplicht=("kanaal", "alternatieven"), toegestaan=("reden",)
    ):
        return None
    alternatieven = ruw["alternatieven"]
    if not isinstance(alternatieven, list):
        fouten.toevoegen(
            plaats, pad(regelpad, "alternatieven"), "de alternatieven zijn een lijst van kanalen"
        )
        return None
    return fouten.maken(
        plaats, regelpad, Uitwijkregel, ruw["kanaal"], tuple(alternatieven), ruw.get("reden")
    )


# --- the default rule set ------------------------------------------------------------------


@functools.cache
def standaard_regelset() -> Regelset:
    """The default rule set (`standaard.yaml`): the examples of BRIEF §5 in one policy."""
    tekst = resources.files(__package__).joinpath("standaard.yaml").read_text(encoding="utf-8")
    return regelset_uit_yaml(tekst)
