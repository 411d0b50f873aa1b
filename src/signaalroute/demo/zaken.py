"""Cases (vroegsignaalzaken) formed from the demo signals as matching would (BRIEF §5), and what
happened to them: team, worker, contact attempts, result and the append-only history."""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.accounts.models import User
from signaalroute.core.werkdagen import werkdagen_optellen
from signaalroute.vroegsignaalzaken.constants import (
    Eindresultaat,
    Signaalstatus,
    Zaakfase,
    Zaaksoort,
)
from signaalroute.vroegsignaalzaken.models import (
    Contactpoging,
    Signaalstatuswijziging,
    Vroegsignaalzaak,
    Zaakwijziging,
)

from .contact import contactpogingen_maken
from .kalender import maandeinde, maanden_terug, tijdstip
from .organisaties import Regio
from .personen import PLACEHOLDER_GEBOORTEDATA
from .regio import JONGEREN_LEEFTIJD, JONGERENTEAM, TEAM_VROEGSIGNALERING, TEAMS, Adresboek

E = Eindresultaat
# Results of closed cases that were picked up, with their weights (about 1 in 5 households is
# reached, about 1 in 3 of those accepts help; BRIEF §1).
EINDRESULTATEN = {
    E.GEEN_CONTACT: 50,
    E.GEEN_REACTIE: 4,
    E.HOEFT_GEEN_HULP: 8,
    E.ZELF_BETAALD: 6,
    E.QUICK_FIX: 5,
    E.VERVOLGHULP_FINANCIEEL: 5,
    E.VERVOLGHULP_NIET_FINANCIEEL: 1.5,
    E.ANDER_TRAJECT: 3,
    E.VERWIJZING_ZONDER_INWONER: 1.5,
    E.BEKEND_BIJ_SHV: 9,
    E.GEEN_INWONER: 2.5,
    E.OVERLEDEN: 0.5,
    E.NIET_OPGEPAKT_ONTERECHT: 1,
}
# Results that end a case without picking it up; the signals get the same status code.
NIET_OPGEPAKT = {
    E.NIET_OPGEPAKT_ONTERECHT,
    E.NIET_OPGEPAKT_HERHAALD,
    E.NIET_OPGEPAKT_ANDERE_REDEN,
    E.BEKEND_BIJ_SHV,
    E.GEEN_INWONER,
    E.OVERLEDEN,
}
GEMEENTELIJKE_DREMPEL = 5_000  # cents: below this a signal is "onterecht" (BRIEF §4)


@dataclass
class Zaakplan:
    zaken: list[Vroegsignaalzaak] = field(default_factory=list)
    contactpogingen: list[Contactpoging] = field(default_factory=list)
    zaakwijzigingen: list[Zaakwijziging] = field(default_factory=list)
    statuswijzigingen: list[Signaalstatuswijziging] = field(default_factory=list)


