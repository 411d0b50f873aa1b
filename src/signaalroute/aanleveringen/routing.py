"""Routing of validated rows to a municipality, and duplicate/update detection.

One `Routering` serves one delivery: it loads what it needs per batch (postcodes, earlier
signals of the partner) with a few queries, so processing stays fast for large files.
"""

from __future__ import annotations

import datetime
import hashlib
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from signaalroute.gemeenten.models import Gemeente, Postcodegebied
from signaalroute.signaalpartners.models import Signaalpartner

from .constants import Regelstatus
from .models import Vroegsignaal
from .rules import ERNST, Ernst, Melding, Rijresultaat

# How far back an earlier signal of the same partner counts as "the same signal".
TERUGKIJKEN = datetime.timedelta(days=183)


def meldingen_toevoegen(resultaat: Rijresultaat, meldingen: Iterable[Melding]) -> None:
    """Add findings to a row result and recompute its status."""
    for melding in meldingen:
        resultaat.meldingen.append(melding)
        if ERNST[melding.code] is Ernst.FOUT:
            resultaat.status = Regelstatus.AFGEWEZEN
        elif resultaat.status == Regelstatus.GEACCEPTEERD:
            resultaat.status = Regelstatus.WAARSCHUWING


def _naam(achternaam: str) -> str:
    vorm = unicodedata.normalize("NFKD", achternaam.casefold())
    return "".join(c for c in vorm if c.isalnum())


def persoonsleutel(waarden: dict[str, Any]) -> tuple:
    """The person: by BSN when known, else by name, birth date and address."""
    if waarden.get("bsn"):
        return ("bsn", waarden["bsn"])
    return (
        "persoon",
        _naam(waarden.get("achternaam") or ""),
        waarden.get("geboortedatum"),
        waarden.get("postcode"),
        waarden.get("huisnummer"),
        waarden.get("huisletter") or "",
        waarden.get("huisnummertoevoeging") or "",
    )


def signaalsleutel(waarden: dict[str, Any]) -> tuple:
    """The identity of a signal within one partner: the customer number when present, else
    the person at the address; plus the date the arrears arose."""
    if waarden.get("klantnummer"):
        persoon: tuple = ("klant", waarden["klantnummer"])
    else:
        persoon = persoonsleutel({**waarden, "bsn": ""})
    return (*persoon, waarden.get("ontstaansdatum"))


PERSOONSVELDEN = (
    "bsn", "achternaam", "geboortedatum", "postcode", "huisnummer", "huisletter",
    "huisnummertoevoeging",
)  # fmt: skip


def _digest(sleutel: tuple) -> int:
    return int.from_bytes(hashlib.blake2b(repr(sleutel).encode(), digest_size=16).digest())


def _zelfde_periode(a: datetime.date, b: datetime.date) -> bool:
    return (a.year, a.month) == (b.year, b.month)


