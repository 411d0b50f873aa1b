"""The reads of the DDAS delivery: which municipalities, signals and cases belong to a period.

A period is `van` up to and including `tot`:
- a signal belongs to it when its `signaaldatum` is in the period;
- a case belongs to it when it was matched (`matchingsdatum`) or closed (`afgesloten_op`, as a
  date in the Dutch time zone) in the period. A case matched in one period and closed in a later
  one is therefore delivered twice; the later delivery carries its result. CBS recognises it by
  the IDs of its signals (DDAS gives a case no ID of its own). Its contact attempts are always
  all of them.

Only the fields the document needs are read: names, birth dates and contact details of the
person are never loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q, QuerySet

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.gemeenten.models import Gemeente
from signaalroute.vroegsignaalzaken.models import Contactpoging, Vroegsignaalzaak

SIGNAALVELDEN = (
    "uuid",
    "gemeente_id",
    "soort",
    "status",
    "bedrag",
    "ontstaansdatum",
    "signaaldatum",
    "crisissignaal",
    "warme_overdracht",
    "bsn",
    "postcode",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
)
ZAAKVELDEN = (
    "gemeente_id",
    "eindresultaat",
    "matchingsdatum",
    "startdatum_matchingperiode",
    "einddatum_matchingperiode",
    "datum_opgepakt",
)


def ddas_gemeenten(
    *, cbs_codes: Iterable[str] | None = None, organisatie: str | None = None
) -> QuerySet[Gemeente]:
    """Municipalities in delivery order (CBS code). Without `cbs_codes`: every connected
    municipality; with them: exactly those (a municipality that left may still deliver its
    history). `organisatie` keeps those of one executing organisation (see
    `organisatie_filter`)."""
    gemeenten = Gemeente.objects.select_related("uitvoeringsorganisatie").order_by("cbs_code")
    if cbs_codes is None:
        gemeenten = gemeenten.filter(aangesloten=True)
    else:
        gemeenten = gemeenten.filter(cbs_code__in=list(cbs_codes))
    if organisatie is not None:
        gemeenten = gemeenten.filter(organisatie_filter(organisatie))
    return gemeenten


def organisatie_filter(organisatie: str) -> Q:
    """`aanleverende_organisatie` of the DDAS-VS API names the organisation whose data CBS asks
    for. We accept what CBS can know: the executing organisation's code, KvK number or name, or
    one municipality's CBS code (`0518` or `GM0518`) or name. Case-insensitive."""
    waarde = organisatie.strip()
    code = waarde[2:] if waarde.upper().startswith("GM") and waarde[2:].isdigit() else waarde
    return (
        Q(uitvoeringsorganisatie__code__iexact=waarde)
        | Q(uitvoeringsorganisatie__naam__iexact=waarde)
        | Q(uitvoeringsorganisatie__kvk_nummer=waarde, uitvoeringsorganisatie__kvk_nummer__gt="")
        | Q(cbs_code=code)
        | Q(naam__iexact=waarde)
    )


def ddas_vroegsignalen(
    *, gemeenten: Iterable[Gemeente], van: dt.date, tot: dt.date
) -> QuerySet[Vroegsignaal]:
    return (
        Vroegsignaal.objects.filter(
            gemeente__in=[gemeente.pk for gemeente in gemeenten], signaaldatum__range=(van, tot)
        )
        .only(*SIGNAALVELDEN)
        .order_by("gemeente__cbs_code", "signaaldatum", "id")
    )


def ddas_vroegsignaalzaken(
    *, gemeenten: Iterable[Gemeente], van: dt.date, tot: dt.date
) -> QuerySet[Vroegsignaalzaak]:
    return (
        Vroegsignaalzaak.objects.filter(
            Q(matchingsdatum__range=(van, tot)) | Q(afgesloten_op__date__range=(van, tot)),
            gemeente__in=[gemeente.pk for gemeente in gemeenten],
        )
        .only(*ZAAKVELDEN)
        .order_by("gemeente__cbs_code", "matchingsdatum", "id")
        .prefetch_related(
            Prefetch(
                "vroegsignalen",
                queryset=Vroegsignaal.objects.only("uuid", "vroegsignaalzaak_id").order_by("id"),
            ),
            Prefetch(
                "contactpogingen",
                queryset=Contactpoging.objects.only(
                    "vroegsignaalzaak_id", "soort", "bereikt", "datum", "dagdeel"
                ).order_by("datum", "id"),
            ),
        )
    )


def aantallen_per_gemeente(queryset: QuerySet) -> dict[int, int]:
    """{gemeente pk: number of rows} for a signal or case queryset above."""
    rijen = queryset.order_by().values("gemeente_id").annotate(aantal=Count("id"))
    return {rij["gemeente_id"]: rij["aantal"] for rij in rijen}
