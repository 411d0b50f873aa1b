"""Where the SHV check looks: a source answers "who is known in debt help" for a person.

`LijstBron` reads the list a municipality imported from its debt-help system. A municipality
whose debt-help system offers an API plugs in a client with the same `zoeken` method (the
`ShvBron` protocol) and sets it with `shv_bron_instellen`; nothing else changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from django.db.models import Q

from signaalroute.gemeenten.models import Gemeente

from .models import SchuldhulpRegistratie


@dataclass(frozen=True)
class ShvPersoon:
    """The person in a signal, as the SHV check needs it."""

    achternaam: str
    voorvoegsel: str = ""
    voorletters: str = ""
    voornamen: str = ""
    geboortedatum: object = None  # datetime.date | None
    bsn: str = field(default="", repr=False)
    postcode: str = ""
    huisnummer: int | None = None


@dataclass(frozen=True)
class ShvKandidaat:
    bsn: str = field(repr=False)
    voorletters: str
    voornamen: str
    voorvoegsel: str
    achternaam: str
    geboortedatum: object
    behandelaar: str
    behandelaar_email: str


class ShvBron(Protocol):
    def zoeken(self, *, gemeente: Gemeente, persoon: ShvPersoon) -> list[ShvKandidaat]: ...


class LijstBron:
    """Candidates from the imported list: same BSN, same address, or same birth date."""

    def zoeken(self, *, gemeente: Gemeente, persoon: ShvPersoon) -> list[ShvKandidaat]:
        filter_ = Q(pk__in=[])
        if persoon.bsn:
            filter_ |= Q(bsn=persoon.bsn)
        if persoon.postcode and persoon.huisnummer:
            filter_ |= Q(postcode=persoon.postcode, huisnummer=persoon.huisnummer)
        if persoon.geboortedatum:
            filter_ |= Q(geboortedatum=persoon.geboortedatum)
        return [
            ShvKandidaat(
                bsn=r.bsn,
                voorletters=r.voorletters,
                voornamen=r.voornamen,
                voorvoegsel=r.voorvoegsel,
                achternaam=r.achternaam,
                geboortedatum=r.geboortedatum,
                behandelaar=r.behandelaar,
                behandelaar_email=r.behandelaar_email,
            )
            for r in SchuldhulpRegistratie.objects.filter(filter_, gemeente=gemeente)[:50]
        ]


_bron: ShvBron = LijstBron()


def shv_bron() -> ShvBron:
    return _bron


def shv_bron_instellen(bron: ShvBron) -> None:
    global _bron  # noqa: PLW0603 (one configured source per process)
    _bron = bron
