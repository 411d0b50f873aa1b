"""Background work of household matching (Django Tasks)."""

import datetime

from django_tasks import task

from signaalroute.gemeenten.models import Gemeente

from .services import alle_gemeenten_matchen, signalen_matchen


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
