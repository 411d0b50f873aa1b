"""Case handling in the demo beyond the result: the concrete step behind "help accepted", the
warm hand-over of referrals, after-care for households reached but not helped (some done, some
due), open cases waiting for their next attempt, co-workers on home visits, and a few partner
phone numbers found wrong. Then the daily deadline run, so workers start with notifications."""

import datetime as dt
import random

from django.db.models import Min
from django.utils import timezone

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.core.werkdagen import werkdagen_optellen
from signaalroute.terugkoppeling.services import terugkoppelingen_bijwerken
from signaalroute.vroegsignaalzaken.constants import (
    Contactgegevenbron,
    Contactgegevensoort,
    Contactsoort,
    Eindresultaat,
    Hulpstap,
    Nazorguitkomst,
    Ongeldigreden,
    Signaalstatus,
    Zaakfase,
)
from signaalroute.vroegsignaalzaken.models import (
    Contactgegeven,
    Contactpoging,
    Nazorg,
    Overdracht,
    Vroegsignaalzaak,
)
from signaalroute.vroegsignaalzaken.services import termijnen_bewaken
from signaalroute.vroegsignaalzaken.workflow import HULPSTAP_RESULTAAT, VERWIJZINGEN

E = Eindresultaat
STAPPEN = {
    resultaat: [stap for stap, r in HULPSTAP_RESULTAAT.items() if r == resultaat]
    for resultaat in set(HULPSTAP_RESULTAAT.values())
}
ORGANISATIES = {
    Hulpstap.SCHULDHULP: "Schuldhulpverlening {gemeente}",
    Hulpstap.BEWIND: "Bewindvoering Salland",
    Hulpstap.NIET_FINANCIEEL: "Sociaal wijkteam {gemeente}",
    "zonder_inwoner": "Maatschappelijk werk {gemeente}",
}
AFSPRAKEN = (
    "Intakegesprek samen ingepland; de inwoner neemt de brieven van de schuldeisers mee.",
    "Aanmelding samen ingevuld; de consulent belt binnen een week.",
    "Kennismaking op het wijkkantoor met de nieuwe hulpverlener erbij.",
)
NAZORG_RESULTATEN = (E.HOEFT_GEEN_HULP, E.ZELF_BETAALD, E.QUICK_FIX)


def zaakbehandeling_aanvullen(rng: random.Random, vandaag: dt.date, medewerkers: list) -> None:
    zaken = list(Vroegsignaalzaak.objects.select_related("gemeente", "behandelaar"))
    _eerste_contactpogingen()
    gewijzigd, overdrachten, nazorg = [], [], []
    for zaak in zaken:
        if zaak.fase == Zaakfase.AFGESLOTEN:
            overdrachten += _resultaat_aanvullen(rng, zaak)
            nazorg += _nazorg(rng, zaak, vandaag)
        gewijzigd.append(zaak)
    _wachten_op_nieuwe_poging(zaken, vandaag)
    Vroegsignaalzaak.objects.bulk_update(
        gewijzigd,
        ["hulpstap", "reden_intern", "fase", "vervolg_op", "vervolgactie"],
        batch_size=2000,
    )
    Overdracht.objects.bulk_create(overdrachten)
    Nazorg.objects.bulk_create(nazorg)
    _medebehandelaars(rng, zaken, medewerkers)
    _onjuiste_nummers(rng, zaken)
    termijnen_bewaken(vandaag=vandaag)
    # What the partners learnt so far: one feedback row per signal with its current code.
    terugkoppelingen_bijwerken(
        Vroegsignaal.objects.exclude(status=Signaalstatus.NOG_NIET_OPGEPAKT).only("pk"),
        vandaag=vandaag,
    )


def _eerste_contactpogingen() -> None:
    eerste = dict(
        Contactpoging.objects.values_list("vroegsignaalzaak").annotate(eerste=Min("datum"))
    )
    zaken = list(Vroegsignaalzaak.objects.filter(pk__in=eerste).only("pk"))
    for zaak in zaken:
        zaak.eerste_contactpoging_op = eerste[zaak.pk]
    Vroegsignaalzaak.objects.bulk_update(zaken, ["eerste_contactpoging_op"], batch_size=2000)


def _resultaat_aanvullen(rng, zaak) -> list[Overdracht]:
    if zaak.eindresultaat == E.NIET_OPGEPAKT_ANDERE_REDEN:
        zaak.reden_intern = "Rechtspersoon: er is geen inwoner om te benaderen."
    if zaak.eindresultaat in STAPPEN:
        zaak.hulpstap = rng.choice(STAPPEN[zaak.eindresultaat])
    verwijzing = zaak.hulpstap in VERWIJZINGEN and zaak.hulpstap
    if zaak.eindresultaat == E.VERWIJZING_ZONDER_INWONER:
        verwijzing = "zonder_inwoner"
    if not verwijzing:
        return []
    return [
        Overdracht(
            vroegsignaalzaak=zaak,
            organisatie=ORGANISATIES[verwijzing].format(gemeente=zaak.gemeente.naam),
            contactpersoon=rng.choice(("M. de Wit", "S. Öztürk", "P. Jansen-Bos", "")),
            datum=timezone.localtime(zaak.afgesloten_op).date(),
            afspraken=rng.choice(AFSPRAKEN),
            door=zaak.behandelaar,
        )
    ]


