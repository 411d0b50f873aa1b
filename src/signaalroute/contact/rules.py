"""Pure rules of outreach, without the ORM: merge fields, the salutation, checking a template
text, the B1 default texts, the length of a text message and the address block."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.html import escape

from .constants import Kanaal

# --- merge fields -------------------------------------------------------------------------------

# Code -> what it becomes (the help next to the editor).
INVULVELDEN: dict[str, str] = {
    "aanhef": "De aanhef, bijvoorbeeld ‘Beste heer of mevrouw De Vries’",
    "naam": "Voorletters en achternaam, bijvoorbeeld ‘J. de Vries’",
    "bedrag": "Het totale bedrag van de achterstand(en), bijvoorbeeld ‘€ 312,50’",
    "partner": "Wie de achterstand meldde, bijvoorbeeld ‘Zorgverzekeraar Zuid’",
    "medewerker": "De naam van de medewerker die de zaak behandelt (of het team)",
    "telefoon_team": "Het telefoonnummer van het team",
    "email_team": "Het e-mailadres van het team",
    "website": "De website van de gemeente",
    "referentie": "De korte code van de zaak, bijvoorbeeld ‘VS-2026-00123’",
    "gemeente": "De naam van de gemeente",
    "afzender": "De afzender, bijvoorbeeld ‘Gemeente Aadorp’",
    "datum": "De datum van vandaag, bijvoorbeeld ‘5 november 2026’",
}

_VELD = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")

# Longest text message template (three SMS parts of 153 characters, with room for the fields).
SMS_MAXIMUM = 459
KAARTJE_MAXIMUM = 600


def gebruikte_velden(tekst: str) -> list[str]:
    """The merge field codes in `tekst`, in order, each once."""
    return list(dict.fromkeys(m.group(1) for m in _VELD.finditer(tekst)))


def sjabloon_fouten(*, kanaal: str, onderwerp: str, tekst: str) -> dict[str, list[str]]:
    """What is wrong with a template text, in Dutch, per form field (empty: nothing)."""
    fouten: dict[str, list[str]] = {}
    for veld, waarde in (("onderwerp", onderwerp), ("tekst", tekst)):
        meldingen = []
        for code in gebruikte_velden(waarde):
            if code not in INVULVELDEN:
                meldingen.append(
                    f"Het invulveld {{{{ {code} }}}} bestaat niet. "
                    f"Kies uit: {', '.join(INVULVELDEN)}."
                )
        rest = _VELD.sub("", waarde)
        if "{{" in rest or "}}" in rest:
            meldingen.append(
                "Een invulveld is niet goed geschreven: gebruik twee accolades aan beide "
                "kanten, bijvoorbeeld {{ naam }}."
            )
        if meldingen:
            fouten[veld] = meldingen
    if not tekst.strip():
        fouten.setdefault("tekst", []).append("Vul de tekst in.")
    if kanaal in (Kanaal.EMAIL, Kanaal.BRIEF) and not onderwerp.strip():
        fouten.setdefault("onderwerp", []).append("Vul het onderwerp in.")
    if kanaal == Kanaal.SMS and len(tekst) > SMS_MAXIMUM:
        fouten.setdefault("tekst", []).append(
            f"Een sms mag hoogstens {SMS_MAXIMUM} tekens hebben (nu {len(tekst)})."
        )
    if kanaal == Kanaal.KAARTJE and len(tekst) > KAARTJE_MAXIMUM:
        fouten.setdefault("tekst", []).append(
            f"Op een kaartje passen hoogstens {KAARTJE_MAXIMUM} tekens (nu {len(tekst)})."
        )
    return fouten


@dataclass(frozen=True)
class Samengesteld:
    """A merged text and the fields that had no value (shown as [veld])."""

    tekst: str
    ontbrekend: tuple[str, ...] = ()


def invullen(tekst: str, waarden: Mapping[str, str]) -> Samengesteld:
    """Replace every {{ veld }} by its value; an empty or unknown one becomes [veld] and is
    listed in `ontbrekend` (a message with missing fields is not sent)."""
    ontbrekend: list[str] = []

    def vervang(match: re.Match) -> str:
        code = match.group(1)
        waarde = (waarden.get(code) or "").strip()
        if not waarde:
            if code not in ontbrekend:
                ontbrekend.append(code)
            return f"[{code}]"
        return waarde

    return Samengesteld(_VELD.sub(vervang, tekst), tuple(ontbrekend))


def alinea_html(tekst: str) -> str:
    """Plain text as HTML paragraphs: blank lines separate paragraphs, single line breaks stay.
    Everything is escaped, so a template or a name can never inject markup."""
    alineas = [a.strip() for a in re.split(r"\n\s*\n", tekst.replace("\r\n", "\n")) if a.strip()]
    return "".join(f"<p>{escape(a).replace(chr(10), '<br>')}</p>" for a in alineas)


# --- names and the salutation -----------------------------------------------------------------


def voorletters_normaliseren(voorletters: str) -> str:
    """'jp' / 'J P' / 'J.P' -> 'J.P.'; 'Th.' stays 'Th.'."""
    delen = [d for d in re.split(r"[.\s]+", voorletters.strip()) if d]
    eenwoord = len(delen) == 1 and "." not in voorletters and len(delen[0]) > 1
    if eenwoord and delen[0].isalpha() and (delen[0].isupper() or delen[0].islower()):
        delen = list(delen[0])  # 'JP' / 'jp' -> J, P
    return "".join(f"{d[0].upper()}{d[1:].lower()}." for d in delen)


def _naamdeel(deel: str) -> str:
    """Partners often deliver names in capitals: 'DE VRIES-JANSEN' -> 'De Vries-Jansen'."""
    if deel.isupper():
        return re.sub(r"[^\s-]+", lambda m: m.group(0).capitalize(), deel.lower())
    return deel


def voorvoegsel_hoofdletter(voorvoegsel: str) -> str:
    """Without initials before it the prefix starts with a capital ('van der' -> 'Van der');
    an elided one ('t, 's) stays as it is."""
    voorvoegsel = voorvoegsel.strip()
    if not voorvoegsel or voorvoegsel[0] in "'’":
        return voorvoegsel
    return voorvoegsel[0].upper() + voorvoegsel[1:]


@dataclass(frozen=True)
class Persoonsnaam:
    voorletters: str = ""
    voorvoegsel: str = ""
    achternaam: str = ""

    @property
    def _achternaam(self) -> str:
        return _naamdeel(self.achternaam.strip())

    @property
    def _voorvoegsel(self) -> str:
        voorvoegsel = self.voorvoegsel.strip()
        return voorvoegsel.lower() if voorvoegsel.isupper() else voorvoegsel

    def volledig(self) -> str:
        """For the address block: 'J. de Vries' (prefix in lower case after the initials)."""
        if not self._achternaam:
            return ""
        voorletters = voorletters_normaliseren(self.voorletters)
        if not voorletters:
            return self.zonder_voorletters()
        voorvoegsel = self._voorvoegsel.lower()
        return " ".join(d for d in (voorletters, voorvoegsel, self._achternaam) if d)

    def zonder_voorletters(self) -> str:
        """'De Vries': the surname on its own, prefix with a capital."""
        return " ".join(
            d for d in (voorvoegsel_hoofdletter(self._voorvoegsel), self._achternaam) if d
        )

    def aanhef(self) -> str:
        """'Beste heer of mevrouw De Vries' (signals carry no gender); without a name 'Beste
        bewoner'."""
        if not self._achternaam:
            return "Beste bewoner"
        return f"Beste heer of mevrouw {self.zonder_voorletters()}"


