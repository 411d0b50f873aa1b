"""Reads of outreach. Tenancy: municipalities through `gemeenten_voor`, cases through
`zaken_voor`; nothing here widens what a user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import phonenumbers
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.accounts.models import User
from signaalroute.core.exceptions import NietGevonden
from signaalroute.gemeenten.models import Gemeente
from signaalroute.gemeenten.rules import huisnummer_weergave
from signaalroute.gemeenten.selectors import gemeenten_voor
from signaalroute.vroegsignaalzaken.constants import Contactgegevenbron, Contactgegevensoort
from signaalroute.vroegsignaalzaken.models import Contactgegeven, Vroegsignaalzaak
from signaalroute.vroegsignaalzaken.selectors import (
    OPEN_FASEN,
    contactgegevens_van,
    volgend_stapadvies,
    zaken_voor,
)

from . import rules
from .constants import CONTACTSOORT, LOPEND, Berichtstatus, Kanaal, Sjabloonstatus
from .models import Bericht, Berichtsjabloon, Huisstijl, Printbatch

# --- municipalities, house style, templates ---------------------------------------------------


def gemeente_ophalen(*, user: User, uuid) -> Gemeente:
    gemeente = gemeenten_voor(user).filter(uuid=uuid).first()
    if gemeente is None:
        raise NietGevonden
    return gemeente


def huisstijl_van(gemeente: Gemeente) -> Huisstijl:
    """The municipality's house style; an unsaved default when none was set up yet."""
    huisstijl = Huisstijl.objects.filter(gemeente=gemeente).first()
    if huisstijl is None:
        huisstijl = Huisstijl(gemeente=gemeente, afzender=f"Gemeente {gemeente.naam}")
    return huisstijl


@dataclass(frozen=True)
class Kanaalsjablonen:
    kanaal: str
    actief: Berichtsjabloon | None
    concept: Berichtsjabloon | None
    versies: list[Berichtsjabloon]

    @property
    def label(self) -> str:
        return Kanaal(self.kanaal).label


def sjablonen_van(gemeente: Gemeente) -> list[Kanaalsjablonen]:
    alle = list(
        Berichtsjabloon.objects.filter(gemeente=gemeente).select_related(
            "aangemaakt_door", "geactiveerd_door"
        )
    )
    uitkomst = []
    for kanaal in Kanaal.values:
        versies = [s for s in alle if s.kanaal == kanaal]
        uitkomst.append(
            Kanaalsjablonen(
                kanaal=kanaal,
                actief=next((s for s in versies if s.status == Sjabloonstatus.ACTIEF), None),
                concept=next((s for s in versies if s.status == Sjabloonstatus.CONCEPT), None),
                versies=versies,
            )
        )
    return uitkomst


def sjabloon_ophalen(*, user: User, uuid) -> Berichtsjabloon:
    sjabloon = (
        Berichtsjabloon.objects.filter(gemeente__in=gemeenten_voor(user), uuid=uuid)
        .select_related("gemeente", "aangemaakt_door", "geactiveerd_door")
        .first()
    )
    if sjabloon is None:
        raise NietGevonden
    return sjabloon


def actief_sjabloon(gemeente: Gemeente, kanaal: str) -> Berichtsjabloon | None:
    return Berichtsjabloon.objects.filter(
        gemeente=gemeente, kanaal=kanaal, status=Sjabloonstatus.ACTIEF
    ).first()


# --- what a message to one case is made of --------------------------------------------------


def _signalen(zaak: Vroegsignaalzaak) -> list[Vroegsignaal]:
    """The case's signals, newest first (uses a prefetch when there is one)."""
    signalen = list(zaak.vroegsignalen.all())
    return sorted(signalen, key=lambda s: (s.signaaldatum, s.pk), reverse=True)


def persoon_van(zaak: Vroegsignaalzaak) -> rules.Persoonsnaam:
    signaal = next(iter(_signalen(zaak)), None)
    if signaal is None:
        return rules.Persoonsnaam()
    return rules.Persoonsnaam(signaal.voorletters, signaal.voorvoegsel, signaal.achternaam)


def adres_van(zaak: Vroegsignaalzaak) -> tuple[rules.Adres | None, Vroegsignaal | None]:
    """The postal address from the newest signal that has street and town."""
    for signaal in _signalen(zaak):
        if signaal.straat and signaal.woonplaats:
            adres = rules.Adres(
                straat=signaal.straat,
                huisnummer=huisnummer_weergave(
                    signaal.huisnummer, signaal.huisletter, signaal.huisnummertoevoeging
                ),
                postcode=signaal.postcode,
                woonplaats=signaal.woonplaats,
            )
            return adres, signaal
    return None, None


