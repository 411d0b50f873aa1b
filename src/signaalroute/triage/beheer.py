"""The functional administrator's triage management: what the pages read (a user's
municipalities and rule set versions, a rule set as Dutch sentences, the simulation next to the
active rule set, the capacity table) and what they change (a concept rule by rule, its settings,
the monthly capacity per team and channel).

Every change to a concept goes through `services.concept_opslaan`, so a rule set is validated in
one place, and is written to the audit log there. Capacity changes are audited here.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import QuerySet

from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import Conflict, NietGevonden, ValidatieFout
from signaalroute.gemeenten.models import Gemeente, Team
from signaalroute.gemeenten.selectors import gemeenten_voor
from signaalroute.vroegsignaalzaken.constants import Contactsoort

from . import rules as r
from . import services
from .models import Capaciteit, Regelsetstatus, Triage, Triageregelset

MAXIMALE_CAPACITEIT = 100_000


# --- reads: tenancy -------------------------------------------------------------------------


def gemeente_ophalen(*, user: User, uuid: UUID | str) -> Gemeente:
    """One of the user's municipalities; another organisation's is 'not found'."""
    gemeente = gemeenten_voor(user).filter(uuid=uuid).first()
    if gemeente is None:
        raise NietGevonden()
    return gemeente


def regelsets_voor(user: User) -> QuerySet[Triageregelset]:
    return Triageregelset.objects.filter(gemeente__in=gemeenten_voor(user)).select_related(
        "gemeente", "jongerenteam", "aangemaakt_door", "geactiveerd_door"
    )


def regelset_ophalen(*, user: User, uuid: UUID | str) -> Triageregelset:
    regelset = regelsets_voor(user).filter(uuid=uuid).first()
    if regelset is None:
        raise NietGevonden()
    return regelset


@dataclass(frozen=True)
class Gemeenteregels:
    gemeente: Gemeente
    actief: Triageregelset | None
    concepten: list[Triageregelset]


def gemeenten_overzicht(user: User) -> list[Gemeenteregels]:
    """The user's municipalities, each with its active version and its concepts."""
    gemeenten = list(gemeenten_voor(user).order_by("naam"))
    actief: dict[int, Triageregelset] = {}
    concepten: dict[int, list[Triageregelset]] = {g.pk: [] for g in gemeenten}
    for versie in Triageregelset.objects.filter(
        gemeente__in=gemeenten, status__in=(Regelsetstatus.ACTIEF, Regelsetstatus.CONCEPT)
    ).order_by("versie"):
        if versie.status == Regelsetstatus.ACTIEF:
            actief[versie.gemeente_id] = versie
        else:
            concepten[versie.gemeente_id].append(versie)
    return [Gemeenteregels(g, actief.get(g.pk), concepten[g.pk]) for g in gemeenten]


def versies(gemeente: Gemeente) -> QuerySet[Triageregelset]:
    """Every version of the municipality's rule set, newest first."""
    return (
        Triageregelset.objects.filter(gemeente=gemeente)
        .select_related("jongerenteam", "aangemaakt_door", "geactiveerd_door")
        .order_by("-versie")
    )


def actieve_versie(gemeente: Gemeente) -> Triageregelset | None:
    """The active version without creating one (a page only reads)."""
    return versies(gemeente).filter(status=Regelsetstatus.ACTIEF).first()


def teamnamen(gemeente: Gemeente) -> list[str]:
    """The teams a rule can name (rules refer to a team by its name)."""
    return list(services.teams_van(gemeente).order_by("naam").values_list("naam", flat=True))


def wijken(gemeente: Gemeente) -> list[tuple[str, str]]:
    return list(gemeente.wijken.order_by("naam").values_list("code", "naam"))


# --- reads: a rule set as Dutch sentences ---------------------------------------------------


@dataclass(frozen=True)
class Regelzin:
    nummer: int
    naam: str
    zin: str


@dataclass(frozen=True)
class Regelsetweergave:
    naam: str
    omschrijving: str
    regels: list[Regelzin]
    terugval: str
    waarschuwingen: list[str]
    prioriteit: str
    uitwijkregels: list[str]


