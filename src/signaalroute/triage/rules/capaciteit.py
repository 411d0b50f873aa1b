"""Monthly capacity per team and channel: who gets the scarce calls and home visits.

Cases are planned in priority order: crisis first, then by score (amount, number of partners,
recidive; weights configurable), ties by case id. Each case takes one unit of capacity per
limited channel in its approach, however many attempts that step has. A step that cannot be
planned (capacity used up, or no phone number or e-mail address) is replaced by the first
possible alternative of the first matching overflow rule (`Uitwijkregel`), or dropped.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from signaalroute.vroegsignaalzaken.constants import Contactsoort

from .feiten import Zaakfeiten
from .teksten import GEEN_NAMEN, Weergave, aanhalen, euro, hoofdletter, ongeldig, opsomming
from .uitkomsten import KANALEN, Contactstap, Uitkomst, kanaalnaam

ZaakId = int | str

TELEFOON = Contactsoort.TELEFOON.value
SMS = Contactsoort.SMS_WHATSAPP.value
MAIL = Contactsoort.MAIL.value
HUISBEZOEK = Contactsoort.HUISBEZOEK.value
BRIEF = Contactsoort.BRIEF.value
KAARTJE = Contactsoort.KAARTJE.value

# Channels that need contact details: channel → (fact, what is missing).
CONTACTGEGEVENS: dict[str, tuple[str, str]] = {
    TELEFOON: ("telefoon_bekend", "geen telefoonnummer bekend"),
    SMS: ("telefoon_bekend", "geen telefoonnummer bekend"),
    MAIL: ("email_bekend", "geen e-mailadres bekend"),
}


class Uitwijkreden(enum.StrEnum):
    CAPACITEIT_VOL = "capaciteit_vol"
    GEEN_CONTACTGEGEVENS = "geen_contactgegevens"


_REDENTEKSTEN = {
    Uitwijkreden.CAPACITEIT_VOL: "omdat de capaciteit op is",
    Uitwijkreden.GEEN_CONTACTGEGEVENS: "omdat de contactgegevens ontbreken",
}


@dataclass(frozen=True)
class Uitwijkregel:
    """When `kanaal` cannot be used (for `reden`, or for any reason when None): use the first
    possible of `alternatieven`."""

    kanaal: str
    alternatieven: tuple[str, ...]
    reden: str | None = None

    def __post_init__(self) -> None:
        if self.kanaal not in KANALEN:
            raise ongeldig(f"onbekend kanaal {aanhalen(str(self.kanaal))}", "kanaal")
        if isinstance(self.alternatieven, str):
            raise ongeldig("de alternatieven zijn een lijst van kanalen", "alternatieven")
        alternatieven = tuple(self.alternatieven)
        if not alternatieven:
            raise ongeldig("geef minstens één alternatief kanaal", "alternatieven")
        for alternatief in alternatieven:
            if alternatief not in KANALEN:
                raise ongeldig(f"onbekend kanaal {aanhalen(str(alternatief))}", "alternatieven")
            if alternatief == self.kanaal:
                raise ongeldig("een kanaal kan niet naar zichzelf uitwijken", "alternatieven")
        object.__setattr__(self, "alternatieven", alternatieven)
        if self.reden is not None:
            if self.reden not in set(Uitwijkreden):
                keuzes = ", ".join(Uitwijkreden)
                raise ongeldig(
                    f"onbekende reden {aanhalen(str(self.reden))}; kies uit {keuzes}", "reden"
                )
            object.__setattr__(self, "reden", Uitwijkreden(self.reden))

    def geldt_voor(self, kanaal: str, reden: str) -> bool:
        return self.kanaal == kanaal and self.reden in (None, reden)

    def beschrijven(self) -> str:
        """'Kan huisbezoek niet omdat de capaciteit op is: e-mail, anders kaartje.'"""
        waarom = f" {_REDENTEKSTEN[self.reden]}" if self.reden else ""
        keuzes = ", anders ".join(kanaalnaam(a) for a in self.alternatieven)
        return f"Kan {kanaalnaam(self.kanaal)} niet{waarom}: {keuzes}."

    def naar_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kanaal": self.kanaal}
        if self.reden is not None:
            data["reden"] = self.reden.value
        data["alternatieven"] = list(self.alternatieven)
        return data


STANDAARD_UITWIJKREGELS: tuple[Uitwijkregel, ...] = (
    Uitwijkregel(HUISBEZOEK, (MAIL, KAARTJE), Uitwijkreden.CAPACITEIT_VOL),
    Uitwijkregel(TELEFOON, (MAIL, KAARTJE), Uitwijkreden.GEEN_CONTACTGEGEVENS),
    Uitwijkregel(TELEFOON, (BRIEF,), Uitwijkreden.CAPACITEIT_VOL),
    Uitwijkregel(SMS, (MAIL, KAARTJE), Uitwijkreden.GEEN_CONTACTGEGEVENS),
    Uitwijkregel(MAIL, (KAARTJE,), Uitwijkreden.GEEN_CONTACTGEGEVENS),
)


@dataclass(frozen=True)
class Prioriteitsweging:
    """Score inside capacity (crisis always comes first): points per full € 100 of the total
    amount, per different partner and per month of recidive."""

    punten_per_100_euro: int = 1
    punten_per_partner: int = 5
    punten_per_recidive: int = 2

    def __post_init__(self) -> None:
        for naam in ("punten_per_100_euro", "punten_per_partner", "punten_per_recidive"):
            waarde = getattr(self, naam)
            if isinstance(waarde, bool) or not isinstance(waarde, int) or waarde < 0:
                raise ongeldig(f"{aanhalen(naam)} moet een heel getal van 0 of meer zijn", naam)

    def beschrijven(self) -> str:
        return (
            "Crisis eerst; daarna de hoogste score: "
            f"{self.punten_per_100_euro} per {euro(10000)} achterstand, "
            f"{self.punten_per_partner} per signaalpartner en "
            f"{self.punten_per_recidive} per maand recidive."
        )

    def naar_dict(self) -> dict[str, Any]:
        return {
            "punten_per_100_euro": self.punten_per_100_euro,
            "punten_per_partner": self.punten_per_partner,
            "punten_per_recidive": self.punten_per_recidive,
        }


def prioriteitsscore(feiten: Zaakfeiten, weging: Prioriteitsweging | None = None) -> int:
    weging = weging or Prioriteitsweging()
    return (
        weging.punten_per_100_euro * (feiten.totaalbedrag // 10000)
        + weging.punten_per_partner * feiten.aantal_partners
        + weging.punten_per_recidive * feiten.recidive
    )


@dataclass(frozen=True)
class Capaciteit:
    """How many cases a team can handle through a channel this month, and how many it already
    took. `team` None: shared by all teams that have no capacity of their own for the channel.
    Channels without a capacity are unlimited."""

    kanaal: str
    maximum: int
    team: str | None = None
    al_gebruikt: int = 0

    def __post_init__(self) -> None:
        if self.kanaal not in KANALEN:
            raise ongeldig(f"onbekend kanaal {aanhalen(str(self.kanaal))}", "kanaal")
        for naam in ("maximum", "al_gebruikt"):
            waarde = getattr(self, naam)
            if isinstance(waarde, bool) or not isinstance(waarde, int) or waarde < 0:
                raise ongeldig(f"{aanhalen(naam)} moet een heel getal van 0 of meer zijn", naam)


@dataclass(frozen=True)
class Planzaak:
    """A triaged case to plan: its facts, its outcome and the team it was assigned to."""

    zaak_id: ZaakId
    feiten: Zaakfeiten
    uitkomst: Uitkomst
    team: str | None = None


@dataclass(frozen=True)
class Planning:
    """What a case actually gets. `volgnummer`: its place in the priority order (1 = first)."""

    zaak_id: ZaakId
    volgnummer: int
    score: int
    aanpak: tuple[Contactstap, ...]
    uitgeweken: bool
    redenen: tuple[str, ...] = ()

    @property
    def eerste_kanaal(self) -> str | None:
        return self.aanpak[0].kanaal if self.aanpak else None

    @property
    def kanalen(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(stap.kanaal for stap in self.aanpak))


@dataclass(frozen=True)
class Capaciteitsgebruik:
    team: str | None
    kanaal: str
    maximum: int
    al_gebruikt: int
    gepland: int  # planned in this run
    gevraagd: int  # cases of this run whose approach asked for the channel

    @property
    def gebruikt(self) -> int:
        return self.al_gebruikt + self.gepland

    @property
    def vrij(self) -> int:
        return max(self.maximum - self.gebruikt, 0)

    def beschrijven(self, weergave: Weergave | None = None) -> str:
        weergave = weergave or GEEN_NAMEN
        wie = "alle teams" if self.team is None else f"team {aanhalen(weergave.team(self.team))}"
        return (
            f"{hoofdletter(kanaalnaam(self.kanaal))} ({wie}): {self.gebruikt} van "
            f"{self.maximum} gebruikt, {self.gevraagd} gevraagd"
        )


@dataclass(frozen=True)
class Capaciteitsverdeling:
    planningen: tuple[Planning, ...]  # in priority order
    gebruik: tuple[Capaciteitsgebruik, ...]

    @functools.cached_property
    def per_zaak(self) -> dict[ZaakId, Planning]:
        return {p.zaak_id: p for p in self.planningen}

    def planning(self, zaak_id: ZaakId) -> Planning:
        return self.per_zaak[zaak_id]


class _Pot:
    def __init__(self, capaciteit: Capaciteit) -> None:
        self.capaciteit = capaciteit
        self.gepland = 0
        self.gevraagd = 0

    @property
    def vol(self) -> bool:
        return self.capaciteit.al_gebruikt + self.gepland >= self.capaciteit.maximum


def zaak_sorteersleutel(zaak_id: ZaakId) -> tuple[bool, Any]:
    """Numbers before strings, each in their natural order."""
    return (isinstance(zaak_id, str), zaak_id)


def capaciteit_verdelen(
    zaken: Iterable[Planzaak],
    capaciteiten: Iterable[Capaciteit] = (),
    *,
    weging: Prioriteitsweging | None = None,
    uitwijkregels: Iterable[Uitwijkregel] = STANDAARD_UITWIJKREGELS,
    weergave: Weergave | None = None,
) -> Capaciteitsverdeling:
    """Plan the cases against the month's capacity. Deterministic for the same input."""
    weging = weging or Prioriteitsweging()
    uitwijkregels = tuple(uitwijkregels)
    weergave = weergave or GEEN_NAMEN
    potten: dict[tuple[str | None, str], _Pot] = {}
    for capaciteit in capaciteiten:
        sleutel = (capaciteit.team, capaciteit.kanaal)
        if sleutel in potten:
            raise ongeldig(
                f"de capaciteit voor {kanaalnaam(capaciteit.kanaal)} van "
                f"{'alle teams' if capaciteit.team is None else aanhalen(capaciteit.team)} "
                "staat er twee keer in",
                "capaciteiten",
            )
        potten[sleutel] = _Pot(capaciteit)

    zaken = list(zaken)
    ids = [z.zaak_id for z in zaken]
    if len(set(ids)) != len(ids):
        raise ongeldig("een zaak staat meer dan eens in de lijst", "zaken")
    scores = {z.zaak_id: prioriteitsscore(z.feiten, weging) for z in zaken}
    volgorde = sorted(
        zaken,
        key=lambda z: (not z.feiten.crisis, -scores[z.zaak_id], zaak_sorteersleutel(z.zaak_id)),
    )
    planningen = tuple(
        _plannen(zaak, volgnummer, scores[zaak.zaak_id], potten, uitwijkregels, weergave)
        for volgnummer, zaak in enumerate(volgorde, start=1)
    )
    gebruik = tuple(
        Capaciteitsgebruik(
            team=pot.capaciteit.team,
            kanaal=pot.capaciteit.kanaal,
            maximum=pot.capaciteit.maximum,
            al_gebruikt=pot.capaciteit.al_gebruikt,
            gepland=pot.gepland,
            gevraagd=pot.gevraagd,
        )
        for pot in potten.values()
    )
    return Capaciteitsverdeling(planningen, gebruik)


