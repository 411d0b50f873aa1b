"""Contact attempts of a demo case that fit its result (BRIEF §1: letters rarely reach anyone,
phone calls and home visits do; more attempts reach more households)."""

import datetime as dt
import random

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.core.werkdagen import is_werkdag
from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.vroegsignaalzaken.constants import Contactsoort as C
from signaalroute.vroegsignaalzaken.constants import Dagdeel, Eindresultaat
from signaalroute.vroegsignaalzaken.models import Contactpoging, Vroegsignaalzaak

from .kalender import tijdstip

E = Eindresultaat
BEREIKT = {
    E.HOEFT_GEEN_HULP,
    E.ZELF_BETAALD,
    E.QUICK_FIX,
    E.VERVOLGHULP_FINANCIEEL,
    E.VERVOLGHULP_NIET_FINANCIEEL,
    E.ANDER_TRAJECT,
}
HULP = {E.QUICK_FIX, E.VERVOLGHULP_FINANCIEEL, E.VERVOLGHULP_NIET_FINANCIEEL}
DAGDELEN = {
    C.TELEFOON: {Dagdeel.OCHTEND: 45, Dagdeel.MIDDAG: 40, Dagdeel.AVOND: 15},
    C.HUISBEZOEK: {Dagdeel.OCHTEND: 20, Dagdeel.MIDDAG: 45, Dagdeel.AVOND: 35},
    C.SMS_WHATSAPP: {Dagdeel.OCHTEND: 30, Dagdeel.MIDDAG: 50, Dagdeel.AVOND: 20},
}
UUR = {Dagdeel.OCHTEND: 10, Dagdeel.MIDDAG: 14, Dagdeel.AVOND: 19, "": 11}
NOTITIES = {
    (C.TELEFOON, False): ("Geen gehoor.", "Voicemail ingesproken met terugbelverzoek."),
    (C.TELEFOON, True): ("Telefonisch gesproken; gesprek ingepland.", "Telefonisch contact."),
    (C.HUISBEZOEK, False): ("Niet thuis aangetroffen.", "Niemand deed open."),
    (C.HUISBEZOEK, True): ("Bewoner thuis aangetroffen; keukentafelgesprek gevoerd.",),
    (C.KAARTJE, False): ("Kaartje met contactgegevens in de brievenbus gedaan.",),
    (C.BRIEF, False): ("Brief met aanbod voor een gesprek verstuurd.",),
    (C.MAIL, False): ("E-mail met aanbod voor een gesprek verstuurd.",),
    (C.MAIL, True): ("Bewoner reageerde per e-mail.",),
    (C.SMS_WHATSAPP, False): ("Sms met terugbelverzoek verstuurd.",),
    (C.SMS_WHATSAPP, True): ("Bewoner reageerde via WhatsApp.",),
    (C.ADMINISTRATIEF, False): ("Zonder contact overgedragen aan de wijkpartner.",),
}
VERVOLGAFSPRAKEN = (
    "Gesprek met budgetcoach ingepland",
    "Afspraak op het wijkkantoor",
    "Aanmelding schuldhulpverlening samen ingevuld",
    "Betalingsregeling met de partner besproken",
)