def regelset_lezen(inhoud: Any) -> r.Regelset:
    return r.regelset_uit_dict(inhoud)


def regelset_tonen(*, gemeente: Gemeente, inhoud: Any) -> Regelsetweergave:
    """The rules as numbered Dutch sentences (districts by name), the fallback, the warnings,
    and the capacity policy (priority and overflow) in words."""
    regelset = regelset_lezen(inhoud)
    namen = services.weergave(gemeente)
    return Regelsetweergave(
        naam=regelset.naam,
        omschrijving=regelset.omschrijving,
        regels=[
            Regelzin(nummer, regel.naam, regel.beschrijven(namen))
            for nummer, regel in enumerate(regelset.regels, start=1)
        ],
        terugval=f"Anders: {regelset.terugval.beschrijven(namen)}.",
        waarschuwingen=regelset.waarschuwingen(),
        prioriteit=regelset.weging.beschrijven(),
        uitwijkregels=[u.beschrijven() for u in regelset.uitwijkregels],
    )


def standaardinhoud() -> dict[str, Any]:
    return r.regelset_naar_dict(r.standaard_regelset())


def regelset_yaml(regelset: Triageregelset) -> str:
    return r.regelset_naar_yaml(regelset_lezen(regelset.inhoud))


def regel_voorbeeld(*, gemeente: Gemeente, regel: dict[str, Any]) -> str | None:
    """The sentence a rule would read as, or None while it is not valid yet."""
    try:
        regelset = r.regelset_uit_dict(
            {"naam": "voorbeeld", "regels": [regel], "terugval": {"bakje": "-"}}
        )
    except ValidatieFout:
        return None
    return regelset.regels[0].beschrijven(services.weergave(gemeente))


def terugval_voorbeeld(*, gemeente: Gemeente, uitkomst: dict[str, Any]) -> str | None:
    try:
        regelset = r.regelset_uit_dict({"naam": "voorbeeld", "regels": [], "terugval": uitkomst})
    except ValidatieFout:
        return None
    return f"Anders: {regelset.terugval.beschrijven(services.weergave(gemeente))}."


# --- changes: a concept ---------------------------------------------------------------------


def concept_maken(*, gemeente: Gemeente, door: User | None) -> Triageregelset:
    """A new concept version: a copy of the active rule set (the default rules the first
    time), with its youth team."""
    actief = services.actieve_regelset(gemeente=gemeente)
    return services.concept_opslaan(
        gemeente=gemeente,
        inhoud=copy.deepcopy(actief.inhoud),
        door=door,
        toelichting=f"Kopie van versie {actief.versie}.",
    )


def _concept_wijzigen(
    concept: Triageregelset, door: User | None, wijziging: Callable[[dict[str, Any]], None]
) -> Triageregelset:
    """Apply `wijziging` to a copy of the concept's rules and store it (validated)."""
    with transaction.atomic():
        concept = (
            Triageregelset.objects.select_for_update(of=("self",))
            .select_related("gemeente")
            .get(pk=concept.pk)
        )
        if concept.status != Regelsetstatus.CONCEPT:
            raise Conflict("Alleen een concept kan worden gewijzigd; maak een nieuw concept.")
        inhoud = copy.deepcopy(concept.inhoud)
        wijziging(inhoud)
        return services.concept_opslaan(
            gemeente=concept.gemeente, inhoud=inhoud, door=door, concept=concept
        )


def _regelindex(inhoud: dict[str, Any], nummer: int, verwacht: str | None) -> int:
    regels = inhoud.get("regels") or []
    if not 1 <= nummer <= len(regels):
        raise NietGevonden("Deze regel bestaat niet (meer).")
    if verwacht is not None and regels[nummer - 1].get("naam") != verwacht:
        raise Conflict("De regels zijn intussen gewijzigd. Bekijk de lijst en probeer het opnieuw.")
    return nummer - 1


def regelplaats(*, aantal: int, nummer: int | None, plaats: int | None) -> int:
    """Where a saved rule ends up (0-based) among `aantal` rules (the edited one included):
    at `plaats` (1-based) if given, else where it was, else at the end."""
    overige = aantal - 1 if nummer is not None else aantal
    if plaats is not None:
        return min(max(plaats - 1, 0), overige)
    return nummer - 1 if nummer is not None else overige


