"""The DDAS document (`Uitwisselmodel`): one levering per municipality over one period, checked
against the official JSON Schema before it leaves.

`ddas_document` builds the whole delivery (the export command); `ddas_pagina` one page of it
(the pull endpoint). Both take a fixed number of queries per 2,000 cases, however many signals.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.core.exceptions import SignaalrouteError
from signaalroute.gemeenten.models import Gemeente
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak

from . import selectors
from .constants import STANDAARD_VERSIE
from .mapping import Uitwisselformaat, formaat
from .rules import Paginaverdeling, bedrag_in_euros, client_minimaal, paginaverdeling

SCHEMA_MAP = Path(__file__).resolve().parent / "schemas"
MAX_FOUTEN = 10
# Cases are read in chunks: their signals and contact attempts are fetched per chunk, so no
# IN list grows with the delivery (SQLite limits the parameters of one query).
PREFETCH_PER = 2000


class DdasValidatieFout(SignaalrouteError):
    """The document does not meet the official schema: our fault, never delivered."""

    status = 500
    code = "ddas_ongeldig"
    default_message = _("Het DDAS-document voldoet niet aan het officiële schema.")

    def __init__(self, versie: str, fouten: list[str]):
        self.versie = versie
        self.fouten = fouten
        tekst = f"Het DDAS-document voldoet niet aan schema v{versie}:\n" + "\n".join(
            f"- {fout}" for fout in fouten
        )
        super().__init__(tekst)


@dataclass(frozen=True)
class Levering:
    """The numbers behind one levering (for the audit log and the command's summary)."""

    gemeente: Gemeente
    teller: int
    vroegsignalen: int
    vroegsignaalzaken: int


# --- the document ---------------------------------------------------------------------------


def ddas_document(
    *,
    gemeenten: Iterable[Gemeente],
    van: dt.date,
    tot: dt.date,
    versie: str = STANDAARD_VERSIE,
    nu: dt.datetime | None = None,
) -> dict[str, Any]:
    """The whole delivery: a levering for every municipality, also one without signals or
    cases in the period (CBS then knows there were none)."""
    document, _leveringen = ddas_levering(
        gemeenten=gemeenten, van=van, tot=tot, versie=versie, nu=nu
    )
    return document


def ddas_levering(
    *,
    gemeenten: Iterable[Gemeente],
    van: dt.date,
    tot: dt.date,
    versie: str = STANDAARD_VERSIE,
    nu: dt.datetime | None = None,
) -> tuple[dict[str, Any], list[Levering]]:
    """`ddas_document` with the numbers per levering (for the audit log and a summary)."""
    gemeenten = list(gemeenten)
    signalen = selectors.ddas_vroegsignalen(gemeenten=gemeenten, van=van, tot=tot)
    zaken = selectors.ddas_vroegsignaalzaken(gemeenten=gemeenten, van=van, tot=tot)
    return _samenstellen(
        gemeenten=gemeenten,
        signalen=list(signalen),
        zaken=list(zaken.iterator(chunk_size=PREFETCH_PER)),
        ook_zonder_records={gemeente.pk for gemeente in gemeenten},
        van=van,
        tot=tot,
        fmt=formaat(versie),
        nu=nu,
    )


def ddas_pagina(
    *,
    gemeenten: Iterable[Gemeente],
    van: dt.date,
    tot: dt.date,
    page: int,
    page_size: int,
    versie: str = STANDAARD_VERSIE,
    nu: dt.datetime | None = None,
) -> tuple[dict[str, Any], Paginaverdeling, list[Levering]]:
    """One page of the delivery as a document of its own. Records are the signals and cases
    (first every signal, then every case, by municipality and date); a page holds `page_size`
    of them, grouped in a levering per municipality. A municipality keeps its `teller` on every
    page it appears on; municipalities without records come on page 1. `page` beyond the last
    page gives a document without leveringen (the caller refuses it first)."""
    gemeenten = list(gemeenten)
    signalen = selectors.ddas_vroegsignalen(gemeenten=gemeenten, van=van, tot=tot)
    zaken = selectors.ddas_vroegsignaalzaken(gemeenten=gemeenten, van=van, tot=tot)
    signalen_per_gemeente = selectors.aantallen_per_gemeente(signalen)
    zaken_per_gemeente = selectors.aantallen_per_gemeente(zaken)
    verdeling = paginaverdeling(
        aantal_signalen=sum(signalen_per_gemeente.values()),
        aantal_zaken=sum(zaken_per_gemeente.values()),
        page=page,
        page_size=page_size,
    )
    document, leveringen = _samenstellen(
        gemeenten=gemeenten,
        signalen=_deel(signalen, verdeling.signalen),
        zaken=_deel(zaken, verdeling.zaken),
        ook_zonder_records=(
            {gemeente.pk for gemeente in gemeenten}
            - set(signalen_per_gemeente)
            - set(zaken_per_gemeente)
            if page == 1
            else set()
        ),
        van=van,
        tot=tot,
        fmt=formaat(versie),
        nu=nu,
    )
    return document, verdeling, leveringen


def _deel(queryset, deel: slice) -> list:
    if deel.stop <= deel.start:
        return []
    return list(queryset[deel.start : deel.stop].iterator(chunk_size=PREFETCH_PER))


def _samenstellen(
    *,
    gemeenten: Sequence[Gemeente],
    signalen: list[Vroegsignaal],
    zaken: list[Vroegsignaalzaak],
    ook_zonder_records: set[int],
    van: dt.date,
    tot: dt.date,
    fmt: Uitwisselformaat,
    nu: dt.datetime | None,
) -> tuple[dict[str, Any], list[Levering]]:
    """A levering for every municipality with signals or cases in the lists, and for those in
    `ook_zonder_records` even without."""
    signalen_per_gemeente: dict[int, list[dict]] = {}
    for signaal in signalen:
        signalen_per_gemeente.setdefault(signaal.gemeente_id, []).append(
            _vroegsignaal(signaal, fmt)
        )
    zaken_per_gemeente: dict[int, list[dict]] = {}
    for zaak in zaken:
        zaken_per_gemeente.setdefault(zaak.gemeente_id, []).append(_vroegsignaalzaak(zaak, fmt))

    items: list[dict[str, Any]] = []
    leveringen: list[Levering] = []
    for teller, gemeente in enumerate(gemeenten, start=1):
        eigen_signalen = signalen_per_gemeente.get(gemeente.pk, [])
        eigen_zaken = zaken_per_gemeente.get(gemeente.pk, [])
        if not (eigen_signalen or eigen_zaken or gemeente.pk in ook_zonder_records):
            continue
        levering: dict[str, Any] = {
            "teller": teller,
            "gemeentecode": gemeente.cbs_code,
            fmt.aanleverende_organisatie: _aanleverende_organisatie(gemeente),
            "vroegsignalen": eigen_signalen,
            "vroegsignaalzaken": eigen_zaken,
        }
        items.append(levering)
        leveringen.append(Levering(gemeente, teller, len(eigen_signalen), len(eigen_zaken)))

    document: dict[str, Any] = {
        "startdatumLevering": van.isoformat(),
        "einddatumLevering": tot.isoformat(),
        "aanleverdatumEnTijd": _datum_tijd(nu or timezone.now()),
        "codeGegevensleverancier": getattr(
            settings, "DDAS_CODE_GEGEVENSLEVERANCIER", "SIGNAALROUTE"
        ),
    }
    if items:  # the schema wants at least one levering when the list is there
        document["leveringen"] = items
    return document, leveringen


def _datum_tijd(moment: dt.datetime) -> str:
    """`YYYY-MM-DDTHH:MM:SSZ` (UTC), as the schema's `datum-tijd` describes."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _aanleverende_organisatie(gemeente: Gemeente) -> dict[str, str]:
    """The executing organisation (the municipality itself or e.g. a Kredietbank). Contact
    persons are optional in DDAS and not sent: CBS has its own contact list."""
    organisatie = gemeente.uitvoeringsorganisatie
    gegevens = {"naam": organisatie.naam}
    if organisatie.kvk_nummer:
        gegevens["kvk-nummer"] = organisatie.kvk_nummer
    return gegevens


def _zonder_leeg(gegevens: dict[str, Any]) -> dict[str, Any]:
    return {sleutel: waarde for sleutel, waarde in gegevens.items() if waarde is not None}


def _vroegsignaal(signaal: Vroegsignaal, fmt: Uitwisselformaat) -> dict[str, Any]:
    return _zonder_leeg(
        {
            "ID": str(signaal.uuid),
            "crisissignaal": signaal.crisissignaal,
            "warmeOverdracht": signaal.warme_overdracht,
            "bedrag": bedrag_in_euros(signaal.bedrag),
            "ontstaansdatum": signaal.ontstaansdatum.isoformat(),
            "signaaldatum": signaal.signaaldatum.isoformat(),
            "status": fmt.signaalstatus[signaal.status],
            "signaalpartner": {"type": fmt.signaalpartner[signaal.soort]},
            "client": client_minimaal(
                formaat=fmt,
                bsn=signaal.bsn,
                postcode=signaal.postcode,
                huisnummer=signaal.huisnummer,
                huisletter=signaal.huisletter,
                toevoeging=signaal.huisnummertoevoeging,
            ),
        }
    )


def _vroegsignaalzaak(zaak: Vroegsignaalzaak, fmt: Uitwisselformaat) -> dict[str, Any]:
    signaal_ids = [{"ID": str(signaal.uuid)} for signaal in zaak.vroegsignalen.all()]
    return _zonder_leeg(
        {
            "resultaat": fmt.eindresultaat[zaak.eindresultaat] if zaak.eindresultaat else None,
            "matchingsdatum": zaak.matchingsdatum.isoformat(),
            fmt.startdatum_matchingperiode: zaak.startdatum_matchingperiode.isoformat(),
            fmt.datum_opgepakt: zaak.datum_opgepakt.isoformat() if zaak.datum_opgepakt else None,
            fmt.einddatum_matchingperiode: zaak.einddatum_matchingperiode.isoformat(),
            "vroegsignalen": signaal_ids or None,  # the schema wants at least one
            "contactpogingen": [
                _contactpoging(poging, fmt) for poging in zaak.contactpogingen.all()
            ],
        }
    )


def _contactpoging(poging, fmt: Uitwisselformaat) -> dict[str, Any]:
    return _zonder_leeg(
        {
            "soort": fmt.contactsoort[poging.soort],
            "bereikt": poging.bereikt,
            "datum": poging.datum.isoformat(),
            "dagdeel": fmt.dagdeel[poging.dagdeel] if poging.dagdeel else None,
        }
    )


# --- validation -----------------------------------------------------------------------------


@cache
def schema(versie: str) -> dict[str, Any]:
    """The official schema, kept in the repository (`schemas/`, ADR 0014)."""
    formaat(versie)  # refuses an unknown version
    pad = SCHEMA_MAP / f"v{versie}-json_schema_Uitwisselmodel.json"
    return json.loads(pad.read_text(encoding="utf-8"))


FORMAATCONTROLE = FormatChecker()


@FORMAATCONTROLE.checks("date-time", raises=ValueError)
def _is_datum_tijd(waarde: object) -> bool:
    """RFC 3339 date-time with a time zone (jsonschema checks it only with an extra package)."""
    if not isinstance(waarde, str):
        return True
    if "T" not in waarde.upper():
        return False
    moment = dt.datetime.fromisoformat(waarde.replace("z", "Z"))
    return moment.tzinfo is not None


@cache
def _validator(versie: str) -> Draft202012Validator:
    document = schema(versie)
    Draft202012Validator.check_schema(document)
    return Draft202012Validator(document, format_checker=FORMAATCONTROLE)


def schemafouten(document: dict[str, Any], versie: str) -> list[str]:
    """Every violation as `path: reason`, without the offending value (it may be a BSN)."""
    fouten = sorted(_validator(versie).iter_errors(document), key=lambda fout: list(fout.path))
    return [f"{fout.json_path}: {_reden(fout)}" for fout in fouten]


def valideren(document: dict[str, Any], versie: str = STANDAARD_VERSIE) -> None:
    """Raise `DdasValidatieFout` listing the first problems when the document does not meet
    the official schema of `versie`."""
    fouten = schemafouten(document, versie)
    if fouten:
        rest = len(fouten) - MAX_FOUTEN
        getoond = fouten[:MAX_FOUTEN] + ([f"... en nog {rest} fout(en)"] if rest > 0 else [])
        raise DdasValidatieFout(versie, getoond)


def _reden(fout: ValidationError) -> str:
    waarde = fout.validator_value
    match fout.validator:
        case "required":
            ontbreekt = [naam for naam in waarde if naam not in fout.instance]
            return f"verplicht veld ontbreekt ({', '.join(ontbreekt)})"
        case "additionalProperties":
            bekend = set(fout.schema.get("properties", {}))
            extra = sorted(set(fout.instance) - bekend)
            return f"veld niet toegestaan ({', '.join(extra)})"
        case "type":
            return f"verkeerd type (verwacht {waarde})"
        case "enum":
            return "waarde staat niet in de enumeratie"
        case "format":
            return f"ongeldig formaat (verwacht {waarde})"
        case "oneOf":
            return "voldoet niet aan precies één van de toegestane vormen"
        case "not":
            return "bevat een combinatie die niet is toegestaan"
        case "minItems" | "minLength":
            return f"te kort (minimaal {waarde})"
        case "maxLength" | "maxItems":
            return f"te lang (maximaal {waarde})"
        case "uniqueItems":
            return "bevat dubbele elementen"
    return f"voldoet niet aan '{fout.validator}'"
