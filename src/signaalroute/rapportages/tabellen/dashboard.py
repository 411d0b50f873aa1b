"""The dashboard's tables, one builder per figure of `cijfers`."""

from __future__ import annotations

from signaalroute.matching.models import Brpuitkomst
from signaalroute.vroegsignaalzaken.constants import Zaaksoort

from .. import grafieken
from ..cijfers import Dashboardcijfers, kanaalnaam, resultaatnaam, soortnaam
from ..rules import percentage
from ._tabel import GETAL, PROCENT, TEKST, Kolom, Tabel, maandkort, maandnaam
from .studie import studietabellen

# --- the tables -------------------------------------------------------------------------------


def _signalen_per_soort(c: Dashboardcijfers) -> Tabel:
    s = c.signalen
    soorten = s.soorten
    totalen = s.per_soort
    return Tabel(
        sleutel="signalen_per_soort",
        titel="Signalen per soort signaalpartner",
        toelichting=f"Signalen met een signaaldatum in de periode; {s.inwoners:,} inwoners.".replace(
            ",", "."
        ),
        kolommen=[
            Kolom("Soort signaalpartner", TEKST),
            Kolom("Signalen"),
            Kolom("Per 1.000 inwoners", GETAL, basis=1),
            Kolom("Aandeel", PROCENT, basis=1),
        ],
        rijen=[
            [soortnaam(x), totalen[x], s.per_duizend(totalen[x]), percentage(totalen[x], s.totaal)]
            for x in soorten
        ]
        + [["Totaal", s.totaal, s.per_duizend(s.totaal), 100.0 if s.totaal else None]],
        grafiek=grafieken.staafdiagram(
            id="signalen-per-soort",
            titel="Signalen per soort signaalpartner",
            beschrijving="Aantal signalen in de periode per soort signaalpartner; de tabel eronder geeft dezelfde cijfers.",
            labels=[soortnaam(x) for x in soorten],
            waarden=[totalen[x] for x in soorten],
        ),
    )


def _signalen_per_maand(c: Dashboardcijfers) -> Tabel:
    s = c.signalen
    soorten = s.soorten
    per_maand = s.per_maand
    rijen = [
        [
            maandnaam(m),
            *(s.per_soort_maand.get((x, m), 0) for x in soorten),
            per_maand[m],
            s.per_duizend(per_maand[m]),
        ]
        for m in s.maanden
    ]
    n = len(soorten)
    return Tabel(
        sleutel="signalen_per_maand",
        titel="Signalen per maand",
        toelichting="Per kalendermaand van de signaaldatum en soort signaalpartner.",
        kolommen=[
            Kolom("Maand", TEKST),
            *(Kolom(soortnaam(x)) for x in soorten),
            Kolom("Totaal"),
            Kolom("Per 1.000 inwoners", GETAL, basis=n + 1),
        ],
        rijen=rijen,
        grafiek=grafieken.gestapeld(
            id="signalen-per-maand",
            titel="Signalen per maand en soort signaalpartner",
            beschrijving="Gestapelde staven: per maand het aantal signalen, opgedeeld naar soort signaalpartner.",
            labels=[maandkort(m) for m in s.maanden],
            reeksen=[
                grafieken.Reeks(soortnaam(x), [s.per_soort_maand.get((x, m), 0) for m in s.maanden])
                for x in soorten
            ],
        ),
    )


def _zaken_per_soort(c: Dashboardcijfers) -> Tabel:
    z = c.zaken
    return Tabel(
        sleutel="zaken_per_soort",
        titel="Zaken: enkelvoudig, meervoudig, opeenvolgend",
        toelichting="Zaken met een matchingsdatum in de periode.",
        kolommen=[Kolom("Soort zaak", TEKST), Kolom("Zaken"), Kolom("Aandeel", PROCENT, basis=1)],
        rijen=[
            [str(Zaaksoort(x).label), z.per_soort[x], percentage(z.per_soort[x], z.totaal)]
            for x in Zaaksoort.values
        ]
        + [["Totaal", z.totaal, 100.0 if z.totaal else None]],
        grafiek=grafieken.staafdiagram(
            id="zaken-per-soort",
            titel="Zaken per soort",
            beschrijving="Aantal zaken per soort (enkelvoudig, meervoudig, opeenvolgend).",
            labels=[str(Zaaksoort(x).label) for x in Zaaksoort.values],
            waarden=[z.per_soort[x] for x in Zaaksoort.values],
        ),
    )


