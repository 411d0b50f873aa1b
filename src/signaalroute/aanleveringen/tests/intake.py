"""Helpers for intake tests: a small region and messy delivery files."""

import datetime

from signaalroute.gemeenten.tests.factories import GemeenteFactory, PostcodegebiedFactory
from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.signaalpartners.tests.factories import SignaalpartnerFactory

KOP = "Klantnr;Achternaam;Voorletters;Geboortedatum;Postcode;Huisnummer;Achterstand;Datum ontstaan"


def regio():
    """Municipality 9901 (connected, PC4 7401 and PC6 7402AB), 9902 (not connected, 7501)."""
    lindeveld = GemeenteFactory(cbs_code="9901", naam="Lindeveld")
    elders = GemeenteFactory(cbs_code="9902", naam="Elders", aangesloten=False)
    PostcodegebiedFactory(postcode="7401", gemeente=lindeveld)
    PostcodegebiedFactory(postcode="7402AB", gemeente=lindeveld)
    PostcodegebiedFactory(postcode="7501", gemeente=elders)
    verhuurder = SignaalpartnerFactory(code="woonstichting", soort=Signaalpartnersoort.HUUR)
    return lindeveld, elders, verhuurder


def datum(dagen_geleden: int) -> str:
    return (datetime.date.today() - datetime.timedelta(days=dagen_geleden)).strftime("%d-%m-%Y")


def regel(
    klant,
    naam,
    postcode="7401 ab",
    huisnummer="12",
    bedrag="1.234,56",
    dagen=60,
    geboren="12-04-1985",
):
    return f"{klant};{naam};J.;{geboren};{postcode};{huisnummer};{bedrag};{datum(dagen)}"


def rommelig_bestand() -> bytes:
    """Windows-1252, semicolons, Dutch amounts, every kind of row."""
    regels = [
        KOP,
        regel("K1", "Jansen"),  # accepted
        regel("K2", "Müller", huisnummer="12A", bedrag="€ 450"),  # accepted
        regel("K3", "de Vries", postcode="7402AB", huisnummer="3-2", bedrag="99,50"),
        regel("K4", "Pietersen", postcode="7501 XY"),  # not connected -> rejected
        regel("K5", "Bakker", postcode="12345"),  # invalid postcode -> rejected
        regel("K1", "Jansen"),  # duplicate of row 2 -> rejected
        regel("K6", "Bouwbedrijf Smit B.V."),  # legal person -> warning
        regel("K7", '=HYPERLINK("x")'),  # formula stays text
    ]
    return ("\r\n".join(regels) + "\r\n").encode("cp1252")