def samenvoegwaarden(
    zaak: Vroegsignaalzaak, huisstijl: Huisstijl, datum: dt.date | None = None
) -> dict[str, str]:
    """The value of every merge field for one case."""
    signalen = _signalen(zaak)
    persoon = persoon_van(zaak)
    medewerker = ""
    if zaak.behandelaar_id is not None:
        medewerker = zaak.behandelaar.get_full_name() or ""
    if not medewerker and zaak.team_id is not None:
        medewerker = zaak.team.naam
    medewerker = medewerker or huisstijl.ondertekenaar or huisstijl.afdeling
    return {
        "aanhef": persoon.aanhef(),
        "naam": persoon.volledig(),
        "bedrag": rules.bedrag_tekst(sum(s.bedrag for s in signalen)) if signalen else "",
        "partner": rules.opsomming([s.signaalpartner.naam for s in reversed(signalen)]),
        "medewerker": medewerker,
        "telefoon_team": huisstijl.telefoon,
        "email_team": huisstijl.email,
        "website": huisstijl.website,
        "referentie": zaak.referentie,
        "gemeente": zaak.gemeente.naam,
        "afzender": huisstijl.afzender,
        "datum": date_format(datum or timezone.localdate(), "j F Y"),
    }


def voorbeeldwaarden(gemeente: Gemeente, huisstijl: Huisstijl) -> dict[str, str]:
    """Fictitious values for a template preview, with the municipality's real team details."""
    return {
        **rules.VOORBEELDWAARDEN,
        "telefoon_team": huisstijl.telefoon,
        "email_team": huisstijl.email,
        "website": huisstijl.website,
        "gemeente": gemeente.naam,
        "afzender": huisstijl.afzender,
        "datum": date_format(timezone.localdate(), "j F Y"),
    }


@dataclass(frozen=True)
class Ontvanger:
    """Where a message goes. `waarde` is the contact detail as recorded (the value that is
    marked invalid after a bounce); `verzendadres` is what the SMTP server or gateway gets."""

    waarde: str
    verzendadres: str
    vroegsignaal: Vroegsignaal | None = None


def mobiel_nummer(waarde: str) -> str:
    """The E.164 form of a mobile number, or '' (a landline cannot receive text messages)."""
    try:
        nummer = phonenumbers.parse(waarde, "NL")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(nummer) or phonenumbers.number_type(nummer) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        return ""
    return phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.E164)


def ontvanger_van(zaak: Vroegsignaalzaak, kanaal: str) -> Ontvanger | None:
    """The valid contact detail a message of `kanaal` goes to, or None. Preference: what the
    resident or a worker recorded (newest first), then the newest signal's."""
    if kanaal in (Kanaal.BRIEF, Kanaal.KAARTJE):
        adres, signaal = adres_van(zaak)
        if adres is None or not adres.compleet:
            return None
        regel = adres.een_regel()
        ongeldig = any(
            g.soort == Contactgegevensoort.ADRES and not g.geldig and g.waarde == regel
            for g in zaak.contactgegevens.all()
        )
        return None if ongeldig else Ontvanger(regel, regel, signaal)
    soort = Contactgegevensoort.EMAIL if kanaal == Kanaal.EMAIL else Contactgegevensoort.TELEFOON
    regels = [r for r in contactgegevens_van(zaak) if r.soort == soort and r.geldig]
    nieuwste = {s.pk: i for i, s in enumerate(_signalen(zaak))}

    def voorkeur(regel) -> tuple:
        eigen = (
            regel.gegeven is not None and regel.gegeven.bron != Contactgegevenbron.SIGNAALPARTNER
        )
        moment = regel.gegeven.geregistreerd_op.timestamp() if regel.gegeven else 0
        signaal = nieuwste.get(regel.vroegsignaal.pk, 999) if regel.vroegsignaal else 999
        return (not eigen, -moment, signaal)

    for regel in sorted(regels, key=voorkeur):
        waarde = regel.gegeven.waarde if regel.gegeven is not None else regel.waarde
        if kanaal == Kanaal.SMS:
            verzendadres = mobiel_nummer(waarde)
            if not verzendadres:
                continue
        else:
            verzendadres = waarde.strip()
        return Ontvanger(waarde, verzendadres, regel.vroegsignaal)
    return None


# --- what is due today ---------------------------------------------------------------------


@dataclass(frozen=True)
class Kandidaat:
    zaak: Vroegsignaalzaak
    ontvanger: Ontvanger
    waarom: str  # 'eerste kanaal' or 'volgende stap'


