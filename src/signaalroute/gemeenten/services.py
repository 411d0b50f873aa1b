"""Writes for municipalities and the postcode table."""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction

from signaalroute.core.exceptions import ValidatieFout

from .models import Gemeente, Postcodegebied, Wijk
from .rules import normaliseer_postcode

POSTCODE_KOLOMMEN = {"postcode", "gemeentecode"}


@dataclass
class PostcodeImportResultaat:
    aangemaakt: int = 0
    bijgewerkt: int = 0
    wijken_aangemaakt: int = 0
    fouten: list[str] = field(default_factory=list)

    @property
    def verwerkt(self) -> int:
        return self.aangemaakt + self.bijgewerkt


def _lees_csv(inhoud: bytes) -> csv.DictReader:
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = inhoud.decode("cp1252")
    try:
        dialect = csv.Sniffer().sniff(tekst[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
        dialect.delimiter = ";"
    reader = csv.DictReader(io.StringIO(tekst), dialect=dialect)
    kolommen = {(naam or "").strip().lower() for naam in reader.fieldnames or []}
    if missend := POSTCODE_KOLOMMEN - kolommen:
        raise ValidatieFout(
            f"Het bestand mist de kolom(men): {', '.join(sorted(missend))}. "
            "Verwacht: postcode;gemeentecode;wijkcode;wijknaam"
        )
    return reader


MAX_REEKS = 200  # PC4s in one range: more is a typing error, not a district


def _postcodes(tekst: str) -> list[str] | None:
    """One postcode, or every PC4 of a range `7411-7418`; None when invalid."""
    if "-" in tekst.strip().strip("-"):
        van, _, tot = (deel.strip() for deel in tekst.partition("-"))
        if not (van.isdigit() and tot.isdigit() and len(van) == len(tot) == 4):
            return None
        if not 1000 <= int(van) <= int(tot) < int(van) + MAX_REEKS:
            return None
        return [str(nummer) for nummer in range(int(van), int(tot) + 1)]
    postcode = normaliseer_postcode(tekst)
    return None if postcode is None else [postcode]


@transaction.atomic
def postcodes_importeren(*, inhoud: bytes) -> PostcodeImportResultaat:
    """Import a CSV `postcode;gemeentecode[;wijkcode;wijknaam]`: a PC4 or PC6 per row, or a
    range of PC4s (`7411-7418`), e.g. all postcodes of a district.

    Existing postcodes are updated; unknown municipalities and invalid postcodes are reported
    per row and nothing of those rows is stored. The whole file is one transaction.
    """
    reader = _lees_csv(inhoud)
    resultaat = PostcodeImportResultaat()
    gemeenten = {g.cbs_code: g for g in Gemeente.objects.all()}
    wijken = {(w.gemeente_id, w.code): w for w in Wijk.objects.all()}
    bestaand = {p.postcode: p for p in Postcodegebied.objects.all()}
    nieuw: list[Postcodegebied] = []
    gewijzigd: list[Postcodegebied] = []
    for regelnummer, rij in enumerate(reader, start=2):
        rij = {(k or "").strip().lower(): (v or "").strip() for k, v in rij.items()}
        postcodes = _postcodes(rij.get("postcode", ""))
        code = rij.get("gemeentecode", "").upper().removeprefix("GM").zfill(4)
        if postcodes is None:
            resultaat.fouten.append(f"Regel {regelnummer}: ongeldige postcode of reeks.")
            continue
        gemeente = gemeenten.get(code)
        if gemeente is None:
            resultaat.fouten.append(f"Regel {regelnummer}: onbekende gemeentecode {code!r}.")
            continue
        wijk = None
        if wijkcode := rij.get("wijkcode", ""):
            wijk = wijken.get((gemeente.pk, wijkcode))
            if wijk is None:
                wijk = Wijk.objects.create(
                    gemeente=gemeente, code=wijkcode, naam=rij.get("wijknaam") or wijkcode
                )
                wijken[(gemeente.pk, wijkcode)] = wijk
                resultaat.wijken_aangemaakt += 1
        for postcode in postcodes:
            if postcode in bestaand:
                gebied = bestaand[postcode]
                gebied.gemeente, gebied.wijk = gemeente, wijk
                gewijzigd.append(gebied)
            else:
                gebied = Postcodegebied(postcode=postcode, gemeente=gemeente, wijk=wijk)
                bestaand[postcode] = gebied
                nieuw.append(gebied)
    Postcodegebied.objects.bulk_create(nieuw, batch_size=2000)
    Postcodegebied.objects.bulk_update(gewijzigd, ["gemeente", "wijk"], batch_size=2000)
    resultaat.aangemaakt, resultaat.bijgewerkt = len(nieuw), len(gewijzigd)
    return resultaat
