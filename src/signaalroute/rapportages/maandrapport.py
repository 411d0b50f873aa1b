"""The monthly management report (issue #9): one municipality (or all municipalities of an
organisation) over one calendar month, as a PDF made with WeasyPrint from an HTML template.

Contents: key figures of the month next to the previous month and the same month a year
earlier, the dashboard's tables and charts for the month (signals per partner type, cases by
kind, reach and help acceptance, contact attempts, results, deadlines, capacity use) and the
forecast against the actual figures of the year so far (`prognose`).

Every figure comes from `cijfers` (the same definitions as the dashboards); the report holds
counts only, never personal data. Building the report (`maandrapport_maken`) is separate from
rendering it (`maandrapport_html`, `maandrapport_pdf`), so tests can read the HTML.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.template.loader import render_to_string

from . import cijfers, grafieken, prognose, tabellen
from .cijfers._basis import Gemeenten, zaken
from .rules import Periode, maandbegin
from .tabellen import GETAL, TEKST, Kolom, Tabel
from .tabellen._tabel import maandkort, maandnaam

# The dashboard tables the report shows, in this order (keys of `tabellen.dashboardtabellen`).
TABELLEN = (
    "signalen_per_soort",
    "zaken_per_soort",
    "bereik",
    "contactpogingen",
    "resultaten",
    "doorlooptijden",
    "capaciteit",
)


def maandperiode(jaar: int, maand: int) -> Periode:
    """The calendar month as a period (raises ValueError for a month that does not exist)."""
    return Periode(
        datetime.date(jaar, maand, 1),
        datetime.date(jaar, maand, calendar.monthrange(jaar, maand)[1]),
    )


def vorige_maand(periode: Periode) -> Periode:
    einde = periode.van - datetime.timedelta(days=1)
    return maandperiode(einde.year, einde.month)


def zelfde_maand_vorig_jaar(periode: Periode) -> Periode:
    return maandperiode(periode.van.year - 1, periode.van.month)


def zaken_per_maand(gemeenten: Gemeenten, periode: Periode) -> dict[datetime.date, int]:
    """New cases (`matchingsdatum`) per calendar month of the period, every month present."""
    totalen = dict.fromkeys(periode.maanden(), 0)
    rijen = (
        zaken(gemeenten, periode)
        .annotate(maand=TruncMonth("matchingsdatum"))
        .values("maand")
        .annotate(n=Count("id"))
        .order_by()
    )
    for r in rijen:
        maand = r["maand"]
        maand = maand.date() if isinstance(maand, datetime.datetime) else maand
        totalen[maandbegin(maand)] += r["n"]
    return totalen


def eigen_signalen_per_zaak(gemeenten: Gemeenten, *, voor: datetime.date) -> float | None:
    """The municipality's own signals per case over the 12 months before `voor` (None with too
    little history, see `prognose.MINIMUM_ZAKEN_VOOR_EIGEN_VERHOUDING`)."""
    begin = datetime.date(voor.year - 1, voor.month, 1)
    periode = Periode(begin, voor - datetime.timedelta(days=1))
    return prognose.signalen_per_zaak(
        cijfers.signaalcijfers(gemeenten, periode).totaal,
        cijfers.zaakcijfers(gemeenten, periode).totaal,
    )


# --- key figures ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Kerncijfer:
    naam: str
    deze_maand: float | None
    vorige_maand: float | None
    vorig_jaar: float | None
    procent: bool = False

    def _tekst(self, waarde: float | None) -> str:
        tekst = grafieken.getal(waarde)
        return f"{tekst}%" if self.procent and waarde is not None else tekst

    @property
    def teksten(self) -> tuple[str, str, str]:
        return (
            self._tekst(self.deze_maand),
            self._tekst(self.vorige_maand),
            self._tekst(self.vorig_jaar),
        )


def _kern(gemeenten: Gemeenten, periode: Periode, peildatum: datetime.date) -> dict:
    s = cijfers.signaalcijfers(gemeenten, periode)
    z = cijfers.zaakcijfers(gemeenten, periode)
    d = cijfers.doorlooptijden(gemeenten, periode, peildatum=peildatum)
    return {
        "signalen": s.totaal,
        "per_duizend": s.per_duizend(s.totaal),
        "zaken": z.totaal,
        "meervoudig": z.per_soort.get("meervoudig", 0),
        "bereikt": z.bereikt_pct,
        "hulp": z.hulp_pct,
        "eerste_contact": d.eerste_contact_op_tijd_pct,
        "afsluiten": d.afsluiten_op_tijd_pct,
    }


KERNCIJFERS = (
    ("signalen", "Signalen", False),
    ("per_duizend", "Signalen per 1.000 inwoners", False),
    ("zaken", "Nieuwe zaken", False),
    ("meervoudig", "Waarvan meervoudig", False),
    ("bereikt", "Bereikt", True),
    ("hulp", "Hulp geaccepteerd", True),
    ("eerste_contact", "Eerste contact op tijd", True),
    ("afsluiten", "Op tijd afgesloten", True),
)


# --- the report -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Maandrapport:
    naam: str  # the municipality or the organisation
    gemeenten: list[str]
    periode: Periode
    jaar_tot_nu: Periode
    peildatum: datetime.date
    gegenereerd_op: datetime.datetime
    inwoners: int
    kerncijfers: list[Kerncijfer]
    tabellen: list[Tabel]
    vergelijking: prognose.Vergelijking
    prognosetabel: Tabel

    @property
    def maandnaam(self) -> str:
        return maandnaam(self.periode.van)

    @property
    def prognoseregels(self) -> list[tuple[str, str, str]]:
        """(what, expected, actual) for the year so far, formatted."""
        v, p = self.vergelijking, self.vergelijking.prognose
        if p.signalen is not None:
            signalen = prognose.afgerond(p.signalen)
        else:
            signalen = (
                f"{prognose.afgerond(p.signalen_onder)} tot {prognose.afgerond(p.signalen_boven)}"
            )
        return [
            ("Signalen", signalen, prognose.afgerond(v.signalen)),
            ("Nieuwe zaken", prognose.afgerond(p.zaken, 1), prognose.afgerond(v.zaken)),
            (
                f"Uren ({prognose.afgerond(v.aannames.uren_per_zaak)} per zaak)",
                prognose.afgerond(p.uren),
                prognose.afgerond(v.uren),
            ),
            (
                f"Fte ({prognose.afgerond(v.aannames.uren_per_fte)} uur per fte per jaar)",
                prognose.afgerond(p.fte, 1),
                prognose.afgerond(v.fte, 1),
            ),
        ]

    @property
    def bestandsnaam(self) -> str:
        return f"maandrapport-{self.periode.van:%Y-%m}.pdf"


def _prognosetabel(
    per_maand_zaken: dict[datetime.date, int],
    per_maand_signalen: dict[datetime.date, int],
    inwoners: int,
    eigen: float | None,
) -> Tabel:
    """Per month of the year so far: actual and expected cases and signals, and cumulatively."""
    verwacht = prognose.prognose(inwoners=inwoners, maanden=1, signalen_per_zaak=eigen)
    maanden = list(per_maand_zaken)
    rijen, cumulatief, cumulatief_verwacht = [], [], []
    som = 0
    for i, maand in enumerate(maanden, start=1):
        som += per_maand_zaken[maand]
        cumulatief.append(som)
        cumulatief_verwacht.append(round(verwacht.zaken * i, 1))
        rijen.append(
            [
                maandnaam(maand),
                per_maand_signalen.get(maand, 0),
                round(verwacht.signalen, 1)
                if verwacht.signalen is not None
                else (
                    f"{prognose.afgerond(verwacht.signalen_onder)}–"
                    f"{prognose.afgerond(verwacht.signalen_boven)}"
                ),
                per_maand_zaken[maand],
                round(verwacht.zaken, 1),
                som,
                round(verwacht.zaken * i, 1),
            ]
        )
    return Tabel(
        sleutel="prognose",
        titel="Prognose en werkelijkheid (dit jaar tot nu)",
        toelichting=(
            "Verwachte zaken: 85 nieuwe zaken per 10.000 inwoners per jaar (ministerie van SZW). "
            "Verwachte signalen: het eigen aantal signalen per zaak van de 12 maanden ervoor, of "
            "zonder genoeg eigen cijfers de bandbreedte uit landelijk onderzoek (Inforing)."
        ),
        kolommen=[
            Kolom("Maand", TEKST),
            Kolom("Signalen"),
            Kolom("Signalen verwacht", GETAL),
            Kolom("Zaken"),
            Kolom("Zaken verwacht", GETAL),
            Kolom("Zaken opgeteld"),
            Kolom("Verwacht opgeteld", GETAL),
        ],
        rijen=rijen,
        grafiek=grafieken.lijndiagram(
            id="prognose",
            titel="Nieuwe zaken dit jaar, opgeteld, tegen de verwachting",
            beschrijving="Twee lijnen per maand: het opgetelde aantal nieuwe zaken en het opgetelde verwachte aantal.",
            labels=[maandkort(m) for m in maanden],
            reeksen=[
                grafieken.Reeks("Werkelijk", cumulatief),
                grafieken.Reeks("Verwacht", cumulatief_verwacht),
            ],
        ),
    )


def maandrapport_maken(
    *,
    gemeenten: Sequence,
    naam: str,
    jaar: int,
    maand: int,
    peildatum: datetime.date,
    gegenereerd_op: datetime.datetime,
) -> Maandrapport:
    """The figures of the report for `gemeenten` (Gemeente objects the caller may show)."""
    ids = [g.pk for g in gemeenten]
    periode = maandperiode(jaar, maand)
    figuren = cijfers.dashboardcijfers(ids, periode, peildatum=peildatum)
    alle = {t.sleutel: t for t in tabellen.dashboardtabellen(figuren)}

    nu = _kern(ids, periode, peildatum)
    vorige = _kern(ids, vorige_maand(periode), peildatum)
    vorig_jaar = _kern(ids, zelfde_maand_vorig_jaar(periode), peildatum)
    kerncijfers = [
        Kerncijfer(naam_, nu[sleutel], vorige[sleutel], vorig_jaar[sleutel], procent)
        for sleutel, naam_, procent in KERNCIJFERS
    ]

    jaar_tot_nu = Periode(datetime.date(jaar, 1, 1), periode.tot)
    inwoners = figuren.signalen.inwoners
    eigen = eigen_signalen_per_zaak(ids, voor=jaar_tot_nu.van)
    per_maand_zaken = zaken_per_maand(ids, jaar_tot_nu)
    per_maand_signalen = cijfers.signaalcijfers(ids, jaar_tot_nu).per_maand
    vergelijking = prognose.vergelijken(
        prognose.prognose(inwoners=inwoners, maanden=maand, signalen_per_zaak=eigen),
        zaken=sum(per_maand_zaken.values()),
        signalen=sum(per_maand_signalen.values()),
    )
    return Maandrapport(
        naam=naam,
        gemeenten=[g.naam for g in gemeenten],
        periode=periode,
        jaar_tot_nu=jaar_tot_nu,
        peildatum=peildatum,
        gegenereerd_op=gegenereerd_op,
        inwoners=inwoners,
        kerncijfers=kerncijfers,
        tabellen=[alle[s] for s in TABELLEN if s in alle],
        vergelijking=vergelijking,
        prognosetabel=_prognosetabel(per_maand_zaken, per_maand_signalen, inwoners, eigen),
    )


def maandrapport_html(rapport: Maandrapport) -> str:
    return render_to_string("rapportages/pdf/maandrapport.html", {"rapport": rapport})


def maandrapport_pdf(rapport: Maandrapport) -> bytes:
    from weasyprint import HTML  # heavy import: only where a PDF is made

    return HTML(string=maandrapport_html(rapport)).write_pdf()
