"""The year evaluation: the questions municipalities set themselves for their first year of
early signalling (e.g. the project plan of Harlingen, Terschelling, Vlieland and Waadhoeke), each
answered with a figure, a short sentence in plain Dutch and the table behind it.

1. How many signals came in each month, and does that match the estimate?
2. How often did the door stay closed or did the household refuse to cooperate?
3. How often was help accepted?
4. How many cases went on to debt help (schuldhulpverlening), and is that going down?
5. Did the conversation bring other questions to light, so help in other areas could start?
6. Are partners handing fewer arrears to a bailiff (deurwaarder)?
7. Are fewer residents ending up with the CAK (signals of CAK Zorgverzekeringen)?

The year runs from 1 January up to and including 31 December, or up to the peildatum for the
running year. Cases count by `matchingsdatum`, signals by `signaaldatum`, partners' reports of
debt development by their `peildatum` (as everywhere in `cijfers`). Counts only.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.terugkoppeling.schuld import Schuldontwikkeling, Schuldontwikkelingcode
from signaalroute.vroegsignaalzaken.constants import Eindresultaat as E
from signaalroute.vroegsignaalzaken.constants import Hulpstap

from . import cijfers, grafieken, prognose
from .cijfers._basis import gemeente_ids, zaken
from .maandrapport import eigen_signalen_per_zaak, zaken_per_maand
from .rules import HULP, Periode, Resultaatgroep, maandbegin, percentage, resultaatgroep
from .tabellen import GETAL, PROCENT, TEKST, Kolom, Tabel
from .tabellen._tabel import maandkort, maandnaam

# A change of less than this share between the first and the second half of the year is
# "about the same".
TRENDMARGE = 0.1

# Question 2: the door stayed closed, or the household would not cooperate.
DEUR_DICHT = (E.GEEN_CONTACT,)
GEWEIGERD = (E.GEEN_REACTIE, E.HOEFT_GEEN_HULP)
# Question 4: debt help; protective administration and budget management are shown apart.
SCHULDHULP = Hulpstap.SCHULDHULP
BEWIND = Hulpstap.BEWIND
# Question 7: CAK signals (the CAK collects the premium of people in the defaulters' scheme,
# usually withheld from wages or benefits: the *bronheffing*).
CAK = (Signaalpartnersoort.CAK_ZORGVERZEKERINGEN, Signaalpartnersoort.CAK_EIGEN_BIJDRAGE)


# --- trends (pure) --------------------------------------------------------------------------


class Trend:
    DAALT = "daalt"
    STIJGT = "stijgt"
    GELIJK = "gelijk"
    ONBEKEND = "onbekend"


TRENDTEKST = {
    Trend.DAALT: "loopt terug",
    Trend.STIJGT: "neemt toe",
    Trend.GELIJK: "blijft ongeveer gelijk",
    Trend.ONBEKEND: "is nog niet te zeggen",
}


def trend(per_maand: Sequence[float], marge: float = TRENDMARGE) -> str:
    """The average per month of the second half of the months against the first half (an odd
    middle month is left out). Fewer than two months, or nothing at all: unknown."""
    if len(per_maand) < 2 or not any(per_maand):
        return Trend.ONBEKEND
    helft = len(per_maand) // 2
    eerste = sum(per_maand[:helft]) / helft
    tweede = sum(per_maand[-helft:]) / helft
    if tweede > eerste * (1 + marge):
        return Trend.STIJGT
    if tweede < eerste * (1 - marge):
        return Trend.DAALT
    return Trend.GELIJK


def trendzin(onderwerp: str, per_maand: Sequence[float]) -> str:
    return f"{onderwerp} {TRENDTEKST[trend(per_maand)]} (tweede helft tegen eerste helft van het jaar)."


# --- the evaluation -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Vraag:
    sleutel: str
    vraag: str
    cijfer: str
    zin: str
    tabel: Tabel


@dataclass(frozen=True, slots=True)
class Jaarevaluatie:
    jaar: int
    periode: Periode
    peildatum: datetime.date
    inwoners: int
    vragen: list[Vraag]

    @property
    def volledig(self) -> bool:
        return self.periode.tot == datetime.date(self.jaar, 12, 31)


def jaarperiode(jaar: int, peildatum: datetime.date) -> Periode:
    """The year, or the part of it up to `peildatum` (ValueError when it has not begun)."""
    return Periode(datetime.date(jaar, 1, 1), min(datetime.date(jaar, 12, 31), peildatum))


def _pct(tekst: float | None) -> str:
    return "–" if tekst is None else f"{grafieken.getal(tekst)}%"


def _per_maand_tabel(
    sleutel: str,
    titel: str,
    toelichting: str,
    maanden: list[datetime.date],
    reeksen: list[tuple[str, dict[datetime.date, int]]],
) -> Tabel:
    """Months as rows, one count column per series, a total row and a line chart."""
    rijen: list[list] = [[maandnaam(m), *(r.get(m, 0) for _n, r in reeksen)] for m in maanden]
    rijen.append(["Totaal", *(sum(r.get(m, 0) for m in maanden) for _n, r in reeksen)])
    return Tabel(
        sleutel=sleutel,
        titel=titel,
        toelichting=toelichting,
        kolommen=[Kolom("Maand", TEKST), *(Kolom(naam) for naam, _r in reeksen)],
        rijen=rijen,
        grafiek=grafieken.lijndiagram(
            id=sleutel.replace("_", "-"),
            titel=titel,
            beschrijving=f"{titel}, per maand; de tabel eronder geeft dezelfde cijfers.",
            labels=[maandkort(m) for m in maanden],
            reeksen=[grafieken.Reeks(naam, [r.get(m, 0) for m in maanden]) for naam, r in reeksen],
        ),
    )


def _signalen(ids, periode: Periode, inwoners: int) -> tuple[Vraag, cijfers.Signaalcijfers]:
    s = cijfers.signaalcijfers(ids, periode)
    maanden = periode.maanden()
    per_maand_zaken = zaken_per_maand(ids, periode)
    eigen = eigen_signalen_per_zaak(ids, voor=periode.van)
    maand = prognose.prognose(inwoners=inwoners, maanden=1, signalen_per_zaak=eigen)
    vergelijking = prognose.vergelijken(
        prognose.prognose(inwoners=inwoners, maanden=len(maanden), signalen_per_zaak=eigen),
        zaken=sum(per_maand_zaken.values()),
        signalen=s.totaal,
    )
    verwacht_signalen = (
        round(maand.signalen, 1)
        if maand.signalen is not None
        else f"{prognose.afgerond(maand.signalen_onder)}–{prognose.afgerond(maand.signalen_boven)}"
    )
    rijen: list[list] = [
        [
            maandnaam(m),
            s.per_maand[m],
            verwacht_signalen,
            per_maand_zaken[m],
            round(maand.zaken, 1),
        ]
        for m in maanden
    ]
    p = vergelijking.prognose
    rijen.append(
        [
            "Totaal",
            s.totaal,
            round(p.signalen, 1)
            if p.signalen is not None
            else f"{prognose.afgerond(p.signalen_onder)}–{prognose.afgerond(p.signalen_boven)}",
            vergelijking.zaken,
            round(p.zaken, 1),
        ]
    )
    tabel = Tabel(
        sleutel="signalen_en_schatting",
        titel="Signalen en zaken per maand tegen de schatting",
        toelichting=(
            "Verwachte zaken: 85 nieuwe zaken per 10.000 inwoners per jaar (ministerie van SZW). "
            "Verwachte signalen: het eigen aantal signalen per zaak van het jaar ervoor, of de "
            "bandbreedte uit landelijk onderzoek (Inforing) als er nog te weinig eigen cijfers zijn. "
            f"Nodige inzet bij {prognose.afgerond(vergelijking.aannames.uren_per_zaak)} uur per zaak: "
            f"verwacht {prognose.afgerond(p.fte, 1)} fte, werkelijk {prognose.afgerond(vergelijking.fte, 1)} fte."
        ),
        kolommen=[
            Kolom("Maand", TEKST),
            Kolom("Signalen"),
            Kolom("Signalen verwacht", GETAL),
            Kolom("Zaken"),
            Kolom("Zaken verwacht", GETAL),
        ],
        rijen=rijen,
        grafiek=grafieken.lijndiagram(
            id="signalen-en-schatting",
            titel="Nieuwe zaken per maand tegen de verwachting",
            beschrijving="Twee lijnen: het aantal nieuwe zaken per maand en het verwachte aantal.",
            labels=[maandkort(m) for m in maanden],
            reeksen=[
                grafieken.Reeks("Zaken", [per_maand_zaken[m] for m in maanden]),
                grafieken.Reeks("Verwacht", [round(maand.zaken, 1) for _m in maanden]),
            ],
        ),
    )
    vraag = Vraag(
        sleutel="signalen",
        vraag="Hoeveel signalen kwamen er per maand binnen? Klopt dat met de schatting?",
        cijfer=f"{s.totaal} signalen, {vergelijking.zaken} zaken",
        zin=f"{vergelijking.signalen_zin} {vergelijking.zaken_zin}",
        tabel=tabel,
    )
    return vraag, s


def _deur_dicht(resultaten: dict[str, int]) -> Vraag:
    behandeld = sum(
        n
        for code, n in resultaten.items()
        if resultaatgroep(code) not in (Resultaatgroep.OPEN, Resultaatgroep.NIET_OPGEPAKT)
    )
    regels = [
        ("Geen contact gekregen: de deur bleef dicht", DEUR_DICHT),
        ("Geen reactie meer na eerder contact", (E.GEEN_REACTIE,)),
        ("Wil geen hulp of regelt het zelf", (E.HOEFT_GEEN_HULP,)),
    ]
    rijen: list[list] = []
    for naam, codes in regels:
        n = sum(resultaten.get(c, 0) for c in codes)
        rijen.append([naam, n, percentage(n, behandeld)])
    dicht = sum(resultaten.get(c, 0) for c in DEUR_DICHT)
    geweigerd = sum(resultaten.get(c, 0) for c in GEWEIGERD)
    rijen.append(["Afgesloten zaken die zijn opgepakt", behandeld, 100.0 if behandeld else None])
    return Vraag(
        sleutel="deur_dicht",
        vraag="In hoeveel gevallen bleef de deur dicht of werd medewerking geweigerd?",
        cijfer=f"{dicht + geweigerd} van {behandeld} zaken",
        zin=(
            f"Bij {dicht} zaken kregen we geen contact ({_pct(percentage(dicht, behandeld))}). "
            f"Bij {geweigerd} zaken was er wel contact, maar wilde het huishouden geen hulp of "
            f"reageerde het niet meer ({_pct(percentage(geweigerd, behandeld))}). Dit is van de "
            f"{behandeld} afgesloten zaken die zijn opgepakt."
        ),
        tabel=Tabel(
            sleutel="deur_dicht",
            titel="Deur dicht of geen medewerking",
            toelichting="Afgesloten zaken van het jaar, zonder de zaken die niet zijn opgepakt.",
            kolommen=[
                Kolom("Resultaat", TEKST),
                Kolom("Zaken"),
                Kolom("Aandeel", PROCENT, basis=1),
            ],
            rijen=rijen,
        ),
    )


def _hulp(ids, periode: Periode, z: cijfers.Zaakcijfers) -> Vraag:
    per_stap = {
        r["hulpstap"]: r["n"]
        for r in zaken(ids, periode)
        .filter(eindresultaat__in=HULP)
        .values("hulpstap")
        .annotate(n=Count("id"))
        .order_by()
    }
    rijen: list[list] = [
        [
            str(stap.label),
            per_stap.get(stap.value, 0),
            percentage(per_stap.get(stap.value, 0), z.totaal),
        ]
        for stap in Hulpstap
    ]
    zonder = per_stap.get("", 0)
    if zonder:
        rijen.append(
            ["Hulp zonder vastgelegde stap (oudere zaken)", zonder, percentage(zonder, z.totaal)]
        )
    rijen.append(["Hulp geaccepteerd", z.hulp_geaccepteerd, z.hulp_pct])
    return Vraag(
        sleutel="hulp",
        vraag="In hoeveel gevallen werd hulp geaccepteerd?",
        cijfer=f"{z.hulp_geaccepteerd} van {z.totaal} zaken ({_pct(z.hulp_pct)})",
        zin=(
            f"In {z.hulp_geaccepteerd} van de {z.totaal} zaken nam het huishouden hulp aan. "
            f"Van de {z.bereikt} huishoudens die we spraken, was dat "
            f"{_pct(z.hulp_van_bereikt_pct)}. Zaken die nog open zijn, tellen nog niet mee."
        ),
        tabel=Tabel(
            sleutel="hulp_geaccepteerd",
            titel="Hulp geaccepteerd, naar de concrete stap",
            toelichting="Zaken van het jaar met het resultaat ‘hulp geaccepteerd’; aandeel van alle zaken.",
            kolommen=[Kolom("Stap", TEKST), Kolom("Zaken"), Kolom("Aandeel", PROCENT, basis=1)],
            rijen=rijen,
        ),
    )


def _per_maand(qs, veld: str, **tellingen) -> dict[str, dict[datetime.date, int]]:
    rijen = qs.annotate(maand=TruncMonth(veld)).values("maand").annotate(**tellingen).order_by()
    uitkomst: dict[str, dict[datetime.date, int]] = {k: {} for k in tellingen}
    for r in rijen:
        maand = r["maand"]
        maand = maandbegin(maand.date() if isinstance(maand, datetime.datetime) else maand)
        for k in tellingen:
            uitkomst[k][maand] = uitkomst[k].get(maand, 0) + r[k]
    return uitkomst


def _schuldhulp(ids, periode: Periode) -> Vraag:
    maanden = periode.maanden()
    tellingen = _per_maand(
        zaken(ids, periode),
        "matchingsdatum",
        schuldhulp=Count("id", filter=Q(hulpstap=SCHULDHULP)),
        bewind=Count("id", filter=Q(hulpstap=BEWIND)),
    )
    reeks = [tellingen["schuldhulp"].get(m, 0) for m in maanden]
    totaal, bewind = sum(reeks), sum(tellingen["bewind"].values())
    return Vraag(
        sleutel="schuldhulp",
        vraag="Hoeveel zaken gingen door naar schuldhulpverlening? Loopt dit terug?",
        cijfer=f"{totaal} naar schuldhulpverlening, {bewind} naar bewind of budgetbeheer",
        zin=(
            f"{totaal} huishoudens zijn doorverwezen naar schuldhulpverlening en {bewind} naar "
            f"beschermingsbewind of budgetbeheer. "
            + trendzin("Het aantal doorverwijzingen naar schuldhulpverlening", reeks)
            + " De laatste maanden kunnen nog stijgen: daar zijn nog zaken open."
        ),
        tabel=_per_maand_tabel(
            "schuldhulp",
            "Doorverwezen naar schuldhulpverlening",
            "Zaken per maand van matching, met de stap ‘verwezen naar schuldhulpverlening’ of "
            "‘verwezen naar beschermingsbewind of budgetbeheer’.",
            maanden,
            [
                ("Schuldhulpverlening", tellingen["schuldhulp"]),
                ("Bewind of budgetbeheer", tellingen["bewind"]),
            ],
        ),
    )


def _andere_terreinen(ids, periode: Periode, z: cijfers.Zaakcijfers) -> Vraag:
    rij = zaken(ids, periode).aggregate(
        niet_financieel=Count(
            "id",
            filter=Q(hulpstap=Hulpstap.NIET_FINANCIEEL)
            | Q(eindresultaat=E.VERVOLGHULP_NIET_FINANCIEEL),
        ),
    )
    n = rij["niet_financieel"]
    return Vraag(
        sleutel="andere_terreinen",
        vraag=(
            "In hoeveel gevallen kwamen in het gesprek andere vragen boven water, zodat ook op "
            "andere terreinen hulp kon starten?"
        ),
        cijfer=f"{n} van {z.bereikt} bereikte huishoudens",
        zin=(
            f"{n} huishoudens zijn doorverwezen naar hulp die niet over geld gaat, zoals het "
            f"wijkteam, maatschappelijk werk of zorg. Dat is {_pct(percentage(n, z.bereikt))} van "
            f"de {z.bereikt} huishoudens die we spraken. Vragen die in het gesprek zijn opgelost, "
            f"staan hier niet in."
        ),
        tabel=Tabel(
            sleutel="andere_terreinen",
            titel="Hulp op andere terreinen",
            toelichting="Zaken van het jaar met een verwijzing naar niet-financiële hulp.",
            kolommen=[
                Kolom("Kengetal", TEKST),
                Kolom("Zaken"),
                Kolom("Van bereikt", PROCENT, basis=1),
            ],
            rijen=[
                ["Verwezen naar niet-financiële hulp", n, percentage(n, z.bereikt)],
                ["Bereikte huishoudens", z.bereikt, 100.0 if z.bereikt else None],
            ],
        ),
    )


def _deurwaarder(ids, periode: Periode) -> Vraag:
    maanden = periode.maanden()
    tellingen = _per_maand(
        Schuldontwikkeling.objects.filter(
            gemeente__in=ids, peildatum__range=(periode.van, periode.tot)
        ),
        "peildatum",
        gemeld=Count("vroegsignaal", distinct=True),
        deurwaarder=Count(
            "vroegsignaal",
            distinct=True,
            filter=Q(code=Schuldontwikkelingcode.DEURWAARDER),
        ),
    )
    reeks = [tellingen["deurwaarder"].get(m, 0) for m in maanden]
    totaal, gemeld = sum(reeks), sum(tellingen["gemeld"].values())
    zin = (
        f"Partners meldden in {totaal} gevallen dat de achterstand naar de deurwaarder ging, "
        f"bij {gemeld} meldingen over hoe een schuld zich ontwikkelde. "
        + trendzin("Het aantal zaken bij de deurwaarder", reeks)
    )
    if not gemeld:
        zin = (
            "Partners hebben dit jaar niets gemeld over hoe de schulden zich ontwikkelden. "
            "Vraag de partners om dat terug te melden."
        )
    return Vraag(
        sleutel="deurwaarder",
        vraag="Zetten de partners minder vaak een deurwaarder in?",
        cijfer=f"{totaal} naar de deurwaarder",
        zin=zin,
        tabel=_per_maand_tabel(
            "deurwaarder",
            "Schuld bij de deurwaarder, zoals partners melden",
            "Per maand van de peildatum van de melding: signalen waarover de partner iets meldde, "
            "en signalen waarvan de achterstand uit handen is gegeven aan een deurwaarder.",
            maanden,
            [("Meldingen", tellingen["gemeld"]), ("Deurwaarder", tellingen["deurwaarder"])],
        ),
    )


def _cak(s: cijfers.Signaalcijfers, periode: Periode) -> Vraag:
    maanden = periode.maanden()
    reeksen = [
        (str(soort.label), {m: s.per_soort_maand.get((soort.value, m), 0) for m in maanden})
        for soort in CAK
    ]
    zorg = [reeksen[0][1][m] for m in maanden]
    totaal = sum(sum(r.values()) for _n, r in reeksen)
    return Vraag(
        sleutel="cak",
        vraag="Komen er minder inwoners in de bronheffing terecht (signalen van het CAK)?",
        cijfer=f"{sum(zorg)} signalen CAK Zorgverzekeringen, {totaal} van het CAK in totaal",
        zin=(
            "Signaalroute legt de bronheffing zelf niet vast. Een signaal van CAK "
            "Zorgverzekeringen betekent dat iemand zijn zorgpremie niet betaalt en bij het CAK "
            "terecht is gekomen; het CAK houdt de premie dan vaak in op loon of uitkering. "
            + trendzin("Het aantal signalen van CAK Zorgverzekeringen", zorg)
        ),
        tabel=_per_maand_tabel(
            "cak",
            "Signalen van het CAK",
            "Signalen per maand van de signaaldatum.",
            maanden,
            reeksen,
        ),
    )


def jaarevaluatie_maken(
    *, gemeenten: Sequence, jaar: int, peildatum: datetime.date
) -> Jaarevaluatie:
    """The evaluation of `jaar` for `gemeenten` (Gemeente objects the caller may show)."""
    ids = gemeente_ids([g.pk for g in gemeenten])
    periode = jaarperiode(jaar, peildatum)
    inwoners = cijfers.inwoners(ids)
    z = cijfers.zaakcijfers(ids, periode)
    signalenvraag, s = _signalen(ids, periode, inwoners)
    return Jaarevaluatie(
        jaar=jaar,
        periode=periode,
        peildatum=peildatum,
        inwoners=inwoners,
        vragen=[
            signalenvraag,
            _deur_dicht(cijfers.resultaten(ids, periode)),
            _hulp(ids, periode, z),
            _schuldhulp(ids, periode),
            _andere_terreinen(ids, periode, z),
            _deurwaarder(ids, periode),
            _cak(s, periode),
        ],
    )
