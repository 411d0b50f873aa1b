"""Fill the local BRP with fictitious residents for every address that has signals.

The residents are derived from the signals, with the differences the real register has:
full given names where a partner only has initials, the prefix (`van der`) apart from the
surname, diacritics and capitals as the register writes them, the true birth date instead of a
placeholder (sometimes only partly known), a partner or adult child living there too, a married
name in the signal where the register has the birth name. Per address, by chance: the person
moved (within the municipality or elsewhere), emigrated, died, never lived there (someone else
does), or is registered but found not to live there.

Deterministic: each address has its own random generator seeded with SEED and the address, so
the same signals always give the same register. Persons made earlier by this fill are replaced;
persons entered by hand are kept.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from faker.providers.person import nl_NL

from ..constants import AanduidingNaamgebruik, Geslacht, LokaleVerblijfplaats, SoortVerbintenis
from ..gegevens import BrpDatum
from ..models import LokaalBrpPersoon
from .herkennen import Signaalpersoon, clusters
from .namen import (
    ACHTERNAMEN,
    VOORNAMEN,
    aantal_accenten,
    ascii_vorm,
    register_spelling,
    splits_voorvoegsel,
)

SEED = 20260301
# To guess the sex from a given name (the register knows it; a partner's file does not).
MANNEN = frozenset(nl_NL.Provider.first_names_male).union(*(m for m, _ in VOORNAMEN.values()))
VROUWEN = frozenset(nl_NL.Provider.first_names_female).union(*(v for _, v in VOORNAMEN.values()))
PLACEHOLDERS = {dt.date(2000, 1, 1), dt.date(1900, 1, 1)}
# Fictitious municipalities people move to (CBS-like codes outside the demo region).
ELDERS = (
    ("9911", "Hoogmeer", "7501", "Dorpsweg"),
    ("9912", "Zandwijk", "7612", "Stationsstraat"),
    ("9913", "Veenhuizen-Oost", "7723", "Kanaalstraat"),
)
BUITENLAND = ("België", "Duitsland", "Spanje", "Turkije", "Marokko", "Polen", "Suriname")
# Chances per address (cumulative order below)
KANSEN = (
    ("verhuisd", 0.06),
    ("geemigreerd", 0.02),
    ("overleden", 0.03),
    ("andere_bewoner", 0.04),
    ("verblijft_niet", 0.02),
)


@dataclass
class Signaaladres:
    postcode: str
    huisnummer: int
    huisletter: str
    huisnummertoevoeging: str
    straat: str
    woonplaats: str
    gemeente_code: str
    gemeente_naam: str
    personen: list[Signaalpersoon] = field(default_factory=list)

    @property
    def sleutel(self) -> tuple:
        return (self.postcode, self.huisnummer, self.huisletter, self.huisnummertoevoeging)

    @property
    def laatste_signaal(self) -> dt.date:
        return max(p.signaaldatum for p in self.personen)


class Bsns:
    """Test-range BSNs (9999xxxxx, passing the eleven test): a signal's BSN goes to its own
    person once; new persons get numbers no signal and no other person has."""

    def __init__(self, *, gereserveerd: set[str], bezet: set[str]):
        self.gereserveerd = set(gereserveerd)  # BSNs in signals
        self.bezet = set(bezet)  # BSNs given to a person

    def uit_signaal(self, bsn: str, rng: random.Random) -> str:
        if bsn and bsn not in self.bezet:
            self.bezet.add(bsn)
            return bsn
        return self.nieuw(rng)

    def nieuw(self, rng: random.Random) -> str:
        while True:
            cijfers = [9, 9, 9, 9] + [rng.randint(0, 9) for _ in range(4)]
            controle = sum(c * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
            bsn = "".join(map(str, cijfers)) + str(controle)
            if controle < 10 and bsn not in self.bezet and bsn not in self.gereserveerd:
                self.bezet.add(bsn)
                return bsn


def _beste(waarden: list[str]) -> str:
    """The most complete spelling: most diacritics, then longest, then most common."""
    telling = Counter(w for w in waarden if w)
    if not telling:
        return ""
    return max(telling, key=lambda w: (aantal_accenten(w), len(w), telling[w], w))


def _geslacht(voornamen: str, rng: random.Random) -> str:
    eerste = voornamen.split()[0] if voornamen else ""
    if eerste in MANNEN:
        return Geslacht.MAN
    if eerste in VROUWEN:
        return Geslacht.VROUW
    return rng.choice((Geslacht.MAN, Geslacht.VROUW))


def _voornamen_bij(voorletters: str, rng: random.Random) -> str:
    letters = [c for c in ascii_vorm(voorletters).upper() if c.isalpha()] or [rng.choice("AJMS")]
    geslacht = rng.randrange(2)
    return " ".join(rng.choice(VOORNAMEN[letter][geslacht]) for letter in letters)


def _gba(datum: dt.date) -> str:
    return BrpDatum.van_date(datum).als_gba()


def _geboortedatum(signalen: list[Signaalpersoon], rng: random.Random) -> str:
    echte = Counter(
        p.geboortedatum for p in signalen if p.geboortedatum and p.geboortedatum not in PLACEHOLDERS
    )
    if echte:
        datum = max(echte, key=lambda d: (echte[d], d))
    else:  # only a placeholder or nothing: the register knows the real one
        datum = signalen[0].signaaldatum - dt.timedelta(days=rng.randint(20 * 365, 75 * 365))
    kans = rng.random()
    if kans < 0.03:  # born abroad, day unknown
        return f"{datum.year:04d}{datum.month:02d}00"
    if kans < 0.04:
        return f"{datum.year:04d}0000"
    return _gba(datum)


def _persoon_uit_signalen(signalen: list[Signaalpersoon], rng: random.Random, bsns: Bsns) -> dict:
    bruikbaar = signalen
    delen = [splits_voorvoegsel(p.voorvoegsel, p.achternaam) for p in bruikbaar]
    voorvoegsel = Counter(d[0] for d in delen).most_common(1)[0][0]
    geslachtsnaam = register_spelling(_beste([d[1] for d in delen]))
    voornamen = register_spelling(_beste([p.voornamen for p in bruikbaar]))
    if not voornamen:
        voornamen = _voornamen_bij(_beste([p.voorletters for p in bruikbaar]), rng)
    bsn = Counter(p.bsn for p in signalen if p.bsn).most_common(1)
    return {
        "bsn": bsns.uit_signaal(bsn[0][0] if bsn else "", rng),
        "voornamen": voornamen[:200],
        "voorvoegsel": voorvoegsel[:10],
        "geslachtsnaam": geslachtsnaam[:200],
        "geslacht": _geslacht(voornamen, rng),
        "geboortedatum": _geboortedatum(signalen, rng),
    }


def _nieuw_persoon(
    rng: random.Random,
    bsns: Bsns,
    peildatum: dt.date,
    *,
    achternaam: tuple[str, str] | None = None,
    leeftijd: tuple[int, int] = (20, 75),
) -> dict:
    voorvoegsel, geslachtsnaam = achternaam or rng.choice(ACHTERNAMEN)
    geslacht = rng.choice((Geslacht.MAN, Geslacht.VROUW))
    letter = rng.choice(sorted(VOORNAMEN))
    voornamen = rng.choice(VOORNAMEN[letter][0 if geslacht == Geslacht.MAN else 1])
    geboren = peildatum - dt.timedelta(days=rng.randint(leeftijd[0] * 365, leeftijd[1] * 365))
    return {
        "bsn": bsns.nieuw(rng),
        "voornamen": voornamen,
        "voorvoegsel": voorvoegsel,
        "geslachtsnaam": geslachtsnaam,
        "geslacht": geslacht,
        "geboortedatum": _gba(geboren),
    }


def _woont_op(adres: Signaaladres, rng: random.Random) -> dict:
    sinds = adres.laatste_signaal - dt.timedelta(days=rng.randint(200, 20 * 365))
    return {
        "verblijfplaats": LokaleVerblijfplaats.ADRES,
        "straat": adres.straat,
        "postcode": adres.postcode,
        "huisnummer": adres.huisnummer,
        "huisletter": adres.huisletter,
        "huisnummertoevoeging": adres.huisnummertoevoeging,
        "woonplaats": adres.woonplaats,
        "adres_sinds": _gba(sinds),
        "gemeente_code": adres.gemeente_code,
        "gemeente_naam": adres.gemeente_naam,
        "datum_inschrijving_gemeente": _gba(sinds - dt.timedelta(days=rng.choice((0, 0, 400)))),
    }


def _elders(adres: Signaaladres, rng: random.Random, anderen: list[Signaaladres]) -> dict:
    """An address elsewhere: in the same municipality (another signal address's street) or in
    another, fictitious one."""
    verhuisd = adres.laatste_signaal + dt.timedelta(days=rng.randint(-90, 30))
    zelfde = [
        a
        for a in anderen
        if a.gemeente_code == adres.gemeente_code and a.straat and a.postcode != adres.postcode
    ]
    if zelfde and rng.random() < 0.5:
        ander = rng.choice(zelfde)
        code, gemeente, postcode, straat, woonplaats = (
            ander.gemeente_code,
            ander.gemeente_naam,
            ander.postcode,
            ander.straat,
            ander.woonplaats,
        )
        ingeschreven = None
    else:
        code, gemeente, pc4, straat = rng.choice(ELDERS)
        postcode = pc4 + "".join(rng.choice("ABCDEGHJKLMNPRST") for _ in range(2))
        woonplaats, ingeschreven = gemeente, verhuisd
    return {
        "verblijfplaats": LokaleVerblijfplaats.ADRES,
        "straat": straat,
        "postcode": postcode,
        "huisnummer": rng.randint(1, 160),
        "huisletter": "",
        "huisnummertoevoeging": "",
        "woonplaats": woonplaats,
        "adres_sinds": _gba(verhuisd),
        "gemeente_code": code,
        "gemeente_naam": gemeente,
        "datum_inschrijving_gemeente": _gba(
            ingeschreven or verhuisd - dt.timedelta(days=rng.randint(400, 4000))
        ),
    }


def _trouw(een: dict, ander: dict, rng: random.Random) -> None:
    soort = SoortVerbintenis.HUWELIJK if rng.random() < 0.85 else SoortVerbintenis.PARTNERSCHAP
    for persoon, partner in ((een, ander), (ander, een)):
        persoon |= {
            "partner_bsn": partner["bsn"],
            "partner_voornamen": partner["voornamen"],
            "partner_voorvoegsel": partner["voorvoegsel"],
            "partner_geslachtsnaam": partner["geslachtsnaam"],
            "partner_soort_verbintenis": soort,
        }


def bewoners(
    adres: Signaaladres, *, bsns: Bsns, anderen: list[Signaaladres], seed: int = SEED
) -> list[dict]:
    """The register's persons for one signal address (field values of LokaalBrpPersoon)."""
    rng = random.Random(f"{seed}:{'|'.join(map(str, adres.sleutel))}")
    peildatum = adres.laatste_signaal
    personen = [_persoon_uit_signalen(signalen, rng, bsns) for signalen in clusters(adres.personen)]
    aantal_uit_signalen = len(personen)
    for persoon in personen:
        persoon |= _woont_op(adres, rng) | {"toelichting": "woont op het adres van het signaal"}
    hoofd = personen[0]
    kans, scenario = rng.random(), "woont_er"
    for naam, grens in KANSEN:
        if kans < grens:
            scenario = naam
            break
        kans -= grens
    blijft = scenario not in ("verhuisd", "andere_bewoner")

    if aantal_uit_signalen >= 2 and rng.random() < 0.5:
        _trouw(personen[0], personen[1], rng)
    elif aantal_uit_signalen == 1 and blijft and rng.random() < 0.45:
        partner = _nieuw_persoon(rng, bsns, peildatum) | _woont_op(adres, rng)
        partner["toelichting"] = "partner van de persoon uit het signaal"
        if rng.random() < 0.6:
            if rng.random() < 0.25:  # the signal has the married name, the register the own
                partner["voorvoegsel"], partner["geslachtsnaam"] = (
                    hoofd["voorvoegsel"],
                    hoofd["geslachtsnaam"],
                )
                hoofd["voorvoegsel"], hoofd["geslachtsnaam"] = rng.choice(ACHTERNAMEN)
                hoofd["aanduiding_naamgebruik"] = rng.choice(
                    (AanduidingNaamgebruik.PARTNER, AanduidingNaamgebruik.PARTNER_VOOR_EIGEN)
                )
                hoofd["toelichting"] = "signaal gebruikt de naam van de partner"
            _trouw(hoofd, partner, rng)
        personen.append(partner)
    if blijft and rng.random() < 0.15:
        kind = _nieuw_persoon(
            rng,
            bsns,
            peildatum,
            achternaam=(hoofd["voorvoegsel"], hoofd["geslachtsnaam"]),
            leeftijd=(18, 26),
        )
        personen.append(kind | _woont_op(adres, rng) | {"toelichting": "meerderjarig kind"})

    if not blijft:
        for persoon in personen[:aantal_uit_signalen]:
            persoon |= _elders(adres, rng, anderen)
            if scenario == "verhuisd":
                persoon |= {
                    "vorige_postcode": adres.postcode,
                    "vorig_huisnummer": adres.huisnummer,
                    "vorige_huisletter": adres.huisletter,
                    "vorige_huisnummertoevoeging": adres.huisnummertoevoeging,
                    "toelichting": "verhuisd na het signaal",
                }
            else:
                persoon["toelichting"] = "woont elders; op dit adres woont iemand anders"
        if scenario == "andere_bewoner" or rng.random() < 0.6:
            for _ in range(rng.choice((1, 1, 2))):
                nieuw = _nieuw_persoon(rng, bsns, peildatum) | _woont_op(adres, rng)
                personen.append(nieuw | {"toelichting": "andere bewoner"})
    elif scenario == "geemigreerd":
        vertrokken = peildatum + dt.timedelta(days=rng.randint(-60, 20))
        hoofd |= {
            "verblijfplaats": LokaleVerblijfplaats.BUITENLAND,
            "straat": "",
            "postcode": "",
            "huisnummer": None,
            "huisletter": "",
            "huisnummertoevoeging": "",
            "woonplaats": "",
            "land": rng.choice(BUITENLAND),
            "adres_sinds": _gba(vertrokken),
            "vorige_postcode": adres.postcode,
            "vorig_huisnummer": adres.huisnummer,
            "vorige_huisletter": adres.huisletter,
            "vorige_huisnummertoevoeging": adres.huisnummertoevoeging,
            "toelichting": "geëmigreerd",
        }
    elif scenario == "overleden":
        overleden = _gba(peildatum - dt.timedelta(days=rng.randint(10, 200)))
        hoofd |= {"overlijdensdatum": overleden, "toelichting": "overleden"}
        for persoon in personen[1:]:
            if persoon.get("partner_bsn") == hoofd["bsn"]:
                persoon["partner_datum_ontbinding"] = overleden  # dissolved by death
    elif scenario == "verblijft_niet":
        hoofd["verblijft_niet_op_adres"] = True
        hoofd["toelichting"] = "vastgesteld: verblijft niet op het adres"
    return personen


def signaaladressen() -> list[Signaaladres]:
    """Every address with signals about natural persons, in a fixed order."""
    from signaalroute.aanleveringen.models import Vroegsignaal

    adressen: dict[tuple, Signaaladres] = {}
    rijen = (
        Vroegsignaal.objects.filter(rechtspersoon=False)
        .order_by("postcode", "huisnummer", "huisletter", "huisnummertoevoeging", "id")
        .values(
            "postcode",
            "huisnummer",
            "huisletter",
            "huisnummertoevoeging",
            "straat",
            "woonplaats",
            "gemeente__cbs_code",
            "gemeente__naam",
            "voornamen",
            "voorletters",
            "voorvoegsel",
            "achternaam",
            "geboortedatum",
            "bsn",
            "signaaldatum",
        )  # fmt: skip
    )
    for rij in rijen:
        huisletter = rij["huisletter"].upper()
        toevoeging = rij["huisnummertoevoeging"].upper()
        sleutel = (rij["postcode"], rij["huisnummer"], huisletter, toevoeging)
        if sleutel not in adressen:
            adressen[sleutel] = Signaaladres(
                postcode=rij["postcode"],
                huisnummer=rij["huisnummer"],
                huisletter=huisletter,
                huisnummertoevoeging=toevoeging,
                straat=register_spelling(rij["straat"]),
                woonplaats=register_spelling(rij["woonplaats"]),
                gemeente_code=rij["gemeente__cbs_code"],
                gemeente_naam=rij["gemeente__naam"],
            )
        adressen[sleutel].personen.append(
            Signaalpersoon(
                voornamen=rij["voornamen"],
                voorletters=rij["voorletters"],
                voorvoegsel=rij["voorvoegsel"],
                achternaam=rij["achternaam"],
                geboortedatum=rij["geboortedatum"],
                bsn=rij["bsn"],
                signaaldatum=rij["signaaldatum"],
            )
        )
    return list(adressen.values())


@dataclass
class Vulresultaat:
    adressen: int
    personen: int
    per_toelichting: dict[str, int]


def lokale_brp_vullen(*, seed: int = SEED) -> Vulresultaat:
    """Replace the generated persons of the local BRP by residents for the current signals."""
    adressen = signaaladressen()
    with transaction.atomic():
        LokaalBrpPersoon.objects.filter(gegenereerd=True).delete()
        bsns = Bsns(
            gereserveerd={p.bsn for a in adressen for p in a.personen if p.bsn},
            bezet=set(LokaalBrpPersoon.objects.values_list("bsn", flat=True)),
        )
        nieuw: list[LokaalBrpPersoon] = []
        telling: dict[str, int] = defaultdict(int)
        for adres in adressen:
            for velden in bewoners(adres, bsns=bsns, anderen=adressen, seed=seed):
                telling[velden.get("toelichting", "")] += 1
                nieuw.append(LokaalBrpPersoon(gegenereerd=True, **velden))
        LokaalBrpPersoon.objects.bulk_create(nieuw, batch_size=500)
    return Vulresultaat(adressen=len(adressen), personen=len(nieuw), per_toelichting=dict(telling))
