import datetime
from dataclasses import dataclass, replace

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.core.exceptions import NietGevonden
from signaalroute.gemeenten.models import Gemeente, Team
from signaalroute.gemeenten.selectors import gemeenten_voor

from ..constants import CONTROLESTATUSSEN, Zaakfase
from ..models import Signaalstatuswijziging, Termijninstellingen, Vroegsignaalzaak
from ..rules import STANDAARDTERMIJNEN, Termijnregels

__all__ = [
    "termijnregels",
    "zaken_voor",
    "zaak_ophalen",
    "zaken_per_gemeente",
    "losse_signalen_voor",
    "losse_signalen",
    "signaal_ophalen",
    "laatste_statusredenen",
    "SORTERINGEN",
    "Werklijstfilter",
    "werklijstpagina",
    "pagina_vullen",
    "OPEN_FASEN",
    "werklijst",
    "bakjes_tellen",
    "signaaltotalen",
    "medewerkers_voor",
    "teams_voor_zaken",
]


def termijnregels(gemeente: Gemeente) -> Termijnregels:
    """The municipality's deadlines, or the defaults (BRIEF §4)."""
    instellingen = Termijninstellingen.objects.filter(gemeente=gemeente).first()
    return instellingen.regels() if instellingen else STANDAARDTERMIJNEN


def zaken_voor(user: User) -> QuerySet[Vroegsignaalzaak]:
    """Cases `user` may see: case handlers of the municipality; external executors only the
    cases assigned to their team. Administrators, auditors and partners see no case data."""
    if user.heeft_rol(Rol.COORDINATOR, Rol.VROEGSIGNALEERDER):
        return Vroegsignaalzaak.objects.filter(gemeente__in=gemeenten_voor(user))
    if user.heeft_rol(Rol.EXTERNE_UITVOERDER) and user.team_id:
        return Vroegsignaalzaak.objects.filter(
            gemeente__in=gemeenten_voor(user), team_id=user.team_id
        )
    return Vroegsignaalzaak.objects.none()


def zaak_ophalen(*, user: User, uuid) -> Vroegsignaalzaak:
    zaak = (
        zaken_voor(user)
        .select_related("gemeente", "team", "behandelaar", "wijk", "triage__regelset")
        .prefetch_related(
            Prefetch(
                "vroegsignalen",
                queryset=Vroegsignaal.objects.select_related("signaalpartner").order_by(
                    "signaaldatum"
                ),
            ),
            "contactpogingen",
            "historie",
        )
        .filter(uuid=uuid)
        .first()
    )
    if zaak is None:
        raise NietGevonden
    return zaak


def zaken_per_gemeente(user: User) -> QuerySet[Gemeente]:
    """Coordinator's overview: counts per municipality."""
    zaken = zaken_voor(user)
    return gemeenten_voor(user).annotate(
        open_zaken=Count("zaken", filter=Q(zaken__in=zaken) & ~Q(zaken__fase=Zaakfase.AFGESLOTEN)),
        nieuw=Count("zaken", filter=Q(zaken__in=zaken, zaken__fase=Zaakfase.NIEUW)),
        zonder_behandelaar=Count(
            "zaken",
            filter=Q(zaken__in=zaken, zaken__behandelaar__isnull=True)
            & ~Q(zaken__fase=Zaakfase.AFGESLOTEN),
        ),
        crisis=Count(
            "zaken",
            filter=Q(zaken__in=zaken, zaken__crisis=True) & ~Q(zaken__fase=Zaakfase.AFGESLOTEN),
        ),
    )


def losse_signalen_voor(user: User) -> QuerySet[Vroegsignaal]:
    """Signals of the user's municipalities that are not in a case: waiting for matching, or
    held back by a check. Case handlers of the municipality only (not external executors)."""
    if not user.heeft_rol(Rol.COORDINATOR, Rol.VROEGSIGNALEERDER):
        return Vroegsignaal.objects.none()
    return Vroegsignaal.objects.filter(
        gemeente__in=gemeenten_voor(user), vroegsignaalzaak__isnull=True
    )


