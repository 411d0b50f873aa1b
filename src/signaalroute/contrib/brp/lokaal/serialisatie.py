"""A `LokaalBrpPersoon` as the BRP Personen API delivers a person (before `fields` filtering)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..constants import AanduidingNaamgebruik, Geslacht, LokaleVerblijfplaats, SoortVerbintenis
from ..gegevens import BrpDatum
from ..mapping import datum_naar_api
from ..models import LokaalBrpPersoon


def voorletters(voornamen: str) -> str:
    """`Yvonne Johanna` -> `Y.J.`"""
    return "".join(f"{naam[0].upper()}." for naam in voornamen.split())


def _datum(waarde: str) -> dict | None:
    return datum_naar_api(BrpDatum.van_gba(waarde)) if waarde else None


def _omschrijving(label: Any) -> str:
    # The API's table descriptions have no slashes (pattern of `Waardetabel.omschrijving`).
    return str(label).replace("/", " of ")


def _zonder_leeg(waarde: dict) -> dict:
    """A field without a value is not delivered."""
    return {k: v for k, v in waarde.items() if v not in ("", None, {}, [])}


def _naam(voornamen: str, voorvoegsel: str, geslachtsnaam: str) -> dict:
    return _zonder_leeg(
        {
            "voornamen": voornamen,
            "voorvoegsel": voorvoegsel,
            "geslachtsnaam": geslachtsnaam,
            "voorletters": voorletters(voornamen),
        }
    )


def leeftijd(geboortedatum: str, vandaag: dt.date) -> int | None:
    """Age in years, when the known parts of the birth date determine it."""
    if not geboortedatum:
        return None
    datum = BrpDatum.van_gba(geboortedatum)
    if datum.jaar is None:
        return None
    jaren = vandaag.year - datum.jaar
    if datum.maand is None:
        return None
    if datum.maand != vandaag.month:
        return jaren - (vandaag.month < datum.maand)
    if datum.dag is None:
        return None
    return jaren - (vandaag.day < datum.dag)


def _adresregels(p: LokaalBrpPersoon) -> dict:
    if p.verblijfplaats == LokaleVerblijfplaats.ADRES and p.postcode:
        nummer = f"{p.huisnummer or ''}{p.huisletter}"
        if p.huisnummertoevoeging:
            nummer += f"-{p.huisnummertoevoeging}"
        return {
            "adresregel1": f"{p.straat} {nummer}".strip()[:40],
            "adresregel2": f"{p.postcode[:4]} {p.postcode[4:]}  {p.woonplaats.upper()}".strip()[
                :50
            ],
        }
    if p.verblijfplaats == LokaleVerblijfplaats.BUITENLAND and p.land:
        return {"land": {"omschrijving": p.land}}
    return {}


def _verblijfplaats(p: LokaalBrpPersoon) -> dict:
    verblijf: dict[str, Any] = {"type": p.verblijfplaats, "datumVan": _datum(p.adres_sinds)}
    if p.verblijfplaats == LokaleVerblijfplaats.ADRES:
        verblijf["verblijfadres"] = _zonder_leeg(
            {
                "officieleStraatnaam": p.straat,
                "korteStraatnaam": p.straat[:24],
                "huisnummer": p.huisnummer,
                "huisletter": p.huisletter,
                "huisnummertoevoeging": p.huisnummertoevoeging,
                "postcode": p.postcode,
                "woonplaats": p.woonplaats,
            }
        )
        verblijf["functieAdres"] = {"code": "W", "omschrijving": "woonadres"}
        if p.verblijft_niet_op_adres:
            verblijf["indicatieVastgesteldVerblijftNietOpAdres"] = True
    elif p.verblijfplaats == LokaleVerblijfplaats.BUITENLAND and p.land:
        verblijf["verblijfadres"] = {"land": {"omschrijving": p.land}}
    return _zonder_leeg(verblijf)


def _partners(p: LokaalBrpPersoon) -> list[dict]:
    if not (p.partner_bsn or p.partner_geslachtsnaam):
        return []
    partner = {
        "burgerservicenummer": p.partner_bsn,
        "naam": _naam(p.partner_voornamen, p.partner_voorvoegsel, p.partner_geslachtsnaam),
    }
    if p.partner_soort_verbintenis:
        partner["soortVerbintenis"] = {
            "code": p.partner_soort_verbintenis,
            "omschrijving": str(SoortVerbintenis(p.partner_soort_verbintenis).label),
        }
    if p.partner_datum_ontbinding:
        partner["ontbindingHuwelijkPartnerschap"] = {"datum": _datum(p.partner_datum_ontbinding)}
    return [_zonder_leeg(partner)]


def persoon_json(p: LokaalBrpPersoon, *, vandaag: dt.date) -> dict:
    """The whole person; `velden.filter_velden` keeps what was asked for."""
    naam = _naam(p.voornamen, p.voorvoegsel, p.geslachtsnaam)
    naam["volledigeNaam"] = " ".join(d for d in (p.voornamen, p.voorvoegsel, p.geslachtsnaam) if d)
    naam["aanduidingNaamgebruik"] = {
        "code": p.aanduiding_naamgebruik,
        "omschrijving": _omschrijving(AanduidingNaamgebruik(p.aanduiding_naamgebruik).label),
    }
    adressering = _adresregels(p)
    if p.verblijft_niet_op_adres:
        adressering["indicatieVastgesteldVerblijftNietOpAdres"] = True
    return _zonder_leeg(
        {
            "burgerservicenummer": p.bsn,
            "geslacht": {"code": p.geslacht, "omschrijving": str(Geslacht(p.geslacht).label)},
            "naam": naam,
            "geboorte": _zonder_leeg({"datum": _datum(p.geboortedatum)}),
            "leeftijd": None if p.overlijdensdatum else leeftijd(p.geboortedatum, vandaag),
            "overlijden": _zonder_leeg({"datum": _datum(p.overlijdensdatum)}),
            "verblijfplaats": _verblijfplaats(p),
            "gemeenteVanInschrijving": _zonder_leeg(
                {"code": p.gemeente_code, "omschrijving": p.gemeente_naam}
            ),
            "datumInschrijvingInGemeente": _datum(p.datum_inschrijving_gemeente),
            "adressering": adressering,
            "partners": _partners(p),
        }
    )


def automatisch_geleverd(p: LokaalBrpPersoon) -> dict:
    """What the API adds to every person without being asked."""
    velden: dict[str, Any] = {}
    if p.geheimhouding:
        velden["geheimhoudingPersoonsgegevens"] = True
    reden = p.opschortingsreden
    if reden:
        datum = p.overlijdensdatum if reden == "O" else p.adres_sinds
        velden["opschortingBijhouding"] = _zonder_leeg(
            {
                "reden": {
                    "code": reden,
                    "omschrijving": "overlijden" if reden == "O" else "emigratie",
                },
                "datum": _datum(datum),
            }
        )
    return velden
