"""Reads of the callcenter loop. Tenancy starts at `gemeenten_voor` (rounds) and `zaken_voor`
(cases); nothing here widens it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.core.exceptions import NietGevonden
from signaalroute.gemeenten.models import Gemeente, Team
from signaalroute.gemeenten.selectors import gemeenten_voor
from signaalroute.vroegsignaalzaken.constants import Contactgegevensoort, Contactsoort, Zaakfase
from signaalroute.vroegsignaalzaken.models import Contactgegeven, Contactpoging, Vroegsignaalzaak
from signaalroute.vroegsignaalzaken.selectors import (
    contactgegevens_van,
    volgend_stapadvies,
    zaken_voor,
)

from .constants import Regelstatus
from .models import Belronde, Belrondeimport, Belronderegel, Belrondezaak
from .rules import RESULTAATVELDEN, belnummer

MAX_ZAKEN = 2_000  # cases in one round
LEZERS = (Rol.COORDINATOR, Rol.VROEGSIGNALEERDER)


def belrondes_voor(user: User) -> QuerySet[Belronde]:
    """Rounds of the user's municipalities, for coordinators and case workers."""
    if not user.heeft_rol(*LEZERS):
        return Belronde.objects.none()
    return Belronde.objects.filter(gemeente__in=gemeenten_voor(user))


def belronde_overzicht(user: User) -> QuerySet[Belronde]:
    return (
        belrondes_voor(user)
        .select_related("gemeente", "aangemaakt_door")
        .annotate(aantal_zaken=Count("regels", distinct=True))
        .annotate(aantal_imports=Count("imports", distinct=True))
        .order_by("-aangemaakt_op", "-id")
    )


def belronde_ophalen(*, user: User, uuid) -> Belronde:
    belronde = belronde_overzicht(user).filter(uuid=uuid).first()
    if belronde is None:
        raise NietGevonden
    return belronde


def belrondeimport_ophalen(*, user: User, uuid) -> Belrondeimport:
    belrondeimport = (
        Belrondeimport.objects.filter(belronde__in=belrondes_voor(user), uuid=uuid)
        .select_related("belronde__gemeente", "ingelezen_door")
        .first()
    )
    if belrondeimport is None:
        raise NietGevonden
    return belrondeimport


def imports_van(belronde: Belronde) -> QuerySet[Belrondeimport]:
    return belronde.imports.select_related("ingelezen_door").order_by("-ontvangen_op", "-id")


def zaken_van(belronde: Belronde, user: User) -> QuerySet[Belrondezaak]:
    """The round's cases that `user` may see, in call-list order."""
    return (
        belronde.regels.filter(vroegsignaalzaak__in=zaken_voor(user))
        .select_related("vroegsignaalzaak__team", "vroegsignaalzaak__behandelaar")
        .order_by("volgorde")
    )


# --- choosing the cases of a round ----------------------------------------------------------


@dataclass(frozen=True)
class Belfilter:
    """Which open cases go into a new round: a municipality, optionally a team and a tray;
    `alleen_bellen`: only cases whose next step in the triage's approach is a phone call."""

    gemeente: Gemeente
    team: Team | None = None
    bakje: str = ""
    alleen_bellen: bool = True

    def omschrijving(self) -> str:
        delen = [str(self.gemeente)]
        if self.team:
            delen.append(_("team %(naam)s") % {"naam": self.team.naam})
        if self.bakje:
            delen.append(_("bakje %(bakje)s") % {"bakje": self.bakje})
        if self.alleen_bellen:
            delen.append(_("volgende stap bellen"))
        return ", ".join(delen)


def _open(user: User) -> QuerySet[Vroegsignaalzaak]:
    return zaken_voor(user).exclude(fase=Zaakfase.AFGESLOTEN)


def belbare_zaken(user: User, f: Belfilter) -> list[Vroegsignaalzaak]:
    """Open cases of the municipality under the filter, oldest deadline first, at most
    `MAX_ZAKEN` + 1 (so the caller can tell there were more)."""
    qs = (
        _open(user)
        .filter(gemeente=f.gemeente)
        .select_related("triage")
        .prefetch_related(
            Prefetch("contactpogingen", queryset=Contactpoging.objects.order_by("datum", "id"))
        )
        .order_by("termijn_eerste_contact", "id")
    )
    if f.team:
        qs = qs.filter(team=f.team)
    if f.bakje:
        qs = qs.filter(triage__bakje=f.bakje)
    if not f.alleen_bellen:
        return list(qs[: MAX_ZAKEN + 1])
    zaken = []
    for zaak in qs.filter(triage__isnull=False).iterator(chunk_size=500):
        advies = volgend_stapadvies(zaak)
        if advies is not None and advies.kanaal == Contactsoort.TELEFOON:
            zaken.append(zaak)
            if len(zaken) > MAX_ZAKEN:
                break
    return zaken


def geselecteerde_zaken(user: User, uuids: Iterable) -> list[Vroegsignaalzaak]:
    """The open cases among those selected on the work list that `user` may see."""
    return list(
        _open(user)
        .filter(uuid__in=list(uuids))
        .select_related("gemeente")
        .order_by("termijn_eerste_contact", "id")[: MAX_ZAKEN + 1]
    )


