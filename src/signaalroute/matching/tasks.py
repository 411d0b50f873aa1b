"""Background work of the checks and household matching (Django Tasks)."""

import datetime

from django_tasks import task

from signaalroute.gemeenten.models import Gemeente

from .services import alle_gemeenten_matchen, signalen_matchen
from .signaalcontroles import signalen_verwerken


@task(queue_name="default")
def signalen_matchen_taak(peildatum: str, cbs_code: str | None = None) -> dict[str, int]:
    """Match one municipality (or all): arguments are JSON-serialisable (ISO date, CBS code)."""
    datum = datetime.date.fromisoformat(peildatum)
    if cbs_code:
        resultaten = [
            signalen_matchen(gemeente=Gemeente.objects.get(cbs_code=cbs_code), peildatum=datum)
        ]
    else:
        resultaten = alle_gemeenten_matchen(peildatum=datum)
    return {
        "zaken_gevormd": sum(r.zaken_gevormd for r in resultaten),
        "zaken_aangevuld": sum(r.zaken_aangevuld for r in resultaten),
        "signalen_gebundeld": sum(r.signalen_gebundeld for r in resultaten),
    }


@task(queue_name="default")
def signalen_verwerken_taak(cbs_codes: list[str], peildatum: str | None = None) -> list[dict]:
    """The checks and matching after a delivery, for the municipalities it brought signals
    for (`signaalcontroles.signalen_verwerken`)."""
    datum = datetime.date.fromisoformat(peildatum) if peildatum else None
    return [
        signalen_verwerken(gemeente=gemeente, peildatum=datum).als_dict()
        for gemeente in Gemeente.objects.filter(cbs_code__in=cbs_codes).order_by("cbs_code")
    ]
