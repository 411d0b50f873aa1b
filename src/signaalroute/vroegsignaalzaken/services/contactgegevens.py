"""Contact details of a household: added with their source (resident, worker, callcenter), and
marked wrong, which records it for the partner's feedback when the partner delivered it."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.accounts.models import User
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import ValidatieFout

from ..constants import Contactgegevenbron, Contactgegevensoort, Ongeldigreden
from ..models import Contactgegeven, Vroegsignaalzaak, Zaakwijziging


def contactgegeven_normaliseren(soort: str, waarde: str) -> str:
    """The canonical form (phone numbers E.164, e-mail lower-case domain), or `ValidatieFout`."""
    waarde = waarde.strip()
    if soort == Contactgegevensoort.TELEFOON:
        try:
            nummer = phonenumbers.parse(waarde, "NL")
        except phonenumbers.NumberParseException:
            nummer = None
        if nummer is None or not phonenumbers.is_valid_number(nummer):
            raise ValidatieFout(_("Dit is geen geldig telefoonnummer."))
        return phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.E164)
    if soort == Contactgegevensoort.EMAIL:
        try:
            validate_email(waarde)
        except ValidationError as exc:
            raise ValidatieFout(_("Dit is geen geldig e-mailadres.")) from exc
        lokaal, _at, domein = waarde.rpartition("@")
        return f"{lokaal}@{domein.lower()}"
    if soort == Contactgegevensoort.ADRES and waarde:
        return waarde[:254]
    raise ValidatieFout(_("Onbekende soort contactgegeven."))


def _historie(zaak: Vroegsignaalzaak, door: User, tekst: str) -> None:
    Zaakwijziging.objects.create(
        vroegsignaalzaak=zaak,
        fase_van=zaak.fase,
        fase_naar=zaak.fase,
        actie="contactgegevens",
        toelichting=tekst,
        door=door,
    )
    auditregel_vastleggen(
        actie=Auditactie.WIJZIGEN,
        gebruiker=door,
        object=zaak,
        gemeente=zaak.gemeente,
        omschrijving=tekst,  # names the kind of detail only, never its value
    )


@transaction.atomic
def contactgegeven_toevoegen(
    *, zaak: Vroegsignaalzaak, door: User, soort: str, waarde: str, bron: str
) -> Contactgegeven:
    if bron not in Contactgegevenbron.values or bron == Contactgegevenbron.SIGNAALPARTNER:
        raise ValidatieFout(_("Kies de bron van dit gegeven."))
    waarde = contactgegeven_normaliseren(soort, waarde)
    gegeven, nieuw = Contactgegeven.objects.get_or_create(
        vroegsignaalzaak=zaak,
        soort=soort,
        waarde=waarde,
        defaults={"bron": bron, "geregistreerd_door": door},
    )
    if not nieuw and not gegeven.geldig:
        raise ValidatieFout(_("Dit gegeven is eerder als onjuist gemeld."))
    if nieuw:
        _historie(
            zaak,
            door,
            _("%(soort)s toegevoegd (bron: %(bron)s).")
            % {"soort": gegeven.get_soort_display(), "bron": gegeven.get_bron_display()},
        )
    return gegeven


@transaction.atomic
def contactgegeven_ongeldig_melden(
    *,
    zaak: Vroegsignaalzaak,
    door: User,
    soort: str,
    waarde: str,
    reden: str,
    vroegsignaal: Vroegsignaal | None = None,
) -> Contactgegeven:
    """Mark a phone number, e-mail address or address wrong. When a partner delivered it (on
    `vroegsignaal`), the record is what the partner sees in its contact-data feedback."""
    if reden not in Ongeldigreden.values:
        raise ValidatieFout(_("Kies waarom het gegeven niet klopt."))
    if vroegsignaal is not None and vroegsignaal.vroegsignaalzaak_id != zaak.pk:
        raise ValidatieFout(_("Dit signaal hoort niet bij deze zaak."))
    if soort not in Contactgegevensoort.values:
        raise ValidatieFout(_("Onbekende soort contactgegeven."))
    try:
        # Stored as `contactgegeven_toevoegen` stores it, so the wrong value cannot be re-added
        # in another notation; a partner's value that is not even valid is kept as delivered.
        waarde = contactgegeven_normaliseren(soort, waarde)
    except ValidatieFout:
        waarde = waarde.strip()
    gegeven = Contactgegeven.objects.filter(
        vroegsignaalzaak=zaak, soort=soort, waarde=waarde
    ).first()
    if gegeven is None:
        gegeven = Contactgegeven(
            vroegsignaalzaak=zaak,
            vroegsignaal=vroegsignaal,
            soort=soort,
            waarde=waarde,
            bron=Contactgegevenbron.SIGNAALPARTNER
            if vroegsignaal is not None
            else Contactgegevenbron.MEDEWERKER,
            geregistreerd_door=door,
        )
    if not gegeven.geldig:
        return gegeven
    gegeven.geldig = False
    gegeven.ongeldig_reden = reden
    gegeven.ongeldig_gemeld_op = timezone.now()
    gegeven.save()
    _historie(
        zaak,
        door,
        _("%(soort)s gemeld als onjuist: %(reden)s.")
        % {"soort": gegeven.get_soort_display(), "reden": gegeven.get_ongeldig_reden_display()},
    )
    return gegeven