def _gebied(sleutel: str, titel: str, kop: str, regels) -> Tabel:
    return Tabel(
        sleutel=sleutel,
        titel=titel,
        toelichting="Zaken met een matchingsdatum in de periode, naar het adres van het huishouden.",
        kolommen=[
            Kolom(kop, TEKST),
            Kolom("Zaken"),
            Kolom("Meervoudig"),
            Kolom("Bereikt"),
            Kolom("Bereikt", PROCENT, basis=3),
            Kolom("Hulp geaccepteerd"),
            Kolom("Hulp geaccepteerd", PROCENT, basis=5),
        ],
        rijen=[
            [
                r.naam,
                r.zaken,
                r.meervoudig,
                r.bereikt,
                r.bereikt_pct,
                r.hulp_geaccepteerd,
                r.hulp_pct,
            ]
            for r in regels
        ],
        grafiek=grafieken.staafdiagram(
            id=sleutel.replace("_", "-"),
            titel=titel,
            beschrijving=f"Aantal zaken per {kop.lower()}.",
            labels=[r.naam for r in regels],
            waarden=[r.zaken for r in regels],
        ),
    )


def _kanalen(c: Dashboardcijfers) -> Tabel:
    regels = c.kanalen
    return Tabel(
        sleutel="contactpogingen",
        titel="Contactpogingen per kanaal",
        toelichting="Contactpogingen met een datum in de periode; succes: de poging bereikte het huishouden.",
        kolommen=[
            Kolom("Kanaal", TEKST),
            Kolom("Pogingen"),
            Kolom("Bereikt"),
            Kolom("Succes", PROCENT, basis=2),
            Kolom("Zaken met dit kanaal"),
        ],
        rijen=[
            [kanaalnaam(r.kanaal), r.pogingen, r.bereikt, r.succes_pct, r.zaken] for r in regels
        ],
        grafiek=grafieken.staafdiagram(
            id="contactpogingen",
            titel="Succes per kanaal",
            beschrijving="Percentage contactpogingen dat het huishouden bereikte, per kanaal.",
            labels=[kanaalnaam(r.kanaal) for r in regels],
            waarden=[r.succes_pct for r in regels],
            eenheid="%",
        ),
    )


def _bereik(c: Dashboardcijfers) -> Tabel:
    z = c.zaken
    rijen = [
        ["Zaken", z.totaal, None],
        ["Bereikt (minstens één poging bereikte het huishouden)", z.bereikt, z.bereikt_pct],
        ["Hulp geaccepteerd", z.hulp_geaccepteerd, z.hulp_pct],
        [
            "Hulp geaccepteerd, van de bereikte huishoudens",
            z.hulp_geaccepteerd,
            z.hulp_van_bereikt_pct,
        ],
        ["Afgesloten", z.afgesloten, percentage(z.afgesloten, z.totaal)],
        ["Nog open", z.open, percentage(z.open, z.totaal)],
        ["Crisis", z.crisis, percentage(z.crisis, z.totaal)],
    ]
    return Tabel(
        sleutel="bereik",
        titel="Bereik en hulpacceptatie",
        toelichting="Zaken met een matchingsdatum in de periode, zoals ze er nu voor staan.",
        kolommen=[Kolom("Kengetal", TEKST), Kolom("Zaken"), Kolom("Percentage", PROCENT, basis=1)],
        rijen=rijen,
        grafiek=grafieken.staafdiagram(
            id="bereik",
            titel="Bereik en hulpacceptatie",
            beschrijving="Percentage van de zaken dat bereikt is en waarin hulp is geaccepteerd.",
            labels=["Bereikt", "Hulp geaccepteerd", "Hulp geaccepteerd (van bereikt)"],
            waarden=[z.bereikt_pct, z.hulp_pct, z.hulp_van_bereikt_pct],
            eenheid="%",
        ),
    )


def _resultaten(c: Dashboardcijfers) -> Tabel:
    totaal = sum(c.resultaten.values())
    return Tabel(
        sleutel="resultaten",
        titel="Resultaten (DDAS-eindresultaat)",
        toelichting="Zaken met een matchingsdatum in de periode per eindresultaat.",
        kolommen=[
            Kolom("Eindresultaat", TEKST),
            Kolom("Zaken"),
            Kolom("Aandeel", PROCENT, basis=1),
        ],
        rijen=[[resultaatnaam(k), n, percentage(n, totaal)] for k, n in c.resultaten.items()],
        grafiek=grafieken.staafdiagram(
            id="resultaten",
            titel="Resultaten",
            beschrijving="Aantal zaken per eindresultaat.",
            labels=[resultaatnaam(k) for k in c.resultaten],
            waarden=list(c.resultaten.values()),
        ),
    )


