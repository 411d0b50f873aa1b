"""Fixtures of outreach: a triaged case with a full address, e-mail and mobile number, and a
real local SMTP server (aiosmtpd) for the e-mail tests."""

import datetime as dt
import socket

import pytest
from aiosmtpd.controller import Controller

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.contact.models import Huisstijl
from signaalroute.triage.beheer import concept_maken
from signaalroute.triage.models import Triage
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory


@pytest.fixture
def huisstijl(tenant_a):
    return Huisstijl.objects.create(
        gemeente=tenant_a,
        afzender="Gemeente Aadorp",
        afdeling="Team Geldzorgen",
        retouradres="Postbus 1, 1234 AA Aadorp",
        telefoon="14 0123",
        email="geldzorgen@aadorp.example",
        website="aadorp.example/geldzorgen",
        ondertekenaar="E. van Dam",
        functie_ondertekenaar="Coördinator vroegsignalering",
        sms_afzender="Aadorp",
    )


def triage_maken(zaak, eerste_kanaal="brief"):
    regelset = concept_maken(gemeente=zaak.gemeente, door=None)
    vandaag = dt.date.today()
    return Triage.objects.create(
        vroegsignaalzaak=zaak,
        regelset=regelset,
        regelnaam="test",
        uitleg="test",
        bakje="Brief",
        aanpak=[{"kanaal": eerste_kanaal, "aantal": 1}],
        eerste_kanaal=eerste_kanaal,
        termijnprofiel="standaard",
        uiterste_datum=vandaag,
        feiten={},
        maand=vandaag.replace(day=1),
    )


def zaak_maken(gemeente, *, email="inwoner@example.org", telefoon="0612345678", **signaal):
    zaak = VroegsignaalzaakFactory(gemeente=gemeente, postcode="1234AB", huisnummer=12)
    velden = {
        "voorletters": "J.",
        "voorvoegsel": "de",
        "achternaam": "Vries",
        "email": email,
        "telefoonnummer": telefoon,
        "straat": "Dorpsstraat",
        "postcode": "1234AB",
        "huisnummer": 12,
        "woonplaats": "Aadorp",
        "bedrag": 31250,
        **signaal,
    }
    VroegsignaalFactory(gemeente=gemeente, vroegsignaalzaak=zaak, **velden)
    return zaak


@pytest.fixture
def zaak(tenant_a, huisstijl, users):
    zaak = zaak_maken(tenant_a)
    zaak.behandelaar = users["vroegsignaleerder"]
    zaak.save()
    return zaak


class Opvanger:
    """An aiosmtpd handler that keeps what it receives and can refuse a recipient or data."""

    def __init__(self):
        self.ontvangen = []
        self.weiger_ontvanger: set[str] = set()
        self.data_antwoord = ""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.weiger_ontvanger:
            return "550 5.1.1 Mailbox does not exist"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_antwoord:
            return self.data_antwoord
        self.ontvangen.append(envelope)
        return "250 Message accepted for delivery"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    opvanger = Opvanger()
    poort = _vrije_poort()
    controller = Controller(opvanger, hostname="127.0.0.1", port=poort)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = poort
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "vroegsignalering@aadorp.example"
    yield opvanger
    controller.stop()


class NepGateway:
    """The SMS gateway interface (`contrib.sms.client.SmsGateway`), idempotent per referentie."""

    def __init__(self, fout: Exception | None = None):
        self.verstuurd: dict[str, dict] = {}
        self.aanroepen = 0
        self.fout = fout

    def versturen(self, *, naar, afzender, tekst, referentie, status_url=""):
        from signaalroute.contrib.sms.client import SmsVerzonden

        self.aanroepen += 1
        if self.fout is not None:
            raise self.fout
        self.verstuurd.setdefault(referentie, {"naar": naar, "afzender": afzender, "tekst": tekst})
        return SmsVerzonden(id=f"gw-{referentie[:8]}", status="geaccepteerd")
