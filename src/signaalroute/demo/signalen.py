"""Twelve months of signals with the real-world shape (BRIEF §1 and §5), and the partner
deliveries that brought them in.

Per municipality and month about 4 signals per 1,000 inhabitants arrive, split over the partner
types by their national shares. Signals are bundled per household from the start: about 11% of
households get signals of two or more partners in one month (meervoudig), and about 40% of the
households had a signal in the previous six months (opeenvolgend). The cases themselves are
formed afterwards from the stored addresses only, in `zaken.py`, as matching would.
"""

import datetime as dt
import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from signaalroute.aanleveringen.constants import Aanleverkanaal, Aanleverstatus
from signaalroute.aanleveringen.models import Aanlevering, Vroegsignaal
from signaalroute.signaalpartners.constants import Signaalpartnersoort as Soort

from .kalender import maandeinde, maandstarts, tijdstip
from .partners import (
    EINDELEVERING_AANDEEL,
    PARTNERS,
    PartnerSpec,
    achterstand_bepalen,
    partner_kiezen,
    termijnbedrag_kiezen,
)
from .personen import PLACEHOLDER_GEBOORTEDATA, Huishouden, Personen, persoonsvelden
from .regio import GEMEENTEN, Adres, Adresboek, GemeenteSpec

MAANDEN = 12
SIGNALEN_PER_1000 = 4.0
# Seasonal pattern per calendar month (more signals after the holidays); averages 1.
SEIZOEN = {1: 1.10, 2: 1.05, 3: 1.0, 4: 0.98, 5: 0.96, 6: 0.95, 7: 0.92, 8: 0.94, 9: 1.0,
           10: 1.02, 11: 1.03, 12: 1.05}  # fmt: skip
MEERVOUDIG_KANS = 0.11
# Share of single-signal households in a month with history that had a signal before; with the
# first month (no history yet) this gives ~40% opeenvolgend cases over the year.
OPEENVOLGEND_KANS = 0.49
RECHTSPERSOON_KANS = 0.022  # of eligible single cases: ~1% of all cases
HERHAALD_KANS = 0.35  # same partner again with the same arrears
AFGEWEZEN_AANDEEL = (0.02, 0.06)  # rows with an address outside the region
TERUGKIJKEN = 6  # months of address history for the consecutive rule


@dataclass
class Slot:
    partner: PartnerSpec
    eindelevering: bool = False


@dataclass
class Signaalplan:
    maanden: list[dt.date]
    signalen: list[list[Vroegsignaal]] = field(default_factory=list)  # per month
    aanleveringen: list[Aanlevering] = field(default_factory=list)
    afgewezen: int = 0


