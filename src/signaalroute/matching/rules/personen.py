"""Person matching: a signal's person against the residents the BRP lists at the address.

`personen_vergelijken` compares one signal person with one resident: the points of surname
(the best of the resident's own, partner's and combined names), given names and birth date are
added up (see `constants`), with one Dutch explanation line per part. `bewoner_zoeken` ranks
all residents and decides: confirmed only on a strong match that clearly beats the runner-up;
deceased or moved only on a strong match; anything else goes to the review tray with the
candidates and the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .. import constants as c
from .achternamen import (
    Achternaamvorm,
    achternamen_vergelijken,
    bewoner_achternaamvorm,
    signaal_achternaamvorm,
    voorvoegsel_losmaken,
)
from .geboortedata import geboortedata_vergelijken, minderjarige_leeftijd
from .normaliseren import klank, vouwen
from .typen import (
    Bewoner,
    Deeluitkomst,
    Geboortedatum,
    Kandidaat,
    Naamgebruik,
    Partnernaam,
    Signaalpersoon,
    Uitkomst,
    Uitkomstsoort,
    Vergelijking,
)
from .voornamen import Voornaamvorm, voornaamvorm, voornamen_vergelijken

# --- prepared persons ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Signaal:
    persoon: Signaalpersoon
    achternaam: Achternaamvorm
    voornamen: Voornaamvorm | None
    voorletters: Voornaamvorm | None
    geboortedatum: Geboortedatum
    opvulwaarde: bool
    achternaam_tekst: str  # the surname field, without given names after a comma
    voornamen_tekst: str


@dataclass(frozen=True, slots=True)
class _Bewoner:
    bewoner: Bewoner
    eigen: Achternaamvorm
    voornamen: Voornaamvorm | None
    geboortedatum: Geboortedatum


@lru_cache(maxsize=16384)
def _delen(tekst: str) -> frozenset[str]:
    """Name parts (folded) and their sound keys: `Yıldız Osman` -> {yildiz, ildis, osman, ...}."""
    delen = [d.replace("ij", "y") for d in vouwen(voorvoegsel_losmaken(tekst)).split()]
    delen = [d for d in delen if len(d) > 1 and d not in c.TUSSENVOEGSELS]
    return frozenset(delen).union(klank(d) for d in delen)


@lru_cache(maxsize=4096)
def _signaal(persoon: Signaalpersoon) -> _Signaal:
    achternaam, voornamen = persoon.achternaam, persoon.voornamen
    if "," in achternaam and not (voornamen or persoon.voorletters):
        # "Jansen, J.H." or "Jansen, Jan": given names after the comma, unless voorvoegsels
        naam, _, rest = achternaam.rpartition(",")
        rest_delen = vouwen(rest).split()
        if naam.strip() and rest_delen and not all(d in c.TUSSENVOEGSELS for d in rest_delen):
            achternaam, voornamen = naam, rest
    return _Signaal(
        persoon=persoon,
        achternaam=signaal_achternaamvorm(persoon.voorvoegsel, achternaam),
        voornamen=voornaamvorm(voornamen) if voornamen.strip() else None,
        voorletters=(
            voornaamvorm(persoon.voorletters, voorletters=True)
            if persoon.voorletters.strip()
            else None
        ),
        geboortedatum=Geboortedatum.van(persoon.geboortedatum),
        opvulwaarde=persoon.geboortedatum_opvulwaarde,
        achternaam_tekst=achternaam,
        voornamen_tekst=voornamen,
    )


_PARTNERVORMEN = (
    ("partner", Naamgebruik.PARTNER),
    ("partner_eigen", Naamgebruik.PARTNER_EIGEN),
    ("eigen_partner", Naamgebruik.EIGEN_PARTNER),
)


@lru_cache(maxsize=4096)
def _partnervormen(
    voorvoegsel: str,
    geslachtsnaam: str,
    partners: tuple[Partnernaam, ...],
    naamgebruik: Naamgebruik,
    combinaties: bool,
) -> tuple[Achternaamvorm, ...]:
    """The surnames a resident may be known by through a (former) partner: the partner's
    name and, if `combinaties`, both combinations, each with its deduction (see
    `constants`). A short signal surname of one part can only match a combination partly, and
    then the partner's or own name matches better: its combinations are not built."""
    eigen = f"{voorvoegsel} {geslachtsnaam}".strip()
    vormen = []
    for partner in partners:
        naam = f"{partner.voorvoegsel} {partner.geslachtsnaam}".strip()
        teksten = {
            "partner": naam,
            "partner_eigen": f"{naam}-{eigen}",
            "eigen_partner": f"{eigen}-{naam}",
        }
        for soort, gebruik in _PARTNERVORMEN if combinaties else _PARTNERVORMEN[:1]:
            tekst = teksten[soort]
            if not partner.huidig:
                soort, aftrek = soort.replace("partner", "ex_partner"), c.AFTREK_EX_PARTNERNAAM
            elif naamgebruik == gebruik:
                aftrek = c.AFTREK_PARTNERNAAM
            else:
                aftrek = c.AFTREK_PARTNERNAAM_ANDER_GEBRUIK
            vormen.append(bewoner_achternaamvorm(soort, "", tekst, aftrek))
    return tuple(vormen)