# --- amounts, partners, address ---------------------------------------------------------------


def bedrag_tekst(centen: int | None) -> str:
    if centen is None:
        return ""
    euros, rest = divmod(abs(int(centen)), 100)
    return f"€ {euros:,}".replace(",", ".") + f",{rest:02d}"


def opsomming(namen: Sequence[str]) -> str:
    """['A', 'B', 'C'] -> 'A, B en C' (each name once, in order)."""
    namen = list(dict.fromkeys(n for n in namen if n))
    if len(namen) <= 1:
        return "".join(namen)
    return f"{', '.join(namen[:-1])} en {namen[-1]}"


def postcode_weergave(postcode: str) -> str:
    postcode = postcode.replace(" ", "").upper()
    return f"{postcode[:4]} {postcode[4:]}" if len(postcode) == 6 else postcode


@dataclass(frozen=True)
class Adres:
    straat: str
    huisnummer: str  # with letter and addition, e.g. '12 A-2'
    postcode: str
    woonplaats: str

    @property
    def compleet(self) -> bool:
        return bool(self.straat and self.huisnummer and self.postcode and self.woonplaats)

    def regels(self) -> list[str]:
        return [
            f"{self.straat} {self.huisnummer}".strip(),
            f"{postcode_weergave(self.postcode)}  {self.woonplaats.upper()}".strip(),
        ]

    def een_regel(self) -> str:
        """The form stored as the address contact detail ('Dorpsstraat 12 A, 1234 AB Aadorp')."""
        return (
            f"{self.straat} {self.huisnummer}, {postcode_weergave(self.postcode)} {self.woonplaats}"
        )