def regel_opslaan(
    *,
    concept: Triageregelset,
    regel: dict[str, Any],
    door: User | None,
    nummer: int | None = None,
    plaats: int | None = None,
    verwacht: str | None = None,
) -> Triageregelset:
    """Add a rule (`nummer` None) or replace rule `nummer` (1-based), at `plaats` (1-based)
    or where it was. `verwacht`: the name the page showed for rule `nummer`, so a change
    made meanwhile is not overwritten."""

    def wijziging(inhoud: dict[str, Any]) -> None:
        regels = inhoud.setdefault("regels", [])
        if nummer is not None:
            del regels[_regelindex(inhoud, nummer, verwacht)]
        doel = regelplaats(aantal=len(regels) + (nummer is not None), nummer=nummer, plaats=plaats)
        regels.insert(doel, regel)

    return _concept_wijzigen(concept, door, wijziging)


def regel_verwijderen(
    *, concept: Triageregelset, nummer: int, door: User | None, verwacht: str | None = None
) -> Triageregelset:
    def wijziging(inhoud: dict[str, Any]) -> None:
        del inhoud["regels"][_regelindex(inhoud, nummer, verwacht)]

    return _concept_wijzigen(concept, door, wijziging)


def regel_verplaatsen(
    *,
    concept: Triageregelset,
    nummer: int,
    omhoog: bool,
    door: User | None,
    verwacht: str | None = None,
) -> Triageregelset:
    """Swap rule `nummer` with the one above (or below); at the edge nothing changes."""

    def wijziging(inhoud: dict[str, Any]) -> None:
        index = _regelindex(inhoud, nummer, verwacht)
        ander = index - 1 if omhoog else index + 1
        regels = inhoud["regels"]
        if 0 <= ander < len(regels):
            regels[index], regels[ander] = regels[ander], regels[index]

    return _concept_wijzigen(concept, door, wijziging)


def terugval_opslaan(
    *, concept: Triageregelset, uitkomst: dict[str, Any], door: User | None
) -> Triageregelset:
    def wijziging(inhoud: dict[str, Any]) -> None:
        inhoud["terugval"] = uitkomst

    return _concept_wijzigen(concept, door, wijziging)


@transaction.atomic
def concept_instellingen_wijzigen(
    *,
    concept: Triageregelset,
    naam: str,
    omschrijving: str,
    jongerenteam: Team | None,
    toelichting: str,
    door: User | None,
) -> Triageregelset:
    """The concept's name and description (in the rules) and its youth team and note."""
    gemeente = concept.gemeente
    if (
        jongerenteam is not None
        and not services.teams_van(gemeente).filter(pk=jongerenteam.pk).exists()
    ):
        raise ValidatieFout(
            "Kies een team van de gemeente als jongerenteam.",
            invalid_params=[{"name": "jongerenteam", "code": "invalid", "reason": "onbekend"}],
        )

    def wijziging(inhoud: dict[str, Any]) -> None:
        inhoud["naam"] = naam
        if omschrijving.strip():
            inhoud["omschrijving"] = omschrijving.strip()
        else:
            inhoud.pop("omschrijving", None)

    concept = _concept_wijzigen(concept, door, wijziging)
    concept.jongerenteam = jongerenteam
    concept.toelichting = toelichting.strip()
    concept.save(update_fields=["jongerenteam", "toelichting"])
    return concept


# --- simulation -----------------------------------------------------------------------------