def _plannen(
    zaak: Planzaak,
    volgnummer: int,
    score: int,
    potten: dict[tuple[str | None, str], _Pot],
    uitwijkregels: tuple[Uitwijkregel, ...],
    weergave: Weergave,
) -> Planning:
    def pot_voor(kanaal: str) -> _Pot | None:
        return potten.get((zaak.team, kanaal)) or potten.get((None, kanaal))

    geboekt: set[int] = set()  # ids of the pots this case already takes a unit from

    def probleem(kanaal: str) -> tuple[Uitwijkreden, str] | None:
        veld, ontbreekt = CONTACTGEGEVENS.get(kanaal, (None, ""))
        if veld is not None and not getattr(zaak.feiten, veld):
            return Uitwijkreden.GEEN_CONTACTGEGEVENS, ontbreekt
        pot = pot_voor(kanaal)
        if pot is not None and id(pot) not in geboekt and pot.vol:
            c = pot.capaciteit
            wie = "" if c.team is None else f" van team {aanhalen(weergave.team(c.team))}"
            gebruikt = c.al_gebruikt + pot.gepland
            return Uitwijkreden.CAPACITEIT_VOL, (
                f"de capaciteit{wie} is op: {gebruikt} van {c.maximum} gebruikt"
            )
        return None

    def boeken(stap: Contactstap) -> None:
        pot = pot_voor(stap.kanaal)
        if pot is not None and id(pot) not in geboekt:
            pot.gepland += 1
            geboekt.add(id(pot))
        aanpak.append(stap)

    for kanaal in zaak.uitkomst.kanalen:
        if (pot := pot_voor(kanaal)) is not None:
            pot.gevraagd += 1

    aanpak: list[Contactstap] = []
    redenen: list[str] = []
    stappen = zaak.uitkomst.aanpak
    for index, stap in enumerate(stappen):
        gevonden = probleem(stap.kanaal)
        if gevonden is None:
            boeken(stap)
            continue
        reden, tekst = gevonden
        wat = f"{hoofdletter(kanaalnaam(stap.kanaal))} kan niet ({tekst})"
        regel = next((r for r in uitwijkregels if r.geldt_voor(stap.kanaal, reden)), None)
        if regel is None:
            redenen.append(f"{wat}; er is geen uitwijkregel, deze stap vervalt.")
            continue
        for alternatief in regel.alternatieven:
            if any(s.kanaal == alternatief for s in (*aanpak, *stappen[index + 1 :])):
                redenen.append(f"{wat}; {kanaalnaam(alternatief)} staat al in de aanpak.")
                break
            if probleem(alternatief) is None:
                boeken(Contactstap(alternatief))
                redenen.append(f"{wat}: in plaats daarvan {kanaalnaam(alternatief)}.")
                break
        else:
            namen = opsomming((kanaalnaam(a) for a in regel.alternatieven), "en")
            redenen.append(f"{wat}; {namen} kan ook niet, deze stap vervalt.")

    return Planning(
        zaak_id=zaak.zaak_id,
        volgnummer=volgnummer,
        score=score,
        aanpak=tuple(aanpak),
        uitgeweken=bool(redenen),
        redenen=tuple(redenen),
    )
