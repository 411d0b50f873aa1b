"""Triage of new cases with the municipality's active rule set, within monthly capacity; and the
life of a rule set: a concept from the editor or a YAML import, simulation, activation.

The rules themselves are pure (`rules/`); this module gathers each case's facts from the
database, stores what the rules decided, and assigns the team.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from typing import Any

from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.aanleveringen.rules import VERDACHTE_GEBOORTEDATA
from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import Conflict, ValidatieFout
from signaalroute.gemeenten.models import Gemeente, Team
from signaalroute.vroegsignaalzaken.constants import Signaalstatus, Zaakfase
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak, Zaakwijziging
from signaalroute.vroegsignaalzaken.selectors import termijnregels

from . import rules as r
from .models import Capaciteit, Regelsetstatus, Triage, Triageregelset

# --- rule set versions ----------------------------------------------------------------------


def _volgende_versie(gemeente: Gemeente) -> int:
    hoogste = Triageregelset.objects.filter(gemeente=gemeente).aggregate(m=Max("versie"))["m"]
    return (hoogste or 0) + 1


def _controleren(gemeente: Gemeente, inhoud: Any) -> dict[str, Any]:
    """Validate a rule set (every problem at once) and that its teams exist; returns the
    normalised dict as stored."""
    regelset = r.regelset_uit_dict(inhoud)
    bekend = set(teams_van(gemeente).values_list("naam", flat=True))
    onbekend = sorted(regelset.teams - bekend)
    if onbekend:
        raise ValidatieFout(
            "Onbekend team in de regels: "
            + ", ".join(onbekend)
            + ". Kies een team van de gemeente."
        )
    return r.regelset_naar_dict(regelset)


@transaction.atomic
def actieve_regelset(*, gemeente: Gemeente) -> Triageregelset:
    """The municipality's active rule set; the first time, the default rule set (version 1)."""
    Gemeente.objects.select_for_update().filter(pk=gemeente.pk).values_list("pk").get()
    actief = Triageregelset.objects.filter(gemeente=gemeente, status=Regelsetstatus.ACTIEF).first()
    if actief is None:
        actief = Triageregelset.objects.create(
            gemeente=gemeente,
            versie=_volgende_versie(gemeente),
            status=Regelsetstatus.ACTIEF,
            inhoud=r.regelset_naar_dict(r.standaard_regelset()),
            toelichting="Standaardregels van Signaalroute.",
            geactiveerd_op=timezone.now(),
        )
    return actief


@transaction.atomic
def concept_opslaan(
    *,
    gemeente: Gemeente,
    inhoud: Any,
    door: User | None,
    toelichting: str = "",
    concept: Triageregelset | None = None,
) -> Triageregelset:
    """Store an edited rule set: a new concept version, or over an existing concept."""
    gegevens = _controleren(gemeente, inhoud)
    if concept is not None:
        concept = Triageregelset.objects.select_for_update().get(pk=concept.pk)
        if concept.status != Regelsetstatus.CONCEPT:
            raise Conflict("Alleen een concept kan worden gewijzigd; maak een nieuw concept.")
        concept.inhoud = gegevens
        concept.toelichting = toelichting or concept.toelichting
        concept.save(update_fields=["inhoud", "toelichting"])
    else:
        Gemeente.objects.select_for_update().filter(pk=gemeente.pk).values_list("pk").get()
        actief = Triageregelset.objects.filter(
            gemeente=gemeente, status=Regelsetstatus.ACTIEF
        ).first()
        concept = Triageregelset.objects.create(
            gemeente=gemeente,
            versie=_volgende_versie(gemeente),
            inhoud=gegevens,
            jongerenteam=actief.jongerenteam if actief else None,
            toelichting=toelichting,
            aangemaakt_door=door,
        )
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=concept,
        gemeente=gemeente,
        omschrijving=f"Triageregels versie {concept.versie} opgeslagen",
    )
    return concept


def concept_uit_yaml(
    *, gemeente: Gemeente, tekst: str, door: User | None, toelichting: str = ""
) -> Triageregelset:
    """Import a YAML file as a new concept version."""
    regelset = r.regelset_uit_yaml(tekst)
    return concept_opslaan(
        gemeente=gemeente,
        inhoud=r.regelset_naar_dict(regelset),
        door=door,
        toelichting=toelichting or "Ingelezen uit YAML.",
    )


