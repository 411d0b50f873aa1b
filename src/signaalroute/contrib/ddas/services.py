"""Writes of the DDAS delivery: the audit entry for every levering that left."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen

from .document import Levering


def ddas_levering_vastleggen(
    *,
    leveringen: Iterable[Levering],
    van: dt.date,
    tot: dt.date,
    versie: str,
    afnemer: str,
    pagina: str = "",
) -> None:
    """One audit entry per municipality: that its DDAS data (with BSNs) went to `afnemer`
    (`ddas_exporteren` or `cbs:<client id>`), for which period and how many records. No
    personal data in the entry."""
    with transaction.atomic():
        for levering in leveringen:
            omschrijving = (
                f"DDAS v{versie} {van:%Y-%m-%d} t/m {tot:%Y-%m-%d}: "
                f"{levering.vroegsignalen} vroegsignalen, "
                f"{levering.vroegsignaalzaken} vroegsignaalzaken{pagina}"
            )
            auditregel_vastleggen(
                actie=Auditactie.EXPORTEREN,
                gebruiker=None,
                gemeente=levering.gemeente,
                omschrijving=omschrijving,
                gebruikersnaam=afnemer,
            )
