"""Background work of the webhooks (Django Tasks)."""

from django_tasks import task

from .services import afleveringen_afleveren


@task(queue_name="default")
def webhooks_afleveren_taak(aflevering_ids: list[int]) -> dict:
    """Send one batch of planned deliveries now (those still due and not claimed by another
    worker); retries are left to `webhooks_afleveren`. Returns the count per outcome."""
    return dict(afleveringen_afleveren(ids=list(aflevering_ids), limiet=len(aflevering_ids)))