class Routering:
    """`vaste_gemeente`: a list the municipality imports itself is all for that municipality.
    `alleen_nieuw`: skip persons who were on an earlier list of the same source."""

    def __init__(
        self,
        *,
        partner: Signaalpartner,
        vaste_gemeente: Gemeente | None = None,
        alleen_nieuw: bool = False,
    ):
        self.partner = partner
        self.vaste_gemeente = vaste_gemeente
        self.eerdere_lijst: set[tuple] = set()
        if alleen_nieuw and vaste_gemeente is not None:
            self.eerdere_lijst = {
                persoonsleutel(rij)
                for rij in Vroegsignaal.objects.filter(
                    signaalpartner=partner,
                    gemeente=vaste_gemeente,
                    aanlevering__gemeente=vaste_gemeente,
                ).values(*PERSOONSVELDEN)
            }
        self.gemeenten = {g.cbs_code: g for g in Gemeente.objects.all()}
        self.gemeenten_per_id = {g.pk: g for g in self.gemeenten.values()}
        self.postcodes: dict[str, int | None] = {}  # postcode -> gemeente id
        self.eerder: dict[tuple, tuple[int, int, datetime.date]] = {}
        # Signals seen in this delivery: a 128-bit digest of the key -> row number, so memory
        # stays small for large files.
        self.in_aanlevering: dict[int, int] = {}
        self.vorige: dict[int, int] = {}

    # -- per batch ---------------------------------------------------------------------------
    def voorbereiden(self, resultaten: list[Rijresultaat]) -> None:
        nieuw = set()
        for resultaat in resultaten:
            postcode = resultaat.waarden.get("postcode") or ""
            nieuw.update(p for p in (postcode, postcode[:4]) if p and p not in self.postcodes)
        if nieuw:
            for postcode in nieuw:
                self.postcodes[postcode] = None
            for postcode, gemeente_id in Postcodegebied.objects.filter(
                postcode__any=nieuw
            ).values_list("postcode", "gemeente_id"):
                self.postcodes[postcode] = gemeente_id
        self._eerdere_signalen_laden(resultaten)

    def _eerdere_signalen_laden(self, resultaten: list[Rijresultaat]) -> None:
        self.eerder = {}  # per batch: later batches have their own keys
        data = {r.waarden["ontstaansdatum"] for r in resultaten if r.waarden.get("ontstaansdatum")}
        if not data:
            return
        klanten = {r.waarden["klantnummer"] for r in resultaten if r.waarden.get("klantnummer")}
        adressen = {
            (r.waarden["postcode"], r.waarden["huisnummer"])
            for r in resultaten
            if not r.waarden.get("klantnummer") and r.waarden.get("postcode")
        }
        filter_ = Q(klantnummer__any=klanten) if klanten else Q(pk__in=[])
        if adressen:
            filter_ |= Q(postcode__any={p for p, _ in adressen}, klantnummer="")
        grens = min(data) - TERUGKIJKEN
        velden = [
            "id",
            "bedrag",
            "signaaldatum",
            "klantnummer",
            "achternaam",
            "geboortedatum",
            "postcode",
            "huisnummer",
            "huisletter",
            "huisnummertoevoeging",
            "ontstaansdatum",
        ]
        for rij in (
            Vroegsignaal.objects.filter(
                filter_,
                signaalpartner=self.partner,
                ontstaansdatum__any=data,
                signaaldatum__gte=grens,
            )
            .order_by("signaaldatum", "id")
            .values(*velden)
        ):
            self.eerder[signaalsleutel(rij)] = (rij["id"], rij["bedrag"], rij["signaaldatum"])

    # -- per row -----------------------------------------------------------------------------
    def gemeente_bepalen(self, resultaat: Rijresultaat) -> Gemeente | None:
        """The municipality of the row's address: an explicit code wins, then PC6, then PC4.
        Rows for municipalities that are not connected are rejected, never stored."""
        if self.vaste_gemeente is not None:
            return self.vaste_gemeente
        waarden = resultaat.waarden
        gemeente = None
        if code := waarden.get("gemeentecode"):
            gemeente = self.gemeenten.get(code)
        if gemeente is None:
            postcode = waarden.get("postcode") or ""
            gemeente_id = self.postcodes.get(postcode) or self.postcodes.get(postcode[:4])
            gemeente = self.gemeenten_per_id.get(gemeente_id)
        if gemeente is None or not gemeente.aangesloten:
            meldingen_toevoegen(
                resultaat,
                [
                    Melding(
                        "gemeente_niet_aangesloten",
                        "postcode",
                        "Dit adres ligt niet in een gemeente die via Signaalroute signalen ontvangt. "
                        "Lever dit signaal aan bij de gemeente zelf.",
                    )
                ],
            )
            return None
        return gemeente

    def dubbel_controleren(self, resultaat: Rijresultaat, gemeente: Gemeente) -> None:
        waarden = resultaat.waarden
        if self.eerdere_lijst and persoonsleutel(waarden) in self.eerdere_lijst:
            meldingen_toevoegen(
                resultaat,
                [
                    Melding(
                        "al_eerder_op_lijst",
                        "",
                        "Deze inwoner stond al op een eerder ingelezen lijst; alleen nieuwe aanmeldingen "
                        "zijn ingelezen.",
                    )
                ],
            )
            return
        sleutel = signaalsleutel(waarden)
        digest = _digest(sleutel)
        if (eerste := self.in_aanlevering.get(digest)) is not None:
            meldingen_toevoegen(
                resultaat,
                [
                    Melding(
                        "dubbel_in_aanlevering",
                        "",
                        f"Dit signaal staat al op regel {eerste} van deze aanlevering; het is één keer "
                        "verwerkt.",
                    )
                ],
            )
            return
        if (eerder := self.eerder.get(sleutel)) is not None:
            eerder_id, eerder_bedrag, eerder_datum = eerder
            signaaldatum = waarden.get("signaaldatum") or eerder_datum
            if _zelfde_periode(signaaldatum, eerder_datum) and waarden["bedrag"] <= eerder_bedrag:
                meldingen_toevoegen(
                    resultaat,
                    [
                        Melding(
                            "al_aangeleverd",
                            "",
                            f"Dit signaal is op {eerder_datum:%d-%m-%Y} al aangeleverd met een even hoog "
                            "of hoger bedrag; het wordt niet opnieuw verwerkt.",
                        )
                    ],
                )
                return
            self.vorige[resultaat.rijnummer] = eerder_id
            meldingen_toevoegen(
                resultaat,
                [
                    Melding(
                        "update_eerder_signaal",
                        "",
                        f"Update van het signaal van {eerder_datum:%d-%m-%Y}; beide zijn gekoppeld.",
                    )
                ],
            )
        self.in_aanlevering[digest] = resultaat.rijnummer

    def vorig_signaal_id(self, resultaat: Rijresultaat) -> int | None:
        return self.vorige.get(resultaat.rijnummer)
