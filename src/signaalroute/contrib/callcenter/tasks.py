"""Background work of the callcenter loop (Django Tasks)."""

from django_tasks import task

from .services import belrondeimport_verwerken


@task(queue_name="default")
def belrondeimport_verwerken_taak(belrondeimport_id: int) -> str | None:
    belrondeimport = belrondeimport_verwerken(belrondeimport_id=belrondeimport_id)
    return None if belrondeimport is None else belrondeimport.status
