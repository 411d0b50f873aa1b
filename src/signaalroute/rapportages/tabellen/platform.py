"""The platform-wide view: aggregates over all municipalities, small cells suppressed."""

from __future__ import annotations

from dataclasses import replace

from ..cijfers import Dashboardcijfers
from ..rules import ONDERDRUKT, is_klein, onderdrukken
from ._tabel import AANTAL, GETAL, PROCENT, Tabel
from .dashboard import dashboardtabellen

PLATFORMTABELLEN = (
    "signalen_per_soort",
    "signalen_per_maand",
    "zaken_per_soort",
    "contactpogingen",
    "bereik",
    "resultaten",
    "doorlooptijden",
    "brp",
    "herhaalde_meldingen",
    "huishoudkenmerken",
    "resultaat_per_kanaal",
    "resultaat_per_kanaal_pct",
    "resultaat_per_schuldontwikkeling",
    "resultaat_per_schuldontwikkeling_pct",
)


def onderdruk(tabel: Tabel) -> Tabel:
    """The table with every small count (1-4) shown as "<5" (with secondary suppression per
    column, `rules.onderdrukken`), and every percentage or derived number hidden when the count
    it rests on is hidden or small. The chart stays only when nothing was hidden (it would show
    the hidden values)."""
    rijen = [list(rij) for rij in tabel.rijen]
    for k, kolom in enumerate(tabel.kolommen):
        if kolom.soort == AANTAL:
            waarden = onderdrukken([int(rij[k] or 0) for rij in rijen])
            for rij, waarde in zip(rijen, waarden, strict=True):
                if waarde == ONDERDRUKT:
                    rij[k] = ONDERDRUKT
    for r, rij in enumerate(rijen):
        for k, kolom in enumerate(tabel.kolommen):
            if kolom.soort in (PROCENT, GETAL):
                basis_verborgen = kolom.basis is not None and rij[kolom.basis] == ONDERDRUKT
                teller_klein = tabel.tellers is not None and is_klein(tabel.tellers[r][k])
                if basis_verborgen or teller_klein:
                    rij[k] = ONDERDRUKT
    iets_verborgen = any(w == ONDERDRUKT for rij in rijen for w in rij)
    return replace(
        tabel, rijen=rijen, grafiek="" if iets_verborgen else tabel.grafiek, onderdrukt=True
    )


def platformtabellen(c: Dashboardcijfers) -> list[Tabel]:
    alle = {t.sleutel: t for t in dashboardtabellen(c)}
    return [onderdruk(alle[sleutel]) for sleutel in PLATFORMTABELLEN]
