"""The BRP check of one signal: who lives at the address (Haal Centraal BRP Personen, via
`contrib.brp`), and which of them, if anyone, is the person in the signal.

This module maps between the BRP adapter's types, the signal, and the pure person-matching
rules; it decides nothing itself (`rules.bewoner_zoeken` does).
"""

from __future__ import annotations

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.aanleveringen.rules import VERDACHTE_GEBOORTEDATA
from signaalroute.contrib.brp.client import BrpClient, brp_client
from signaalroute.contrib.brp.gegevens import BrpDatum, BrpPersoon

from .rules import (
    Adres,
    Bewoner,
    Geboortedatum,
    Naamgebruik,
    Partnernaam,
    Signaalpersoon,
    Uitkomst,
    bewoner_zoeken,
)

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
    return bewoner_zoeken(signaalpersoon(signaal), [bewoner(p, signaal=signaal) for p in personen])