class Zaakvormer:
    def __init__(
        self,
        *,
        rng: random.Random,
        regio: Regio,
        adresboek: Adresboek,
        behandelaars: dict[str, User],
        vandaag: dt.date,
    ):
        self.rng = rng
        self.regio = regio
        self.adresboek = adresboek
        self.behandelaars = behandelaars  # team name -> the demo worker of that team
        self.vandaag = vandaag
        self.nu = timezone.now()
        self.extern = {code: spec.naam for spec in TEAMS if spec.extern for code in spec.wijken}
        self.plan = Zaakplan()

    def vormen(self, maanden: list[dt.date], signalen: list[list[Vroegsignaal]]) -> Zaakplan:
        """Bundle each month's signals per household address per municipality. The current
        month's signals are left alone: they go through the real checks and matching."""
        eerder: dict[tuple, list[dt.date]] = defaultdict(list)  # address -> signal dates
        for start, maand in zip(maanden, signalen, strict=True):
            if start >= self.vandaag.replace(day=1):
                continue
            groepen: dict[tuple, list[Vroegsignaal]] = defaultdict(list)
            for signaal in sorted(maand, key=lambda s: (s.signaaldatum, s.regelnummer)):
                groepen[(signaal.gemeente.cbs_code, *_adres(signaal))].append(signaal)
            grens = maanden_terug(start, 6)
            for sleutel, groep in sorted(groepen.items()):
                opeenvolgend = any(grens <= datum < start for datum in eerder[sleutel[1:]])
                self._zaak(start, groep, opeenvolgend)
            for sleutel, groep in groepen.items():
                eerder[sleutel[1:]] += [s.signaaldatum for s in groep]
        self._referenties()
        return self.plan

    def _zaak(self, start: dt.date, signalen: list[Vroegsignaal], opeenvolgend: bool) -> None:
        eerste = signalen[0]
        partners = {s.signaalpartner_id for s in signalen}
        if len(partners) > 1:
            soort = Zaaksoort.MEERVOUDIG
        else:
            soort = Zaaksoort.OPEENVOLGEND if opeenvolgend else Zaaksoort.ENKELVOUDIG
        crisis = [s.signaaldatum for s in signalen if s.crisissignaal or s.eindelevering]
        if crisis:  # a crisis signal is matched the next working day, not at the month's end
            matchingsdatum = werkdagen_optellen(min(crisis), 1)
        else:
            matchingsdatum = werkdagen_optellen(maandeinde(start), 1)
        matchingsdatum = min(matchingsdatum, self.vandaag)
        wijk = self.regio.wijken[self.adresboek.wijk_van(eerste.postcode)]
        team = self._team(signalen, wijk.code)
        zaak = Vroegsignaalzaak(
            gemeente=eerste.gemeente,
            wijk=wijk,
            postcode=eerste.postcode,
            huisnummer=eerste.huisnummer,
            huisletter=eerste.huisletter,
            huisnummertoevoeging=eerste.huisnummertoevoeging,
            soort=soort,
            matchingsdatum=matchingsdatum,
            startdatum_matchingperiode=start,
            einddatum_matchingperiode=maandeinde(start),
            crisis=bool(crisis),
            team=team,
            aangemaakt_op=self._vroeger(tijdstip(matchingsdatum, 6, 30)),
        )
        self.plan.zaken.append(zaak)
        self._levensloop(zaak, signalen)
        for signaal in signalen:
            signaal.vroegsignaalzaak = zaak

    def _team(self, signalen: list[Vroegsignaal], wijk_code: str):
        """Youth (18-27) to the youth team, the external team's districts to that team, the
        rest to the vroegsignalering team."""
        teams = self.regio.teams
        laag, hoog = JONGEREN_LEEFTIJD
        for signaal in signalen:
            geboren = signaal.geboortedatum
            if signaal.rechtspersoon or geboren is None or geboren in PLACEHOLDER_GEBOORTEDATA:
                continue
            if laag <= _leeftijd(geboren, signaal.signaaldatum) <= hoog:
                return teams[JONGERENTEAM]
        if wijk_code in self.extern:
            return teams[self.extern[wijk_code]]
        return teams[TEAM_VROEGSIGNALERING]

    # --- What happened to the case -----------------------------------------------------------

    def _levensloop(self, zaak: Vroegsignaalzaak, signalen: list[Vroegsignaal]) -> None:
        rng = self.rng
        leeftijd = (self.vandaag - zaak.matchingsdatum).days
        medewerker = self.behandelaars.get(zaak.team.naam)
        if any(s.rechtspersoon for s in signalen):
            # Legal persons are not followed up: closed at the check.
            self._sluiten(zaak, signalen, E.NIET_OPGEPAKT_ANDERE_REDEN, medewerker, None)
            return
        if leeftijd >= 56 or (leeftijd >= 28 and rng.random() < 0.6):
            resultaat = self._eindresultaat(zaak, signalen)
            opgepakt = None if resultaat in NIET_OPGEPAKT else self._datum_opgepakt(zaak)
            if self._sluiten(zaak, signalen, resultaat, medewerker, opgepakt):
                return
        # Open: new, or picked up (crisis cases within 3 working days).
        in_behandeling = leeftijd >= 1 and (zaak.crisis or rng.random() < min(0.85, leeftijd / 20))
        self._wijziging(zaak, "", Zaakfase.NIEUW, zaak.aangemaakt_op, None)
        if not in_behandeling:
            zaak.fase = Zaakfase.NIEUW
            zaak.behandelaar = medewerker if rng.random() < 0.2 else None
            return
        zaak.fase = Zaakfase.IN_BEHANDELING
        zaak.behandelaar = medewerker
        zaak.datum_opgepakt = self._datum_opgepakt(zaak)
        moment = self._vroeger(tijdstip(zaak.datum_opgepakt, 9, rng.randint(0, 59)))
        self._wijziging(zaak, Zaakfase.NIEUW, Zaakfase.IN_BEHANDELING, moment, medewerker)
        self._signaalstatus(signalen, Signaalstatus.OPGEPAKT, moment, medewerker)
        self.plan.contactpogingen += contactpogingen_maken(
            rng,
            zaak=zaak,
            signalen=signalen,
            eindresultaat="",
            van=zaak.datum_opgepakt,
            tot=self.vandaag,
            door=medewerker,
            uiterlijk=self._vroeger(self.nu),
        )

    def _eindresultaat(self, zaak: Vroegsignaalzaak, signalen: list[Vroegsignaal]) -> str:
        rng = self.rng
        if sum(s.bedrag for s in signalen) < GEMEENTELIJKE_DREMPEL and rng.random() < 0.8:
            return E.NIET_OPGEPAKT_ONTERECHT
        herhaald = all(s.vorig_signaal and s.bedrag <= s.vorig_signaal.bedrag for s in signalen)
        if herhaald and not zaak.crisis and rng.random() < 0.8:
            return E.NIET_OPGEPAKT_HERHAALD
        resultaten = list(EINDRESULTATEN)
        return rng.choices(resultaten, weights=[EINDRESULTATEN[r] for r in resultaten])[0]

    def _datum_opgepakt(self, zaak: Vroegsignaalzaak) -> dt.date:
        dagen = self.rng.choice((0, 1) if zaak.crisis else (0, 0, 1, 1, 2))
        return min(werkdagen_optellen(zaak.matchingsdatum, dagen), self.vandaag)

    def _sluiten(self, zaak, signalen, resultaat, medewerker, opgepakt: dt.date | None) -> bool:
        """Close the case with `resultaat`; False if it cannot be closed before today."""
        rng = self.rng
        begin = opgepakt or zaak.matchingsdatum
        if resultaat in NIET_OPGEPAKT:
            einde = werkdagen_optellen(begin, rng.randint(0, 3))
        else:
            einde = werkdagen_optellen(begin, rng.randint(3, 15 if zaak.crisis else 25))
        gisteren = self.vandaag - dt.timedelta(days=1)
        if einde > gisteren:
            if begin <= gisteren:
                einde = gisteren
            elif resultaat == E.NIET_OPGEPAKT_ANDERE_REDEN:
                einde = begin  # a legal person is closed at the check, also today
            else:
                return False
        zaak.fase = Zaakfase.AFGESLOTEN
        zaak.eindresultaat = resultaat
        zaak.behandelaar = medewerker if rng.random() < 0.9 else None
        zaak.datum_opgepakt = opgepakt
        zaak.afgesloten_op = self._vroeger(tijdstip(einde, rng.randint(9, 16), rng.randint(0, 59)))
        door = zaak.behandelaar

        self._wijziging(zaak, "", Zaakfase.NIEUW, zaak.aangemaakt_op, None)
        fase = Zaakfase.NIEUW
        if opgepakt:
            moment = self._vroeger(tijdstip(opgepakt, 9, rng.randint(0, 59)))
            moment = min(moment, zaak.afgesloten_op)
            self._wijziging(zaak, fase, Zaakfase.IN_BEHANDELING, moment, door)
            fase = Zaakfase.IN_BEHANDELING
            self._signaalstatus(signalen, Signaalstatus.OPGEPAKT, moment, door)
            self.plan.contactpogingen += contactpogingen_maken(
                rng,
                zaak=zaak,
                signalen=signalen,
                eindresultaat=resultaat,
                van=opgepakt,
                tot=einde,
                door=door,
                uiterlijk=zaak.afgesloten_op,
            )
        else:
            self._signaalstatus(signalen, Signaalstatus(resultaat), zaak.afgesloten_op, door)
        self._wijziging(
            zaak, fase, Zaakfase.AFGESLOTEN, zaak.afgesloten_op, door, eindresultaat=resultaat
        )
        return True

    def _wijziging(self, zaak, van, naar, op, door, eindresultaat="") -> None:
        toelichting = {
            Zaakfase.NIEUW: "Zaak aangemaakt bij de matching.",
            Zaakfase.IN_BEHANDELING: "Zaak opgepakt.",
            Zaakfase.AFGESLOTEN: "Zaak afgesloten.",
        }[naar]
        self.plan.zaakwijzigingen.append(
            Zaakwijziging(
                vroegsignaalzaak=zaak,
                fase_van=van,
                fase_naar=naar,
                eindresultaat=eindresultaat,
                toelichting=toelichting,
                door=door,
                op=op,
            )
        )

    def _signaalstatus(self, signalen, status: str, op: dt.datetime, door) -> None:
        for signaal in signalen:
            signaal.status = status
            self.plan.statuswijzigingen.append(
                Signaalstatuswijziging(
                    vroegsignaal=signaal,
                    van=Signaalstatus.NOG_NIET_OPGEPAKT,
                    naar=status,
                    door=door,
                    op=op,
                )
            )

    def _vroeger(self, moment: dt.datetime) -> dt.datetime:
        """Never in the future: today's events happened at the latest a minute ago."""
        return min(moment, self.nu - dt.timedelta(minutes=1))

    def _referenties(self) -> None:
        """VS-<year>-<number>, numbered per year in the order the cases were created."""
        volgnummers: dict[int, int] = defaultdict(int)
        volgorde = sorted(
            self.plan.zaken, key=lambda z: (z.aangemaakt_op, z.gemeente.cbs_code, z.adres)
        )
        for zaak in volgorde:
            jaar = zaak.matchingsdatum.year
            volgnummers[jaar] += 1
            zaak.referentie = f"VS-{jaar}-{volgnummers[jaar]:06d}"


def _adres(signaal: Vroegsignaal) -> tuple:
    return (
        signaal.postcode,
        signaal.huisnummer,
        signaal.huisletter,
        signaal.huisnummertoevoeging,
    )


def _leeftijd(geboren: dt.date, op: dt.date) -> int:
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))
