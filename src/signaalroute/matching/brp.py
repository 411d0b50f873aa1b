"""The BRP check of one signal: who lives at the address (Haal Centraal BRP Personen, via
`contrib.brp`), and which of them, if anyone, is the person in the signal.

This module maps between the BRP adapter's types, the signal, and the pure person-matching
rules; it decides nothing itself (`rules.bewoner_zoeken` does).
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.aanleveringen.rules import VERDACHTE_GEBOORTEDATA
from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.contrib.brp.client import BrpClient, brp_client
from signaalroute.contrib.brp.exceptions import BrpGeenToegang
from signaalroute.contrib.brp.gegevens import BrpDatum, BrpPersoon
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.gemeenten.models import Gemeente
from signaalroute.vroegsignaalzaken.constants import Signaalstatus
from signaalroute.vroegsignaalzaken.services import signaalstatussen_zetten

from .constants import OPVUL_DAG_MAAND, PUNTEN_BEVESTIGD, PUNTEN_TWIJFEL, TUSSENVOEGSELS
from .models import Brpbeoordeling, Brpcontrole
from .rules import (
    Adres,
    Bewoner,
    Geboortedatum,
    Naamgebruik,
    Partnernaam,
    Signaalpersoon,
    Uitkomst,
    Uitkomstsoort,
    bewoner_zoeken,
    is_opvulwaarde,
    naam_weergeven,
    personen_vergelijken,
)
from .rules.normaliseren import vouwen

# The register's pattern for a surname in a search (Haal Centraal GeslachtsnaamFilter).
_GESLACHTSNAAM = re.compile(r"^[a-zA-Z0-9À-ž \.\-\']{1,200}$")
MAX_ELDERS = 20  # persons found by name and birth date consulted per search (one BRP request)
# Particles that the register usually keeps in the surname itself (`El Amrani`, `Ben Ali`,
# `Ait Said`): not taken off the surname that is searched.
_DEEL_VAN_ACHTERNAAM = frozenset({"el", "al", "ben", "bin", "ibn", "ait", "abu"})

NAAMGEBRUIK = {
    "E": Naamgebruik.EIGEN,
    "P": Naamgebruik.PARTNER,
    "V": Naamgebruik.PARTNER_EIGEN,
    "N": Naamgebruik.EIGEN_PARTNER,
}


def signaalpersoon(signaal: Vroegsignaal) -> Signaalpersoon:
    return Signaalpersoon(
        achternaam=signaal.achternaam,
        voorvoegsel=signaal.voorvoegsel,
        voorletters=signaal.voorletters,
        voornamen=signaal.voornamen,
        geboortedatum=signaal.geboortedatum,
        geboortedatum_opvulwaarde=signaal.geboortedatum in VERDACHTE_GEBOORTEDATA,
        peildatum=signaal.signaaldatum,
    )


def _datum(datum: BrpDatum | None) -> Geboortedatum | None:
    if datum is None or datum.is_onbekend:
        return None
    return Geboortedatum(jaar=datum.jaar, maand=datum.maand, dag=datum.dag)


def bewoner(persoon: BrpPersoon, *, signaal: Vroegsignaal) -> Bewoner:
    """A person from the register as a resident for matching, seen from the signal's address."""
    # Same postcode and house number counts as living there: partners often leave out or
    # spell the letter or addition differently (12 / 12A / 12-2).
    woont_er = (
        persoon.adres is not None
        and persoon.adres.postcode == signaal.postcode
        and persoon.adres.huisnummer == signaal.huisnummer
    )
    verhuisd = (not woont_er and not persoon.beperkt) or persoon.geemigreerd
    # An emigrant may still carry the municipality's code (last registration): not a resident.
    binnen_gemeente = (
        verhuisd
        and not persoon.geemigreerd
        and persoon.gemeente_van_inschrijving == signaal.gemeente.cbs_code
    )
    nieuw_adres = None
    if verhuisd and persoon.adres is not None and persoon.adres.huisnummer is not None:
        nieuw_adres = Adres(
            postcode=persoon.adres.postcode,
            huisnummer=persoon.adres.huisnummer,
            huisletter=persoon.adres.huisletter,
            huisnummertoevoeging=persoon.adres.huisnummertoevoeging,
            straat=persoon.adres.straat,
            woonplaats=persoon.adres.woonplaats,
        )
    overlijdensdatum = persoon.overlijdensdatum.als_date() if persoon.overlijdensdatum else None
    return Bewoner(
        bsn=persoon.bsn,
        geslachtsnaam=persoon.geslachtsnaam,
        voorvoegsel=persoon.voorvoegsel,
        voornamen=persoon.voornamen,
        voorletters=persoon.voorletters,
        geboortedatum=_datum(persoon.geboortedatum),
        partners=tuple(
            Partnernaam(
                geslachtsnaam=p.geslachtsnaam, voorvoegsel=p.voorvoegsel, huidig=not p.ontbonden
            )
            for p in persoon.partners
            if p.geslachtsnaam
        ),
        naamgebruik=NAAMGEBRUIK.get(persoon.aanduiding_naamgebruik, Naamgebruik.EIGEN),
        overleden=persoon.overleden,
        overlijdensdatum=overlijdensdatum,
        verhuisd=verhuisd,
        verhuisd_binnen_gemeente=binnen_gemeente,
        nieuw_adres=nieuw_adres,
    )