@lru_cache(maxsize=4096)
def _bewoner(bewoner: Bewoner) -> _Bewoner:
    if bewoner.voornamen.strip():
        voornamen = voornaamvorm(bewoner.voornamen)
    elif bewoner.voorletters.strip():
        voornamen = voornaamvorm(bewoner.voorletters, voorletters=True)
    else:
        voornamen = None
    return _Bewoner(
        bewoner=bewoner,
        eigen=bewoner_achternaamvorm("eigen", bewoner.voorvoegsel, bewoner.geslachtsnaam),
        voornamen=voornamen,
        geboortedatum=Geboortedatum.van(bewoner.geboortedatum),
    )


# --- comparing -----------------------------------------------------------------------------


def _beste_achternaam(s: Achternaamvorm, b: _Bewoner) -> Deeluitkomst:
    """The signal's surname against the resident's own name and, unless that is equal, the
    names through a partner."""
    beste = achternamen_vergelijken(s, b.eigen)
    bewoner = b.bewoner
    if beste.code == "gelijk" or not bewoner.partners:
        return beste
    for vorm in _partnervormen(
        bewoner.voorvoegsel,
        bewoner.geslachtsnaam,
        bewoner.partners,
        bewoner.naamgebruik,
        len(s.kerndelen) > 1 or len(s.kern) > len(b.eigen.kern) + 2,  # or glued together
    ):
        uitkomst = achternamen_vergelijken(s, vorm)
        if uitkomst.punten > beste.punten:
            beste = uitkomst
    return beste


def _beste_voornamen(s: _Signaal, voornamen: Voornaamvorm | None) -> Deeluitkomst:
    if s.voornamen is None or s.voorletters is None:
        return voornamen_vergelijken(s.voornamen or s.voorletters, voornamen)
    uit_namen = voornamen_vergelijken(s.voornamen, voornamen)
    uit_letters = voornamen_vergelijken(s.voorletters, voornamen)
    return uit_namen if uit_namen.punten >= uit_letters.punten else uit_letters


_ZWAK = frozenset({"spelling", "klank", "tikfout", "verschillend"})


def _verwisseld(s: _Signaal, b: _Bewoner) -> tuple[Deeluitkomst, Deeluitkomst, str] | None:
    """The best reading with given name and surname swapped, or both in the surname field:
    (surname, given names, how the surname compared in that reading)."""
    bewoner = b.bewoner
    if not (
        _delen(f"{s.voornamen_tekst} {s.achternaam_tekst}") & _delen(bewoner.geslachtsnaam)
        or _delen(s.achternaam_tekst) & _delen(bewoner.voornamen)
    ):
        return None
    lezingen: list[tuple[str, str, str]] = []  # (surname, given names, how)
    if s.voornamen is not None and s.voornamen.heeft_namen:
        lezingen.append((s.voornamen_tekst, s.achternaam_tekst, "verwisseld"))
    elif s.voornamen is None and s.voorletters is None:
        delen = s.achternaam_tekst.replace(",", " ").split()
        for k in range(1, min(len(delen), 4)):
            lezingen.append((" ".join(delen[k:]), " ".join(delen[:k]), "samen"))
            lezingen.append((" ".join(delen[:k]), " ".join(delen[k:]), "samen"))
    beste = None
    for achternaam, voornamen, soort in lezingen:
        a = _beste_achternaam(signaal_achternaamvorm("", achternaam), b)
        if a.code == "verschillend":
            continue
        v = voornamen_vergelijken(voornaamvorm(voornamen), b.voornamen)
        if beste is None or a.punten + v.punten > beste[0].punten + beste[1].punten:
            toelichting = (
                "Voornaam en achternaam lijken verwisseld"
                if soort == "verwisseld"
                else "Voornaam en achternaam staan samen in het veld achternaam"
            )
            beste = (
                Deeluitkomst(
                    "verwisseld",
                    a.punten - c.AFTREK_NAAM_VERWISSELD,
                    f"{toelichting}; {a.uitleg[0].lower()}{a.uitleg[1:]}",
                ),
                v,
                a.code,
            )
    return beste


