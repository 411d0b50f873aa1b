"""What the checks and triage need in the demo: each municipality's threshold (BRIEF §4: a
small amount is not followed up), its debt-help list (the residents whose earlier case led to
debt help, each with a fictitious debt-help worker), its triage rules with the youth team and
its monthly capacity; and the triage of the demo's cases, month by month."""

import random

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.contrib.shv.models import SchuldhulpRegistratie
from signaalroute.matching.models import Signaaldrempel
from signaalroute.triage.models import Capaciteit
from signaalroute.triage.services import actieve_regelset, zaken_trieren
from signaalroute.vroegsignaalzaken.constants import Eindresultaat
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak

from .kalender import maandeinde
from .organisaties import Regio
from .regio import JONGERENTEAM
from .zaken import GEMEENTELIJKE_DREMPEL

NAAR_SCHULDHULP = {Eindresultaat.VERVOLGHULP_FINANCIEEL, Eindresultaat.BEKEND_BIJ_SHV}
SCHULDHULPVERLENERS = ("M. de Wit", "S. Öztürk", "P. Jansen-Bos", "R. Haddou")


def drempels_maken(regio: Regio) -> list[Signaaldrempel]:
    return [
        Signaaldrempel(gemeente=gemeente, soort="", minimum_bedrag=GEMEENTELIJKE_DREMPEL)
        for gemeente in regio.gemeenten.values()
    ]


def schuldhulplijst_maken(
    rng: random.Random, zaken: list[Vroegsignaalzaak], signalen: list[list[Vroegsignaal]]
) -> list[SchuldhulpRegistratie]:
    """One registration per person whose case ended in (or was already known in) debt help."""
    naar_shv = {id(zaak) for zaak in zaken if zaak.eindresultaat in NAAR_SCHULDHULP}
    registraties, gezien = [], set()
    for maand in signalen:
        for s in maand:
            if s.vroegsignaalzaak is None or id(s.vroegsignaalzaak) not in naar_shv:
                continue
            sleutel = (s.gemeente.cbs_code, s.achternaam, s.geboortedatum)
            if s.rechtspersoon or sleutel in gezien:
                continue
            gezien.add(sleutel)
            registraties.append(
                SchuldhulpRegistratie(
                    gemeente=s.gemeente,
                    bsn=s.bsn,
                    voorletters=s.voorletters,
                    voornamen=s.voornamen,
                    voorvoegsel=s.voorvoegsel,
                    achternaam=s.achternaam,
                    geboortedatum=s.geboortedatum,
                    postcode=s.postcode,
                    huisnummer=s.huisnummer,
                    huisletter=s.huisletter,
                    huisnummertoevoeging=s.huisnummertoevoeging,
                    behandelaar=rng.choice(SCHULDHULPVERLENERS),
                )
            )
    return registraties


# Per municipality and month: home visits and calls the teams can do (a shared pool).
CAPACITEIT = {"huisbezoek": 25, "telefoon": 60}


def triage_inrichten(regio: Regio, maanden: list) -> None:
    """The default rules with the youth team, the capacity, and every month's cases triaged
    as they would have been at the time (so a rule change can be simulated on last month)."""
    for gemeente in regio.gemeenten.values():
        regelset = actieve_regelset(gemeente=gemeente)
        regelset.jongerenteam = regio.teams[JONGERENTEAM]
        regelset.save(update_fields=["jongerenteam"])
        Capaciteit.objects.bulk_create(
            Capaciteit(gemeente=gemeente, kanaal=kanaal, per_maand=aantal)
            for kanaal, aantal in CAPACITEIT.items()
        )
        for start in maanden:
            zaken_trieren(
                gemeente=gemeente,
                peildatum=start,
                zaken=Vroegsignaalzaak.objects.filter(
                    gemeente=gemeente, startdatum_matchingperiode__range=(start, maandeinde(start))
                ),
            )