def brp_controleren(
    *, signaal: Vroegsignaal, client: BrpClient | None = None, gebruiker: str = ""
) -> Uitkomst:
    """Who lives at the signal's address, and is the signal's person among them?

    A signal with a BSN is consulted directly as well, so a person who moved away is found.
    A signal without one whose person is not at the address is searched by surname and birth
    date (`_elders_zoeken`). Search results carry no residence, death or partners: each
    candidate is consulted by BSN.
    """
    client = client or brp_client()
    adres = (signaal.postcode, signaal.huisnummer)
    gevonden = client.zoek_op_adres(
        postcode=signaal.postcode, huisnummer=signaal.huisnummer, gebruiker=gebruiker
    )
    bsns = [p.bsn for p in gevonden if p.bsn]
    if signaal.bsn and signaal.bsn not in bsns:
        bsns.append(signaal.bsn)
    personen = client.raadpleeg_meerdere(bsns=bsns, voor_adres=adres, gebruiker=gebruiker)
    bewoners = [bewoner(p, signaal=signaal) for p in personen]
    persoon = signaalpersoon(signaal)
    uitkomst = bewoner_zoeken(persoon, bewoners)
    if signaal.bsn or not _niet_op_adres(uitkomst):
        return uitkomst
    return _elders_zoeken(
        signaal=signaal,
        persoon=persoon,
        client=client,
        aan_adres=uitkomst,
        bewoners=bewoners,
        gebruiker=gebruiker,
    )


# --- no BSN and not at the address: searching by surname and birth date ---------------------


def _niet_op_adres(uitkomst: Uitkomst) -> bool:
    """Nobody at the address is the signal's person: nobody confirmed and no candidate strong
    enough to be (one that is, but is ambiguous or not strong enough to close, stays as is)."""
    if uitkomst.soort not in (Uitkomstsoort.NIET_GEVONDEN, Uitkomstsoort.TWIJFEL):
        return False
    return not uitkomst.kandidaten or uitkomst.kandidaten[0].vergelijking.punten < PUNTEN_BEVESTIGD


def _is_voorvoegsel(woord: str) -> bool:
    delen = vouwen(woord).split()  # `v.d.` -> `v d`, `'t` -> `t`
    return bool(delen) and all(
        deel in TUSSENVOEGSELS and deel not in _DEEL_VAN_ACHTERNAAM for deel in delen
    )


def _zoeknaam(signaal: Vroegsignaal) -> str | None:
    """The surname to search the register with. The register keeps the voorvoegsel apart, so
    without it, however the partner placed it (`Meer, van der`, `van der Meer`, `v.d. Meer`,
    `Meer van der`); None when the register's pattern does not allow the name."""
    woorden = signaal.achternaam.partition(",")[0].split()
    while len(woorden) > 1 and _is_voorvoegsel(woorden[0]):
        woorden.pop(0)
    while len(woorden) > 1 and _is_voorvoegsel(woorden[-1]):
        woorden.pop()
    naam = " ".join(woorden)
    return naam if _GESLACHTSNAAM.match(naam) else None


def _zoekdatum(signaal: Vroegsignaal) -> tuple[datetime.date | None, str]:
    """The signal's birth date when the register can be searched with it (the API wants the
    full date, and finds only that exact date), else None and why not."""
    datum = signaal.geboortedatum
    if datum is None:
        return None, "het signaal heeft geen geboortedatum"
    if datum in VERDACHTE_GEBOORTEDATA or is_opvulwaarde(Geboortedatum.van(datum)):
        return None, f"geboortedatum {datum:%d-%m-%Y} is een opvulwaarde"
    if (datum.day, datum.month) in OPVUL_DAG_MAAND:
        return None, f"van geboortedatum {datum:%d-%m-%Y} is mogelijk alleen het jaar bekend"
    return datum, ""


def _te_raadplegen(persoon: Signaalpersoon, gevonden: list[Bewoner]) -> list[str]:
    """The BSNs of the persons found that could be the signal's person on name and birth date
    alone, best first, at most one request: nobody else's record is consulted."""
    punten = {b.bsn: personen_vergelijken(persoon, b).punten for b in gevonden}
    kansrijk = [bsn for bsn in punten if punten[bsn] >= PUNTEN_TWIJFEL]
    return sorted(kansrijk, key=lambda bsn: -punten[bsn])[:MAX_ELDERS]