def _status(bewoner: Bewoner) -> list[str]:
    regels = []
    if bewoner.is_overleden:
        datum = f" ({bewoner.overlijdensdatum:%d-%m-%Y})" if bewoner.overlijdensdatum else ""
        regels.append(f"Bewoner is overleden{datum}")
    if bewoner.verhuisd:
        if bewoner.verhuisd_binnen_gemeente:
            waar = f" naar {bewoner.nieuw_adres}" if bewoner.nieuw_adres else ""
            regels.append(
                f"Bewoner woont niet meer op dit adres; verhuisd binnen de gemeente{waar}"
            )
        else:
            regels.append("Bewoner woont niet meer op dit adres; vertrokken uit de gemeente")
    return regels


def _vergelijken(s: _Signaal, b: _Bewoner) -> Vergelijking:
    achternaam = _beste_achternaam(s.achternaam, b)
    voornamen = _beste_voornamen(s, b.voornamen)
    zonder_voornamen = s.voornamen is None and s.voorletters is None
    if achternaam.code in _ZWAK or (achternaam.code == "deel" and zonder_voornamen):
        verwisseld = _verwisseld(s, b)
        if verwisseld is not None:
            a, v, code = verwisseld
            # "de Jong Pieter" in the surname field: once the surname is exactly one part of
            # it, the rest are given names, whether or not they agree with this resident's.
            samen = achternaam.code == "deel" and code == "gelijk"
            if samen or a.punten + v.punten > achternaam.punten + voornamen.punten + 1.0:
                achternaam, voornamen = a, v
    datum = geboortedata_vergelijken(s.geboortedatum, s.opvulwaarde, b.geboortedatum)
    punten = achternaam.punten + voornamen.punten + datum.punten
    uitleg = [achternaam.uitleg, voornamen.uitleg, datum.uitleg]
    if (
        s.persoon.peildatum is not None
        and (leeftijd := minderjarige_leeftijd(b.geboortedatum, s.persoon.peildatum)) is not None
    ):
        punten += c.PUNTEN_MINDERJARIG
        uitleg.append(
            f"Bewoner was minderjarig op de signaaldatum ({leeftijd} jaar); "
            "signalen gaan over volwassenen"
        )
    if b.bewoner.is_overleden or b.bewoner.verhuisd:
        uitleg.extend(_status(b.bewoner))
    return Vergelijking(
        score=c.score_uit_punten(punten),
        punten=punten,
        uitleg=uitleg,
        achternaam=achternaam.code,
        voornamen=voornamen.code,
        geboortedatum=datum.code,
    )


def personen_vergelijken(signaal: Signaalpersoon, bewoner: Bewoner) -> Vergelijking:
    """How well a resident matches the person in a signal: score 0..1 and Dutch explanation
    lines ("Achternaam gelijk na verwijderen accenten (Müller/Muller)", ...)."""
    return _vergelijken(_signaal(signaal), _bewoner(bewoner))


# --- deciding ------------------------------------------------------------------------------


def _getal(score: float) -> str:
    return f"{score:.2f}".replace(".", ",")