# --- text messages ----------------------------------------------------------------------------

_GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€"
)
_GSM7_DUBBEL = set("^{}\\[~]|€")


def sms_delen(tekst: str) -> int:
    """How many SMS parts `tekst` takes (GSM 7-bit: 160/153, else UCS-2: 70/67)."""
    if all(t in _GSM7 for t in tekst):
        lengte = sum(2 if t in _GSM7_DUBBEL else 1 for t in tekst)
        enkel, deel = 160, 153
    else:
        lengte = len(tekst.encode("utf-16-le")) // 2
        enkel, deel = 70, 67
    if lengte <= enkel:
        return 1
    return -(-lengte // deel)


# --- default texts (B1) -----------------------------------------------------------------------


@dataclass(frozen=True)
class Standaardtekst:
    onderwerp: str
    tekst: str


STANDAARDTEKSTEN: dict[str, Standaardtekst] = {
    Kanaal.BRIEF: Standaardtekst(
        "Hulp bij betalingsachterstanden",
        "{{ aanhef }},\n\n"
        "{{ partner }} heeft ons laten weten dat u een achterstand heeft met betalen. Het gaat "
        "om {{ bedrag }}. Dat kan iedereen overkomen. Wij willen u graag helpen, zodat het "
        "probleem niet groter wordt.\n\n"
        "Wij kunnen samen met u kijken wat er nodig is. Bijvoorbeeld een betalingsregeling, "
        "hulp bij uw post of uitzoeken of u recht heeft op toeslagen. Een gesprek is gratis en "
        "u zit nergens aan vast.\n\n"
        "Bel ons op {{ telefoon_team }} of mail naar {{ email_team }}. Noem dan de code "
        "{{ referentie }}. Uw contactpersoon is {{ medewerker }}.\n\n"
        "Heeft u geen hulp nodig? Laat het ons dan ook even weten.\n\n"
        "Met vriendelijke groet,",
    ),
    Kanaal.KAARTJE: Standaardtekst(
        "",
        "Wij kwamen vandaag bij u langs, maar wij troffen u niet aan.\n\n"
        "Wij willen graag met u praten over hulp bij geldzorgen. Dat is gratis.\n\n"
        "Bel ons op {{ telefoon_team }}. Noem de code {{ referentie }}.",
    ),
    Kanaal.EMAIL: Standaardtekst(
        "Hulp bij betalingsachterstanden ({{ referentie }})",
        "{{ aanhef }},\n\n"
        "{{ partner }} heeft ons laten weten dat u een achterstand heeft met betalen. Het gaat "
        "om {{ bedrag }}. Wij willen u graag helpen, zodat het probleem niet groter wordt. Een "
        "gesprek is gratis en u zit nergens aan vast.\n\n"
        "Bel ons op {{ telefoon_team }} of antwoord op deze e-mail. Noem dan de code "
        "{{ referentie }}. Uw contactpersoon is {{ medewerker }}.\n\n"
        "Heeft u geen hulp nodig? Laat het ons dan ook even weten.\n\n"
        "Met vriendelijke groet,\n\n{{ medewerker }}\n{{ afzender }}\n{{ website }}",
    ),
    Kanaal.SMS: Standaardtekst(
        "",
        "{{ aanhef }}, {{ afzender }} wil u graag helpen bij geldzorgen. Het is gratis. Bel ons "
        "op {{ telefoon_team }} en noem code {{ referentie }}.",
    ),
}

# Fictitious values for the preview of a template (functional administrators see no cases).
VOORBEELDWAARDEN: dict[str, str] = {
    "aanhef": Persoonsnaam("J.", "de", "Vries").aanhef(),
    "naam": Persoonsnaam("J.", "de", "Vries").volledig(),
    "bedrag": bedrag_tekst(31250),
    "partner": "Zorgverzekeraar Zuid",
    "medewerker": "Fleur Bakker",
    "referentie": "VS-2026-00123",
}
VOORBEELDADRES = Adres("Dorpsstraat", "12 A", "1234AB", "Voorbeeldstad")


@dataclass(frozen=True)
class Briefinhoud:
    """Everything a letter or card page shows, ready for the layout template."""

    kanaal: str
    naam: str
    adresregels: list[str]
    onderwerp: str
    tekst_html: str
    referentie: str
    datum: str
    huisstijl: Mapping[str, str] = field(default_factory=dict)
