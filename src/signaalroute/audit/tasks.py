"""Background work of the processing log (Django Tasks)."""

import logging

from django_tasks import task

from .services import logboek_controleren

logger = logging.getLogger(__name__)


@task(queue_name="default")
def logboek_controleren_taak() -> dict:
    """Daily: seal what is left and check the whole hash chain; a broken chain is logged as an
    error (row number and reason only) for monitoring to alert on."""
    controle = logboek_controleren()
    if not controle.intact:
        logger.error(
            "Logboekketen verbroken bij volgnummer %s: %s", controle.fout_volgnummer, controle.fout
        )
    return {
        "intact": controle.intact,
        "gecontroleerd": controle.gecontroleerd,
        "fout_volgnummer": controle.fout_volgnummer,
        "kop_volgnummer": controle.kop_volgnummer,
        "kop_hash": controle.kop_hash,
    }
