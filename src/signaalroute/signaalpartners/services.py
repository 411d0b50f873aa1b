"""Writes for signal partners: machine credentials for the partner API; reminders to partners
whose monthly delivery is missing."""

import datetime
import hashlib
import logging
import secrets
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.gemeenten.models import Gemeente

from .constants import Scope
from .models import Aanleverherinnering, Contactpersoon, Partnersleutel, Signaalpartner
from .rules import Maandstatus, herinnering_verschuldigd, herinneringsmaanden, maand_label
from .selectors import aanleverstanden

logger = logging.getLogger(__name__)

SLEUTEL_VOORVOEGSEL = "sr_"


def sleutel_hashen(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


@transaction.atomic
def partnersleutel_aanmaken(
    *, signaalpartner: Signaalpartner, naam: str, scopes: list[str]
) -> tuple[Partnersleutel, str]:
    """Create a credential; returns it with the plain key, which is never stored or shown
    again."""
    if onbekend := set(scopes) - set(Scope.values):
        raise ValidatieFout(f"Onbekende scope(s): {', '.join(sorted(onbekend))}")
    if not scopes:
        raise ValidatieFout("Kies minstens één scope.")
    prefix = secrets.token_hex(4)
    sleutel = f"{SLEUTEL_VOORVOEGSEL}{prefix}_{secrets.token_urlsafe(32)}"
    record = Partnersleutel.objects.create(
        signaalpartner=signaalpartner,
        naam=naam,
        prefix=prefix,
        sleutel_hash=sleutel_hashen(sleutel),
        scopes=sorted(set(scopes)),
    )
    return record, sleutel


def partnersleutel_intrekken(*, sleutel: Partnersleutel) -> None:
    Partnersleutel.objects.filter(pk=sleutel.pk).update(actief=False)


# --- reminders to late partners -------------------------------------------------------------


@dataclass
class Herinneringsresultaat:
    """What one run of `aanleverherinneringen_versturen` did."""

    verstuurd: list[Aanleverherinnering] = field(default_factory=list)
    zonder_adres: list[Signaalpartner] = field(default_factory=list)
    mislukt: list[Signaalpartner] = field(default_factory=list)


def aanleverherinneringen_versturen(*, peildatum: datetime.date) -> Herinneringsresultaat:
    """Send one reminder e-mail per partner whose monthly delivery is missing (`ontbreekt`)
    for one or more municipalities on `peildatum`, listing those municipalities. Idempotent: at
    most one reminder per partner and month, ever (`Aanleverherinnering`), so it is safe to run
    daily from cron and from several workers at once.

    A partner without any contact person with an e-mail address is reported, not recorded, so
    that it gets its reminder once an address has been added. A failed send is rolled back
    and tried again on the next run."""
    resultaat = Herinneringsresultaat()
    for maand in herinneringsmaanden(peildatum):
        late: dict[Signaalpartner, list[Gemeente]] = defaultdict(list)
        for regel in aanleverstanden(maand=maand, peildatum=peildatum):
            if regel.status == Maandstatus.ONTBREEKT and herinnering_verschuldigd(
                maand=maand, aanleverdag=regel.signaalpartner.aanleverdag, peildatum=peildatum
            ):
                late[regel.signaalpartner].append(regel.gemeente)
        al_verstuurd = set(
            Aanleverherinnering.objects.filter(maand=maand).values_list(
                "signaalpartner_id", flat=True
            )
        )
        for partner, gemeenten in late.items():
            if partner.pk in al_verstuurd:
                continue
            try:
                herinnering = _aanleverherinnering_versturen(
                    signaalpartner=partner, maand=maand, gemeenten=gemeenten
                )
            except _AlVerstuurd:
                continue
            except Exception:
                # The addresses and the SMTP error may hold e-mail addresses: log neither.
                logger.error("aanleverherinnering aan %s mislukt", partner.code)
                resultaat.mislukt.append(partner)
                continue
            if herinnering is None:
                logger.warning("aanleverherinnering: %s heeft geen e-mailadres", partner.code)
                resultaat.zonder_adres.append(partner)
            else:
                resultaat.verstuurd.append(herinnering)
    return resultaat


class _AlVerstuurd(Exception):
    """Another run sent this reminder in the meantime."""


def _adressen(signaalpartner: Signaalpartner, gemeenten: list[Gemeente]) -> list[str]:
    """The partner's general contact persons and those for the late municipalities."""
    adressen: dict[str, str] = {}
    for email in (
        Contactpersoon.objects.filter(signaalpartner=signaalpartner)
        .exclude(email="")
        .filter(Q(gemeente__isnull=True) | Q(gemeente__in=gemeenten))
        .order_by("email")
        .values_list("email", flat=True)
    ):
        adressen.setdefault(email.strip().lower(), email.strip())
    return sorted(adressen.values(), key=str.lower)


@transaction.atomic
def _aanleverherinnering_versturen(
    *, signaalpartner: Signaalpartner, maand: datetime.date, gemeenten: list[Gemeente]
) -> Aanleverherinnering | None:
    """Record and send one reminder; None when the partner has no e-mail address. The e-mail
    is sent inside the transaction, after the record: a failed send rolls the record back
    (tried again next run); the partner row lock and the unique constraint keep a concurrent
    run from sending it twice."""
    Signaalpartner.objects.select_for_update().get(pk=signaalpartner.pk)
    if Aanleverherinnering.objects.filter(signaalpartner=signaalpartner, maand=maand).exists():
        raise _AlVerstuurd
    aan = _adressen(signaalpartner, gemeenten)
    if not aan:
        return None
    gemeenten = sorted(gemeenten, key=lambda g: g.naam)
    herinnering = Aanleverherinnering.objects.create(
        signaalpartner=signaalpartner,
        maand=maand,
        aan=aan,
        gemeenten=[{"cbsCode": g.cbs_code, "naam": g.naam} for g in gemeenten],
    )
    context = {
        "signaalpartner": signaalpartner,
        "maand": maand_label(maand),
        "aanleverdag": signaalpartner.aanleverdag,
        "gemeenten": gemeenten,
    }
    tekst = render_to_string("signaalpartners/email/aanleverherinnering.txt", context)
    EmailMessage(
        subject=f"Herinnering: aanlevering vroegsignalen {maand_label(maand)} nog niet ontvangen",
        body=tekst.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=aan,
    ).send(fail_silently=False)
    return herinnering


# --- partner directory (the partner maintains its own published data) -----------------------

PARTNERGEGEVENS_VELDEN = (
    "criteria",
    "minimum_bedrag",
    "minimale_achterstand_dagen",
    "aantal_herinneringen",
    "telefoonnummer_gemeenten",
    "email_gemeenten",
    "bereikbaarheid",
    "regeling_max_maanden",
    "regeling_behandelaar",
    "regeling_telefoonnummer",
    "regeling_email",
    "regeling_toelichting",
)
CONTACTPERSOON_VELDEN = ("gemeente", "naam", "functie", "telefoonnummer", "email")


def _gegevens_gewijzigd(signaalpartner: Signaalpartner, door, omschrijving: str) -> None:
    Signaalpartner.objects.filter(pk=signaalpartner.pk).update(
        gegevens_bijgewerkt_op=timezone.now()
    )
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=signaalpartner,
        omschrijving=omschrijving,
    )


