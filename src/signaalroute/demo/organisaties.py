"""The demo organisations and accounts: the region, its partners and one account per role.

Also removes everything a previous run created, so `demo` can run again and again.
"""

import base64
import hashlib
from dataclasses import dataclass, field

from axes.utils import reset as axes_reset
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django_otp.plugins.otp_totp.models import TOTPDevice

from signaalroute.aanleveringen.models import Aanlevering, Vroegsignaal
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.audit.models import Auditregel
from signaalroute.contrib.callcenter.models import Belronde
from signaalroute.gemeenten.models import (
    Gemeente,
    Postcodegebied,
    Team,
    Uitvoeringsorganisatie,
    Wijk,
)
from signaalroute.signaalpartners.models import Contactpersoon, Signaalpartner
from signaalroute.terugkoppeling.schuld import Schuldontwikkelingbatch
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak

from . import regio
from .partners import PARTNERS

DEMO_WACHTWOORD = "Demo-wachtwoord-2026"
TOTP_SALT = "signaalroute-demo-totp"


@dataclass(frozen=True)
class AccountSpec:
    username: str
    naam: str
    rol: str
    team: str = ""
    partner: str = ""  # partner code for a partner user


ACCOUNTS = (
    AccountSpec("demo-platformbeheerder", "Noor Hendriks", Rol.PLATFORMBEHEERDER),
    AccountSpec("demo-beheerder", "Ruud Kramer", Rol.FUNCTIONEEL_BEHEERDER),
    AccountSpec("demo-coordinator", "Esther van Dam", Rol.COORDINATOR),
    AccountSpec(
        "demo-vroegsignaleerder",
        "Fleur Bakker",
        Rol.VROEGSIGNALEERDER,
        team=regio.TEAM_VROEGSIGNALERING,
    ),
    AccountSpec(
        "demo-jongerenwerker", "Yasin Demir", Rol.VROEGSIGNALEERDER, team=regio.JONGERENTEAM
    ),
    AccountSpec("demo-wijkteam", "Karin Smit", Rol.EXTERNE_UITVOERDER, team=regio.WIJKTEAM),
    AccountSpec(
        "demo-zorgverzekeraar",
        "Marieke Verhoeven",
        Rol.PARTNERGEBRUIKER,
        partner="zorgverzekeraar-zuid",
    ),
    AccountSpec("demo-energie", "Sanne Bos", Rol.PARTNERGEBRUIKER, partner="stroomlijn-energie"),
    AccountSpec(
        "demo-water", "Petra de Boer", Rol.PARTNERGEBRUIKER, partner="waterbedrijf-waardland"
    ),
    AccountSpec(
        "demo-verhuurder", "Ahmed Bouzid", Rol.PARTNERGEBRUIKER, partner="woonstichting-lindeveld"
    ),
    AccountSpec("demo-auditor", "Hans Willems", Rol.AUDITOR),
)


@dataclass
class Regio:
    organisatie: Uitvoeringsorganisatie
    gemeenten: dict[str, Gemeente] = field(default_factory=dict)  # CBS code -> Gemeente
    wijken: dict[str, Wijk] = field(default_factory=dict)  # district code -> Wijk
    teams: dict[str, Team] = field(default_factory=dict)  # name -> Team
    postcodes: int = 0


@dataclass(frozen=True)
class Account:
    user: User
    apparaat: TOTPDevice

    @property
    def totp_geheim(self) -> str:
        return base64.b32encode(bytes.fromhex(self.apparaat.key)).decode()

    @property
    def otpauth_url(self) -> str:
        return self.apparaat.config_url


def totp_sleutel(username: str) -> str:
    """A fixed 20-byte TOTP key (hex) per demo user, so printed secrets survive a re-run."""
    return hashlib.sha256(f"{TOTP_SALT}:{username}".encode()).digest()[:20].hex()


@transaction.atomic
def demo_verwijderen() -> None:
    """Delete everything that belongs to the demo organisations, partners and accounts.

    Order matters: signals, cases, deliveries and users point at the organisations with
    PROTECT foreign keys, and the audit rows must go before their users (SET_NULL).
    """
    organisaties = Uitvoeringsorganisatie.objects.filter(code=regio.ORGANISATIE_CODE)
    gemeenten = Gemeente.objects.filter(
        Q(uitvoeringsorganisatie__in=organisaties)
        | Q(cbs_code__in=[g.cbs_code for g in regio.GEMEENTEN])
    )
    partners = Signaalpartner.objects.filter(code__in=[p.code for p in PARTNERS])
    usernames = [a.username for a in ACCOUNTS]
    gebruikers = User.objects.filter(
        Q(username__in=usernames)
        | Q(uitvoeringsorganisatie__in=organisaties)
        | Q(team__uitvoeringsorganisatie__in=organisaties)
        | Q(signaalpartner__in=partners)
    )

    Auditregel.objects.filter(
        Q(gebruiker__in=gebruikers)
        | Q(gebruikersnaam__in=usernames)
        | Q(uitvoeringsorganisatie__in=organisaties)
        | Q(gemeente__in=gemeenten)
    ).delete()
    Vroegsignaal.objects.filter(Q(gemeente__in=gemeenten) | Q(signaalpartner__in=partners)).delete()
    Aanlevering.objects.filter(signaalpartner__in=partners).delete()
    Vroegsignaalzaak.objects.filter(gemeente__in=gemeenten).delete()
    Belronde.objects.filter(gemeente__in=gemeenten).delete()
    Schuldontwikkelingbatch.objects.filter(signaalpartner__in=partners).delete()
    gebruikers.delete()  # their TOTP devices go with them
    partners.delete()
    gemeenten.delete()
    organisaties.delete()
    for username in usernames:  # lift lockouts of demo accounts
        axes_reset(username=username)