def _aantal(n: int) -> str:
    return f"{n} persoon" if n == 1 else f"{n} personen"


def _elders_zoeken(
    *,
    signaal: Vroegsignaal,
    persoon: Signaalpersoon,
    client: BrpClient,
    aan_adres: Uitkomst,
    bewoners: list[Bewoner],
    gebruiker: str,
) -> Uitkomst:
    """Search the register by surname and full birth date, first within the municipality,
    then, unless that settled it, without that limit: to find a person who moved within or
    out of the municipality, or died. The persons found are consulted by BSN and matched
    together with the residents, by the same rules: only a strong match gives "verhuisd"
    (with the new address within the municipality; "geen inwoner" outside it) or "overleden".
    Otherwise the drop-out stays in the review tray with every candidate. The reason says
    what was searched and what was found."""
    naam = _zoeknaam(signaal)
    geboren, waarom_niet = _zoekdatum(signaal)
    if naam is None:
        waarom_niet = "de achternaam kan niet in de BRP gezocht worden"
    if naam is None or geboren is None:
        return replace(
            aan_adres,
            reden=f"{aan_adres.reden} Niet gezocht op achternaam en geboortedatum: {waarom_niet}.",
        )
    adres = (signaal.postcode, signaal.huisnummer)
    bekend = {b.bsn for b in bewoners}
    elders: list[Bewoner] = []
    uitkomst = aan_adres
    gezocht: list[str] = []  # where the register was searched
    geweigerd = False  # a search the register refused (not authorised)
    aantal = 0  # persons found who are not at the address
    for waar, gemeente in (
        ("binnen de gemeente", signaal.gemeente.cbs_code),
        ("in heel Nederland", ""),
    ):
        try:
            gevonden = client.zoek_op_naam_en_geboortedatum(
                geslachtsnaam=naam,
                geboortedatum=geboren,
                gemeente_van_inschrijving=gemeente,
                voor_adres=adres,
                gebruiker=gebruiker,
            )
        except BrpGeenToegang as fout:
            if fout.http_status != 403:
                raise
            geweigerd = True  # this search is not authorised: the check goes on without it
            break
        gezocht.append(waar)
        nieuw = [bewoner(p, signaal=signaal) for p in gevonden if p.bsn and p.bsn not in bekend]
        bekend.update(b.bsn for b in nieuw)
        aantal += len(nieuw)
        if bsns := _te_raadplegen(persoon, nieuw):
            elders += [
                bewoner(p, signaal=signaal)
                for p in client.raadpleeg_meerdere(bsns=bsns, voor_adres=adres, gebruiker=gebruiker)
            ]
            uitkomst = bewoner_zoeken(persoon, [*bewoners, *elders])
        if not uitkomst.naar_controle:
            break

    vraag = f"op achternaam {naam} en geboortedatum {geboren:%d-%m-%Y}"
    adresdeel = aan_adres.reden
    if not uitkomst.naar_controle and aan_adres.soort == Uitkomstsoort.TWIJFEL:
        # Settled elsewhere: the doubt about a resident no longer asks for a check.
        adresdeel = "Geen bewoner op dit adres komt zeker genoeg overeen met het signaal."
    if not gezocht:
        reden = (
            f"Het signaal heeft geen BSN; zoeken in de BRP {vraag} weigerde de BRP "
            "(geen autorisatie)."
        )
        return replace(uitkomst, reden=f"{adresdeel} {reden}")
    if not uitkomst.naar_controle:
        gevonden_tekst = uitkomst.reden
    elif not aantal:
        gevonden_tekst = "niemand gevonden."
    elif uitkomst is aan_adres or uitkomst.soort == Uitkomstsoort.NIET_GEVONDEN:
        gevonden_tekst = f"{_aantal(aantal)} gevonden; geen van hen komt genoeg overeen."
    else:
        gevonden_tekst = f"{_aantal(aantal)} gevonden, maar niet zeker genoeg: {uitkomst.reden}"
    waar = " en daarna ".join(gezocht)
    if geweigerd:
        waar += " (in heel Nederland zoeken weigerde de BRP: geen autorisatie)"
    reden = (
        f"Het signaal heeft geen BSN; daarom gezocht in de BRP {vraag}, {waar}: {gevonden_tekst}"
    )
    return replace(uitkomst, reden=f"{adresdeel} {reden}")


# --- storing the check and a worker's decision ----------------------------------------------