def _met_alles(qs: QuerySet[Vroegsignaalzaak]) -> QuerySet[Vroegsignaalzaak]:
    return qs.select_related("gemeente", "triage", "behandelaar", "team").prefetch_related(
        "contactpogingen",
        "contactgegevens",
        Prefetch("vroegsignalen", queryset=Vroegsignaal.objects.select_related("signaalpartner")),
    )


def zaken_voor_bericht(*, user: User, uuids) -> QuerySet[Vroegsignaalzaak]:
    """The cases (visible to `user`) with what composing a message needs."""
    return _met_alles(zaken_voor(user).filter(uuid__in=list(uuids)))


def te_versturen(*, user: User, gemeente: Gemeente, kanaal: str) -> list[Kandidaat]:
    """Open cases whose triage starts with this channel or whose next step is this channel,
    without an attempt or a message of this channel yet, and with a valid contact detail."""
    soort = CONTACTSOORT[kanaal]
    lopend = Bericht.objects.filter(
        vroegsignaalzaak=OuterRef("pk"), kanaal=kanaal, status__in=LOPEND
    )
    zaken = _met_alles(
        zaken_voor(user)
        .filter(gemeente=gemeente, fase__in=OPEN_FASEN, triage__isnull=False)
        .exclude(contactpogingen__soort=soort)
        .exclude(Exists(lopend))
        .order_by("termijn_eerste_contact", "referentie")
    )
    kandidaten = []
    for zaak in zaken:
        if zaak.triage.eerste_kanaal == soort:
            waarom = "eerste kanaal"
        else:
            advies = volgend_stapadvies(zaak)
            if advies is None or advies.kanaal != soort:
                continue
            waarom = "volgende stap"
        ontvanger = ontvanger_van(zaak, kanaal)
        if ontvanger is not None:
            kandidaten.append(Kandidaat(zaak, ontvanger, waarom))
    return kandidaten


# --- messages and print batches ---------------------------------------------------------------


def berichten_van_zaak(zaak: Vroegsignaalzaak) -> QuerySet[Bericht]:
    return Bericht.objects.filter(vroegsignaalzaak=zaak).select_related("sjabloon", "printbatch")


def bericht_ophalen(*, user: User, uuid) -> Bericht:
    bericht = (
        Bericht.objects.filter(vroegsignaalzaak__in=zaken_voor(user), uuid=uuid)
        .select_related("vroegsignaalzaak__gemeente", "sjabloon", "printbatch")
        .first()
    )
    if bericht is None:
        raise NietGevonden
    return bericht


def printbatches_voor(*, user: User, gemeente: Gemeente) -> QuerySet[Printbatch]:
    from django.db.models import Count

    return (
        Printbatch.objects.filter(gemeente=gemeente, gemeente__in=gemeenten_voor(user))
        .annotate(aantal=Count("berichten"))
        .order_by("-datum")
    )


def printbatch_ophalen(*, user: User, uuid) -> Printbatch:
    batch = (
        Printbatch.objects.filter(gemeente__in=gemeenten_voor(user), uuid=uuid)
        .select_related("gemeente", "aangemaakt_door")
        .first()
    )
    if batch is None:
        raise NietGevonden
    return batch


def berichten_in_batch(batch: Printbatch) -> QuerySet[Bericht]:
    return batch.berichten.select_related("vroegsignaalzaak").order_by(
        "kanaal", "vroegsignaalzaak__postcode", "vroegsignaalzaak__huisnummer", "pk"
    )


# A message 'verzenden' for longer than this was interrupted: a person checks it.
ONDERBROKEN_NA = dt.timedelta(minutes=15)


def te_controleren(*, user: User, gemeente: Gemeente) -> QuerySet[Bericht]:
    """Messages whose sending was interrupted (status `verzenden` for a while), or that are
    waiting to be retried after a temporary failure."""
    return (
        Bericht.objects.filter(
            vroegsignaalzaak__in=zaken_voor(user).filter(gemeente=gemeente),
            status__in=(Berichtstatus.VERZENDEN, Berichtstatus.KLAARGEZET),
            aangemaakt_op__lt=timezone.now() - ONDERBROKEN_NA,
        )
        .select_related("vroegsignaalzaak")
        .order_by("aangemaakt_op")
    )


def contactgegeven_ongeldig(zaak: Vroegsignaalzaak, soort: str, waarde: str) -> bool:
    return Contactgegeven.objects.filter(
        vroegsignaalzaak=zaak, soort=soort, waarde=waarde, geldig=False
    ).exists()
