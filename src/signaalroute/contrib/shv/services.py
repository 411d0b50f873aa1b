"""Importing the debt-help list, and running the SHV check for a signal."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.aanleveringen.velden import (
    Veldfout,
    bsn_parsen,
    datum_parsen,
    huisnummer_parsen,
    kolomnaam_normaliseren,
    postcode_parsen,
)
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.gemeenten.models import Gemeente

from .bronnen import ShvBron, ShvPersoon, shv_bron
from .models import SchuldhulpRegistratie
from .rules import ShvUitkomst, shv_beoordelen

KOLOMMEN = {
    "bsn": "bsn", "burgerservicenummer": "bsn",
    "achternaam": "achternaam", "geslachtsnaam": "achternaam",
    "voorvoegsel": "voorvoegsel", "tussenvoegsel": "voorvoegsel",
    "voorletters": "voorletters", "voornamen": "voornamen", "voornaam": "voornamen",
    "geboortedatum": "geboortedatum",
    "postcode": "postcode", "huisnummer": "huisnummer",
    "behandelaar": "behandelaar", "schuldhulpverlener": "behandelaar",
    "consulent": "behandelaar", "emailbehandelaar": "behandelaar_email",
    "email": "behandelaar_email", "emailadres": "behandelaar_email",
}  # fmt: skip


@dataclass
class ShvImportresultaat:
    ingelezen: int = 0
    fouten: list[str] = field(default_factory=list)


def _regels(inhoud: bytes) -> csv.DictReader:
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = inhoud.decode("cp1252")
    eerste = (tekst.splitlines() or [""])[0]
    scheiding = max(";,\t", key=eerste.count)
    lezer = csv.DictReader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    kolommen = {KOLOMMEN.get(kolomnaam_normaliseren(k or "")) for k in lezer.fieldnames or []}
    if "achternaam" not in kolommen or not ({"bsn", "geboortedatum"} & kolommen):
        raise ValidatieFout(
            "De lijst moet de kolom achternaam hebben en een BSN of een geboortedatum "
            "(bijvoorbeeld: bsn;achternaam;voorletters;geboortedatum;postcode;huisnummer;"
            "behandelaar)."
        )
    return lezer


@transaction.atomic
def shv_lijst_importeren(*, gemeente: Gemeente, inhoud: bytes) -> ShvImportresultaat:
    """Replace the municipality's list of residents known in debt help (a full snapshot from
    the debt-help system). Rows that cannot be used are reported by row number; nothing of
    them is stored. One transaction: a failed import leaves the previous list in place."""
    resultaat = ShvImportresultaat()
    registraties = []
    for nummer, rij in enumerate(_regels(inhoud), start=2):
        waarden = {
            KOLOMMEN[k]: (v or "").strip()
            for k, v in ((kolomnaam_normaliseren(k or ""), v) for k, v in rij.items())
            if k in KOLOMMEN
        }
        try:
            registraties.append(_registratie(gemeente, waarden))
        except Veldfout as fout:
            resultaat.fouten.append(f"Regel {nummer}: {fout.bericht}")
    SchuldhulpRegistratie.objects.filter(gemeente=gemeente).delete()
    SchuldhulpRegistratie.objects.bulk_create(registraties, batch_size=2000)
    resultaat.ingelezen = len(registraties)
    return resultaat


def _registratie(gemeente: Gemeente, w: dict[str, str]) -> SchuldhulpRegistratie:
    if not w.get("achternaam"):
        raise Veldfout("verplicht_veld_ontbreekt", "De achternaam ontbreekt.")
    nummer, letter, toevoeging = (
        huisnummer_parsen(w["huisnummer"]) if w.get("huisnummer") else (None, "", "")
    )
    return SchuldhulpRegistratie(
        gemeente=gemeente,
        bsn=bsn_parsen(w["bsn"]) if w.get("bsn") else "",
        achternaam=w["achternaam"][:200],
        voorvoegsel=w.get("voorvoegsel", "")[:20],
        voorletters=w.get("voorletters", "")[:20],
        voornamen=w.get("voornamen", "")[:200],
        geboortedatum=datum_parsen(w["geboortedatum"]) if w.get("geboortedatum") else None,
        postcode=postcode_parsen(w["postcode"]) if w.get("postcode") else "",
        huisnummer=nummer,
        huisletter=letter,
        huisnummertoevoeging=toevoeging,
        behandelaar=w.get("behandelaar", "")[:200],
        behandelaar_email=w.get("behandelaar_email", "")[:254],
    )


def shv_controleren(*, signaal: Vroegsignaal, bron: ShvBron | None = None) -> ShvUitkomst:
    """Is the person in this signal already known in the municipality's debt help?"""
    persoon = ShvPersoon(
        achternaam=signaal.achternaam,
        voorvoegsel=signaal.voorvoegsel,
        voorletters=signaal.voorletters,
        voornamen=signaal.voornamen,
        geboortedatum=signaal.geboortedatum,
        bsn=signaal.bsn,
        postcode=signaal.postcode,
        huisnummer=signaal.huisnummer,
    )
    kandidaten = (bron or shv_bron()).zoeken(gemeente=signaal.gemeente, persoon=persoon)
    return shv_beoordelen(persoon, kandidaten)
