"""Recording the debt development a partner reports back (BRIEF §7), from a CSV upload in the
portal or a batch in the partner API. Both go through `schuldontwikkelingen_melden`, so a row
gets the same verdict whichever way it came in.

A row names its signal by the signal's UUID, or by the partner's own klantnummer plus the
signal date. Only the partner's own signals are found; a row about any other signal gets the
same "not found" as a row with a typo, so nothing is revealed about other partners' signals.
Every row ends up accepted, already reported (the same report again: idempotent) or rejected
with its reasons, kept in the batch with the data as sent."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid as uuidlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.aanleveringen.velden import Veldfout, bedrag_parsen, datum_parsen, echo
from signaalroute.accounts.models import User
from signaalroute.core.exceptions import Conflict, ValidatieFout
from signaalroute.signaalpartners.models import Partnersleutel, Signaalpartner

from .models import (
    Schuldontwikkeling,
    Schuldontwikkelingbatch,
    Schuldontwikkelingcode,
    Schuldontwikkelingkanaal,
)

MAX_RIJEN = 10_000
MAX_BYTES = 5 * 1024 * 1024
MAX_WAARDE = 200  # characters kept per value of a rejected row
MAX_VELDEN = 20  # values kept per rejected row

# Column names in a file (lower case, spaces and dashes as underscores) -> field.
KOLOMNAMEN = {
    "signaal": "signaal",
    "signaal_uuid": "signaal",
    "signaaluuid": "signaal",
    "uuid": "signaal",
    "klantnummer": "klantnummer",
    "klantnr": "klantnummer",
    "signaaldatum": "signaaldatum",
    "code": "code",
    "ontwikkeling": "code",
    "schuldontwikkeling": "code",
    "peildatum": "peildatum",
    "bedrag": "bedrag",
    "achterstand": "bedrag",
}
VELDEN = ("signaal", "klantnummer", "signaaldatum", "code", "peildatum", "bedrag")
PEILDATUM_MARGE = dt.timedelta(days=1)  # clock and time-zone slack


# --- pure: one row -------------------------------------------------------------------------


@dataclass(frozen=True)
class Reden:
    code: str
    veld: str
    bericht: str

    def als_dict(self) -> dict[str, str]:
        return {"code": self.code, "veld": self.veld, "bericht": self.bericht}


@dataclass
class Rijmelding:
    """A row as read: the signal reference, the report, or the reasons it cannot be used."""

    regelnummer: int
    gegevens: dict[str, str]
    signaal: uuidlib.UUID | None = None
    klantnummer: str = ""
    signaaldatum: dt.date | None = None
    code: str = ""
    peildatum: dt.date | None = None
    bedrag: int | None = None
    redenen: list[Reden] = field(default_factory=list)

    def afwijzen(self, code: str, veld: str, bericht: str) -> None:
        self.redenen.append(Reden(code, veld, bericht))


def kolomnaam(naam: str) -> str:
    """A column or key name as looked up in `KOLOMNAMEN`."""
    return naam.strip().lower().replace(" ", "_").replace("-", "_")


def _code_normaliseren(waarde: str) -> str:
    return waarde.strip().lower().replace(" ", "_").replace("-", "_")


def rij_lezen(regelnummer: int, gegevens: Mapping[str, Any], *, vandaag: dt.date) -> Rijmelding:
    """Check one row without the database: which signal, which report, or why not."""
    tekst = dict.fromkeys(VELDEN, "")
    for sleutel, waarde in gegevens.items():
        veld = KOLOMNAMEN.get(kolomnaam(str(sleutel)))
        if veld and not tekst[veld] and waarde is not None:
            tekst[veld] = str(waarde).strip()
    rij = Rijmelding(regelnummer=regelnummer, gegevens=_bewaren(gegevens))

    if tekst["signaal"]:
        try:
            rij.signaal = uuidlib.UUID(tekst["signaal"])
        except ValueError:
            rij.afwijzen("signaal_ongeldig", "signaal", _("Het signaal is geen geldige UUID."))
    else:
        rij.klantnummer = tekst["klantnummer"]
        if not rij.klantnummer:
            rij.afwijzen(
                "signaal_onbekend",
                "signaal",
                _("Geef het signaal (UUID) of het klantnummer met de signaaldatum."),
            )
        if not tekst["signaaldatum"]:
            rij.afwijzen(
                "signaaldatum_ontbreekt",
                "signaaldatum",
                _("Geef bij het klantnummer ook de signaaldatum."),
            )
        else:
            rij.signaaldatum = _datum(rij, "signaaldatum", tekst["signaaldatum"])

    code = _code_normaliseren(tekst["code"])
    if not code:
        rij.afwijzen("code_ontbreekt", "code", _("De code van de ontwikkeling ontbreekt."))
    elif code not in Schuldontwikkelingcode.values:
        rij.afwijzen(
            "code_onbekend",
            "code",
            _("Onbekende code '%(code)s'; kies uit: %(codes)s.")
            % {"code": echo(tekst["code"]), "codes": ", ".join(Schuldontwikkelingcode.values)},
        )
    else:
        rij.code = code

    if not tekst["peildatum"]:
        rij.afwijzen("peildatum_ontbreekt", "peildatum", _("De peildatum ontbreekt."))
    else:
        rij.peildatum = _datum(rij, "peildatum", tekst["peildatum"])
        if rij.peildatum and rij.peildatum > vandaag + PEILDATUM_MARGE:
            rij.afwijzen("peildatum_toekomst", "peildatum", _("De peildatum ligt in de toekomst."))

    if tekst["bedrag"]:
        if tekst["bedrag"] in ("0", "0,00", "0.00", "0,-"):
            rij.bedrag = 0
        else:
            try:
                rij.bedrag = bedrag_parsen(tekst["bedrag"])
            except Veldfout as fout:
                rij.afwijzen(fout.code, "bedrag", fout.bericht)
    if rij.code == Schuldontwikkelingcode.GEEN_ACHTERSTAND and rij.bedrag:
        rij.afwijzen(
            "bedrag_bij_geen_achterstand",
            "bedrag",
            _("Bij 'geen_achterstand' hoort geen openstaand bedrag."),
        )
    return rij


def _datum(rij: Rijmelding, veld: str, waarde: str) -> dt.date | None:
    try:
        return datum_parsen(waarde)
    except Veldfout as fout:
        rij.afwijzen(fout.code, veld, fout.bericht)
        return None


def _bewaren(gegevens: Mapping[str, Any]) -> dict[str, str]:
    """The row as sent, bounded, for the rejection report."""
    bewaard = {}
    for sleutel, waarde in list(gegevens.items())[:MAX_VELDEN]:
        bewaard[str(sleutel)[:50]] = ("" if waarde is None else str(waarde))[:MAX_WAARDE]
    return bewaard


# --- reading an uploaded CSV ---------------------------------------------------------------


def csv_lezen(inhoud: bytes) -> list[tuple[int, dict[str, str]]]:
    """Rows of an uploaded CSV as `(row number as a spreadsheet shows it, {column: text})`,
    under the partner's own column names (`rij_lezen` recognises them; the rejection report
    shows them as sent).
    Raises `ValidatieFout` when the file as a whole cannot be used."""
    if not inhoud.strip():
        raise ValidatieFout(_("Het bestand is leeg."))
    if len(inhoud) > MAX_BYTES:
        raise ValidatieFout(
            _("Het bestand is groter dan %(mb)s MB. Lever het in delen aan.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if inhoud.startswith(b"PK"):
        raise ValidatieFout(_("Lever een CSV-bestand aan (sla een Excelbestand op als CSV)."))
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = inhoud.decode("cp1252", errors="replace")
    eerste = tekst.splitlines()[0] if tekst.splitlines() else ""
    scheidingsteken = max((";", ",", "\t"), key=eerste.count)
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken)
    try:
        kop = next(lezer)
        kop = [k.strip() for k in kop]
        kolommen = [KOLOMNAMEN.get(kolomnaam(k), "") for k in kop]
        if "code" not in kolommen or "peildatum" not in kolommen:
            raise ValidatieFout(
                _(
                    "De kopregel mist de kolommen 'code' en/of 'peildatum'. Verwacht: "
                    "signaal of klantnummer en signaaldatum, code, peildatum, eventueel bedrag."
                )
            )
        if "signaal" not in kolommen and "klantnummer" not in kolommen:
            raise ValidatieFout(
                _("De kopregel mist een kolom 'signaal' of 'klantnummer' (met 'signaaldatum').")
            )
        rijen = []
        for regelnummer, cellen in enumerate(lezer, start=2):
            if not "".join(cellen).strip():
                continue
            if len(rijen) >= MAX_RIJEN:
                raise ValidatieFout(
                    _("Het bestand heeft meer dan %(n)s regels; lever het in delen aan.")
                    % {"n": MAX_RIJEN}
                )
            rij = {
                (kop[index] if index < len(kop) and kop[index] else f"kolom_{index + 1}"): cel
                for index, cel in enumerate(cellen)
            }
            rijen.append((regelnummer, rij))
    except csv.Error:
        raise ValidatieFout(
            _("Het bestand is geen geldig CSV-bestand (controleer de aanhalingstekens).")
        ) from None
    except StopIteration:
        raise ValidatieFout(_("Het bestand bevat geen kopregel.")) from None
    return rijen


# --- the service ---------------------------------------------------------------------------


def _signalen_zoeken(
    signaalpartner: Signaalpartner, rijen: list[Rijmelding]
) -> tuple[dict[uuidlib.UUID, Vroegsignaal], dict[tuple[str, dt.date], list[Vroegsignaal]]]:
    """The partner's own signals the rows refer to (two queries, whatever the number)."""
    eigen = Vroegsignaal.objects.filter(signaalpartner=signaalpartner).only(
        "id", "uuid", "klantnummer", "signaaldatum", "gemeente_id", "signaalpartner_id"
    )
    uuids = {r.signaal for r in rijen if r.signaal}
    per_uuid = {s.uuid: s for s in eigen.filter(uuid__in=uuids)} if uuids else {}
    klantnummers = {r.klantnummer for r in rijen if r.klantnummer and r.signaaldatum}
    per_klant: dict[tuple[str, dt.date], list[Vroegsignaal]] = {}
    if klantnummers:
        for s in eigen.filter(klantnummer__in=klantnummers):
            per_klant.setdefault((s.klantnummer, s.signaaldatum), []).append(s)
    return per_uuid, per_klant


