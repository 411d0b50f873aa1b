"""Background work of outreach (Django Tasks)."""

from django_tasks import task

from .services import bericht_versturen, berichten_opnieuw_versturen


@task(queue_name="default")
def bericht_versturen_taak(bericht_id: int) -> str:
    """Send one queued e-mail or text message. Idempotent: a retried job never sends twice."""
    return bericht_versturen(bericht_id=bericht_id)


@task(queue_name="default")
def berichten_opnieuw_versturen_taak() -> dict:
    """Send what is still queued (after a temporary failure); run every few minutes."""
    return berichten_opnieuw_versturen()
