"""Fast storage of many signals at once, from plain dicts (no model instances: building
40-field model instances costs as much as validating the rows).

On PostgreSQL the rows go in with `COPY`; elsewhere with `bulk_create`. Either way inside the caller's
transaction, so a delivery stays all-or-nothing.
"""

import uuid
from typing import Any

from django.db import connection
from django.db.models import NOT_PROVIDED
from django.utils import timezone

from .models import Vroegsignaal

_VELDEN = [f for f in Vroegsignaal._meta.concrete_fields if not f.primary_key]
# What a field holds when the row does not say: its default, "" for text, else None.
_STANDAARD = {
    f.attname: f.default
    if f.default is not NOT_PROVIDED and not callable(f.default)
    else ("" if not f.null and f.get_internal_type() in {"CharField", "TextField"} else None)
    for f in _VELDEN
}


def _volledig(signaal: dict[str, Any], nu) -> dict[str, Any]:
    rij = {**_STANDAARD, **{k: v for k, v in signaal.items() if v is not None}}
    rij["uuid"] = uuid.uuid4()
    rij["aangemaakt_op"] = nu
    return rij


def vroegsignalen_opslaan(signalen: list[dict[str, Any]]) -> None:
    """Store `signalen` (attname -> value); the database assigns the primary keys."""
    if not signalen:
        return
    nu = timezone.now()
    rijen = [_volledig(signaal, nu) for signaal in signalen]
    if connection.vendor != "postgresql":
        Vroegsignaal.objects.bulk_create([Vroegsignaal(**rij) for rij in rijen], batch_size=2000)
        return
    tabel = connection.ops.quote_name(Vroegsignaal._meta.db_table)
    kolommen = ", ".join(connection.ops.quote_name(f.column) for f in _VELDEN)
    attnames = [f.attname for f in _VELDEN]
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN") as copy,
    ):
        for rij in rijen:
            copy.write_row([rij[naam] for naam in attnames])