@transaction.atomic
def regelset_activeren(*, regelset: Triageregelset, door: User | None) -> Triageregelset:
    """The concept becomes the active version; the previous one is kept as 'vervangen'. New
    cases are triaged with it from now on; cases already triaged keep their version."""
    regelset = Triageregelset.objects.select_for_update().get(pk=regelset.pk)
    if regelset.status != Regelsetstatus.CONCEPT:
        raise Conflict("Alleen een concept kan worden geactiveerd.")
    _controleren(regelset.gemeente, regelset.inhoud)
    Triageregelset.objects.filter(
        gemeente=regelset.gemeente_id, status=Regelsetstatus.ACTIEF
    ).update(status=Regelsetstatus.VERVANGEN)
    regelset.status = Regelsetstatus.ACTIEF
    regelset.geactiveerd_door = door
    regelset.geactiveerd_op = timezone.now()
    regelset.save(update_fields=["status", "geactiveerd_door", "geactiveerd_op"])
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=regelset,
        gemeente=regelset.gemeente,
        omschrijving=f"Triageregels versie {regelset.versie} geactiveerd",
    )
    return regelset


# --- facts, teams, capacity -----------------------------------------------------------------


def teams_van(gemeente: Gemeente) -> QuerySet[Team]:
    return Team.objects.filter(uitvoeringsorganisatie_id=gemeente.uitvoeringsorganisatie_id)


def teamindeling(gemeente: Gemeente, regelset: Triageregelset) -> r.Teamindeling:
    """District → team from the teams' districts; youth to the rule set's youth team."""
    wijkteams = {
        wijk: naam
        for naam, wijk in teams_van(gemeente)
        .filter(wijken__gemeente=gemeente)
        .values_list("naam", "wijken__code")
    }
    jongeren = regelset.jongerenteam.naam if regelset.jongerenteam_id else None
    return r.Teamindeling(wijkteams=wijkteams, jongerenteam=jongeren)


def weergave(gemeente: Gemeente) -> r.Weergave:
    return r.Weergave(wijken=dict(gemeente.wijken.values_list("code", "naam")))


def _leeftijd(geboortedatum: datetime.date | None, peildatum: datetime.date) -> int | None:
    if geboortedatum is None or geboortedatum in VERDACHTE_GEBOORTEDATA:
        return None
    return r.leeftijd_bepalen(geboortedatum, peildatum)


def zaakfeiten(zaken: list[Vroegsignaalzaak], peildatum: datetime.date) -> dict[int, r.Zaakfeiten]:
    """The facts triage looks at, for many cases in a few queries."""
    ids = [z.pk for z in zaken]
    signalen: dict[int, list[dict]] = defaultdict(list)
    for s in Vroegsignaal.objects.filter(vroegsignaalzaak_id__in=ids).values(
        "vroegsignaalzaak_id",
        "signaalpartner_id",
        "soort",
        "bedrag",
        "crisissignaal",
        "eindelevering",
        "telefoonnummer",
        "email",
        "geboortedatum",
    ):
        signalen[s["vroegsignaalzaak_id"]].append(s)
    adressen = {(z.postcode, z.huisnummer, z.huisletter, z.huisnummertoevoeging) for z in zaken}
    bij_shv = {
        a
        for a in Vroegsignaal.objects.filter(
            status=Signaalstatus.BEKEND_BIJ_SHV,
            postcode__in={a[0] for a in adressen},
            signaaldatum__gte=peildatum - datetime.timedelta(days=183),
        ).values_list("postcode", "huisnummer", "huisletter", "huisnummertoevoeging")
        if a in adressen
    }
    feiten = {}
    for zaak in zaken:
        rijen = signalen.get(zaak.pk, [])
        kenmerken = getattr(zaak, "huishoudkenmerken", None)
        leeftijden = [
            a for a in (_leeftijd(s["geboortedatum"], peildatum) for s in rijen) if a is not None
        ]
        adres = (zaak.postcode, zaak.huisnummer, zaak.huisletter, zaak.huisnummertoevoeging)
        feiten[zaak.pk] = r.Zaakfeiten(
            partnersoorten=frozenset(s["soort"] for s in rijen),
            aantal_partners=len({s["signaalpartner_id"] for s in rijen}),
            totaalbedrag=sum(s["bedrag"] for s in rijen),
            hoogste_bedrag=max((s["bedrag"] for s in rijen), default=0),
            zaaksoort=zaak.soort,
            recidive=kenmerken.recidive if kenmerken else 0,
            sleper=bool(kenmerken and kenmerken.sleper),
            gaten_dichten=bool(kenmerken and kenmerken.gaten_dichten),
            telt_als_match=bool(kenmerken and kenmerken.telt_als_match),
            alleen_brief=bool(kenmerken and kenmerken.alleen_brief),
            crisis=zaak.crisis or any(s["crisissignaal"] for s in rijen),
            eindelevering=any(s["eindelevering"] for s in rijen),
            leeftijd=min(leeftijden, default=None),
            wijk=zaak.wijk.code if zaak.wijk_id else None,
            telefoon_bekend=any(s["telefoonnummer"] for s in rijen),
            email_bekend=any(s["email"] for s in rijen),
            bekend_bij_shv=adres in bij_shv,
        )
    return feiten