@transaction.atomic
def partnergegevens_bijwerken(
    *, signaalpartner: Signaalpartner, gegevens: dict, door
) -> Signaalpartner:
    """Store what the partner publishes: signal criteria, how municipalities reach it and
    its payment-arrangement options. Only `PARTNERGEGEVENS_VELDEN` can change."""
    partner = Signaalpartner.objects.select_for_update().get(pk=signaalpartner.pk)
    if onbekend := set(gegevens) - set(PARTNERGEGEVENS_VELDEN):
        raise ValidatieFout(f"Niet te wijzigen: {', '.join(sorted(onbekend))}")
    for veld, waarde in gegevens.items():
        setattr(partner, veld, waarde)
    partner.save(update_fields=list(gegevens))
    _gegevens_gewijzigd(partner, door, "Partnergegevens bijgewerkt")
    partner.refresh_from_db()
    return partner


@transaction.atomic
def contactpersoon_opslaan(
    *,
    signaalpartner: Signaalpartner,
    gegevens: dict,
    door,
    contactpersoon: Contactpersoon | None = None,
) -> Contactpersoon:
    """Add or change one of the partner's contact persons (general or for one municipality)."""
    if contactpersoon is not None and contactpersoon.signaalpartner_id != signaalpartner.pk:
        raise ValidatieFout("Deze contactpersoon hoort niet bij uw organisatie.")
    if onbekend := set(gegevens) - set(CONTACTPERSOON_VELDEN):
        raise ValidatieFout(f"Niet te wijzigen: {', '.join(sorted(onbekend))}")
    contactpersoon = contactpersoon or Contactpersoon(signaalpartner=signaalpartner)
    for veld, waarde in gegevens.items():
        setattr(contactpersoon, veld, waarde)
    contactpersoon.save()
    _gegevens_gewijzigd(signaalpartner, door, "Contactpersoon opgeslagen")
    return contactpersoon


@transaction.atomic
def contactpersoon_verwijderen(
    *, signaalpartner: Signaalpartner, contactpersoon: Contactpersoon, door
) -> None:
    if contactpersoon.signaalpartner_id != signaalpartner.pk:
        raise ValidatieFout("Deze contactpersoon hoort niet bij uw organisatie.")
    contactpersoon.delete()
    _gegevens_gewijzigd(signaalpartner, door, "Contactpersoon verwijderd")
