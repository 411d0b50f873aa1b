from django.db import models

from signaalroute.accounts.models import User
from signaalroute.gemeenten.models import Gemeente

from .constants import Auditactie
from .models import Auditregel


def auditregel_vastleggen(
    *,
    actie: Auditactie,
    gebruiker: User | None,
    object: models.Model | None = None,
    gemeente: Gemeente | None = None,
    omschrijving: str = "",
    gebruikersnaam: str = "",
) -> Auditregel:
    """Record one audit entry. `omschrijving` must never contain personal data."""
    user = gebruiker if gebruiker is not None and gebruiker.is_authenticated else None
    return Auditregel.objects.create(
        actie=actie,
        gebruiker=user,
        gebruikersnaam=(user.username if user else gebruikersnaam)[:150],
        objecttype=object._meta.label if object is not None else "",
        object_uuid=getattr(object, "uuid", None),
        uitvoeringsorganisatie=(
            gemeente.uitvoeringsorganisatie
            if gemeente is not None
            else getattr(user, "uitvoeringsorganisatie", None)
        ),
        gemeente=gemeente,
        omschrijving=omschrijving[:255],
    )