def losse_signalen(user: User, *, status: str = "") -> QuerySet[Vroegsignaal]:
    """The signals page: by default those a check held back, newest first."""
    qs = losse_signalen_voor(user)
    qs = qs.filter(status=status) if status else qs.filter(status__in=CONTROLESTATUSSEN)
    return qs.select_related("gemeente", "signaalpartner").order_by("-signaaldatum", "-id")


def signaal_ophalen(*, user: User, uuid) -> Vroegsignaal:
    signaal = (
        losse_signalen_voor(user)
        .select_related("gemeente", "signaalpartner", "brpcontrole")
        .prefetch_related("statushistorie__door")
        .filter(uuid=uuid)
        .first()
    )
    if signaal is None:
        raise NietGevonden
    return signaal


def laatste_statusredenen(signaal_ids: list[int]) -> list[tuple[int, str]]:
    """(signal id, reason of its latest status change) for a page of signals."""
    laatste = {}
    for sid, toelichting in (
        Signaalstatuswijziging.objects.filter(vroegsignaal__in=signaal_ids)
        .order_by("op", "id")
        .values_list("vroegsignaal_id", "toelichting")
    ):
        laatste[sid] = toelichting
    return list(laatste.items())


# --- work lists ------------------------------------------------------------------------------

SORTERINGEN = {
    "termijn": ("-crisis", F("triage__uiterste_datum").asc(nulls_last=True), "id"),
    "bedrag": (F("triage__totaalbedrag").desc(nulls_last=True), "id"),
    "prioriteit": ("-crisis", F("triage__prioriteit").desc(nulls_last=True), "id"),
    "nieuwste": ("-matchingsdatum", "-id"),
}


@dataclass(frozen=True)
class Werklijstfilter:
    """What a worker filters the work list on. Amounts in cents; `behandelaar`: "" (own and
    the team's unassigned for a case worker, all for others), "mij", "niemand" or "alle"."""

    bakje: str = ""
    team: int | None = None
    wijk: str = ""
    soort: str = ""
    bedrag_vanaf: int | None = None
    bedrag_tot: int | None = None
    termijn: str = ""  # "verlopen" | "binnenkort" (within 5 days) | "vervolg" (action due)
    fase: str = ""
    behandelaar: str = ""
    sortering: str = "termijn"


class _Ids:
    """The ids of a sorted queryset with a count known beforehand (from the tray counts), so
    the paginator does not count the work list again."""

    def __init__(self, qs: QuerySet, aantal: int):
        self.qs, self.aantal = qs.values_list("pk", flat=True), aantal

    def count(self) -> int:
        return self.aantal

    def __getitem__(self, k):
        return self.qs[k]


def werklijstpagina(
    qs: QuerySet[Vroegsignaalzaak], nummer, *, aantal: int, per_pagina: int = 50
) -> Page:
    """One page of the work list in two narrow queries: sort and slice only the ids of all
    matching cases, then load that page's cases with their related rows. Sorting tens of
    thousands of open cases then moves ids, not every joined column (bench/worklist.py).
    `aantal`: the number of matching cases, known from the tray counts."""
    pagina = Paginator(_Ids(qs, aantal), per_pagina).get_page(nummer)
    return pagina_vullen(qs, pagina)


def pagina_vullen(qs: QuerySet[Vroegsignaalzaak], pagina):
    """Replace a page of case ids by the cases, in the same order."""
    ids = list(pagina.object_list)
    zaken = {zaak.pk: zaak for zaak in qs.filter(pk__in=ids).order_by()}
    pagina.object_list = [zaken[pk] for pk in ids if pk in zaken]
    return pagina


OPEN_FASEN = (Zaakfase.NIEUW, Zaakfase.IN_BEHANDELING, Zaakfase.NIEUWE_POGING)


def _open_zaken(user: User) -> QuerySet[Vroegsignaalzaak]:
    return zaken_voor(user).exclude(fase=Zaakfase.AFGESLOTEN)


