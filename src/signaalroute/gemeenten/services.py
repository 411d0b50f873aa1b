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


@transaction.atomic
def postcodes_importeren(*, inhoud: bytes) -> PostcodeImportResultaat:
    """Import a CSV `postcode;gemeentecode[;wijkcode;wijknaam]` (PC4 or PC6 per row).

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
        postcode = normaliseer_postcode(rij.get("postcode", ""))
        code = rij.get("gemeentecode", "").upper().removeprefix("GM").zfill(4)
        if postcode is None:
            resultaat.fouten.append(f"Regel {regelnummer}: ongeldige postcode.")
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
