"""The BRP check of one signal: who lives at the address (Haal Centraal BRP Personen, via
`contrib.brp`), and which of them, if anyone, is the person in the signal.

This module maps between the BRP adapter's types, the signal, and the pure person-matching
rules; it decides nothing itself (`rules.bewoner_zoeken` does).
"""

from __future__ import annotations

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
from signaalroute.contrib.brp.gegevens import BrpDatum, BrpPersoon
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.gemeenten.models import Gemeente
from signaalroute.vroegsignaalzaken.constants import Signaalstatus
from signaalroute.vroegsignaalzaken.services import signaalstatussen_zetten

from .constants import TUSSENVOEGSELS
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
    naam_weergeven,
)
from .rules.normaliseren import vouwen

# The register's pattern for a surname in a search (Haal Centraal GeslachtsnaamFilter).
_GESLACHTSNAAM = re.compile(r"^[a-zA-Z0-9À-ž \.\-\']{1,200}$")
MAX_ELDERS = 20  # persons found by name and birth date that are consulted (one BRP request)

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
    binnen_gemeente = verhuisd and persoon.gemeente_van_inschrijving == signaal.gemeente.cbs_code
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
    Search results carry no residence, death or partners: each candidate is consulted by BSN.
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
    uitkomst = bewoner_zoeken(signaalpersoon(signaal), bewoners)
    if uitkomst.soort != Uitkomstsoort.NIET_GEVONDEN or signaal.bsn:
        return uitkomst
    return _elders_zoeken(signaal, client, uitkomst, bewoners, gebruiker)


def _zoeknaam(signaal: Vroegsignaal) -> str | None:
    """The surname to search the register with: without voorvoegsel, however the partner
    placed it (`Vries, de`, `de Vries`); None when the register could not search it."""
    naam = signaal.achternaam.strip().partition(",")[0]
    woorden = naam.split()
    while len(woorden) > 1 and vouwen(woorden[0]) in TUSSENVOEGSELS:
        woorden.pop(0)
    naam = " ".join(woorden)
    return naam if _GESLACHTSNAAM.match(naam) else None


def _elders_zoeken(
    signaal: Vroegsignaal, client: BrpClient, aan_adres: Uitkomst, bewoners: list, gebruiker: str
) -> Uitkomst:
    """Nobody at the address and no BSN in the signal: search the register by surname and
    full birth date (not a placeholder), to find a person who moved or died. Only a strong
    match counts; otherwise the drop-out stays, and says what was searched."""
    geboren, naam = signaal.geboortedatum, _zoeknaam(signaal)
    if geboren is None or geboren in VERDACHTE_GEBOORTEDATA or naam is None:
        return aan_adres
    gevonden = client.zoek_op_naam_en_geboortedatum(
        geslachtsnaam=naam, geboortedatum=geboren, gebruiker=gebruiker
    )
    bekend = {b.bsn for b in bewoners}
    bsns = [p.bsn for p in gevonden if p.bsn and p.bsn not in bekend][:MAX_ELDERS]
    elders = [
        bewoner(p, signaal=signaal)
        for p in (client.raadpleeg_meerdere(bsns=bsns, gebruiker=gebruiker) if bsns else [])
    ]
    uitkomst = bewoner_zoeken(signaalpersoon(signaal), elders) if elders else None
    if uitkomst is not None and uitkomst.soort in (Uitkomstsoort.VERHUISD, Uitkomstsoort.OVERLEDEN):
        return replace(
            uitkomst,
            reden=f"Niet op het adres van het signaal; gevonden op naam en geboortedatum: "
            f"{uitkomst.reden}",
        )
    wat = (
        f"{len(elders)} persoon/personen met deze achternaam en geboortedatum elders, geen zeker"
        if elders
        else "niemand met deze achternaam en geboortedatum"
    )
    return replace(
        aan_adres, reden=f"{aan_adres.reden} Ook gezocht op naam en geboortedatum in de BRP: {wat}."
    )


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