def naam_weergeven(bewoner: Bewoner) -> str:
    """`J.H. de Vries (12-03-1985)`: a resident as the review tray shows them (never the BSN)."""
    voorletters = bewoner.voorletters or "".join(
        "IJ." if naam.upper().startswith("IJ") else f"{naam[0].upper()}."
        for naam in bewoner.voornamen.replace("-", " ").split()
    )
    naam = " ".join(
        deel for deel in (voorletters, bewoner.voorvoegsel, bewoner.geslachtsnaam) if deel
    )
    datum = Geboortedatum.van(bewoner.geboortedatum)
    return f"{naam} ({datum})" if not datum.onbekend else naam


def bewoner_zoeken(signaal: Signaalpersoon, bewoners: Iterable[Bewoner]) -> Uitkomst:
    """Find the signal's person among the residents (now or formerly) at the address."""
    s = _signaal(signaal)
    kandidaten = [Kandidaat(b, _vergelijken(s, _bewoner(b))) for b in bewoners]
    if not kandidaten:
        return Uitkomst(
            Uitkomstsoort.NIET_GEVONDEN, "Op dit adres staat niemand ingeschreven in de BRP."
        )
    kandidaten.sort(key=lambda k: k.vergelijking.punten, reverse=True)
    beste = kandidaten[0]
    punten = beste.vergelijking.punten
    tweede = next(
        (k for k in kandidaten[1:] if not beste.bewoner.bsn or k.bewoner.bsn != beste.bewoner.bsn),
        None,
    )
    naam = naam_weergeven(beste.bewoner)
    score = _getal(beste.score)

    if punten < c.PUNTEN_TWIJFEL:
        return Uitkomst(
            Uitkomstsoort.NIET_GEVONDEN,
            f"Geen bewoner op dit adres komt genoeg overeen met het signaal (beste: {naam}, "
            f"score {score}).",
            kandidaten,
        )
    if tweede is not None and punten - tweede.vergelijking.punten < c.MIN_VOORSPRONG_PUNTEN:
        return Uitkomst(
            Uitkomstsoort.TWIJFEL,
            f"Meer dan één bewoner komt in aanmerking: {naam} (score {score}) en "
            f"{naam_weergeven(tweede.bewoner)} (score {_getal(tweede.score)}); "
            "kies de juiste persoon.",
            kandidaten,
        )
    if punten < c.PUNTEN_BEVESTIGD:
        return Uitkomst(
            Uitkomstsoort.TWIJFEL,
            f"Beste kandidaat {naam} komt niet sterk genoeg overeen (score {score}); "
            "controleer of dit de persoon uit het signaal is.",
            kandidaten,
        )

    bewoner = beste.bewoner
    if bewoner.is_overleden or (bewoner.verhuisd and not bewoner.verhuisd_binnen_gemeente):
        soort, voorstel = (
            (Uitkomstsoort.OVERLEDEN, c.VOORSTEL_OVERLEDEN)
            if bewoner.is_overleden
            else (Uitkomstsoort.VERHUISD, c.VOORSTEL_GEEN_INWONER)
        )
        wat = "is overleden" if bewoner.is_overleden else "is vertrokken uit de gemeente"
        if punten < c.PUNTEN_AFSLUITEN:
            return Uitkomst(
                Uitkomstsoort.TWIJFEL,
                f"Beste kandidaat {naam} {wat}, maar komt niet sterk genoeg overeen (score "
                f"{score}) om het signaal zonder controle af te sluiten.",
                kandidaten,
            )
        return Uitkomst(
            soort,
            f"{naam} {wat} (score {score}).",
            kandidaten,
            bsn=bewoner.bsn,
            bewoner=bewoner,
            voorstel=voorstel,
            voorstel_label=c.VOORSTEL_LABELS[voorstel],
        )
    if bewoner.verhuisd:
        waar = f" naar {bewoner.nieuw_adres}" if bewoner.nieuw_adres else ""
        return Uitkomst(
            Uitkomstsoort.VERHUISD,
            f"{naam} is verhuisd binnen de gemeente{waar} (score {score}); behandel het signaal "
            "op het nieuwe adres.",
            kandidaten,
            bsn=bewoner.bsn,
            bewoner=bewoner,
            nieuw_adres=bewoner.nieuw_adres,
        )
    return Uitkomst(
        Uitkomstsoort.BEVESTIGD,
        f"Bewoner {naam} gevonden (score {score}).",
        kandidaten,
        bsn=bewoner.bsn,
        bewoner=bewoner,
    )
