"""Background work of retention (Django Tasks)."""

import datetime

from django.utils import timezone
from django_tasks import task

from .services import alle_bewaartermijnen_toepassen


@task(queue_name="default")
def bewaartermijnen_toepassen_taak(peildatum: str | None = None) -> dict:
    """Daily: apply every municipality's retention periods. Idempotent. Returns the number of
    rows wiped or removed per municipality (CBS code; "platform" for the files)."""
    datum = datetime.date.fromisoformat(peildatum) if peildatum else timezone.localdate()
    return {
        (rapport.gemeente.cbs_code if rapport.gemeente else "platform"): rapport.totaal
        for rapport in alle_bewaartermijnen_toepassen(peildatum=datum)
    }
