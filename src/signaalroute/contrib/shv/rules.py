"""The SHV check as a pure rule: is the person in a signal one of the candidates the debt-help
source returned? Uses the same person matching as the BRP check, so accents, initials,
voorvoegsels and placeholder birth dates do not make a client of debt help look unknown."""

from __future__ import annotations

from dataclasses import dataclass, field

from signaalroute.matching.rules import Bewoner, Signaalpersoon, Uitkomstsoort, bewoner_zoeken

from .bronnen import ShvKandidaat, ShvPersoon

VOORSTEL = "bekend_bij_shv"  # Signaalstatus / Eindresultaat code


@dataclass(frozen=True)
class ShvUitkomst:
    bekend: bool
    uitleg: list[str]
    behandelaar: str = ""
    behandelaar_email: str = ""
    voorstel: str | None = None
    kandidaat: ShvKandidaat | None = field(default=None, repr=False)


def shv_beoordelen(persoon: ShvPersoon, kandidaten: list[ShvKandidaat]) -> ShvUitkomst:
    if persoon.bsn:
        for kandidaat in kandidaten:
            if kandidaat.bsn and kandidaat.bsn == persoon.bsn:
                return _bekend(kandidaat, ["BSN gelijk aan een registratie in de schuldhulp."])
    if not kandidaten:
        return ShvUitkomst(False, ["Niet bekend bij schuldhulpverlening."])
    bewoners = {
        f"k{index}": kandidaat for index, kandidaat in enumerate(kandidaten)
    }  # a stand-in key: registrations need not have a BSN
    uitkomst = bewoner_zoeken(
        Signaalpersoon(
            achternaam=persoon.achternaam,
            voorvoegsel=persoon.voorvoegsel,
            voorletters=persoon.voorletters,
            voornamen=persoon.voornamen,
            geboortedatum=persoon.geboortedatum,
        ),
        [
            Bewoner(
                bsn=sleutel,
                geslachtsnaam=k.achternaam,
                voorvoegsel=k.voorvoegsel,
                voornamen=k.voornamen,
                voorletters=k.voorletters,
                geboortedatum=k.geboortedatum,
            )
            for sleutel, k in bewoners.items()
        ],
    )
    if uitkomst.soort == Uitkomstsoort.BEVESTIGD and uitkomst.bsn in bewoners:
        beste = uitkomst.kandidaten[0].vergelijking.uitleg if uitkomst.kandidaten else []
        return _bekend(bewoners[uitkomst.bsn], list(beste))
    return ShvUitkomst(False, ["Geen zekere overeenkomst met een registratie in de schuldhulp."])


def _bekend(kandidaat: ShvKandidaat, uitleg: list[str]) -> ShvUitkomst:
    regel = "Inwoner al bekend bij schuldhulpverlening"
    if kandidaat.behandelaar:
        regel += f"; draag het signaal over aan {kandidaat.behandelaar}"
    return ShvUitkomst(
        True,
        [regel + ".", *uitleg],
        kandidaat.behandelaar,
        kandidaat.behandelaar_email,
        VOORSTEL,
        kandidaat,
    )
