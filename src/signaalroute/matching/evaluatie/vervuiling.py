"""The signal a partner delivers about a person, corrupted as partners' files are."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from .. import constants as c
from ..rules import Geboortedatum, Naamgebruik, Signaalpersoon, vouwen
from ..rules.normaliseren import accenten_weg
from .huishoudens import PEILDATUM, Maker, Mens


def _zonder_accenten(tekst: str) -> str:
    """What a system without accents makes of a name: `Öztürk` -> `Ozturk`."""
    return accenten_weg(tekst)


def _umlaut_uit(tekst: str) -> str:
    return tekst.translate(str.maketrans({"ü": "ue", "ö": "oe", "ä": "ae", "ß": "ss"}))


_VOORLETTER_VORMEN = ("{}.", "{}", "{} ", "{}.")


def _voorletters(rng: random.Random, namen: Sequence[str], nederlands: bool) -> str:
    letters = []
    for naam in namen:
        if naam.startswith("IJ"):
            letters.append("IJ")
        elif nederlands and naam.startswith(("Th", "Chr", "Ph")) and rng.random() < 0.5:
            letters.append(naam[:3] if naam.startswith("Chr") else naam[:2])
        else:
            letters.append(naam[0])
    vorm = rng.choice(_VOORLETTER_VORMEN)
    tekst = "".join(vorm.format(letter) for letter in letters).strip()
    return tekst.lower() if rng.random() < 0.05 else tekst


def signaal_maken(maker: Maker, m: Mens) -> tuple[Signaalpersoon, list[str]]:
    """The signal a partner would deliver about this person, with its corruptions."""
    rng, kans = maker.rng, maker.kans
    vervuiling: list[str] = []

    # Surname: the name in use (naamgebruik), sometimes another form.
    voorvoegsel, naam = m.voorvoegsel, m.geslachtsnaam
    if m.partner is not None and not m.man:
        p = m.partner
        p_naam = f"{p.voorvoegsel} {p.geslachtsnaam}".strip()
        eigen = f"{voorvoegsel} {naam}".strip()
        gebruik = m.naamgebruik
        if kans(0.3):
            gebruik = maker.kies(list(Naamgebruik))
            if gebruik != m.naamgebruik:
                vervuiling.append("ander_naamgebruik")
        if gebruik == Naamgebruik.PARTNER:
            voorvoegsel, naam = p.voorvoegsel, p.geslachtsnaam
        elif gebruik == Naamgebruik.PARTNER_EIGEN:
            voorvoegsel, naam = "", f"{p_naam}-{eigen}"
        elif gebruik == Naamgebruik.EIGEN_PARTNER:
            voorvoegsel, naam = "", f"{eigen}-{p_naam}"
        if gebruik != Naamgebruik.EIGEN:
            vervuiling.append("partnernaam")
    elif m.ex_partner is not None and not m.man and kans(0.2):
        voorvoegsel, naam = m.ex_partner.voorvoegsel, m.ex_partner.geslachtsnaam
        vervuiling.append("naam_ex_partner")
    apart_voorvoegsel = ""
    if voorvoegsel:
        plaats = rng.choices(
            ["veld", "apart", "komma", "achter", "vast", "weg"], [40, 35, 10, 5, 5, 5]
        )[0]
        if plaats == "veld":
            naam = f"{voorvoegsel} {naam}"
        elif plaats == "apart":
            apart_voorvoegsel = voorvoegsel
        elif plaats == "komma":
            naam = f"{naam}, {voorvoegsel}"
        elif plaats == "achter":
            naam = f"{naam} {voorvoegsel}"
        elif plaats == "vast":
            naam = voorvoegsel.replace(" ", "") + naam
            if kans(0.5):
                naam = naam[0].upper() + naam[1:]
        if plaats != "veld" and plaats != "apart":
            vervuiling.append(f"voorvoegsel_{plaats}")
    if kans(0.03) and len(naam) >= 5:
        naam = maker.tikfout(naam)
        vervuiling.append("tikfout_achternaam")
    if m.herkomst == "sr" and "oe" in naam and kans(0.3):
        naam = naam.replace("oe", "u")
        vervuiling.append("spelling_achternaam")

    # Given names: initials most of the time.
    namen = list(m.voornamen)
    voornamen = voorletters = ""
    vorm = rng.choices(
        ["alle", "eerste", "letters", "eerste_letter", "roepnaam", "tikfout", "tweede", "geen"],
        [20, 16, 36, 14, 4, 3, 2, 3],
    )[0]
    if vorm == "alle":
        voornamen = " ".join(namen)
    elif vorm == "eerste":
        voornamen = namen[0]
    elif vorm == "letters":
        voorletters = _voorletters(rng, namen, m.herkomst == "nl")
    elif vorm == "eerste_letter":
        voorletters = _voorletters(rng, namen[:1], m.herkomst == "nl")
    elif vorm == "roepnaam":
        roepnamen = c.ROEPNAMEN.get(vouwen(namen[0]), ())
        spellingen = next((g for g in c.SPELLINGEN if vouwen(namen[0]) in g), ())
        keuzes = [n for n in (*roepnamen, *spellingen) if n != vouwen(namen[0])]
        if keuzes:
            voornamen = maker.kies(keuzes).capitalize()
            vervuiling.append("roepnaam")
        else:
            voornamen = namen[0]
    elif vorm == "tikfout":
        voornamen = maker.tikfout(namen[0])
        if voornamen != namen[0]:
            vervuiling.append("tikfout_voornaam")
    elif vorm == "tweede":
        voornamen = namen[-1]
        if len(namen) > 1:
            vervuiling.append("latere_voornaam")
    else:
        vervuiling.append("geen_voornaam")
    if vorm in ("letters", "eerste_letter"):
        vervuiling.append("voorletters")

    # Swapped given name and surname (mostly non-Dutch names).
    if voornamen and not apart_voorvoegsel and kans(0.08 if m.herkomst != "nl" else 0.01):
        naam, voornamen = voornamen, naam
        vervuiling.append("verwisseld")
    elif voornamen and kans(0.01) and not apart_voorvoegsel:
        naam, voornamen = f"{naam} {voornamen}", ""
        vervuiling.append("naam_in_een_veld")

    # Case and accents.
    tekst_vorm = rng.random()
    if tekst_vorm < 0.10:
        naam, voornamen, voorletters = naam.upper(), voornamen.upper(), voorletters.upper()
        apart_voorvoegsel = apart_voorvoegsel.upper()
        vervuiling.append("hoofdletters")
    elif tekst_vorm < 0.13:
        naam, voornamen = naam.lower(), voornamen.lower()
        vervuiling.append("kleine_letters")
    if not (naam + voornamen).isascii():
        if ("ü" in naam + voornamen or "ö" in naam + voornamen) and kans(0.3):
            naam, voornamen = _umlaut_uit(naam), _umlaut_uit(voornamen)
            vervuiling.append("umlaut")
        if not (naam + voornamen).isascii() and kans(0.5):
            naam, voornamen = _zonder_accenten(naam), _zonder_accenten(voornamen)
            vervuiling.append("accenten")

    # Birth date.
    datum: datetime.date | Geboortedatum | None = m.geboortedatum
    opvul = False
    onvolledig = not m.brp_datum.volledig
    if onvolledig:
        keuze = rng.choices(["0101", "geen", "0000", "0107", "echt"], [45, 20, 10, 10, 15])[0]
        jaar = m.geboortedatum.year
        if keuze == "0101":
            datum = datetime.date(jaar, 1, 1)
        elif keuze == "geen":
            datum = None
        elif keuze == "0000":
            datum = Geboortedatum(jaar)
        elif keuze == "0107":
            datum = datetime.date(jaar, 7, 1)
        vervuiling.append(f"brp_onvolledig_{keuze}")
    else:
        keuze = rng.choices(
            ["goed", "opvul", "geen", "verwisseld", "cijfer", "fout"], [82, 4, 4, 4, 4, 0.5]
        )[0]
        d = m.geboortedatum
        if keuze == "opvul":
            datum = maker.kies(
                [datetime.date(1900, 1, 1), datetime.date(1970, 1, 1), datetime.date(2000, 1, 1)]
            )
            opvul = kans(0.8)  # the intake flagged it (geboortedatum_verdacht)
        elif keuze == "geen":
            datum = None
        elif keuze == "verwisseld" and d.day <= 12 and d.day != d.month:
            datum = datetime.date(d.year, d.day, d.month)
        elif keuze == "cijfer":
            datum = _datum_tikfout(rng, d)
        elif keuze == "fout":
            datum = maker.datum(1940, 2004)
        else:
            keuze = "goed"
        if keuze != "goed":
            vervuiling.append(f"geboortedatum_{keuze}")

    return (
        Signaalpersoon(
            achternaam=naam,
            voorvoegsel=apart_voorvoegsel,
            voorletters=voorletters,
            voornamen=voornamen,
            geboortedatum=datum,
            geboortedatum_opvulwaarde=opvul,
            peildatum=PEILDATUM,
        ),
        vervuiling,
    )


def _datum_tikfout(rng: random.Random, d: datetime.date) -> datetime.date:
    for _ in range(20):
        tekst = f"{d.day:02d}{d.month:02d}{d.year:04d}"
        i = rng.choice([0, 1, 2, 3, 6, 7])
        if rng.random() < 0.3 and i in (0, 2, 6):
            nieuw = tekst[:i] + tekst[i + 1] + tekst[i] + tekst[i + 2 :]
        else:
            nieuw = tekst[:i] + str(rng.randrange(10)) + tekst[i + 1 :]
        try:
            uit = datetime.date(int(nieuw[4:]), int(nieuw[2:4]), int(nieuw[:2]))
        except ValueError:
            continue
        if uit != d and uit not in c.OPVULDATA and uit <= PEILDATUM:
            return uit
    return d
