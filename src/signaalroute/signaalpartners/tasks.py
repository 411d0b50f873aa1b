"""Background work of the signal partners (Django Tasks)."""

import datetime

from django.utils import timezone
from django_tasks import task

from .services import aanleverherinneringen_versturen


@task(queue_name="default")
def aanleverherinneringen_versturen_taak(peildatum: str | None = None) -> int:
    """Send the reminders due on `peildatum` (ISO date; default today); returns how many were
    sent. Idempotent, so a scheduler may run it as often as it likes."""
    datum = datetime.date.fromisoformat(peildatum) if peildatum else timezone.localdate()
    return len(aanleverherinneringen_versturen(peildatum=datum).verstuurd)
