"""Background work of case handling (Django Tasks)."""

import datetime

from django.utils import timezone
from django_tasks import task

from signaalroute.terugkoppeling.services import tussenstanden_terugkoppelen

from .services import termijnen_bewaken


@task(queue_name="default")
def termijnen_bewaken_taak(peildatum: str | None = None) -> int:
    """Daily: after-care that is due returns to the work list; notifications for deadlines due
    soon or passed and follow-ups due; interim feedback to partners once a case passed its
    closing deadline. Idempotent. Returns the number of new notifications."""
    datum = datetime.date.fromisoformat(peildatum) if peildatum else timezone.localdate()
    tussenstanden_terugkoppelen(vandaag=datum)
    return termijnen_bewaken(vandaag=datum)
