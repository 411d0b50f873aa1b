"""What every figure shares: which municipalities, which period, which cases and signals."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, QuerySet, Sum

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.gemeenten.models import Gemeente
from signaalroute.vroegsignaalzaken.models import Contactpoging, Vroegsignaalzaak

from ..rules import Periode

# `gemeenten` everywhere: a queryset of municipalities or an iterable of their primary keys.
Gemeenten = QuerySet[Gemeente] | Iterable[int]


def gemeente_ids(gemeenten: Gemeenten) -> QuerySet[Gemeente] | list[int]:
    """A value for `gemeente__in=` (a queryset stays a subquery: one round trip)."""
    if isinstance(gemeenten, QuerySet):
        return gemeenten.values("pk")
    return list(gemeenten)


def inwoners(gemeenten: Gemeenten) -> int:
    return (
        Gemeente.objects.filter(pk__in=gemeente_ids(gemeenten)).aggregate(n=Sum("inwoners"))["n"]
        or 0
    )


def signalen(gemeenten: Gemeenten, periode: Periode) -> QuerySet[Vroegsignaal]:
    """The signals of the period: by `signaaldatum`, whatever became of them."""
    return Vroegsignaal.objects.filter(
        gemeente__in=gemeente_ids(gemeenten), signaaldatum__range=(periode.van, periode.tot)
    )


def zaken(gemeenten: Gemeenten, periode: Periode) -> QuerySet[Vroegsignaalzaak]:
    """The cases of the period (a cohort): matched (`matchingsdatum`) in the period. Results,
    reach and throughput are those of this cohort as they stand now."""
    return Vroegsignaalzaak.objects.filter(
        gemeente__in=gemeente_ids(gemeenten), matchingsdatum__range=(periode.van, periode.tot)
    )


def bereikt() -> Exists:
    """Whether a case has a contact attempt that reached the household."""
    return Exists(Contactpoging.objects.filter(vroegsignaalzaak=OuterRef("pk"), bereikt=True))