def capaciteiten(gemeente: Gemeente, maand: datetime.date) -> list[r.Capaciteit]:
    """The month's capacity per team and channel, minus what cases triaged earlier in the
    month already took."""
    gebruikt = Counter(
        Triage.objects.filter(regelset__gemeente=gemeente, maand=maand)
        .exclude(eerste_kanaal="")
        .values_list("vroegsignaalzaak__team__naam", "eerste_kanaal")
    )
    pool_gebruik: Counter = Counter()
    eigen = {
        (c.team.naam, c.kanaal)
        for c in Capaciteit.objects.filter(gemeente=gemeente, team__isnull=False).select_related(
            "team"
        )
    }
    for (team, kanaal), aantal in gebruikt.items():
        if (team, kanaal) not in eigen:
            pool_gebruik[kanaal] += aantal
    return [
        r.Capaciteit(
            kanaal=c.kanaal,
            maximum=c.per_maand,
            team=c.team.naam if c.team_id else None,
            al_gebruikt=(
                gebruikt[(c.team.naam, c.kanaal)] if c.team_id else pool_gebruik[c.kanaal]
            ),
        )
        for c in Capaciteit.objects.filter(gemeente=gemeente).select_related("team")
    ]


# --- triage ---------------------------------------------------------------------------------


def te_trieren(gemeente: Gemeente) -> QuerySet[Vroegsignaalzaak]:
    """New cases without a triage, and open cases that became a crisis after their triage (a
    crisis or eindelevering signal joined them): those are triaged again."""
    return Vroegsignaalzaak.objects.filter(gemeente=gemeente).filter(
        Q(fase=Zaakfase.NIEUW, triage__isnull=True)
        | (
            ~Q(fase=Zaakfase.AFGESLOTEN)
            & Q(crisis=True, triage__isnull=False, triage__feiten__crisis=False)
        )
    )