def _doorlooptijden(c: Dashboardcijfers) -> Tabel:
    d = c.doorlooptijden
    return Tabel(
        sleutel="doorlooptijden",
        titel="Doorlooptijden en termijnen",
        toelichting=(
            "Beoordeeld: de termijn is verstreken of de stap is gezet (peildatum "
            f"{c.peildatum:%d-%m-%Y}); zaken die niet zijn opgepakt tellen niet mee voor het eerste "
            "contact. Mediaan in dagen vanaf de matchingsdatum."
        ),
        kolommen=[
            Kolom("Stap", TEKST),
            Kolom("Beoordeeld"),
            Kolom("Binnen termijn"),
            Kolom("Binnen termijn", PROCENT, basis=2),
            Kolom("Met datum"),
            Kolom("Mediaan dagen", GETAL, basis=4),
        ],
        rijen=[
            [
                "Eerste contactpoging",
                d.eerste_contact_beoordeeld,
                d.eerste_contact_op_tijd,
                d.eerste_contact_op_tijd_pct,
                d.met_eerste_contact,
                d.mediaan_dagen_eerste_contact,
            ],
            [
                "Afsluiten",
                d.afsluiten_beoordeeld,
                d.afsluiten_op_tijd,
                d.afsluiten_op_tijd_pct,
                d.met_afsluiting,
                d.mediaan_dagen_afsluiten,
            ],
        ],
        grafiek=grafieken.staafdiagram(
            id="doorlooptijden",
            titel="Binnen de termijn",
            beschrijving="Percentage zaken met het eerste contact en de afsluiting binnen de termijn.",
            labels=["Eerste contact binnen termijn", "Afgesloten binnen termijn"],
            waarden=[d.eerste_contact_op_tijd_pct, d.afsluiten_op_tijd_pct],
            eenheid="%",
        ),
    )


def _capaciteit(c: Dashboardcijfers) -> Tabel:
    regels = c.capaciteit
    kanalen = list(dict.fromkeys(r.kanaal for r in regels))
    maanden = list(dict.fromkeys(r.maand for r in regels))
    per = {(r.maand, r.kanaal): r for r in regels}
    return Tabel(
        sleutel="capaciteit",
        titel="Capaciteitsgebruik per maand",
        toelichting=(
            "Zaken die in de maand zijn getrieerd met dit kanaal als eerste kanaal, tegenover de "
            "capaciteit per maand zoals die nu is ingesteld (alle teams en de gedeelde pool)."
        ),
        kolommen=[
            Kolom("Maand", TEKST),
            Kolom("Kanaal", TEKST),
            Kolom("Gebruikt"),
            Kolom("Capaciteit"),
            Kolom("Gebruik", PROCENT, basis=2),
        ],
        rijen=[
            [maandnaam(r.maand), kanaalnaam(r.kanaal), r.gebruikt, r.capaciteit, r.gebruik_pct]
            for r in regels
        ],
        grafiek=grafieken.lijndiagram(
            id="capaciteit",
            titel="Gebruikte capaciteit per maand",
            beschrijving="Aantal getrieerde zaken per maand en eerste kanaal.",
            labels=[maandkort(m) for m in maanden],
            reeksen=[
                grafieken.Reeks(kanaalnaam(k), [per[m, k].gebruikt for m in maanden])
                for k in kanalen
            ],
        ),
    )


def _brp(c: Dashboardcijfers) -> Tabel:
    b = c.brp
    rijen = [["BRP-controles", b.gecontroleerd, None]]
    rijen += [
        [
            f"Uitkomst: {Brpuitkomst(k).label}",
            b.per_uitkomst.get(k, 0),
            percentage(b.per_uitkomst.get(k, 0), b.gecontroleerd),
        ]
        for k in Brpuitkomst.values
    ]
    rijen += [
        ["Uitval (niet bevestigd)", b.uitval, b.uitval_pct],
        [
            "Uitval: toch inwoner (bevestigd door medewerker)",
            b.bevestigd_na_beoordeling,
            percentage(b.bevestigd_na_beoordeling, b.uitval),
        ],
        [
            "Uitval: geen van de bewoners",
            b.geen_bewoner_na_beoordeling,
            percentage(b.geen_bewoner_na_beoordeling, b.uitval),
        ],
        ["Uitval: nog niet beoordeeld", b.niet_beoordeeld, percentage(b.niet_beoordeeld, b.uitval)],
    ]
    return Tabel(
        sleutel="brp",
        titel="BRP-controle en uitval",
        toelichting=(
            "BRP-controles van de signalen uit de periode. Van de beoordeelde uitval was "
            f"{grafieken.getal(b.echte_inwoners_pct)}% toch een inwoner."
        ),
        kolommen=[
            Kolom("Kengetal", TEKST),
            Kolom("Signalen"),
            Kolom("Percentage", PROCENT, basis=1),
        ],
        rijen=rijen,
    )


