"""People and households for the evaluation set, drawn from one seeded random generator."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass

from .. import constants as c
from ..rules import Geboortedatum, Naamgebruik
from .namenlijsten import HERKOMST, achternamen_van, voornamen_van, vrouwelijk

PEILDATUM = datetime.date(2025, 5, 1)  # the signal date of every case
_RIJ_TOETSEN = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


@dataclass
class Mens:
    bsn: str
    herkomst: str
    man: bool
    voornamen: list[str]
    voorvoegsel: str
    geslachtsnaam: str
    geboortedatum: datetime.date
    brp_datum: Geboortedatum  # what the BRP holds (may be incomplete)
    partner: Mens | None = None
    ex_partner: Mens | None = None
    naamgebruik: Naamgebruik = Naamgebruik.EIGEN
    overleden: bool = False
    verhuisd: bool = False
    binnen_gemeente: bool = False

    @property
    def leeftijd(self) -> int:
        return (PEILDATUM - self.geboortedatum).days // 365


class Maker:
    def __init__(self, zaad: int):
        self.rng = random.Random(zaad)
        self._bsns: set[str] = set()

    # -- small helpers
    def kans(self, p: float) -> bool:
        return self.rng.random() < p

    def kies(self, reeks: Sequence):
        return reeks[self.rng.randrange(len(reeks))]

    def bsn(self) -> str:
        while True:
            cijfers = [self.rng.randrange(10) for _ in range(8)]
            som = sum(
                cijfer * gewicht for cijfer, gewicht in zip(cijfers, range(9, 1, -1), strict=True)
            )
            laatste = som % 11
            if laatste == 10 or (cijfers[0] == 0 and cijfers[1] == 0):
                continue
            bsn = "".join(map(str, cijfers)) + str(laatste)
            if bsn not in self._bsns:
                self._bsns.add(bsn)
                return bsn

    def datum(self, van_jaar: int, tot_jaar: int) -> datetime.date:
        begin = datetime.date(van_jaar, 1, 1).toordinal()
        eind = datetime.date(tot_jaar, 12, 31).toordinal()
        while True:
            datum = datetime.date.fromordinal(self.rng.randint(begin, eind))
            if datum not in c.OPVULDATA:
                return datum

    def herkomst(self) -> str:
        return self.rng.choices([h for h, _ in HERKOMST], [g for _, g in HERKOMST])[0]

    def voornamen(self, herkomst: str, man: bool, geboren: datetime.date) -> list[str]:
        pool = voornamen_van(herkomst, man)
        namen = [self.kies(pool)]
        # Older Dutch people often have two or three (formal) given names.
        extra = 0.75 if herkomst == "nl" and geboren.year < 1975 else 0.3
        while len(namen) < 3 and self.kans(extra):
            naam = self.kies(voornamen_van("nl" if herkomst == "nl" else herkomst, man))
            if naam not in namen:
                namen.append(naam)
            extra /= 2
        return namen

    def brp_datum(self, herkomst: str, datum: datetime.date) -> Geboortedatum:
        """Residents born abroad before 1980 sometimes have an incomplete date in the BRP."""
        if herkomst in ("ma", "tr", "sr") and datum.year < 1980 and self.kans(0.25):
            return Geboortedatum(datum.year, datum.month if self.kans(0.3) else None)
        return Geboortedatum.van(datum)

    def mens(
        self,
        herkomst: str,
        man: bool,
        geboren: datetime.date,
        achternaam: tuple[str, str] | None = None,
        voornamen: list[str] | None = None,
    ) -> Mens:
        voorvoegsel, naam = achternaam or self.kies(achternamen_van(herkomst))
        if not man:
            naam = vrouwelijk(herkomst, naam)
        return Mens(
            bsn=self.bsn(),
            herkomst=herkomst,
            man=man,
            voornamen=voornamen or self.voornamen(herkomst, man, geboren),
            voorvoegsel=voorvoegsel,
            geslachtsnaam=naam,
            geboortedatum=geboren,
            brp_datum=self.brp_datum(herkomst, geboren),
        )

    def huishouden(self) -> list[Mens]:
        herkomst = self.herkomst()
        soort = self.rng.choices(
            ["alleen", "stel", "gezin", "drie_generaties", "woongroep"], [28, 24, 36, 6, 6]
        )[0]
        if soort == "woongroep":
            return [
                self.mens(self.herkomst(), self.kans(0.5), self.datum(1985, 2004))
                for _ in range(self.rng.randint(2, 4))
            ]
        eerste_man = self.kans(0.5)
        eerste = self.mens(herkomst, eerste_man, self.datum(1940, 2004))
        leden = [eerste]
        if soort == "alleen":
            if self.kans(0.15):  # a former partner, moved out
                ex = self.mens(herkomst, not eerste_man, self._rond(eerste.geboortedatum, 6))
                ex.verhuisd, ex.binnen_gemeente = True, self.kans(0.5)
                eerste.ex_partner = ex
                ex.ex_partner = eerste
                leden.append(ex)
            return leden
        partner = self.mens(herkomst, not eerste_man, self._rond(eerste.geboortedatum, 6))
        man, vrouw = (eerste, partner) if eerste_man else (partner, eerste)
        leden.append(partner)
        if self.kans(0.6):  # married or registered partners
            man.partner, vrouw.partner = vrouw, man
            if herkomst in ("nl", "de", "sr"):
                vrouw.naamgebruik = self.rng.choices(list(Naamgebruik), [55, 15, 20, 10])[0]
        if soort in ("gezin", "drie_generaties"):
            moeder_geboren = vrouw.geboortedatum
            vroegst = max(moeder_geboren.year + 18, 1958)
            laatst = min(moeder_geboren.year + 42, 2024)
            if vroegst <= laatst:
                kinderen: list[Mens] = []
                gebruikt = {man.voornamen[0], vrouw.voornamen[0]}
                for _ in range(self.rng.randint(1, 4)):
                    kind_man = self.kans(0.5)
                    geboren = self.datum(vroegst, laatst)
                    if kind_man and self.kans(0.06):  # named after his father
                        voornamen = list(man.voornamen)
                    else:  # siblings get different first names
                        voornamen = self.voornamen(herkomst, kind_man, geboren)
                        while voornamen[0] in gebruikt:
                            voornamen = self.voornamen(herkomst, kind_man, geboren)
                        gebruikt.add(voornamen[0])
                    kind = self.mens(
                        herkomst, kind_man, geboren, (man.voorvoegsel, man.geslachtsnaam), voornamen
                    )
                    if not kind_man:
                        kind.geslachtsnaam = vrouwelijk(herkomst, man.geslachtsnaam)
                    kinderen.append(kind)
                if len(kinderen) >= 2 and self.kans(0.08):  # twins
                    kinderen[1].geboortedatum = kinderen[0].geboortedatum
                    kinderen[1].brp_datum = kinderen[0].brp_datum
                for kind in kinderen:
                    if kind.leeftijd >= 19 and self.kans(0.25):
                        kind.verhuisd, kind.binnen_gemeente = True, self.kans(0.5)
                leden.extend(kinderen)
        if soort == "drie_generaties":
            opa = self.mens(
                herkomst,
                True,
                self._rond(datetime.date(man.geboortedatum.year - 28, 6, 1), 5),
                (man.voorvoegsel, man.geslachtsnaam),
            )
            opa.overleden = self.kans(0.3)
            leden.append(opa)
            for kind in leden[2:-1]:
                if kind.man and self.kans(0.3):  # the eldest son named after his grandfather
                    kind.voornamen = list(opa.voornamen)
                    break
        return leden

    def _rond(self, datum: datetime.date, jaren: int) -> datetime.date:
        jaar = min(max(datum.year + self.rng.randint(-jaren, jaren), 1925), 2005)
        return self.datum(jaar, jaar)

    # -- corruption of a signal
    def tikfout(self, tekst: str) -> str:
        if len(tekst) < 5:
            return tekst
        for _ in range(10):
            i = self.rng.randrange(1, len(tekst) - 1)
            soort = self.rng.randrange(4)
            letter = tekst[i].lower()
            if soort == 0:  # a neighbouring key
                rij = next((r for r in _RIJ_TOETSEN if letter in r), None)
                if rij is None:
                    continue
                j = rij.index(letter)
                nieuw = rij[j - 1] if j and (j == len(rij) - 1 or self.kans(0.5)) else rij[j + 1]
                uit = tekst[:i] + nieuw + tekst[i + 1 :]
            elif soort == 1:
                uit = tekst[:i] + tekst[i + 1 :]
            elif soort == 2:
                uit = tekst[:i] + tekst[i] + tekst[i:]
            else:
                uit = tekst[:i] + tekst[i + 1] + tekst[i] + tekst[i + 2 :]
            if uit != tekst and " " not in (uit[0], uit[-1]):
                return uit
        return tekst
