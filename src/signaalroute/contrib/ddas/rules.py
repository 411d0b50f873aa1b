"""Pure rules of the DDAS delivery: amounts, the minimised client, periods and paging.
No ORM; tested without a database."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from .mapping import Uitwisselformaat


def bedrag_in_euros(centen: int) -> int:
    """DDAS `bedrag` is whole euros: cents rounded half up (EUR 12.50 -> 13)."""
    return (centen + 50) // 100


def huisnummertoevoeging(huisletter: str, toevoeging: str) -> str:
    """DDAS has one field for everything after the number: `A`, `2`, `A-2` (as on the envelope,
    see `gemeenten.rules.huisnummer_weergave`)."""
    if huisletter and toevoeging:
        return f"{huisletter}-{toevoeging}"
    return huisletter or toevoeging


def client_minimaal(
    *,
    formaat: Uitwisselformaat,
    bsn: str,
    postcode: str,
    huisnummer: int,
    huisletter: str = "",
    toevoeging: str = "",
) -> dict[str, str]:
    """The client as v1.2 requires it: the BSN alone when we know it, otherwise postcode and
    house number (with addition). Never a name, birth date or other address part."""
    bsn = bsn.strip()
    if bsn:
        return {formaat.burgerservicenummer: bsn.zfill(9) if bsn.isdigit() else bsn}
    client = {
        formaat.postcode: postcode.replace(" ", "").upper(),
        formaat.huisnummer: str(huisnummer),
    }
    extra = huisnummertoevoeging(huisletter, toevoeging)
    if extra:
        client[formaat.huisnummertoevoeging] = extra
    return client


def standaardperiode(vandaag: dt.date) -> tuple[dt.date, dt.date]:
    """The period when CBS asks without dates: the previous calendar month."""
    einde = vandaag.replace(day=1) - dt.timedelta(days=1)
    return einde.replace(day=1), einde


@dataclass(frozen=True)
class Paginaverdeling:
    """Which part of the two ordered record lists (signals, then cases) one page holds."""

    page: int
    page_size: int
    total_records: int
    signalen: slice
    zaken: slice

    @property
    def total_pages(self) -> int:
        return max(1, math.ceil(self.total_records / self.page_size))


def paginaverdeling(
    *, aantal_signalen: int, aantal_zaken: int, page: int, page_size: int
) -> Paginaverdeling:
    """Records are numbered over the whole delivery: first every signal, then every case (each
    ordered by municipality and date). Page `page` (1-based) holds records
    [(page-1)*page_size, page*page_size)."""
    begin = (page - 1) * page_size
    einde = begin + page_size
    return Paginaverdeling(
        page=page,
        page_size=page_size,
        total_records=aantal_signalen + aantal_zaken,
        signalen=slice(min(begin, aantal_signalen), min(einde, aantal_signalen)),
        zaken=slice(
            min(max(begin - aantal_signalen, 0), aantal_zaken),
            min(max(einde - aantal_signalen, 0), aantal_zaken),
        ),
    )
