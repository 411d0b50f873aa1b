"""Row validation for the partner intake: pure rules, no ORM.

`rij_valideren` turns one delivered row (canonical field name -> cell text, as produced by
`parsing`, or a JSON signal) into a `Rijresultaat`: a status, every problem with a stable
reason code from `REASON_CODES`, and the cleaned values keyed by `Vroegsignaal` field names.

Decisions (documented for partners in docs/aanleverformaat.md):
- Problems that make a signal unusable or unlawful to receive reject the row (`Ernst.FOUT`);
  everything else is accepted with a warning. Invalid optional data (BSN, birth date, house
  letter) is dropped; invalid contact data (phone, e-mail) is kept as delivered and flagged.
- `signaaldatum` is optional: a missing column means the delivery date, silently; an empty cell
  in an existing column means the delivery date with the warning `signaaldatum_ontbreekt`.
- The partner criteria (window, minimum amount, unpaid terms) are not checked for crisis,
  eindelevering and warme-overdracht signals: those must never be held back.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from signaalroute.core.werkdagen import is_werkdag
from signaalroute.signaalpartners.constants import Signaalpartnersoort

from .constants import Regelstatus
from .velden import (
    EXTRA_VELDEN,
    MAX_LENGTE,
    MAX_TOEVOEGING,
    VELD_LABELS,
    VROEGSIGNAAL_VELDEN,
    Veldfout,
    aantal_parsen,
    achternaam_splitsen,
    bedrag_parsen,
    bedragcel_als_tekst,
    bsn_parsen,
    cel_als_tekst,
    datum_parsen,
    echo,
    email_parsen,
    gemeentecode_parsen,
    huisnummer_parsen,
    ja_nee_parsen,
    postcode_parsen,
    rechtsvorm_vinden,
    tekst_normaliseren,
    telefoonnummer_parsen,
    voorletters_normaliseren,
    voorletters_uit_voornamen,
)


class Ernst(StrEnum):
    FOUT = "fout"  # the row is rejected
    WAARSCHUWING = "waarschuwing"  # the row is accepted, the problem is reported
    BESTAND = "bestand"  # the whole file cannot be read (see parsing.BestandOnleesbaar)


_F, _W, _B = Ernst.FOUT, Ernst.WAARSCHUWING, Ernst.BESTAND
_REDENEN: tuple[tuple[str, Ernst, str], ...] = (
    # the row is rejected
    ("verplicht_veld_ontbreekt", _F, "Een verplicht veld is leeg."),
    ("bedrag_ontbreekt", _F, "Het bedrag van de achterstand is leeg."),
    ("bedrag_ongeldig", _F, "Het bedrag is geen geldig bedrag in euro's of is 0."),
    ("bedrag_negatief", _F, "Het bedrag is negatief."),
    ("postcode_ongeldig", _F, "De postcode is geen geldige Nederlandse postcode (1234 AB)."),
    ("huisnummer_ongeldig", _F, "Het huisnummer is geen getal van 1 t/m 99999 (met letter)."),
    ("datum_ongeldig", _F, "Een datum is geen geldige datum."),
    ("datum_in_toekomst", _F, "De ontstaansdatum of signaaldatum ligt na de aanleverdatum."),
    ("ontstaansdatum_na_signaaldatum", _F, "De achterstand is ontstaan na de signaaldatum."),
    ("achterstand_te_kort", _F, "De achterstand is korter dan de termijn voor deze partner."),
    ("kolommen_te_veel", _F, "De regel heeft meer gevulde velden dan de kopregel."),
    # the row is accepted with a warning
    ("signaaldatum_ontbreekt", _W, "Signaaldatum leeg: de aanleverdatum is gebruikt."),
    ("bedrag_onder_minimum", _W, "Het bedrag ligt onder het minimumbedrag van de partner."),
    ("termijnen_te_weinig", _W, "Minder onbetaalde termijnen dan het minimum van de partner."),
    ("achterstand_te_lang", _W, "De achterstand is ouder dan de termijn voor deze partner."),
    ("eindelevering_te_laat", _W, "Minder dan 20 werkdagen tussen signaal en einde levering."),
    ("rechtspersoon", _W, "Signaal over een rechtspersoon: wordt niet opgevolgd."),
    ("bsn_ongeldig", _W, "Het BSN bestaat niet uit 9 cijfers; het is niet gebruikt."),
    ("bsn_elfproef", _W, "Het BSN voldoet niet aan de elfproef; het is niet gebruikt."),
    ("telefoonnummer_ongeldig", _W, "Het telefoonnummer is ongeldig; bewaard zoals aangeleverd."),
    ("email_ongeldig", _W, "Het e-mailadres is ongeldig; bewaard zoals aangeleverd."),
    ("geboortedatum_ongeldig", _W, "De geboortedatum is ongeldig; niet gebruikt."),
    ("geboortedatum_verdacht", _W, "De geboortedatum lijkt een opvulwaarde (zoals 1-1-1900)."),
    ("huisletter_ongeldig", _W, "De huisletter is geen enkele letter; niet gebruikt."),
    ("huisnummertoevoeging_ongeldig", _W, "De toevoeging is niet zoals in de BAG; niet gebruikt."),
    ("gemeentecode_ongeldig", _W, "De gemeentecode is ongeldig; de postcode is gebruikt."),
    ("huisnummer_tegenstrijdig", _W, "Huisletter of toevoeging staat twee keer, verschillend."),
    ("getal_ongeldig", _W, "Een termijnbedrag of aantal termijnen is ongeldig; genegeerd."),
    ("ja_nee_ongeldig", _W, "Een ja/nee-veld heeft een andere waarde; behandeld als nee."),
    ("veld_te_lang", _W, "Een tekst is te lang en is ingekort."),
    # added by the import service after validation (routing, repeats); see DIENSTCODES
    ("gemeente_niet_aangesloten", _F, "Het adres ligt niet in een aangesloten gemeente."),
    ("dubbel_in_aanlevering", _F, "Hetzelfde signaal staat al eerder in deze aanlevering."),
    ("al_aangeleverd", _F, "Dit signaal is in deze periode al aangeleverd, niet hoger."),
    ("update_eerder_signaal", _W, "Update van een eerder signaal; beide zijn gekoppeld."),
    ("al_eerder_op_lijst", _F, "Stond al op een eerder ingelezen lijst (alleen nieuwe ingelezen)."),
    # the whole file cannot be read (raised by parsing)
    ("bestand_leeg", _B, "Het bestand is leeg."),
    ("bestand_te_groot", _B, "Het bestand is groter dan toegestaan."),
    ("bestand_onleesbaar", _B, "Het bestand is geen leesbaar CSV- of Excelbestand."),
    ("bestandstype_niet_ondersteund", _B, "Alleen CSV en XLSX worden ondersteund."),
    ("bestand_uitgepakt_te_groot", _B, "Het Excelbestand is uitgepakt te groot of verdacht."),
    ("werkblad_te_groot", _B, "Het werkblad beslaat te veel cellen (tot ver buiten de gegevens)."),
    ("csv_opmaak_ongeldig", _B, "Het CSV-bestand heeft een opmaakfout (aanhalingstekens)."),
    ("kopregel_ontbreekt", _B, "Er is geen kopregel met bekende kolomnamen gevonden."),
    ("verplichte_kolom_ontbreekt", _B, "Een of meer verplichte kolommen ontbreken."),
    ("dubbele_kolom", _B, "Twee kolommen hebben dezelfde betekenis."),
    ("te_veel_rijen", _B, "Het bestand heeft meer regels dan toegestaan."),
)
REASON_CODES: dict[str, str] = {code: omschrijving for code, _, omschrijving in _REDENEN}
ERNST: dict[str, Ernst] = {code: ernst for code, ernst, _ in _REDENEN}
# Row codes that `rij_valideren` never produces: the import service adds them.
DIENSTCODES = frozenset(
    {
        "gemeente_niet_aangesloten",
        "dubbel_in_aanlevering",
        "al_aangeleverd",
        "update_eerder_signaal",
        "al_eerder_op_lijst",
    }
)

SIGNAALDATUM_MARGE = datetime.timedelta(days=1)  # clock and time-zone slack
EINDELEVERING_WERKDAGEN = 20
MAX_LEEFTIJD_JAREN = 120
VERDACHTE_GEBOORTEDATA = frozenset(
    {datetime.date(1900, 1, 1), datetime.date(1970, 1, 1), datetime.date(2000, 1, 1)}
)


# --- partner criteria ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signaalcriteria:
    """When a partner of this type may signal (BRIEF §3), overridable per partner.

    Amounts in cents. `termijnen_of_bedrag`: meeting either the number of unpaid terms or the
    minimum amount is enough (health insurers: "2 monthly premiums or at least €75")."""

    soort: str
    minimum_bedrag: int = 0
    minimale_achterstand_dagen: int = 0
    maximale_achterstand_dagen: int | None = None
    minimum_termijnen: int | None = None
    termijnen_of_bedrag: bool = False


_S = Signaalpartnersoort
STANDAARD_CRITERIA: dict[str, Signaalcriteria] = {
    _S.HUUR: Signaalcriteria(_S.HUUR, 0, 30),
    _S.ZORG: Signaalcriteria(_S.ZORG, 7500, 30, 100, 2, termijnen_of_bedrag=True),
    _S.ENERGIE: Signaalcriteria(_S.ENERGIE, 5000, 30, None, 2),
    _S.WATER: Signaalcriteria(_S.WATER, 0, 30),
    _S.BELASTINGDIENST: Signaalcriteria(_S.BELASTINGDIENST, 60000, 0),
    **{
        soort: Signaalcriteria(soort)
        for soort in (
            _S.HYPOTHEEK,
            _S.CAK_ZORGVERZEKERINGEN,
            _S.CAK_EIGEN_BIJDRAGE,
            _S.DUO,
            _S.DIENST_TOESLAGEN,
            _S.OVERIGE,
        )
    },
}


def criteria_bepalen(
    soort: str,
    *,
    minimum_bedrag: int | None = None,
    minimale_achterstand_dagen: int | None = None,
) -> Signaalcriteria:
    """The criteria for a partner: the defaults of its type, with the partner's own values
    (`Signaalpartner.minimum_bedrag`, `.minimale_achterstand_dagen`; None = default)."""
    try:
        criteria = STANDAARD_CRITERIA[soort]
    except KeyError:
        raise ValueError(f"Onbekende soort signaalpartner: {soort!r}") from None
    wijzigingen: dict[str, int] = {}
    if minimum_bedrag is not None:
        wijzigingen["minimum_bedrag"] = minimum_bedrag
    if minimale_achterstand_dagen is not None:
        wijzigingen["minimale_achterstand_dagen"] = minimale_achterstand_dagen
    return dataclasses.replace(criteria, **wijzigingen) if wijzigingen else criteria


@lru_cache(maxsize=2048)
def werkdagen_tussen(begin: datetime.date, eind: datetime.date) -> int:
    """Working days d with begin < d <= eind (Mon-Fri, no public holiday); counting stops at
    100 because callers only compare with small numbers."""
    aantal, dag = 0, begin
    while dag < eind and aantal < 100:
        dag += datetime.timedelta(days=1)
        if is_werkdag(dag):
            aantal += 1
    return aantal


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Melding:
    """One problem in one row: a code from `REASON_CODES`, the field, a Dutch message."""

    code: str
    veld: str
    bericht: str

    @property
    def ernst(self) -> Ernst:
        return ERNST[self.code]

    def als_dict(self) -> dict[str, str]:
        return {"code": self.code, "veld": self.veld, "bericht": self.bericht, "ernst": self.ernst}


@dataclass(slots=True)
class Rijresultaat:
    """The outcome for one row. `waarden` always holds every key of `VROEGSIGNAAL_VELDEN`
    (None/""/False when absent); for a rejected row it holds what could be read."""

    rijnummer: int
    status: Regelstatus
    meldingen: list[Melding] = field(default_factory=list)
    waarden: dict[str, Any] = field(default_factory=dict)

    @property
    def afgewezen(self) -> bool:
        return self.status == Regelstatus.AFGEWEZEN


@dataclass(frozen=True, slots=True)
class Validatiecontext:
    """What a row is checked against: the partner's criteria and the delivery date (the
    default signal date and "today" for dates in the future)."""

    criteria: Signaalcriteria
    aanleverdatum: datetime.date
    # Lists a municipality imports itself (CAK, bronheffing) may lack amounts: then 0.
    bedrag_verplicht: bool = True


_GEEN_TEKST = (
    "bedrag", "termijnbedrag", "aantal_onbetaalde_termijnen", "ontstaansdatum", "signaaldatum",
    "einddatum_levering", "geboortedatum", "huisnummer",
)  # fmt: skip
_JA_NEE = ("crisissignaal", "eindelevering", "warme_overdracht", "rechtspersoon")
_LEGE_WAARDEN: dict[str, Any] = {
    **dict.fromkeys(VROEGSIGNAAL_VELDEN, ""),
    **dict.fromkeys(_GEEN_TEKST, None),
    **dict.fromkeys(_JA_NEE, False),
}


class _Rij:
    """The state of one row being validated: its cells, the clean values, the problems."""

    __slots__ = ("get", "tekst", "w", "meldingen", "context")

    def __init__(self, rij: Mapping[str, Any], context: Validatiecontext):
        self.get = rij.get
        # tekst(veld): the cell as stripped text; None when the field was not delivered at all.
        self.tekst = {v: cel_als_tekst(w) for v, w in rij.items() if w is not None}.get
        self.w = dict(_LEGE_WAARDEN)
        self.meldingen: list[Melding] = []
        self.context = context

    def melden(self, code: str, veld: str, bericht: str) -> None:
        self.meldingen.append(Melding(code, veld, bericht))

    def verplicht(self, veld: str) -> None:
        self.melden(
            "verplicht_veld_ontbreekt", veld, f"{VELD_LABELS[veld]} is verplicht maar leeg."
        )

    def datum(self, veld: str, waarde: str) -> datetime.date | None:
        try:
            self.w[veld] = datum = datum_parsen(waarde)
        except Veldfout as fout:
            self.melden(fout.code, veld, fout.bericht)
            return None
        return datum


def rij_valideren(
    rij: Mapping[str, Any], *, context: Validatiecontext, rijnummer: int = 0
) -> Rijresultaat:
    """Validate one delivered row (field -> text, or JSON values); never raises for bad data."""
    r = _Rij(rij, context)
    _persoon_valideren(r)
    _contact_valideren(r)
    _adres_valideren(r)
    bedrag = _achterstand_valideren(r)
    ontstaansdatum, signaaldatum = _data_valideren(r)
    _eindelevering_valideren(r, signaaldatum)
    w = r.w
    if not (w["crisissignaal"] or w["eindelevering"] or w["warme_overdracht"]):
        _criteria_toetsen(r, bedrag, ontstaansdatum, signaaldatum)
    if extra := r.get(EXTRA_VELDEN):
        r.melden(
            "kolommen_te_veel",
            "",
            f"De regel heeft {extra} gevuld(e) veld(en) meer dan de kopregel kolommen heeft; "
            "waarschijnlijk staat er een scheidingsteken (; of ,) in een waarde zonder "
            "aanhalingstekens.",
        )
    for veld, maximum in MAX_LENGTE.items():
        if len(w[veld]) > maximum:
            w[veld] = w[veld][:maximum]
            r.melden("veld_te_lang", veld, f"{VELD_LABELS[veld]} is langer dan {maximum} tekens.")

    status = Regelstatus.GEACCEPTEERD
    for melding in r.meldingen:
        if ERNST[melding.code] is Ernst.FOUT:
            status = Regelstatus.AFGEWEZEN
            break
        status = Regelstatus.WAARSCHUWING
    return Rijresultaat(rijnummer, status, r.meldingen, w)


def _persoon_valideren(r: _Rij) -> None:
    w = r.w
    achternaam = r.tekst("achternaam")
    voorvoegsel = r.tekst("voorvoegsel")
    if achternaam:
        achternaam = tekst_normaliseren(achternaam)
        if voorvoegsel:
            voorvoegsel = " ".join(voorvoegsel.split()).lower()
            if achternaam.lower().startswith(voorvoegsel + " "):
                achternaam = achternaam[len(voorvoegsel) + 1 :].lstrip()
        else:
            voorvoegsel, achternaam = achternaam_splitsen(achternaam)
        w["achternaam"] = achternaam
    else:
        r.verplicht("achternaam")
    w["voorvoegsel"] = voorvoegsel or ""
    if voornamen := r.tekst("voornamen"):
        w["voornamen"] = voornamen = tekst_normaliseren(voornamen)
    if voorletters := r.tekst("voorletters"):
        w["voorletters"] = voorletters_normaliseren(voorletters)
    elif voornamen:
        w["voorletters"] = voorletters_uit_voornamen(voornamen)

    rechtsvorm = r.tekst("rechtsvorm") or ""
    gevonden = rechtsvorm_vinden(achternaam or "", tekst_normaliseren(rechtsvorm))
    if gevonden is None and (waarde := r.tekst("rechtspersoon")):
        try:
            gevonden = "rechtspersoon" if ja_nee_parsen(waarde) else None
        except Veldfout as fout:
            r.melden(fout.code, "rechtspersoon", fout.bericht)
    if gevonden:
        w["rechtspersoon"] = True
        r.melden(
            "rechtspersoon",
            "rechtsvorm" if rechtsvorm else "achternaam",
            f"Dit signaal lijkt over een rechtspersoon te gaan (gevonden: '{echo(gevonden)}'). "
            "Rechtspersonen vallen buiten vroegsignalering; het signaal wordt niet opgevolgd.",
        )

    if waarde := r.tekst("geboortedatum"):
        try:
            datum = datum_parsen(waarde)
        except Veldfout as fout:
            r.melden("geboortedatum_ongeldig", "geboortedatum", fout.bericht + " Niet gebruikt.")
            return
        vandaag = r.context.aanleverdatum
        if datum in VERDACHTE_GEBOORTEDATA:
            # Kept, so that matching can recognise it (and ignore it) by VERDACHTE_GEBOORTEDATA.
            w["geboortedatum"] = datum
            r.melden(
                "geboortedatum_verdacht",
                "geboortedatum",
                f"Geboortedatum {datum:%d-%m-%Y} lijkt een opvulwaarde; "
                "lever liever geen geboortedatum dan een onjuiste.",
            )
        elif datum > vandaag or vandaag.year - datum.year > MAX_LEEFTIJD_JAREN:
            r.melden(
                "geboortedatum_ongeldig",
                "geboortedatum",
                f"Geboortedatum {datum:%d-%m-%Y} kan niet kloppen; niet gebruikt.",
            )
        else:
            w["geboortedatum"] = datum


def _contact_valideren(r: _Rij) -> None:
    w = r.w
    if waarde := r.tekst("bsn"):
        try:
            w["bsn"] = bsn_parsen(waarde)
        except Veldfout as fout:
            r.melden(fout.code, "bsn", fout.bericht)
    if waarde := r.tekst("telefoonnummer"):
        w["telefoonnummer"], geldig = telefoonnummer_parsen(waarde)
        if not geldig:
            r.melden(
                "telefoonnummer_ongeldig",
                "telefoonnummer",
                f"Telefoonnummer '{echo(waarde)}' is ongeldig; bewaard zoals aangeleverd.",
            )
    if waarde := r.tekst("email"):
        w["email"], geldig = email_parsen(waarde)
        if not geldig:
            r.melden(
                "email_ongeldig",
                "email",
                f"E-mailadres '{echo(waarde)}' is ongeldig; bewaard zoals aangeleverd.",
            )


def _adres_valideren(r: _Rij) -> None:
    w = r.w
    if waarde := r.tekst("postcode"):
        try:
            w["postcode"] = postcode_parsen(waarde)
        except Veldfout as fout:
            r.melden(fout.code, "postcode", fout.bericht)
    else:
        r.verplicht("postcode")

    if waarde := r.tekst("gemeentecode"):
        try:
            w["gemeentecode"] = gemeentecode_parsen(waarde)
        except Veldfout as fout:
            r.melden(fout.code, "gemeentecode", fout.bericht)

    letter = toevoeging = ""
    if waarde := r.tekst("huisnummer"):
        try:
            w["huisnummer"], letter, toevoeging = huisnummer_parsen(waarde)
        except Veldfout as fout:
            r.melden(fout.code, "huisnummer", fout.bericht)
    else:
        r.verplicht("huisnummer")

    if waarde := r.tekst("huisletter"):
        if len(waarde) == 1 and waarde.isalpha() and waarde.isascii():
            if letter and letter != waarde.upper():
                r.melden(
                    "huisnummer_tegenstrijdig",
                    "huisletter",
                    f"Huisletter '{echo(waarde)}' verschilt van de letter in het huisnummer "
                    f"('{letter}'); de huisletterkolom is gebruikt.",
                )
            letter = waarde.upper()
        else:
            r.melden(
                "huisletter_ongeldig",
                "huisletter",
                f"Huisletter '{echo(waarde)}' is geen enkele letter; niet gebruikt.",
            )
    if waarde := r.tekst("huisnummertoevoeging"):
        kolom = waarde.lstrip("-/ ").replace(" ", "").upper()
        if kolom and toevoeging and toevoeging != kolom:
            r.melden(
                "huisnummer_tegenstrijdig",
                "huisnummertoevoeging",
                f"Toevoeging '{echo(waarde)}' verschilt van de toevoeging in het huisnummer "
                f"('{echo(toevoeging)}'); de toevoegingkolom is gebruikt.",
            )
        toevoeging = kolom
    if toevoeging and not (
        len(toevoeging) <= MAX_TOEVOEGING and toevoeging.isalnum() and toevoeging.isascii()
    ):
        r.melden(
            "huisnummertoevoeging_ongeldig",
            "huisnummertoevoeging",
            f"Toevoeging '{echo(toevoeging)}' is geen geldige huisnummertoevoeging "
            "(hoogstens 4 letters of cijfers, zoals in de BAG); niet gebruikt.",
        )
        toevoeging = ""
    w["huisletter"], w["huisnummertoevoeging"] = letter, toevoeging
    if waarde := r.tekst("straat"):
        w["straat"] = tekst_normaliseren(waarde)
    if waarde := r.tekst("woonplaats"):
        w["woonplaats"] = tekst_normaliseren(waarde)


def _achterstand_valideren(r: _Rij) -> int | None:
    w, bedrag = r.w, None
    if (waarde := r.get("bedrag")) is not None and (waarde := bedragcel_als_tekst(waarde)):
        try:
            w["bedrag"] = bedrag = bedrag_parsen(waarde)
        except Veldfout as fout:
            r.melden(fout.code, "bedrag", fout.bericht)
    elif r.context.bedrag_verplicht:
        r.melden("bedrag_ontbreekt", "bedrag", "Bedrag is verplicht maar leeg.")
    else:
        w["bedrag"] = 0
    if (waarde := r.get("termijnbedrag")) is not None and (waarde := bedragcel_als_tekst(waarde)):
        try:
            w["termijnbedrag"] = bedrag_parsen(waarde)
        except Veldfout as fout:
            r.melden("getal_ongeldig", "termijnbedrag", fout.bericht + " Genegeerd.")
    if waarde := r.tekst("aantal_onbetaalde_termijnen"):
        try:
            w["aantal_onbetaalde_termijnen"] = aantal_parsen(waarde)
        except Veldfout as fout:
            r.melden(fout.code, "aantal_onbetaalde_termijnen", fout.bericht)
    if waarde := r.tekst("klantnummer"):
        w["klantnummer"] = waarde
    return bedrag


def _data_valideren(r: _Rij) -> tuple[datetime.date | None, datetime.date | None]:
    """(ontstaansdatum, signaaldatum), each None when unusable for the criteria."""
    vandaag = r.context.aanleverdatum
    ontstaansdatum = signaaldatum = None
    if waarde := r.tekst("ontstaansdatum"):
        ontstaansdatum = r.datum("ontstaansdatum", waarde)
        if ontstaansdatum and ontstaansdatum > vandaag:
            r.melden(
                "datum_in_toekomst",
                "ontstaansdatum",
                f"Ontstaansdatum {ontstaansdatum:%d-%m-%Y} ligt in de toekomst.",
            )
            ontstaansdatum = None
    else:
        r.verplicht("ontstaansdatum")
    waarde = r.tekst("signaaldatum")
    if waarde:
        signaaldatum = r.datum("signaaldatum", waarde)
        if signaaldatum and signaaldatum > vandaag + SIGNAALDATUM_MARGE:
            r.melden(
                "datum_in_toekomst",
                "signaaldatum",
                f"Signaaldatum {signaaldatum:%d-%m-%Y} ligt in de toekomst.",
            )
            signaaldatum = None
    else:
        r.w["signaaldatum"] = signaaldatum = vandaag
        if waarde is not None:  # the column exists, the cell is empty
            r.melden(
                "signaaldatum_ontbreekt",
                "signaaldatum",
                f"Signaaldatum is leeg; de aanleverdatum {vandaag:%d-%m-%Y} is gebruikt.",
            )
    if ontstaansdatum and signaaldatum and ontstaansdatum > signaaldatum:
        r.melden(
            "ontstaansdatum_na_signaaldatum",
            "ontstaansdatum",
            f"Ontstaansdatum {ontstaansdatum:%d-%m-%Y} ligt na de signaaldatum "
            f"{signaaldatum:%d-%m-%Y}.",
        )
        ontstaansdatum = None
    return ontstaansdatum, signaaldatum


def _eindelevering_valideren(r: _Rij, signaaldatum: datetime.date | None) -> None:
    w = r.w
    for veld in ("crisissignaal", "eindelevering", "warme_overdracht"):
        if waarde := r.tekst(veld):
            try:
                w[veld] = ja_nee_parsen(waarde)
            except Veldfout as fout:
                r.melden(fout.code, veld, fout.bericht)
    einddatum = None
    if waarde := r.tekst("einddatum_levering"):
        einddatum = r.datum("einddatum_levering", waarde)
        if einddatum and r.get("eindelevering") is None:
            w["eindelevering"] = True  # a date without an eindelevering column says enough
    if not w["eindelevering"]:
        return
    if not waarde:
        r.verplicht("einddatum_levering")
    elif (
        einddatum
        and signaaldatum
        and werkdagen_tussen(signaaldatum, einddatum) < EINDELEVERING_WERKDAGEN
    ):
        r.melden(
            "eindelevering_te_laat",
            "einddatum_levering",
            f"Einde levering {einddatum:%d-%m-%Y} ligt minder dan {EINDELEVERING_WERKDAGEN} "
            "werkdagen na de signaaldatum; meld eindelevering uiterlijk 20 werkdagen vooraf.",
        )


def _criteria_toetsen(
    r: _Rij,
    bedrag: int | None,
    ontstaansdatum: datetime.date | None,
    signaaldatum: datetime.date | None,
) -> None:
    criteria = r.context.criteria
    if ontstaansdatum and signaaldatum:
        dagen = (signaaldatum - ontstaansdatum).days
        if dagen < criteria.minimale_achterstand_dagen:
            r.melden(
                "achterstand_te_kort",
                "ontstaansdatum",
                f"De achterstand bestaat op de signaaldatum {dagen} dag(en); deze partner mag "
                f"pas signaleren na {criteria.minimale_achterstand_dagen} dagen.",
            )
        elif criteria.maximale_achterstand_dagen and dagen > criteria.maximale_achterstand_dagen:
            r.melden(
                "achterstand_te_lang",
                "ontstaansdatum",
                f"De achterstand bestaat op de signaaldatum {dagen} dagen; de termijn voor "
                f"deze soort partner is hoogstens {criteria.maximale_achterstand_dagen} dagen.",
            )
    if bedrag is None:
        return
    termijnen = r.w["aantal_onbetaalde_termijnen"]
    te_weinig = (
        criteria.minimum_termijnen is not None
        and termijnen is not None
        and termijnen < criteria.minimum_termijnen
    )
    te_laag = bedrag < criteria.minimum_bedrag
    if criteria.termijnen_of_bedrag:
        # Either is enough: enough unpaid terms excuse a low amount, a high amount few terms.
        genoeg_termijnen = criteria.minimum_termijnen is not None and termijnen is not None
        te_laag = te_laag and not (genoeg_termijnen and not te_weinig)
        te_weinig = False
    if te_laag:
        r.melden(
            "bedrag_onder_minimum",
            "bedrag",
            f"Bedrag € {_euro(bedrag)} ligt onder het minimumbedrag van "
            f"€ {_euro(criteria.minimum_bedrag)} voor deze partner.",
        )
    if te_weinig:
        r.melden(
            "termijnen_te_weinig",
            "aantal_onbetaalde_termijnen",
            f"Aantal onbetaalde termijnen is {termijnen}; deze partner signaleert vanaf "
            f"{criteria.minimum_termijnen} termijnen.",
        )


def _euro(centen: int) -> str:
    """Cents as a Dutch amount: 123456 -> `1.234,56`."""
    euros, rest = divmod(centen, 100)
    return f"{euros:,}".replace(",", ".") + f",{rest:02d}"
