"""The labelled cases: a household at an address and one signal, about a resident or not."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from ..rules import Adres, Bewoner, Geboortedatum, Partnernaam, Signaalpersoon, Uitkomstsoort
from .huishoudens import Maker, Mens
from .namenlijsten import voornamen_van
from .vervuiling import signaal_maken

ZAAD = 20_240_525


@dataclass(frozen=True)
class Geval:
    """One signal and the residents at its address, with the label: the BSN of the person the
    signal is about, or None when that person is not among the residents."""

    nummer: int
    signaal: Signaalpersoon
    bewoners: tuple[Bewoner, ...]
    verwacht_bsn: str | None
    verwacht: Uitkomstsoort | None  # bevestigd, verhuisd or overleden; None for a negative
    soort: str  # positief, or the kind of negative
    vervuilingen: tuple[str, ...]


def bewoner_maken(m: Mens, adres: Adres, rng: random.Random) -> Bewoner:
    partners = []
    if m.partner is not None:
        partners.append(Partnernaam(m.partner.geslachtsnaam, m.partner.voorvoegsel))
    if m.ex_partner is not None:
        partners.append(Partnernaam(m.ex_partner.geslachtsnaam, m.ex_partner.voorvoegsel, False))
    nieuw_adres = None
    if m.verhuisd and m.binnen_gemeente:
        nieuw_adres = Adres(
            postcode=f"{rng.randint(1000, 9999)}{rng.choice('ABCDEFGHJKLMNPRTVWXZ')}"
            f"{rng.choice('ABCDEFGHJKLMNPRTVWXZ')}",
            huisnummer=rng.randint(1, 250),
            straat="Nieuwstraat",
            woonplaats=adres.woonplaats,
        )
    return Bewoner(
        bsn=m.bsn,
        geslachtsnaam=m.geslachtsnaam,
        voorvoegsel=m.voorvoegsel,
        voornamen=" ".join(m.voornamen),
        geboortedatum=m.brp_datum,
        partners=tuple(partners),
        naamgebruik=m.naamgebruik,
        overleden=m.overleden,
        verhuisd=m.verhuisd,
        verhuisd_binnen_gemeente=m.binnen_gemeente,
        nieuw_adres=nieuw_adres,
    )


def negatief_maken(maker: Maker, leden: list[Mens]) -> tuple[Mens, str]:
    """Someone who is not registered at the address, of a kind that fools matchers."""
    rng = maker.rng
    hoofd = leden[0]
    soort = rng.choices(
        ["gezinslid", "zelfde_voorletter", "naamgenoot", "buren", "gelijkende_naam"],
        [30, 10, 5, 40, 15],
    )[0]
    man = maker.kans(0.5)
    geboren = maker.datum(1950, 2004)
    achternaam = (hoofd.voorvoegsel, hoofd.geslachtsnaam)
    if soort == "gezinslid":
        return maker.mens(hoofd.herkomst, man, geboren, achternaam), soort
    if soort == "zelfde_voorletter":
        bekend = maker.kies(leden)
        pool = [
            n
            for n in voornamen_van(bekend.herkomst, bekend.man)
            if n[0] == bekend.voornamen[0][0] and n != bekend.voornamen[0]
        ]
        voornamen = [maker.kies(pool)] if pool else None
        mens = maker.mens(
            bekend.herkomst,
            bekend.man,
            geboren,
            (bekend.voorvoegsel, bekend.geslachtsnaam),
            voornamen,
        )
        return mens, soort
    if soort == "naamgenoot":
        bekend = maker.kies(leden)
        mens = maker.mens(
            bekend.herkomst,
            bekend.man,
            maker._rond(bekend.geboortedatum, 30),
            (bekend.voorvoegsel, bekend.geslachtsnaam),
            list(bekend.voornamen),
        )
        if mens.geboortedatum == bekend.geboortedatum:
            mens.geboortedatum = mens.geboortedatum + datetime.timedelta(days=400)
            mens.brp_datum = Geboortedatum.van(mens.geboortedatum)
        return mens, soort
    if soort == "buren":
        return maker.mens(maker.herkomst(), man, geboren), soort
    # gelijkende_naam: another family whose name differs by one letter.
    naam = maker.tikfout(hoofd.geslachtsnaam)
    return maker.mens(hoofd.herkomst, man, geboren, (hoofd.voorvoegsel, naam)), soort


def gevallen_maken(aantal: int = 3000, zaad: int = ZAAD) -> list[Geval]:
    """`aantal` labelled cases (about 3 residents each), the same for the same seed."""
    maker = Maker(zaad)
    rng = maker.rng
    gevallen = []
    while len(gevallen) < aantal:
        leden = maker.huishouden()
        volwassenen = [m for m in leden if m.leeftijd >= 18]
        if not volwassenen:
            continue
        adres = Adres("1234AB", rng.randint(1, 300), woonplaats="Aadorp")
        if maker.kans(0.78):
            actief = [m for m in volwassenen if not (m.verhuisd or m.overleden)]
            weg = [m for m in volwassenen if m.verhuisd or m.overleden]
            doel = maker.kies(weg) if weg and maker.kans(0.25) or not actief else maker.kies(actief)
            signaal, vervuiling = signaal_maken(maker, doel)
            if doel.overleden:
                verwacht = Uitkomstsoort.OVERLEDEN
            elif doel.verhuisd:
                verwacht = Uitkomstsoort.VERHUISD
            else:
                verwacht = Uitkomstsoort.BEVESTIGD
            bsn: str | None = doel.bsn
            soort = "positief"
        else:
            vreemde, soort = negatief_maken(maker, leden)
            if vreemde.leeftijd < 18:
                continue
            signaal, vervuiling = signaal_maken(maker, vreemde)
            bsn, verwacht = None, None
        bewoners = [bewoner_maken(m, adres, rng) for m in leden]
        rng.shuffle(bewoners)
        gevallen.append(
            Geval(
                nummer=len(gevallen) + 1,
                signaal=signaal,
                bewoners=tuple(bewoners),
                verwacht_bsn=bsn,
                verwacht=verwacht,
                soort=soort,
                vervuilingen=tuple(vervuiling),
            )
        )
    return gevallen