def contactpogingen_maken(
    rng: random.Random,
    *,
    zaak: Vroegsignaalzaak,
    signalen: list[Vroegsignaal],
    eindresultaat: str,
    van: dt.date,
    tot: dt.date,
    door,
    uiterlijk: dt.datetime,
) -> list[Contactpoging]:
    """The attempts between `van` and `tot`, registered before `uiterlijk` (the closing time,
    or now); `eindresultaat` is empty for a case still open."""
    if eindresultaat == E.VERWIJZING_ZONDER_INWONER:
        reeks = [(C.ADMINISTRATIEF, False)]
    elif eindresultaat in BEREIKT:
        bereikt = (_bereikt_via(rng, signalen), True)
        reeks = [*_reeks(rng, zaak, signalen, rng.randint(0, 3)), bereikt]
    elif eindresultaat == E.GEEN_REACTIE:
        bereikt = (_bereikt_via(rng, signalen), True)
        reeks = [bereikt, *_reeks(rng, zaak, signalen, rng.randint(1, 3))]
    elif eindresultaat == E.GEEN_CONTACT:
        reeks = _reeks(rng, zaak, signalen, rng.choice((2, 2, 3, 3, 4, 5, 6)))
    elif not eindresultaat:
        reeks = _reeks(rng, zaak, signalen, rng.choice((0, 1, 1, 2)))
    else:
        reeks = []

    dagen = [dag for dag in _dagen(van, max(van, tot)) if is_werkdag(dag)] or [van]
    data = sorted(rng.choices(dagen, k=len(reeks)))
    pogingen = []
    for (soort, bereikt), datum in zip(reeks, data, strict=True):
        dagdeel = ""
        if soort in DAGDELEN:
            opties = DAGDELEN[soort]
            dagdeel = rng.choices(list(opties), weights=list(opties.values()))[0]
        elif soort == C.KAARTJE:
            dagdeel = pogingen[-1].dagdeel if pogingen else Dagdeel.MIDDAG
        vervolg = ""
        if bereikt and eindresultaat in HULP:
            vervolg = rng.choice(VERVOLGAFSPRAKEN)
        pogingen.append(
            Contactpoging(
                vroegsignaalzaak=zaak,
                soort=soort,
                datum=datum,
                dagdeel=dagdeel,
                bereikt=bereikt,
                notitie=rng.choice(NOTITIES[(soort, bereikt)]),
                vervolgafspraak=vervolg,
                geregistreerd_door=door,
                geregistreerd_op=min(tijdstip(datum, UUR[dagdeel], rng.randint(0, 59)), uiterlijk),
            )
        )
    return pogingen


def _reeks(rng, zaak, signalen, aantal: int) -> list[tuple[str, bool]]:
    """`aantal` unanswered attempts: first the channel the triage would pick, then a mix;
    a failed home visit leaves a card behind."""
    telefoon = any(s.telefoonnummer for s in signalen)
    email = any(s.email for s in signalen)
    reeks: list[tuple[str, bool]] = []
    for index in range(aantal):
        if index == 0:
            soort = _eerste_kanaal(zaak, signalen, telefoon, email)
        else:
            opties = {C.HUISBEZOEK: 25, C.BRIEF: 15}
            if telefoon:
                opties |= {C.TELEFOON: 40, C.SMS_WHATSAPP: 10}
            if email:
                opties[C.MAIL] = 10
            soort = rng.choices(list(opties), weights=list(opties.values()))[0]
        reeks.append((soort, False))
        if soort == C.HUISBEZOEK and rng.random() < 0.6:
            reeks.append((C.KAARTJE, False))
    return reeks


def _eerste_kanaal(zaak, signalen, telefoon: bool, email: bool) -> str:
    """Triage as in BRIEF §5: rent and crisis and > €500 a visit, €250-€500 a call, below that
    an e-mail, a letter when there is nothing else."""
    totaal = sum(s.bedrag for s in signalen)
    huur = any(s.signaalpartner.soort == Signaalpartnersoort.HUUR for s in signalen)
    if zaak.crisis or huur or totaal > 50_000:
        return C.HUISBEZOEK
    if totaal >= 25_000 and telefoon:
        return C.TELEFOON
    return C.MAIL if email else C.BRIEF


def _bereikt_via(rng, signalen) -> str:
    telefoon = any(s.telefoonnummer for s in signalen)
    if telefoon and rng.random() < 0.6:
        return C.TELEFOON
    opties = {C.HUISBEZOEK: 70}
    if any(s.email for s in signalen):
        opties[C.MAIL] = 15
    if telefoon:
        opties[C.SMS_WHATSAPP] = 15
    return rng.choices(list(opties), weights=list(opties.values()))[0]


def _dagen(van: dt.date, tot: dt.date) -> list[dt.date]:
    return [van + dt.timedelta(days=n) for n in range(((tot - van).days) + 1)]