def regio_aanmaken(adresboek: regio.Adresboek) -> Regio:
    organisatie = Uitvoeringsorganisatie.objects.create(
        code=regio.ORGANISATIE_CODE, naam=regio.ORGANISATIE_NAAM, kvk_nummer=regio.ORGANISATIE_KVK
    )
    resultaat = Regio(organisatie=organisatie)
    postcodes = []
    for spec in regio.GEMEENTEN:
        gemeente = Gemeente.objects.create(
            cbs_code=spec.cbs_code,
            naam=spec.naam,
            inwoners=spec.inwoners,
            uitvoeringsorganisatie=organisatie,
        )
        resultaat.gemeenten[spec.cbs_code] = gemeente
        for wijk_spec in spec.wijken:
            wijk = Wijk.objects.create(gemeente=gemeente, code=wijk_spec.code, naam=wijk_spec.naam)
            resultaat.wijken[wijk.code] = wijk
            postcodes += [
                Postcodegebied(postcode=pc4, gemeente=gemeente, wijk=wijk) for pc4 in wijk_spec.pc4s
            ]
    for pc6, wijk_code in sorted(adresboek.pc6_wijk.items()):
        wijk = resultaat.wijken[wijk_code]
        postcodes.append(Postcodegebied(postcode=pc6, gemeente=wijk.gemeente, wijk=wijk))
    Postcodegebied.objects.bulk_create(postcodes)
    resultaat.postcodes = len(postcodes)

    for team_spec in regio.TEAMS:
        team = Team.objects.create(
            uitvoeringsorganisatie=organisatie, naam=team_spec.naam, extern=team_spec.extern
        )
        team.wijken.set([resultaat.wijken[code] for code in team_spec.wijken])
        resultaat.teams[team.naam] = team
    return resultaat


def signaalpartners_aanmaken(gemeenten: dict[str, Gemeente]) -> dict[str, Signaalpartner]:
    partners = {}
    contactpersonen = []
    for spec in PARTNERS:
        partner = Signaalpartner.objects.create(
            code=spec.code,
            naam=spec.naam,
            soort=spec.soort,
            kvk_nummer=spec.kvk,
            criteria=spec.criteria,
            minimum_bedrag=spec.minimum_bedrag,
            minimale_achterstand_dagen=spec.minimale_dagen,
            # The partner directory: how municipalities reach the partner, its arrangements.
            aantal_herinneringen=2,
            telefoonnummer_gemeenten="088-" + str(1000000 + 7919 * len(partners))[-7:],
            email_gemeenten=f"gemeenten@{spec.code}.example",
            bereikbaarheid="Werkdagen 9.00-17.00 uur; spoed (crisis) ook via de contactpersoon.",
            regeling_max_maanden=(12, 18, 24, 36)[len(partners) % 4],
            regeling_behandelaar="Team Bijzonder Beheer",
            regeling_email=f"regelingen@{spec.code}.example",
            regeling_toelichting="Na aanmelding bij schuldhulpverlening stoppen wij de incasso "
            "tijdens de betalingspauze; een regeling via de gemeente gaat voor.",
        )
        partners[spec.code] = partner
        contactpersonen += [
            Contactpersoon(
                signaalpartner=partner,
                gemeente=gemeenten[contact.gemeente] if contact.gemeente else None,
                naam=contact.naam,
                functie=contact.functie,
                telefoonnummer=contact.telefoonnummer,
                email=contact.email,
            )
            for contact in spec.contactpersonen
        ]
    Contactpersoon.objects.bulk_create(contactpersonen)
    return partners


def accounts_aanmaken(regio_: Regio, partners: dict[str, Signaalpartner]) -> list[Account]:
    """One account per role (two case workers, four partner users), all with the same demo
    password and a confirmed TOTP device with a fixed key."""
    wachtwoord = make_password(DEMO_WACHTWOORD)  # hash once: the slow part of creating users
    accounts = []
    for spec in ACCOUNTS:
        voornaam, achternaam = spec.naam.split(" ", 1)
        platform = spec.rol == Rol.PLATFORMBEHEERDER
        user = User.objects.create(
            username=spec.username,
            first_name=voornaam,
            last_name=achternaam,
            email=f"{spec.username}@example.org",
            password=wachtwoord,
            rol=spec.rol,
            is_staff=platform,
            is_superuser=platform,
            uitvoeringsorganisatie=(None if platform or spec.partner else regio_.organisatie),
            team=regio_.teams[spec.team] if spec.team else None,
            signaalpartner=partners[spec.partner] if spec.partner else None,
        )
        apparaat = TOTPDevice.objects.create(
            user=user, name="Demo-authenticator", key=totp_sleutel(spec.username), confirmed=True
        )
        accounts.append(Account(user=user, apparaat=apparaat))
    return accounts