@transaction.atomic
def zaken_trieren(
    *,
    gemeente: Gemeente,
    peildatum: datetime.date | None = None,
    zaken: QuerySet[Vroegsignaalzaak] | None = None,
) -> Counter:
    """Triage the municipality's new cases that have no triage yet (or `zaken`, e.g. the
    demo's history), with the active rule set, within the capacity of the month of
    `peildatum` (crisis first, then by score). Stores per case the version, the rule and why,
    and assigns the team. Returns the number of cases per tray."""
    peildatum = peildatum or timezone.localdate()
    regelset_obj = actieve_regelset(gemeente=gemeente)
    regelset = r.regelset_uit_dict(regelset_obj.inhoud)
    basis = te_trieren(gemeente) if zaken is None else zaken.filter(triage__isnull=True)
    zaken = list(
        basis.select_for_update(of=("self",))
        .select_related("wijk", "huishoudkenmerken")
        .order_by("id")
    )
    if not zaken:
        return Counter()
    maand = peildatum.replace(day=1)
    termijnen = termijnregels(gemeente)
    indeling = teamindeling(gemeente, regelset_obj)
    namen = weergave(gemeente)
    feiten = zaakfeiten(zaken, peildatum)
    resultaten = {z.pk: r.trieren(feiten[z.pk], regelset, indeling, weergave=namen) for z in zaken}
    verdeling = r.capaciteit_verdelen(
        [
            r.Planzaak(z.pk, feiten[z.pk], resultaten[z.pk].uitkomst, resultaten[z.pk].team)
            for z in zaken
        ],
        capaciteiten(gemeente, maand),
        weging=regelset.weging,
        uitwijkregels=regelset.uitwijkregels,
        weergave=namen,
    )
    teams = {t.naam: t for t in teams_van(gemeente)}
    triages, telling = [], Counter()
    for zaak in zaken:
        resultaat, planning = resultaten[zaak.pk], verdeling.planning(zaak.pk)
        uitkomst = resultaat.uitkomst
        zaak.termijn_eerste_contact = r.eerste_contact_uiterlijk(
            uitkomst.termijnprofiel, zaak.matchingsdatum, termijnen
        )
        zaak.termijn_afsluiten = termijnen.afsluiten_uiterlijk(zaak.matchingsdatum)
        triages.append(
            Triage(
                vroegsignaalzaak=zaak,
                regelset=regelset_obj,
                regelnummer=resultaat.regelnummer,
                regelnaam=resultaat.regelnaam,
                uitleg=" ".join([resultaat.uitleg, resultaat.teamreden, *planning.redenen]).strip(),
                bakje=uitkomst.bakje,
                aanpak=[{"kanaal": s.kanaal, "aantal": s.aantal} for s in planning.aanpak],
                aanpak_tekst=r.aanpak_beschrijven(planning.aanpak)[:300],
                eerste_kanaal=planning.eerste_kanaal or "",
                termijnprofiel=uitkomst.termijnprofiel,
                prioriteit=planning.score,
                totaalbedrag=feiten[zaak.pk].totaalbedrag,
                uiterste_datum=zaak.termijn_eerste_contact,
                uitgeweken=planning.uitgeweken,
                redenen=list(planning.redenen),
                feiten=feiten[zaak.pk].naar_dict(),
                maand=maand,
            )
        )
        if resultaat.team and resultaat.team in teams:
            zaak.team = teams[resultaat.team]
        telling[uitkomst.bakje] += 1
    eerder = {t.vroegsignaalzaak_id: t for t in Triage.objects.filter(vroegsignaalzaak__in=zaken)}
    Triage.objects.filter(pk__in=list(eerder)).delete()
    Triage.objects.bulk_create(triages, batch_size=1000)
    Vroegsignaalzaak.objects.bulk_update(
        zaken, ["team", "termijn_eerste_contact", "termijn_afsluiten"], batch_size=1000
    )
    Zaakwijziging.objects.bulk_create(
        Zaakwijziging(
            vroegsignaalzaak=t.vroegsignaalzaak,
            fase_van=t.vroegsignaalzaak.fase,
            fase_naar=t.vroegsignaalzaak.fase,
            toelichting=(
                f"Opnieuw getrieerd na een crisissignaal: bakje {t.bakje} "
                f"(was {eerder[t.vroegsignaalzaak_id].bakje}). {t.uitleg}"
            ),
        )
        for t in triages
        if t.vroegsignaalzaak_id in eerder
    )
    return telling


def regelset_simuleren(
    *, regelset: Triageregelset, maand: datetime.date
) -> tuple[r.Simulatie, r.Simulatie, tuple[r.Verschil, ...]]:
    """Apply `regelset` (e.g. a concept) and the active rule set to the cases triaged in
    `maand`, from the facts stored at their triage, with the month's full capacity. Returns
    (concept, active, differences)."""
    gemeente = regelset.gemeente
    actief = actieve_regelset(gemeente=gemeente)
    zaken = [
        r.Triagezaak(zaak_id, r.Zaakfeiten.uit_dict(feiten))
        for zaak_id, feiten in Triage.objects.filter(
            regelset__gemeente=gemeente, maand=maand.replace(day=1)
        )
        .order_by("vroegsignaalzaak_id")
        .values_list("vroegsignaalzaak_id", "feiten")
    ]
    vol = [
        r.Capaciteit(kanaal=c.kanaal, maximum=c.per_maand, team=c.team.naam if c.team_id else None)
        for c in Capaciteit.objects.filter(gemeente=gemeente).select_related("team")
    ]
    namen = weergave(gemeente)

    def simulatie(versie: Triageregelset) -> r.Simulatie:
        return r.simuleren(
            zaken,
            r.regelset_uit_dict(versie.inhoud),
            teamindeling=teamindeling(gemeente, versie),
            capaciteiten=vol,
            weergave=namen,
        )

    concept, huidig = simulatie(regelset), simulatie(actief)
    return concept, huidig, r.overzichten_vergelijken(concept.overzicht, huidig.overzicht)
