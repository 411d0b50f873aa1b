"""The functional administrator's settings for the checks and matching of a municipality:
matching policy, thresholds per partner type, the exclusion list, and the debt-help list.
Every change writes an audit line without personal data (an excluded address is personal)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.contrib.shv.models import SchuldhulpRegistratie
from signaalroute.contrib.shv.services import ShvImportresultaat, shv_lijst_importeren
from signaalroute.core.exceptions import NietGevonden, ValidatieFout
from signaalroute.gemeenten.models import Gemeente
from signaalroute.gemeenten.selectors import gemeenten_voor

from .models import Matchinginstellingen, Signaaldrempel, Uitsluiting


def gemeente_ophalen(*, user: User, uuid) -> Gemeente:
    gemeente = gemeenten_voor(user).filter(uuid=uuid).first()
    if gemeente is None:
        raise NietGevonden
    return gemeente


def _audit(door: User, gemeente: Gemeente, omschrijving: str, object=None) -> None:
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=object,
        gemeente=gemeente,
        omschrijving=omschrijving,
    )


@transaction.atomic
def instellingen_opslaan(*, instellingen: Matchinginstellingen, door: User) -> None:
    instellingen.full_clean()
    instellingen.save()
    _audit(door, instellingen.gemeente, "Matchinginstellingen gewijzigd")


@transaction.atomic
def drempel_opslaan(
    *, gemeente: Gemeente, soort: str, minimum_bedrag: int, minimale_dagen: int, door: User
) -> Signaaldrempel:
    """Set the threshold for a partner type ("" = every type without its own)."""
    drempel, _ = Signaaldrempel.objects.update_or_create(
        gemeente=gemeente,
        soort=soort,
        defaults={
            "minimum_bedrag": minimum_bedrag,
            "minimale_achterstand_dagen": minimale_dagen,
        },
    )
    _audit(door, gemeente, f"Drempel voor {soort or 'alle soorten'} ingesteld")
    return drempel


@transaction.atomic
def drempel_verwijderen(*, gemeente: Gemeente, pk, door: User) -> None:
    verwijderd, _ = Signaaldrempel.objects.filter(gemeente=gemeente, pk=pk).delete()
    if not verwijderd:
        raise NietGevonden
    _audit(door, gemeente, "Drempel verwijderd")


def uitsluiting_toevoegen(
    *,
    gemeente: Gemeente,
    postcode: str,
    huisnummer: int,
    huisletter: str,
    toevoeging: str,
    reden: str,
    door: User,
) -> Uitsluiting:
    try:
        with transaction.atomic():
            uitsluiting = Uitsluiting.objects.create(
                gemeente=gemeente,
                postcode=postcode,
                huisnummer=huisnummer,
                huisletter=huisletter,
                huisnummertoevoeging=toevoeging,
                reden=reden.strip(),
            )
    except IntegrityError as exc:
        raise ValidatieFout("Dit adres staat al op de uitsluitingslijst.") from exc
    _audit(door, gemeente, "Adres toegevoegd aan de uitsluitingslijst")
    return uitsluiting


@transaction.atomic
def uitsluiting_verwijderen(*, gemeente: Gemeente, pk, door: User) -> None:
    verwijderd, _ = Uitsluiting.objects.filter(gemeente=gemeente, pk=pk).delete()
    if not verwijderd:
        raise NietGevonden
    _audit(door, gemeente, "Adres verwijderd van de uitsluitingslijst")


def schuldhulplijst_inlezen(*, gemeente: Gemeente, inhoud: bytes, door: User) -> ShvImportresultaat:
    """Replace the municipality's debt-help list; the checks use it for new signals (and for
    waiting ones with `signalen_verwerken --opnieuw`)."""
    resultaat = shv_lijst_importeren(gemeente=gemeente, inhoud=inhoud)
    _audit(door, gemeente, f"Schuldhulplijst ingelezen: {resultaat.ingelezen} registraties")
    return resultaat


def schuldhulplijst_omvang(gemeente: Gemeente) -> tuple[int, object]:
    """How many registrations the current list holds, and when it was read (never its
    contents)."""
    lijst = SchuldhulpRegistratie.objects.filter(gemeente=gemeente)
    laatste = lijst.order_by("-ingelezen_op").values_list("ingelezen_op", flat=True).first()
    return lijst.count(), laatste