def schuldontwikkelingen_melden(
    *,
    signaalpartner: Signaalpartner,
    rijen: Iterable[tuple[int, Mapping[str, Any]]],
    kanaal: str,
    door: User | None = None,
    partnersleutel: Partnersleutel | None = None,
    bestandsnaam: str = "",
    vandaag: dt.date | None = None,
) -> Schuldontwikkelingbatch:
    """Record the reports of one upload or API call; returns the batch with its counts and
    every rejected row with reasons."""
    if kanaal not in Schuldontwikkelingkanaal.values:
        raise ValidatieFout(_("Onbekend kanaal."))
    vandaag = vandaag or timezone.localdate()
    gelezen = [rij_lezen(nummer, gegevens, vandaag=vandaag) for nummer, gegevens in rijen]
    if len(gelezen) > MAX_RIJEN:
        raise ValidatieFout(_("Meer dan %(n)s regels; lever ze in delen aan.") % {"n": MAX_RIJEN})

    with transaction.atomic():
        per_uuid, per_klant = _signalen_zoeken(signaalpartner, gelezen)
        gevonden: dict[int, Vroegsignaal] = {}
        for rij in gelezen:
            if rij.redenen:
                continue
            signaal = _signaal_van(rij, per_uuid, per_klant)
            if signaal is None:
                continue
            if rij.peildatum and rij.peildatum < signaal.signaaldatum:
                rij.afwijzen(
                    "peildatum_voor_signaal",
                    "peildatum",
                    _("De peildatum ligt vóór de signaaldatum."),
                )
                continue
            gevonden[rij.regelnummer] = signaal

        # Earlier reports of these signals; lock nothing: the unique constraint guards a
        # concurrent batch and turns it into a conflict to retry.
        eerder = {
            (vs_id, peildatum): (code, bedrag)
            for vs_id, peildatum, code, bedrag in Schuldontwikkeling.objects.filter(
                vroegsignaal_id__in=[s.pk for s in gevonden.values()]
            ).values_list("vroegsignaal_id", "peildatum", "code", "bedrag")
        }
        batch = Schuldontwikkelingbatch.objects.create(
            signaalpartner=signaalpartner,
            kanaal=kanaal,
            bestandsnaam=bestandsnaam[:255],
            gemeld_door=door if door is not None and door.is_authenticated else None,
            partnersleutel=partnersleutel,
        )
        nieuw = []
        al_gemeld = 0
        for rij in gelezen:
            signaal = gevonden.get(rij.regelnummer)
            if signaal is None:
                continue
            sleutel = (signaal.pk, rij.peildatum)
            if sleutel in eerder:
                if eerder[sleutel] == (rij.code, rij.bedrag):
                    al_gemeld += 1
                else:
                    rij.afwijzen(
                        "al_gemeld",
                        "peildatum",
                        _(
                            "Voor dit signaal is op deze peildatum al een andere ontwikkeling "
                            "gemeld; kies een andere peildatum."
                        ),
                    )
                continue
            eerder[sleutel] = (rij.code, rij.bedrag)
            nieuw.append(
                Schuldontwikkeling(
                    vroegsignaal_id=signaal.pk,
                    signaalpartner=signaalpartner,
                    gemeente_id=signaal.gemeente_id,
                    batch=batch,
                    code=rij.code,
                    peildatum=rij.peildatum,
                    bedrag=rij.bedrag,
                    kanaal=kanaal,
                    gemeld_door=batch.gemeld_door,
                )
            )
        try:
            with transaction.atomic():
                Schuldontwikkeling.objects.bulk_create(nieuw, batch_size=2000)
        except IntegrityError:
            raise Conflict(
                _(
                    "Tegelijk kwam een andere melding voor dezelfde signalen binnen; probeer het opnieuw."
                )
            ) from None
        afgewezen = [r for r in gelezen if r.redenen]
        batch.aantal_rijen = len(gelezen)
        batch.aantal_geaccepteerd = len(nieuw)
        batch.aantal_al_gemeld = al_gemeld
        batch.aantal_afgewezen = len(afgewezen)
        batch.afgewezen = [
            {
                "regelnummer": r.regelnummer,
                "gegevens": r.gegevens,
                "redenen": [reden.als_dict() for reden in r.redenen],
            }
            for r in afgewezen
        ]
        batch.save()
    return batch


def _signaal_van(
    rij: Rijmelding,
    per_uuid: dict[uuidlib.UUID, Vroegsignaal],
    per_klant: dict[tuple[str, dt.date], list[Vroegsignaal]],
) -> Vroegsignaal | None:
    niet_gevonden = _(
        "Geen signaal van uw organisatie gevonden met dit signaal of klantnummer en deze "
        "signaaldatum."
    )
    if rij.signaal:
        signaal = per_uuid.get(rij.signaal)
        if signaal is None:
            rij.afwijzen("signaal_niet_gevonden", "signaal", niet_gevonden)
        return signaal
    kandidaten = per_klant.get((rij.klantnummer, rij.signaaldatum), [])
    if not kandidaten:
        rij.afwijzen("signaal_niet_gevonden", "klantnummer", niet_gevonden)
        return None
    if len(kandidaten) > 1:
        rij.afwijzen(
            "signaal_dubbelzinnig",
            "klantnummer",
            _(
                "Met dit klantnummer en deze signaaldatum zijn meerdere signalen aangeleverd; "
                "geef het signaal (UUID)."
            ),
        )
        return None
    return kandidaten[0]
