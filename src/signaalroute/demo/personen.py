"""Fictitious residents and how a partner's file shows them, including the data-quality problems
real files have (BRIEF §1): swapped name parts, placeholder birth dates, missing contact
details, dropped diacritics, legal persons."""

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field

from faker import Faker

from .partners import EMAIL_ONTBREEKT, TELEFOON_ONTBREEKT, PartnerSpec
from .regio import Adres

VOORVOEGSELS = ("van der", "van den", "van de", "van 't", "in 't", "van", "de", "den", "ter", "te")
VEEL_VOORKOMEND = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
)  # fmt: skip
MIGRATIE_ACHTERNAMEN = (
    "Yılmaz", "Kaya", "Öztürk", "Demir", "Şahin", "El Amrani", "Bouzid", "El Idrissi",
    "Benali", "Ait Taleb", "Pinas", "Sitaldin", "Ramdin", "Kowalczyk", "Nowak", "Wójcik",
    "Martina", "Rosaria", "Mohamud", "Tesfay", "Nguyen", "Haddou", "Çelik", "Biharie",
)  # fmt: skip
MIGRATIE_VOORNAMEN = {
    "m": ("Mohamed", "Yusuf", "Mehmet", "Ahmed", "Bilal", "Mustafa", "Tomasz", "Piotr", "Rishi",
          "Jurgen", "Dawit", "Emre", "Hamza", "Ilias"),
    "v": ("Fatima", "Aylin", "Naima", "Elif", "Samira", "Agnieszka", "Priscilla", "Shanti",
          "Merve", "Khadija", "Zeynep", "Jamila", "Marta", "Senait"),
}  # fmt: skip
TRADITIONELE_VOORNAMEN = {
    "m": ("Johannes", "Hendrik", "Cornelis", "Gerrit", "Jan", "Willem", "Pieter", "Jacobus",
          "Adrianus", "Theodorus", "Gerardus", "Petrus", "Hendrikus", "Antonius"),
    "v": ("Maria", "Johanna", "Wilhelmina", "Petronella", "Anna", "Cornelia", "Hendrika",
          "Geertruida", "Elisabeth", "Catharina", "Adriana", "Jacoba", "Margaretha", "Gerda"),
}  # fmt: skip
BEDRIJVEN = (
    "Bakkerij Jansen B.V.", "Kapsalon Mooi Haar B.V.", "Transportbedrijf Van Dijk B.V.",
    "Schildersbedrijf De Kwast B.V.", "Snackbar 't Hoekje B.V.", "Holding Vermeulen B.V.",
    "Stichting Buurthuis De Linde", "Installatiebedrijf Smit B.V.", "Lindeveld Horeca N.V.",
)  # fmt: skip
PLACEHOLDER_GEBOORTEDATA = (dt.date(2000, 1, 1), dt.date(1900, 1, 1))
EMAIL_DOMEINEN = ("example.com", "example.net", "example.org")
# Age groups of people with arrears: (lowest, highest, weight).
LEEFTIJDEN = ((18, 27, 17), (28, 40, 31), (41, 55, 29), (56, 67, 15), (68, 90, 8))


@dataclass
class Persoon:
    voornamen: str
    voorvoegsel: str
    achternaam: str
    geboortedatum: dt.date
    telefoonnummer: str
    email: str
    bsn: str

    @property
    def voorletters(self) -> str:
        return "".join(f"{naam[0]}." for naam in self.voornamen.split())


@dataclass
class Huishouden:
    adres: Adres
    leden: list[Persoon]
    bedrijf: str = ""  # a legal person at this address: never followed up
    # per partner code: (customer number, monthly term in cents)
    klanten: dict[str, tuple[str, int]] = field(default_factory=dict)