class Signaalgenerator:
    def __init__(
        self,
        *,
        rng: random.Random,
        personen: Personen,
        adresboek: Adresboek,
        gemeenten: dict,
        partners: dict,
        partnergebruikers: dict,
        vandaag: dt.date,
    ):
        self.rng = rng
        self.personen = personen
        self.adresboek = adresboek
        self.gemeenten = gemeenten  # CBS code -> Gemeente
        self.partners = partners  # partner code -> Signaalpartner
        self.partnergebruikers = partnergebruikers  # partner code -> User
        self.vandaag = vandaag
        self.huishoudens: dict[tuple, Huishouden] = {}
        # address key -> [(month index, partner code, signal)], oldest first
        self.historie: dict[tuple, list[tuple[int, str, Vroegsignaal]]] = defaultdict(list)

    def genereren(self) -> Signaalplan:
        plan = Signaalplan(maanden=maandstarts(self.vandaag, MAANDEN))
        for index, start in enumerate(plan.maanden):
            signalen: list[Vroegsignaal] = []
            for gemeente in GEMEENTEN:
                signalen.extend(self._maand(index, start, gemeente))
            plan.signalen.append(signalen)
        self._aanleveringen(plan)
        return plan

    # --- One month of one municipality -------------------------------------------------------

    def _maand(self, index: int, start: dt.date, gemeente: GemeenteSpec) -> list[Vroegsignaal]:
        rng = self.rng
        aantal = round(gemeente.inwoners / 1000 * SIGNALEN_PER_1000 * SEIZOEN[start.month])
        slots = []
        for _ in range(aantal):
            partner = partner_kiezen(rng)
            eindelevering = partner.soort == Soort.ENERGIE and rng.random() < EINDELEVERING_AANDEEL
            slots.append(Slot(partner, eindelevering))
        eerder = self._eerdere_adressen(index, gemeente)
        gebruikt: set[tuple] = set()
        signalen = []
        for zaak_slots in self._bundelen(slots):
            huishouden = self._huishouden_kiezen(index, gemeente, zaak_slots, eerder, gebruikt)
            gebruikt.add(huishouden.adres.sleutel)
            for slot in zaak_slots:
                signaal = self._signaal(index, start, huishouden, slot)
                self.historie[huishouden.adres.sleutel].append((index, slot.partner.code, signaal))
                signalen.append(signaal)
        return signalen

    def _bundelen(self, slots: list[Slot]) -> list[list[Slot]]:
        """Household bundles: mostly one signal, ~11% two or three of different partners."""
        rng = self.rng
        rng.shuffle(slots)
        bundels = []
        while slots:
            bundel = [slots.pop()]
            if rng.random() < MEERVOUDIG_KANS:
                gewenst = 3 if rng.random() < 0.15 else 2
                for slot in list(slots):
                    if len(bundel) == gewenst:
                        break
                    if slot.partner.code not in {s.partner.code for s in bundel}:
                        bundel.append(slot)
                        slots.remove(slot)
            bundels.append(bundel)
        return bundels

    def _eerdere_adressen(self, index: int, gemeente: GemeenteSpec) -> dict[str, list[tuple]]:
        """Households of this municipality with a signal in the previous six months: all of
        them under "", and per partner code those that partner reported."""
        eerder: dict[str, list[tuple]] = defaultdict(list)
        for sleutel, regels in self.historie.items():
            huishouden = self.huishoudens[sleutel]
            if huishouden.adres.gemeente != gemeente.cbs_code or huishouden.bedrijf:
                continue
            recent = {code for maand, code, _ in regels if maand >= index - TERUGKIJKEN}
            if recent:
                eerder[""].append(sleutel)
                for code in recent:
                    eerder[code].append(sleutel)
        return eerder

    def _huishouden_kiezen(self, index, gemeente, slots, eerder, gebruikt) -> Huishouden:
        rng = self.rng
        slot = slots[0]
        enkel = len(slots) == 1
        # Insurers have no legal persons as customers; energy, water and rent partners do.
        bedrijf_mogelijk = enkel and not slot.eindelevering and slot.partner.soort != Soort.ZORG
        if bedrijf_mogelijk and rng.random() < RECHTSPERSOON_KANS:
            adres = self._nieuw_adres(index, gemeente, gebruikt)
            self.huishoudens[adres.sleutel] = self.personen.bedrijf(adres)
            return self.huishoudens[adres.sleutel]

        # An end-of-supply signal follows an earlier signal of the same energy company.
        eindelevering = next((s for s in slots if s.eindelevering), None)
        kans = OPEENVOLGEND_KANS if enkel else 0.4
        if index > 0 and (eindelevering or rng.random() < kans):
            voorkeur = eindelevering or (slot if rng.random() < 0.6 else None)
            sleutel = None
            if voorkeur is not None:
                sleutel = self._ongebruikt(eerder.get(voorkeur.partner.code, []), gebruikt)
            sleutel = sleutel or self._ongebruikt(eerder[""], gebruikt)
            if sleutel is not None:
                return self.huishoudens[sleutel]
        adres = self._nieuw_adres(index, gemeente, gebruikt)
        huishouden = self.huishoudens.get(adres.sleutel)
        if huishouden is None:
            huishouden = self.huishoudens[adres.sleutel] = self.personen.huishouden(adres)
        return huishouden

    def _ongebruikt(self, sleutels: list[tuple], gebruikt: set[tuple]) -> tuple | None:
        """A random address from `sleutels` that has no bundle yet this month."""
        for _ in range(20):
            if not sleutels:
                return None
            sleutel = self.rng.choice(sleutels)
            if sleutel not in gebruikt:
                return sleutel
        vrij = [sleutel for sleutel in sleutels if sleutel not in gebruikt]
        return self.rng.choice(vrij) if vrij else None

    def _nieuw_adres(self, index, gemeente, gebruikt) -> Adres:
        """An address without a signal in the previous six months."""
        adressen = self.adresboek.adressen[gemeente.cbs_code]
        while True:
            adres = self.rng.choice(adressen)
            sleutel = adres.sleutel
            regels = self.historie.get(sleutel)
            if sleutel in gebruikt or (regels and regels[-1][0] >= index - TERUGKIJKEN):
                continue
            if sleutel in self.huishoudens and self.huishoudens[sleutel].bedrijf:
                continue
            return adres

    # --- One signal --------------------------------------------------------------------------

    def _signaal(self, index, start, huishouden: Huishouden, slot: Slot) -> Vroegsignaal:
        rng = self.rng
        partner = slot.partner
        if slot.eindelevering:
            laatste = min(maandeinde(start), self.vandaag)
            signaaldatum = start + dt.timedelta(days=rng.randint(0, (laatste - start).days))
        else:
            levering = self._leverdatum(partner, start)
            signaaldatum = max(start, levering - dt.timedelta(days=rng.randint(0, 2)))

        klant = huishouden.klanten.get(partner.code)
        if klant is None:
            nummer = partner.klantnummer.format(rng.randint(10_000, 9_999_999))
            persoon = 0 if len(huishouden.leden) < 2 or rng.random() < 0.75 else 1
            klant = huishouden.klanten[partner.code] = (
                nummer,
                termijnbedrag_kiezen(rng, partner),
                persoon,
            )
        klantnummer, termijnbedrag, persoon_index = klant

        vorig = self._vorig_signaal(index, huishouden, partner, eindelevering=slot.eindelevering)
        if vorig is not None and not slot.eindelevering:
            # A repeat report of unchanged arrears (herhaalde melding).
            bedrag, termijnen = vorig.bedrag, vorig.aantal_onbetaalde_termijnen
            ontstaansdatum = vorig.ontstaansdatum
        else:
            achterstand = achterstand_bepalen(
                rng,
                partner,
                signaaldatum=signaaldatum,
                termijnbedrag=termijnbedrag,
                eindelevering=slot.eindelevering,
            )
            bedrag, termijnen = achterstand.bedrag, achterstand.termijnen
            ontstaansdatum = achterstand.ontstaansdatum

        persoon = huishouden.leden[persoon_index] if huishouden.leden else None
        return Vroegsignaal(
            signaalpartner=self.partners[partner.code],
            soort=partner.soort,
            gemeente=self.gemeenten[huishouden.adres.gemeente],
            vorig_signaal=vorig,
            bedrag=bedrag,
            termijnbedrag=termijnbedrag,
            aantal_onbetaalde_termijnen=termijnen,
            ontstaansdatum=ontstaansdatum,
            signaaldatum=signaaldatum,
            klantnummer=klantnummer,
            crisissignaal=slot.eindelevering,
            eindelevering=slot.eindelevering,
            einddatum_levering=(
                signaaldatum + dt.timedelta(days=rng.randint(28, 42))
                if slot.eindelevering
                else None
            ),
            warme_overdracht=partner.soort == Soort.HUUR and rng.random() < 0.1,
            **persoonsvelden(rng, partner, huishouden, persoon),
        )

    def _vorig_signaal(self, index, huishouden, partner, *, eindelevering) -> Vroegsignaal | None:
        """The earlier signal this one follows up: the early signal before an end-of-supply
        signal, or (sometimes) the same unchanged arrears reported again."""
        eerdere = [
            signaal
            for maand, code, signaal in self.historie.get(huishouden.adres.sleutel, [])
            if code == partner.code and maand >= index - (TERUGKIJKEN if eindelevering else 3)
        ]
        eerdere = [s for s in eerdere if not s.eindelevering]
        if not eerdere:
            return None
        if eindelevering:
            return eerdere[-1]
        if partner.soort != Soort.ZORG and self.rng.random() < HERHAALD_KANS:
            return eerdere[-1]
        return None

    def _leverdatum(self, partner: PartnerSpec, start: dt.date) -> dt.date:
        dag = min(partner.leverdag, maandeinde(start).day)
        return min(start.replace(day=dag), self.vandaag)

    # --- Deliveries --------------------------------------------------------------------------

    def _aanleveringen(self, plan: Signaalplan) -> None:
        """One monthly file per partner (national: both municipalities), and small separate
        deliveries of end-of-supply signals on the day they are made."""
        groepen: dict[tuple, list[Vroegsignaal]] = defaultdict(list)
        for index, signalen in enumerate(plan.signalen):
            for signaal in signalen:
                code = signaal.signaalpartner.code
                if signaal.eindelevering:
                    groepen[(code, signaal.signaaldatum, True)].append(signaal)
                else:
                    groepen[(code, plan.maanden[index], False)].append(signaal)
        nu = timezone.now()
        specs = {p.code: p for p in PARTNERS}
        for (code, datum, eindelevering), signalen in sorted(groepen.items()):
            if eindelevering:
                leverdatum, afgewezen = datum, 0
                bestandsnaam = f"{code}-eindelevering-{datum:%Y-%m-%d}.csv"
            else:
                leverdatum = self._leverdatum(specs[code], datum)
                laag, hoog = AFGEWEZEN_AANDEEL
                afgewezen = round(len(signalen) * self.rng.uniform(laag, hoog))
                bestandsnaam = f"{code}-vroegsignalen-{datum:%Y-%m}.csv"
            waarschuwingen = sum(_met_waarschuwing(s) for s in signalen)
            ontvangen = min(
                tijdstip(leverdatum, self.rng.randint(6, 10), self.rng.randint(0, 59)),
                nu - dt.timedelta(minutes=30),
            )
            verwerkt = ontvangen + dt.timedelta(seconds=self.rng.randint(40, 300))
            aanlevering = Aanlevering(
                signaalpartner=self.partners[code],
                kanaal=Aanleverkanaal.DEMO,
                status=Aanleverstatus.VERWERKT,
                bestandsnaam=bestandsnaam,
                inhoud_hash=hashlib.sha256(f"{bestandsnaam}:{len(signalen)}".encode()).hexdigest(),
                ontvangen_op=ontvangen,
                verwerkt_op=verwerkt,
                aangeleverd_door=self.partnergebruikers.get(code),
                # Three disjoint groups that add up to the rows delivered.
                aantal_rijen=len(signalen) + afgewezen,
                aantal_geaccepteerd=len(signalen) - waarschuwingen,
                aantal_met_waarschuwing=waarschuwingen,
                aantal_afgewezen=afgewezen,
            )
            plan.aanleveringen.append(aanlevering)
            plan.afgewezen += afgewezen
            # Rejected rows leave gaps in the line numbers of the stored signals.
            alle_regels = range(1, len(signalen) + afgewezen + 1)
            afgewezen_regels = set(self.rng.sample(alle_regels, afgewezen))
            regels = [n for n in alle_regels if n not in afgewezen_regels]
            self.rng.shuffle(signalen)
            for signaal, regel in zip(signalen, regels, strict=True):
                signaal.aanlevering = aanlevering
                signaal.regelnummer = regel
                signaal.aangemaakt_op = verwerkt


def _met_waarschuwing(signaal: Vroegsignaal) -> bool:
    """Stored, but with a warning to the partner: a placeholder birth date or a legal person."""
    return signaal.geboortedatum in PLACEHOLDER_GEBOORTEDATA or signaal.rechtspersoon