def vorige_maand(vandaag: datetime.date) -> datetime.date:
    return (vandaag.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def simulatiemaanden(gemeente: Gemeente, vandaag: datetime.date) -> list[datetime.date]:
    """The months with triaged cases (newest first), always with last month."""
    maanden = set(
        Triage.objects.filter(regelset__gemeente=gemeente).dates("maand", "month", order="DESC")
    )
    maanden.add(vorige_maand(vandaag))
    return sorted(maanden, reverse=True)


@dataclass(frozen=True)
class Vergelijkingsrij:
    label: str
    concept: int
    actief: int

    @property
    def verschil(self) -> int:
        return self.concept - self.actief

    @property
    def anders(self) -> bool:
        return self.concept != self.actief


@dataclass(frozen=True)
class Vergelijking:
    titel: str
    rijen: list[Vergelijkingsrij]


@dataclass(frozen=True)
class Capaciteitsrij:
    wie: str
    kanaal: str
    maximum: int
    concept: int  # planned with the concept
    actief: int
    concept_gevraagd: int
    actief_gevraagd: int

    @property
    def anders(self) -> bool:
        return self.concept != self.actief

    @property
    def verschil(self) -> int:
        return self.concept - self.actief


@dataclass(frozen=True)
class Simulatieweergave:
    maand: datetime.date
    regelset: Triageregelset
    actief: Triageregelset
    aantal_zaken: int
    uitgeweken: Vergelijkingsrij
    onderdelen: list[Vergelijking]
    capaciteit: list[Capaciteitsrij]

    @property
    def aantal_verschillen(self) -> int:
        rijen = [rij for o in self.onderdelen for rij in o.rijen]
        return sum(rij.anders for rij in rijen) + sum(c.anders for c in self.capaciteit)


def kanaallabel(kanaal: str) -> str:
    if kanaal == r.GEEN:
        return "geen contact"
    return str(Contactsoort(kanaal).label) if kanaal in Contactsoort.values else kanaal


_ONDERDELEN: tuple[tuple[str, str, Callable[[str], str]], ...] = (
    ("bakje", "Per bakje", lambda k: k),
    ("eerste_kanaal", "Per eerste kanaal (na capaciteit en uitwijken)", kanaallabel),
    ("kanaal", "Per kanaal in de aanpak", kanaallabel),
    ("team", "Per team", lambda k: k or "geen team"),
    ("regel", "Per regel", lambda k: "Anders (terugval)" if k == r.TERUGVALNAAM else k),
)


def simulatie_tonen(*, regelset: Triageregelset, maand: datetime.date) -> Simulatieweergave:
    """`regelset` and the active rule set applied to the cases triaged in `maand`, side by
    side: counts per tray, channel, team and rule, the capacity use and the overflow."""
    concept, actief, verschillen = services.regelset_simuleren(regelset=regelset, maand=maand)
    onderdelen = [
        Vergelijking(
            titel,
            [
                Vergelijkingsrij(label(v.sleutel), v.concept, v.actief)
                for v in verschillen
                if v.onderdeel == onderdeel
            ],
        )
        for onderdeel, titel, label in _ONDERDELEN
    ]
    actief_gebruik = {(c.team, c.kanaal): c for c in actief.overzicht.capaciteit}
    capaciteit = []
    for c in concept.overzicht.capaciteit:
        a = actief_gebruik.get((c.team, c.kanaal))
        capaciteit.append(
            Capaciteitsrij(
                wie=c.team or "gedeeld",
                kanaal=kanaallabel(c.kanaal),
                maximum=c.maximum,
                concept=c.gepland,
                actief=a.gepland if a else 0,
                concept_gevraagd=c.gevraagd,
                actief_gevraagd=a.gevraagd if a else 0,
            )
        )
    return Simulatieweergave(
        maand=maand.replace(day=1),
        regelset=regelset,
        actief=services.actieve_regelset(gemeente=regelset.gemeente),
        aantal_zaken=concept.overzicht.aantal_zaken,
        uitgeweken=Vergelijkingsrij(
            "Uitgeweken", concept.overzicht.uitgeweken, actief.overzicht.uitgeweken
        ),
        onderdelen=onderdelen,
        capaciteit=capaciteit,
    )


# --- capacity -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Capaciteitsregel:
    capaciteit: Capaciteit
    wie: str
    kanaal: str
    gebruikt: int  # by the cases triaged this month


def capaciteiten_tonen(*, gemeente: Gemeente, maand: datetime.date) -> list[Capaciteitsregel]:
    """The capacity rows, shared pool first, with what this month's triage already used."""
    gebruikt = {
        (c.team, c.kanaal): c.al_gebruikt
        for c in services.capaciteiten(gemeente, maand.replace(day=1))
    }
    rijen = Capaciteit.objects.filter(gemeente=gemeente).select_related("team")
    regels = [
        Capaciteitsregel(
            capaciteit=c,
            wie=c.team.naam if c.team_id else "gedeeld",
            kanaal=kanaallabel(c.kanaal),
            gebruikt=gebruikt.get((c.team.naam if c.team_id else None, c.kanaal), 0),
        )
        for c in rijen
    ]
    return sorted(regels, key=lambda g: (g.capaciteit.team_id is not None, g.wie, g.kanaal))


def capaciteit_ophalen(*, gemeente: Gemeente, pk: int | str) -> Capaciteit:
    try:
        return Capaciteit.objects.select_related("team").get(gemeente=gemeente, pk=int(pk))
    except (ValueError, Capaciteit.DoesNotExist):
        raise NietGevonden("Deze capaciteit bestaat niet (meer).") from None


def _fout(veld: str, tekst: str) -> ValidatieFout:
    return ValidatieFout(tekst, invalid_params=[{"name": veld, "code": "invalid", "reason": tekst}])


def _omschrijving(kanaal: str, team: Team | None) -> str:
    wie = f"team {team.naam}" if team is not None else "gedeeld"
    return f"{kanaallabel(kanaal)} ({wie})"


@transaction.atomic
def capaciteit_opslaan(
    *,
    gemeente: Gemeente,
    kanaal: str,
    per_maand: int,
    door: User | None,
    team: Team | None = None,
    capaciteit: Capaciteit | None = None,
) -> Capaciteit:
    """Add a capacity row, or change `capaciteit`. One row per team (or the shared pool) and
    channel; 0 means the channel is not available this month (every case overflows)."""
    if kanaal not in r.KANALEN:
        raise _fout("kanaal", "Kies een kanaal.")
    if isinstance(per_maand, bool) or not isinstance(per_maand, int):
        raise _fout("per_maand", "Vul een heel getal in.")
    if not 0 <= per_maand <= MAXIMALE_CAPACITEIT:
        raise _fout(
            "per_maand", f"De capaciteit is een heel getal van 0 tot en met {MAXIMALE_CAPACITEIT}."
        )
    if team is not None and not services.teams_van(gemeente).filter(pk=team.pk).exists():
        raise _fout("team", "Kies een team van de gemeente, of ‘gedeeld’.")
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).values_list("pk").get()
    dubbel = Capaciteit.objects.filter(gemeente=gemeente, team=team, kanaal=kanaal)
    if capaciteit is not None:
        dubbel = dubbel.exclude(pk=capaciteit.pk)
    if dubbel.exists():
        raise _fout(
            "kanaal",
            f"Er is al een capaciteit voor {_omschrijving(kanaal, team)}; pas die aan.",
        )
    if capaciteit is None:
        capaciteit = Capaciteit.objects.create(
            gemeente=gemeente, team=team, kanaal=kanaal, per_maand=per_maand
        )
        omschrijving = f"Capaciteit {_omschrijving(kanaal, team)} toegevoegd: {per_maand} per maand"
    else:
        capaciteit = Capaciteit.objects.select_for_update().get(pk=capaciteit.pk, gemeente=gemeente)
        voor = f"{_omschrijving(capaciteit.kanaal, capaciteit.team)} {capaciteit.per_maand}"
        capaciteit.team, capaciteit.kanaal, capaciteit.per_maand = team, kanaal, per_maand
        capaciteit.save(update_fields=["team", "kanaal", "per_maand"])
        omschrijving = (
            f"Capaciteit gewijzigd: {voor} → {_omschrijving(kanaal, team)} {per_maand} per maand"
        )
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=capaciteit,
        gemeente=gemeente,
        omschrijving=omschrijving,
    )
    return capaciteit


@transaction.atomic
def capaciteit_verwijderen(*, capaciteit: Capaciteit, door: User | None) -> None:
    """Remove a capacity row: the channel is then unlimited for that team (or the pool)."""
    gemeente = capaciteit.gemeente
    omschrijving = (
        f"Capaciteit {_omschrijving(capaciteit.kanaal, capaciteit.team)} verwijderd "
        f"(was {capaciteit.per_maand} per maand)"
    )
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=capaciteit,
        gemeente=gemeente,
        omschrijving=omschrijving,
    )
    capaciteit.delete()