def _kandidaten(uitkomst: Uitkomst) -> list[dict]:
    return [
        {
            "bsn": k.bewoner.bsn,  # kept for confirming; never rendered or put in a URL
            "naam": naam_weergeven(k.bewoner),
            "score": round(k.vergelijking.score, 3),
            "uitleg": list(k.vergelijking.uitleg),
            "overleden": k.bewoner.overleden,
            "verhuisd": k.bewoner.verhuisd,
        }
        for k in uitkomst.kandidaten
    ]


@transaction.atomic
def brp_controle_uitvoeren(
    *, signaal: Vroegsignaal, client: BrpClient | None = None, door: User | None = None
) -> Brpcontrole:
    """Run (or re-run) the BRP check of a signal and record outcome, reason and candidates.
    A confirmed resident's BSN is attached to the signal. A worker's earlier decision stays."""
    uitkomst = brp_controleren(
        signaal=signaal, client=client, gebruiker=door.username if door else "signaalroute"
    )
    controle = Brpcontrole.objects.select_for_update().filter(
        vroegsignaal=signaal
    ).first() or Brpcontrole(vroegsignaal=signaal, gemeente=signaal.gemeente)
    controle.uitkomst = uitkomst.soort.value
    controle.reden = uitkomst.reden
    controle.kandidaten = _kandidaten(uitkomst)
    controle.bsn = uitkomst.bsn or ""
    controle.voorstel = uitkomst.voorstel or ""
    controle.naar_controle = uitkomst.naar_controle and not controle.beoordeling
    controle.uitgevoerd_op = timezone.now()
    controle.save()
    if uitkomst.bsn and not signaal.bsn:
        Vroegsignaal.objects.filter(pk=signaal.pk).update(bsn=uitkomst.bsn)
    auditregel_vastleggen(
        actie=Auditactie.BEKIJKEN,
        gebruiker=door,
        object=signaal,
        gemeente=signaal.gemeente,
        gebruikersnaam="signaalroute",
        omschrijving=f"BRP-controle: {uitkomst.soort.value}",
    )
    return controle


def brp_controles_uitvoeren(
    *, gemeente: Gemeente, client: BrpClient | None = None, opnieuw: bool = False
) -> Counter:
    """The BRP check for every signal of the municipality that has none yet (or all)."""
    signalen = Vroegsignaal.objects.filter(gemeente=gemeente, rechtspersoon=False).select_related(
        "gemeente"
    )
    if not opnieuw:
        signalen = signalen.filter(brpcontrole__isnull=True)
    client = client or brp_client()
    return Counter(
        brp_controle_uitvoeren(signaal=signaal, client=client).uitkomst for signaal in signalen
    )


@transaction.atomic
def brp_controle_beoordelen(
    *, controle: Brpcontrole, door: User, kandidaat: int | None, toelichting: str = ""
) -> Brpcontrole:
    """A worker decides on a drop-out: candidate `kandidaat` is the person (the BSN is attached
    to the signal), or none of the residents is (suggests "geen inwoner (meer)")."""
    controle = Brpcontrole.objects.select_for_update().get(pk=controle.pk)
    geen_inwoner = False
    if kandidaat is None:
        controle.beoordeling = Brpbeoordeling.GEEN_BEWONER
        controle.voorstel = "geen_inwoner"
        controle.bsn = ""
        standaard = "Geen van de bewoners is de persoon uit het signaal."
        geen_inwoner = True
    else:
        try:
            gekozen = controle.kandidaten[kandidaat]
        except (IndexError, TypeError) as exc:
            raise ValidatieFout("Deze bewoner staat niet (meer) bij de controle.") from exc
        controle.beoordeling = Brpbeoordeling.BEVESTIGD
        controle.bsn = gekozen["bsn"]
        controle.voorstel = ""
        standaard = "Bewoner bevestigd in het controlebakje."
        Vroegsignaal.objects.filter(pk=controle.vroegsignaal_id).update(bsn=gekozen["bsn"])
    controle.naar_controle = False
    controle.beoordeeld_door = door
    controle.beoordeeld_op = timezone.now()
    controle.toelichting = toelichting.strip() or standaard
    controle.save()
    signaal = Vroegsignaal.objects.select_for_update().get(pk=controle.vroegsignaal_id)
    if geen_inwoner and signaal.status == Signaalstatus.NOG_NIET_OPGEPAKT:
        # Not in a case yet, or in one not picked up: the signal gets the suggested status.
        signaalstatussen_zetten(
            [(signaal, Signaalstatus.GEEN_INWONER, f"BRP-controlebakje: {controle.toelichting}")],
            door=door,
        )
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=controle.vroegsignaal,
        gemeente=controle.gemeente,
        omschrijving=f"BRP-controle beoordeeld: {controle.beoordeling}",
    )
    return controle