def bakjes_voor(user: User) -> list[str]:
    return list(
        _open(user)
        .exclude(triage__bakje__isnull=True)
        .values_list("triage__bakje", flat=True)
        .distinct()
        .order_by("triage__bakje")
    )


# --- the call list -----------------------------------------------------------------------------

BELLIJST_VASTE_KOLOMMEN = ("belronde", "referentie", "naam", "gemeente", "voorkeur_dagdeel")


def _telefoonnummers(zaak: Vroegsignaalzaak) -> list[str]:
    """The household's phone numbers that may be called: from its signals and recorded
    details, none marked wrong, each a valid number, as dialled from the Netherlands."""
    nummers = []
    for regel in contactgegevens_van(zaak):
        if regel.soort != Contactgegevensoort.TELEFOON or not regel.geldig:
            continue
        try:
            nummer = phonenumbers.parse(regel.waarde, "NL")
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(nummer):
            continue
        tekst = belnummer(phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.E164))
        if tekst not in nummers:
            nummers.append(tekst)
    return nummers


def _namen(zaak: Vroegsignaalzaak) -> str:
    namen: list[str] = []
    for signaal in zaak.vroegsignalen.all():
        if signaal.naam and signaal.naam not in namen:
            namen.append(signaal.naam)
    return " / ".join(namen)


def _voorkeur_dagdeel(zaak: Vroegsignaalzaak) -> str:
    """The part of the day the household asked to be called back (the latest attempt's planned
    follow-up), or else the one in which it was last reached; empty when unknown."""
    pogingen = sorted(zaak.contactpogingen.all(), key=lambda p: (p.datum, p.geregistreerd_op))
    for poging in reversed(pogingen):
        if poging.vervolg_dagdeel:
            return poging.get_vervolg_dagdeel_display().lower()
        if poging.bereikt and poging.dagdeel:
            return poging.get_dagdeel_display().lower()
    return ""


def bellijst(belronde: Belronde, user: User) -> tuple[list[str], list[list[str]]]:
    """Columns and rows of a round's call list: only what a callcenter needs to call
    (no address, amounts, partners or dates of birth), and the empty result columns. Cases
    closed since the round was made are left out."""
    zaken = (
        _open(user)
        .filter(belrondes=belronde)
        .select_related("gemeente")
        .prefetch_related(
            Prefetch(
                "vroegsignalen",
                queryset=Vroegsignaal.objects.select_related("signaalpartner").order_by(
                    "signaaldatum", "id"
                ),
            ),
            Prefetch("contactgegevens", queryset=Contactgegeven.objects.order_by("soort", "id")),
            "contactpogingen",
        )
    )
    volgorde = dict(belronde.regels.values_list("vroegsignaalzaak_id", "volgorde"))
    regels = []
    for zaak in sorted(zaken, key=lambda z: volgorde.get(z.pk, 0)):
        regels.append(
            (
                [belronde.code, zaak.referentie, _namen(zaak), zaak.gemeente.naam],
                _voorkeur_dagdeel(zaak),
                _telefoonnummers(zaak),
            )
        )
    aantal = max((len(nummers) for _v, _d, nummers in regels), default=0) or 1
    telefoonkolommen = [f"telefoon_{i}" for i in range(1, aantal + 1)]
    kolommen = [
        *BELLIJST_VASTE_KOLOMMEN[:3],
        *telefoonkolommen,
        *BELLIJST_VASTE_KOLOMMEN[3:],
        *RESULTAATVELDEN,
    ]
    rijen = [
        [
            *vast[:3],
            *(nummers + [""] * (aantal - len(nummers))),
            vast[3],
            dagdeel,
            *([""] * len(RESULTAATVELDEN)),
        ]
        for vast, dagdeel, nummers in regels
    ]
    return kolommen, rijen


# --- import results ------------------------------------------------------------------------


def regels_van(belrondeimport: Belrondeimport, *, status: str = "") -> QuerySet[Belronderegel]:
    qs = belrondeimport.regels.select_related("vroegsignaalzaak", "contactpoging")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("regelnummer")


RAPPORT_KOLOMMEN = ["regelnummer", "status", "redencodes", "redenen", "referentie"]


def afwijzingsrapport(belrondeimport: Belrondeimport) -> tuple[list[str], list[list]]:
    """Every row that was not processed (rejected, or without an attempt) with its reasons
    and the result columns as delivered, so the callcenter can correct and send them again."""
    rijen = [
        [
            regel.regelnummer,
            regel.get_status_display(),
            ", ".join(m["code"] for m in regel.meldingen),
            " | ".join(m["bericht"] for m in regel.meldingen),
            regel.gegevens.get("referentie", regel.referentie),
            *(regel.gegevens.get(veld, "") for veld in RESULTAATVELDEN),
        ]
        for regel in belrondeimport.regels.exclude(status=Regelstatus.GEACCEPTEERD).order_by(
            "regelnummer"
        )
    ]
    return [*RAPPORT_KOLOMMEN, *RESULTAATVELDEN], rijen