def _nazorg(rng, zaak, vandaag: dt.date) -> list[Nazorg]:
    if zaak.eindresultaat not in NAZORG_RESULTATEN or rng.random() > 0.5:
        return []
    gepland = timezone.localtime(zaak.afgesloten_op).date() + dt.timedelta(weeks=6)
    nazorg = Nazorg(
        vroegsignaalzaak=zaak,
        gepland_op=werkdagen_optellen(gepland, 0),
        reden="Bereikt, maar geen hulp: na zes weken nagaan hoe het gaat.",
        gepland_door=zaak.behandelaar,
    )
    if nazorg.gepland_op < vandaag - dt.timedelta(days=14):
        # Done in the past; what is due in the last two weeks starts with the deadline run.
        nazorg.gestart_op = timezone.make_aware(dt.datetime.combine(nazorg.gepland_op, dt.time(8)))
        nazorg.afgerond_op = nazorg.gestart_op + dt.timedelta(days=rng.randint(1, 6))
        nazorg.afgerond_door = zaak.behandelaar
        nazorg.uitkomst = rng.choices(
            [
                Nazorguitkomst.GAAT_GOED,
                Nazorguitkomst.NIET_BEREIKT,
                Nazorguitkomst.NIEUWE_ACHTERSTAND,
            ],
            weights=[60, 25, 15],
        )[0]
    return [nazorg]


def _wachten_op_nieuwe_poging(zaken, vandaag: dt.date) -> None:
    """Open cases whose attempts all failed wait for the next attempt, planned after the last."""
    open_zaken = {z.pk: z for z in zaken if z.fase == Zaakfase.IN_BEHANDELING}
    laatste: dict[int, tuple] = {}
    bereikt: set[int] = set()
    for zaak_id, soort, datum, gelukt in Contactpoging.objects.filter(
        vroegsignaalzaak__in=list(open_zaken)
    ).values_list("vroegsignaalzaak", "soort", "datum", "bereikt"):
        if gelukt:
            bereikt.add(zaak_id)
        if zaak_id not in laatste or laatste[zaak_id][1] <= datum:
            laatste[zaak_id] = (soort, datum)
    for zaak_id, (soort, datum) in laatste.items():
        if zaak_id in bereikt:
            continue
        zaak = open_zaken[zaak_id]
        zaak.fase = Zaakfase.NIEUWE_POGING
        zaak.vervolg_op = max(werkdagen_optellen(datum, 2), werkdagen_optellen(vandaag, 0))
        zaak.vervolgactie = (
            "Opnieuw langsgaan op een ander dagdeel"
            if soort in (Contactsoort.HUISBEZOEK, Contactsoort.KAARTJE)
            else "Opnieuw bellen"
        )


def _medebehandelaars(rng, zaken, medewerkers) -> None:
    """Home visits are often made in pairs: a debt counsellor joins some open cases."""
    if len(medewerkers) < 2:
        return
    Through = Vroegsignaalzaak.medebehandelaars.through
    koppelingen = []
    for zaak in zaken:
        if zaak.fase == Zaakfase.AFGESLOTEN or zaak.behandelaar_id is None or rng.random() > 0.1:
            continue
        collegas = [
            m
            for m in medewerkers
            if m.pk != zaak.behandelaar_id
            and m.uitvoeringsorganisatie_id == zaak.behandelaar.uitvoeringsorganisatie_id
        ]
        if not collegas:
            continue
        ander = rng.choice(collegas)
        koppelingen.append(Through(vroegsignaalzaak_id=zaak.pk, user_id=ander.pk))
    Through.objects.bulk_create(koppelingen, ignore_conflicts=True)


def _onjuiste_nummers(rng, zaken) -> None:
    """A few partner phone numbers turned out wrong: fed back to the partner."""
    gegevens = []
    for zaak in zaken:
        if zaak.fase == Zaakfase.NIEUW or rng.random() > 0.03:
            continue
        signaal = zaak.vroegsignalen.exclude(telefoonnummer="").first()
        if signaal is None:
            continue
        gegevens.append(
            Contactgegeven(
                vroegsignaalzaak=zaak,
                vroegsignaal=signaal,
                soort=Contactgegevensoort.TELEFOON,
                waarde=signaal.telefoonnummer,
                bron=Contactgegevenbron.SIGNAALPARTNER,
                geldig=False,
                ongeldig_reden=rng.choice(
                    [Ongeldigreden.ONBEKEND_NUMMER, Ongeldigreden.ANDER_PERSOON]
                ),
                ongeldig_gemeld_op=timezone.now(),
                geregistreerd_door=zaak.behandelaar,
            )
        )
    Contactgegeven.objects.bulk_create(gegevens, ignore_conflicts=True)