class Personen:
    """Makes residents with a seeded Faker so every run gives the same people."""

    def __init__(self, rng: random.Random, vandaag: dt.date, seed: int):
        self.rng = rng
        self.vandaag = vandaag
        self.faker = Faker("nl_NL")
        self.faker.seed_instance(seed)
        self._bsns: set[str] = set()

    def huishouden(self, adres: Adres) -> Huishouden:
        hoofd = self.persoon()
        leden = [hoofd]
        if self.rng.random() < 0.5:
            achternaam = (hoofd.voorvoegsel, hoofd.achternaam) if self.rng.random() < 0.4 else None
            leden.append(self.persoon(achternaam=achternaam, rond=hoofd.geboortedatum))
        return Huishouden(adres=adres, leden=leden)

    def bedrijf(self, adres: Adres) -> Huishouden:
        return Huishouden(adres=adres, leden=[], bedrijf=self.rng.choice(BEDRIJVEN))

    def persoon(self, *, achternaam=None, rond: dt.date | None = None) -> Persoon:
        rng = self.rng
        geslacht = rng.choice("mv")
        geboortedatum = self._geboortedatum(rond)
        migratie = rng.random() < 0.2
        if achternaam is None:
            naam = rng.choice(MIGRATIE_ACHTERNAMEN if migratie else self._achternamen())
            achternaam = _splits_voorvoegsel(naam)
        voorvoegsel, achter = achternaam
        voornamen = self._voornamen(geslacht, geboortedatum, migratie)
        return Persoon(
            voornamen=voornamen,
            voorvoegsel=voorvoegsel,
            achternaam=achter,
            geboortedatum=geboortedatum,
            telefoonnummer=f"06{rng.randint(10_000_000, 99_999_999)}",
            email=self._email(voornamen.split()[0], voorvoegsel, achter),
            bsn=self._bsn(),
        )

    def _achternamen(self) -> tuple[str, ...]:
        return VEEL_VOORKOMEND if self.rng.random() < 0.35 else (self.faker.last_name(),)

    def _geboortedatum(self, rond: dt.date | None) -> dt.date:
        if rond is not None:  # a partner of about the same age
            datum = rond + dt.timedelta(days=self.rng.randint(-6 * 365, 6 * 365))
            return min(datum, self.vandaag - dt.timedelta(days=18 * 366))
        laag, hoog, _ = self.rng.choices(LEEFTIJDEN, weights=[g[2] for g in LEEFTIJDEN])[0]
        leeftijd_dagen = self.rng.randint(laag * 365 + 20, hoog * 365 + 300)
        return self.vandaag - dt.timedelta(days=leeftijd_dagen)

    def _voornamen(self, geslacht: str, geboortedatum: dt.date, migratie: bool) -> str:
        rng = self.rng
        if migratie:
            return rng.choice(MIGRATIE_VOORNAMEN[geslacht])
        if geboortedatum.year < 1975:
            aantal = rng.choice((1, 2, 2, 3))
            return " ".join(rng.sample(TRADITIONELE_VOORNAMEN[geslacht], aantal))
        maker = self.faker.first_name_male if geslacht == "m" else self.faker.first_name_female
        namen = [maker() for _ in range(rng.choice((1, 1, 2, 2, 3)))]
        return " ".join(dict.fromkeys(namen))

    def _email(self, voornaam: str, voorvoegsel: str, achternaam: str) -> str:
        achter = "".join(deel for deel in (voorvoegsel, achternaam) if deel)
        lokaal = f"{voornaam}.{achter}" if self.rng.random() < 0.6 else f"{voornaam[0]}{achter}"
        if self.rng.random() < 0.4:
            lokaal += str(self.rng.randint(1, 99))
        lokaal = _ascii(lokaal).lower().replace(" ", "").replace("'", "")
        return f"{lokaal}@{self.rng.choice(EMAIL_DOMEINEN)}"

    def _bsn(self) -> str:
        """A number in the 9999xxxxx test range that passes the eleven test."""
        while True:
            cijfers = [9, 9, 9, 9] + [self.rng.randint(0, 9) for _ in range(4)]
            controle = sum(c * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
            bsn = "".join(map(str, cijfers)) + str(controle)
            if controle < 10 and bsn not in self._bsns:
                self._bsns.add(bsn)
                return bsn


def _splits_voorvoegsel(naam: str) -> tuple[str, str]:
    for voorvoegsel in VOORVOEGSELS:
        if naam.lower().startswith(voorvoegsel + " "):
            return voorvoegsel, naam[len(voorvoegsel) + 1 :]
    return "", naam


def _ascii(tekst: str) -> str:
    return unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()


def persoonsvelden(
    rng: random.Random, partner: PartnerSpec, huishouden: Huishouden, persoon: Persoon | None
) -> dict:
    """The person and address fields of one signal as this partner's file has them."""
    adres = huishouden.adres
    straat, woonplaats = adres.straat, adres.woonplaats
    if partner.hoofdletters:
        straat, woonplaats = straat.upper(), woonplaats.upper()
    velden = {
        "postcode": adres.postcode,
        "huisnummer": adres.huisnummer,
        "huisletter": adres.huisletter,
        "huisnummertoevoeging": adres.toevoeging,
        "straat": straat,
        "woonplaats": woonplaats,
    }
    if persoon is None:  # a legal person
        return velden | {"achternaam": huishouden.bedrijf, "rechtspersoon": True}

    voornamen, voorvoegsel, achternaam = persoon.voornamen, persoon.voorvoegsel, persoon.achternaam
    voorletters = persoon.voorletters
    if partner.ascii_namen:
        voornamen, achternaam = _ascii(voornamen), _ascii(achternaam)
    if rng.random() < 0.03:  # given name and surname swapped
        voornamen, achternaam = " ".join(filter(None, (voorvoegsel, achternaam))), voornamen
        voorvoegsel, voorletters = "", f"{voornamen[0].upper()}."
    geboortedatum = persoon.geboortedatum
    if rng.random() < 0.03:
        geboortedatum = rng.choice(PLACEHOLDER_GEBOORTEDATA)
    elif partner.alleen_voorletters and rng.random() < 0.5:
        geboortedatum = None  # the water company often does not know it
    return velden | {
        "voorletters": voorletters,
        "voornamen": "" if partner.alleen_voorletters else voornamen,
        "voorvoegsel": voorvoegsel,
        "achternaam": achternaam,
        "geboortedatum": geboortedatum,
        "bsn": persoon.bsn if rng.random() < partner.bsn_kans else "",
        "telefoonnummer": _telefoon(rng, persoon, partner),
        "email": "" if rng.random() < EMAIL_ONTBREEKT[partner.soort] else persoon.email,
    }


def _telefoon(rng: random.Random, persoon: Persoon, partner: PartnerSpec) -> str:
    if rng.random() < TELEFOON_ONTBREEKT[partner.soort]:
        return ""
    nummer = persoon.telefoonnummer
    vorm = rng.random()
    if vorm < 0.15:
        return f"+31{nummer[1:]}"
    if vorm < 0.3:
        return f"{nummer[:2]}-{nummer[2:]}"
    return nummer
