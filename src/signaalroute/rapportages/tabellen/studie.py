"""The study's cross tables: counts, and the percentages the study shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from signaalroute.terugkoppeling.schuld import Schuldontwikkelingcode

from .. import grafieken
from ..cijfers import GEEN_CONTACT, NIET_GEMELD, Dashboardcijfers, Kruistabel, kanaalnaam
from ..rules import Resultaatgroep
from ._tabel import PROCENT, TEKST, Kolom, Tabel

# --- the study's cross tables -----------------------------------------------------------------


def _groepnaam(code: str) -> str:
    return str(Resultaatgroep(code).label)


def _ontwikkelingnaam(code: str) -> str:
    return (
        "Niet gemeld door de partner"
        if code == NIET_GEMELD
        else str(Schuldontwikkelingcode(code).label)
    )


def _kruis(
    k: Kruistabel,
    *,
    sleutel: str,
    titel: str,
    toelichting: str,
    rijnaam: Callable[[str], str],
    kolomnaam: Callable[[str], str],
    kop: str,
    procent: str,
) -> tuple[Tabel, Tabel]:
    """The counts, and the percentages the study shows (per row or per column)."""
    pct = k.rij_pct if procent == "rij" else k.kolom_pct
    aantallen = Tabel(
        sleutel=sleutel,
        titel=titel,
        toelichting=toelichting,
        kolommen=[Kolom(kop, TEKST), *(Kolom(kolomnaam(x)) for x in k.kolommen), Kolom("Totaal")],
        rijen=[[rijnaam(r), *(k.cel(r, x) for x in k.kolommen), k.rijtotaal(r)] for r in k.rijen]
        + [["Totaal", *(k.kolomtotaal(x) for x in k.kolommen), k.totaal]],
    )
    procenten = Tabel(
        sleutel=f"{sleutel}_pct",
        titel=f"{titel} (percentages per {'rij' if procent == 'rij' else 'kolom'})",
        toelichting=toelichting,
        kolommen=[Kolom(kop, TEKST), *(Kolom(kolomnaam(x), PROCENT) for x in k.kolommen)],
        rijen=[[rijnaam(r), *(pct(r, x) for x in k.kolommen)] for r in k.rijen],
        tellers=[[0, *(k.cel(r, x) for x in k.kolommen)] for r in k.rijen],
    )
    if procent == "rij":
        labels = [rijnaam(r) for r in k.rijen]
        reeksen = [
            grafieken.Reeks(kolomnaam(x), [pct(r, x) or 0 for r in k.rijen]) for x in k.kolommen
        ]
    else:
        labels = [kolomnaam(x) for x in k.kolommen]
        reeksen = [
            grafieken.Reeks(rijnaam(r), [pct(r, x) or 0 for x in k.kolommen]) for r in k.rijen
        ]
    procenten = replace(
        procenten,
        grafiek=grafieken.gestapeld(
            id=sleutel.replace("_", "-"),
            titel=procenten.titel,
            beschrijving="Gestapelde staven van 100%: de percentages van de tabel eronder.",
            labels=labels,
            reeksen=reeksen,
        ),
    )
    return aantallen, procenten


def studietabellen(c: Dashboardcijfers) -> list[Tabel]:
    return [
        *_kruis(
            c.resultaat_per_kanaal,
            sleutel="resultaat_per_kanaal",
            titel="Resultaat × kanaal waarmee het huishouden bereikt werd",
            toelichting=(
                "Zaken met een matchingsdatum in de periode: het resultaat bij de gemeente en het "
                "kanaal van de eerste contactpoging die het huishouden bereikte (of geen contact)."
            ),
            rijnaam=_groepnaam,
            kolomnaam=lambda x: "Geen contact" if x == GEEN_CONTACT else kanaalnaam(x),
            kop="Resultaat bij de gemeente",
            procent="rij",
        ),
        *_kruis(
            c.resultaat_per_schuldontwikkeling,
            sleutel="resultaat_per_schuldontwikkeling",
            titel="Resultaat × ontwikkeling van de schuld bij de partner",
            toelichting=(
                "Signalen met een signaaldatum in de periode: de laatst gemelde ontwikkeling van de "
                "achterstand bij de signaalpartner en het resultaat van de zaak bij de gemeente."
            ),
            rijnaam=_ontwikkelingnaam,
            kolomnaam=_groepnaam,
            kop="Ontwikkeling van de schuld",
            procent="kolom",
        ),
    ]
