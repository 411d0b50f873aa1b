"""Background work of the intake (Django Tasks: database backend, or rq on Redis)."""

from django_tasks import task

from .services import aanlevering_verwerken


@task(queue_name="default")
def aanlevering_verwerken_taak(aanlevering_id: int) -> str | None:
    aanlevering = aanlevering_verwerken(aanlevering_id=aanlevering_id)
    return None if aanlevering is None else aanlevering.status