def _herhaald(c: Dashboardcijfers) -> Tabel:
    return Tabel(
        sleutel="herhaalde_meldingen",
        titel="Herhaalde meldingen per soort signaalpartner",
        toelichting=(
            "Herhaalde melding: dezelfde achterstand opnieuw gemeld zonder hoger bedrag (niet "
            "opnieuw opgepakt). Update: een nieuw signaal dat een eerder signaal bijwerkt."
        ),
        kolommen=[
            Kolom("Soort signaalpartner", TEKST),
            Kolom("Signalen"),
            Kolom("Herhaalde melding"),
            Kolom("Herhaalde melding", PROCENT, basis=2),
            Kolom("Updates"),
        ],
        rijen=[
            [soortnaam(r.soort), r.signalen, r.herhaald, r.herhaald_pct, r.updates]
            for r in c.herhaald
        ],
    )


def _kenmerken(c: Dashboardcijfers) -> Tabel:
    z = c.zaken
    return Tabel(
        sleutel="huishoudkenmerken",
        titel="Slepers, recidive en gaten dichten",
        toelichting=(
            "Uit de huishoudmatching. Sleper: dezelfde partner signaleert maand na maand. "
            "Recidive: een eerder signaal op het adres in de terugkijkperiode. Gaten dichten: de "
            "achterstand verschuift van partner naar partner."
        ),
        kolommen=[
            Kolom("Kenmerk", TEKST),
            Kolom("Zaken"),
            Kolom("Van alle zaken", PROCENT, basis=1),
        ],
        rijen=[
            ["Sleper", z.sleper, percentage(z.sleper, z.totaal)],
            ["Recidive", z.recidive, percentage(z.recidive, z.totaal)],
            ["Gaten dichten", z.gaten_dichten, percentage(z.gaten_dichten, z.totaal)],
        ],
    )


def _stiptheid(c: Dashboardcijfers) -> Tabel:
    return Tabel(
        sleutel="stiptheid",
        titel="Stiptheid van de aanleveringen per signaalpartner",
        toelichting=(
            "Maanden waarin de partner een aanlevering deed of werd verwacht, met de regels van de "
            "aanleverbewaking (op tijd: uiterlijk op de aanleverdag)."
        ),
        kolommen=[
            Kolom("Signaalpartner", TEKST),
            Kolom("Soort", TEKST),
            Kolom("Aanleverdag", GETAL),
            Kolom("Op tijd"),
            Kolom("Te laat"),
            Kolom("Ontbreekt"),
            Kolom("Nog niet"),
            Kolom("Op tijd", PROCENT, basis=3),
        ],
        rijen=[
            [
                r.signaalpartner,
                soortnaam(r.soort),
                r.aanleverdag,
                r.op_tijd,
                r.te_laat,
                r.ontbreekt,
                r.nog_niet,
                r.op_tijd_pct,
            ]
            for r in c.stiptheid
        ],
        grafiek=grafieken.staafdiagram(
            id="stiptheid",
            titel="Op tijd aangeleverd",
            beschrijving="Percentage maanden dat de partner op tijd aanleverde.",
            labels=[r.signaalpartner for r in c.stiptheid],
            waarden=[r.op_tijd_pct for r in c.stiptheid],
            eenheid="%",
        ),
    )


def dashboardtabellen(c: Dashboardcijfers) -> list[Tabel]:
    """Every table of a municipality or organisation dashboard, in page order."""
    return [
        _signalen_per_soort(c),
        _signalen_per_maand(c),
        _zaken_per_soort(c),
        _gebied("zaken_per_wijk", "Zaken per wijk", "Wijk", c.per_wijk),
        _gebied("zaken_per_postcode", "Zaken per postcode (PC4)", "Postcode", c.per_postcode),
        _kanalen(c),
        _bereik(c),
        _resultaten(c),
        _doorlooptijden(c),
        _capaciteit(c),
        _brp(c),
        _herhaald(c),
        _kenmerken(c),
        _stiptheid(c),
        *studietabellen(c),
    ]


# Tables of the platform-wide view: no districts, postcodes, partners' names or capacity of a
# single municipality; aggregates over all municipalities only.