def werklijst(
    user: User, f: Werklijstfilter, *, vandaag: datetime.date | None = None
) -> QuerySet[Vroegsignaalzaak]:
    """Open cases for the work list, filtered and sorted in the database; no aggregates over
    signals (the page's totals come from `signaaltotalen`), so the query cost does not grow
    with the number of signals. Take a page with `werklijstpagina`."""
    vandaag = vandaag or datetime.date.today()
    qs = _open_zaken(user)
    mede = Exists(
        Vroegsignaalzaak.medebehandelaars.through.objects.filter(
            vroegsignaalzaak_id=OuterRef("pk"), user_id=user.pk
        )
    )
    if f.behandelaar == "mij":
        qs = qs.filter(Q(behandelaar=user) | mede)
    elif f.behandelaar == "niemand":
        qs = qs.filter(behandelaar__isnull=True)
    elif f.behandelaar == "" and user.rol == Rol.VROEGSIGNALEERDER:
        eigen = Q(behandelaar=user) | mede
        if user.team_id:
            eigen |= Q(team_id=user.team_id, behandelaar__isnull=True)
        qs = qs.filter(eigen)
    if f.bakje:
        qs = qs.filter(triage__bakje=f.bakje)
    if f.team:
        qs = qs.filter(team_id=f.team)
    if f.wijk:
        qs = qs.filter(wijk__code=f.wijk)
    if f.soort:
        qs = qs.filter(
            Exists(Vroegsignaal.objects.filter(vroegsignaalzaak=OuterRef("pk"), soort=f.soort))
        )
    if f.bedrag_vanaf is not None:
        qs = qs.filter(triage__totaalbedrag__gte=f.bedrag_vanaf)
    if f.bedrag_tot is not None:
        qs = qs.filter(triage__totaalbedrag__lte=f.bedrag_tot)
    geen_contact = Q(eerste_contactpoging_op__isnull=True) & ~Q(fase=Zaakfase.NAZORG)
    if f.termijn == "verlopen":
        qs = qs.filter(
            (Q(termijn_eerste_contact__lt=vandaag) & geen_contact)
            | Q(termijn_afsluiten__lt=vandaag, fase__in=OPEN_FASEN)
        )
    elif f.termijn == "binnenkort":
        tot = vandaag + datetime.timedelta(days=5)
        qs = qs.filter(
            (Q(termijn_eerste_contact__range=(vandaag, tot)) & geen_contact)
            | Q(termijn_afsluiten__range=(vandaag, tot), fase__in=OPEN_FASEN)
        )
    elif f.termijn == "vervolg":
        qs = qs.filter(vervolg_op__lte=vandaag)
    if f.fase:
        qs = qs.filter(fase=f.fase)
    return qs.select_related("gemeente", "team", "behandelaar", "wijk", "triage").order_by(
        *SORTERINGEN.get(f.sortering, SORTERINGEN["termijn"])
    )


def bakjes_tellen(user: User, f: Werklijstfilter) -> list[tuple[str, int]]:
    """Cases per tray under the current filter (the tray filter aside), in one query; "" for
    cases without a triage (from before triage existed)."""
    return list(
        werklijst(user, replace(f, bakje=""))
        .order_by()
        .values_list("triage__bakje")
        .annotate(n=Count("id"))
        .order_by("triage__bakje")
    )


def signaaltotalen(zaak_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(number of signals, total amount) per case, for one page of the work list."""
    return {
        zaak: (aantal, totaal or 0)
        for zaak, aantal, totaal in Vroegsignaal.objects.filter(vroegsignaalzaak_id__in=zaak_ids)
        .values_list("vroegsignaalzaak_id")
        .annotate(aantal=Count("id"), totaal=Sum("bedrag"))
        .order_by()
    }


def medewerkers_voor(user: User) -> QuerySet[User]:
    """Case workers a coordinator can assign cases to: those of their own organisation."""
    return User.objects.filter(
        Q(uitvoeringsorganisatie_id=user.uitvoeringsorganisatie_id)
        | Q(team__uitvoeringsorganisatie_id=user.uitvoeringsorganisatie_id),
        rol__in=[Rol.COORDINATOR, Rol.VROEGSIGNALEERDER, Rol.EXTERNE_UITVOERDER],
        is_active=True,
    ).order_by("first_name", "last_name", "username")


def teams_voor_zaken(user: User) -> QuerySet[Team]:
    return Team.objects.filter(uitvoeringsorganisatie_id=user.uitvoeringsorganisatie_id)
