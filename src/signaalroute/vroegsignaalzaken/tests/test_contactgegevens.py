"""Contact details of a household: normalised when added, with their source, and marked wrong
(for the partner's feedback when the partner delivered them)."""

import pytest

from signaalroute.aanleveringen.tests.factories import VroegsignaalFactory
from signaalroute.audit.models import Auditregel
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.vroegsignaalzaken.constants import Contactgegevenbron as B
from signaalroute.vroegsignaalzaken.constants import Contactgegevensoort as G
from signaalroute.vroegsignaalzaken.constants import Ongeldigreden as R
from signaalroute.vroegsignaalzaken.models import Contactgegeven
from signaalroute.vroegsignaalzaken.services import (
    contactgegeven_ongeldig_melden,
    contactgegeven_toevoegen,
)
from signaalroute.vroegsignaalzaken.services.contactgegevens import contactgegeven_normaliseren
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

# --- normalising (no database) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("invoer", "e164"),
    [
        ("0612345678", "+31612345678"),
        ("06-12345678", "+31612345678"),
        (" 06 1234 5678 ", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("020 123 4567", "+31201234567"),
        ("+32 470 12 34 56", "+32470123456"),
    ],
)
def test_phone_numbers_are_stored_as_e164(invoer, e164):
    assert contactgegeven_normaliseren(G.TELEFOON, invoer) == e164


@pytest.mark.parametrize("invoer", ["12345", "06-1234", "bel me", "", "+31 6 1234567890123"])
def test_an_invalid_phone_number_is_refused(invoer):
    with pytest.raises(ValidatieFout, match="geen geldig telefoonnummer"):
        contactgegeven_normaliseren(G.TELEFOON, invoer)


def test_an_email_address_keeps_its_local_part_and_lowercases_its_domain():
    assert contactgegeven_normaliseren(G.EMAIL, " Jan.Jansen@Example.NL ") == (
        "Jan.Jansen@example.nl"
    )


@pytest.mark.parametrize("invoer", ["jan@", "@example.nl", "geen e-mail", "jan@@example.nl", ""])
def test_an_invalid_email_address_is_refused(invoer):
    with pytest.raises(ValidatieFout, match="geen geldig e-mailadres"):
        contactgegeven_normaliseren(G.EMAIL, invoer)


def test_an_address_is_kept_as_given_and_must_not_be_empty():
    assert contactgegeven_normaliseren(G.ADRES, "  Dorpsstraat 1, Aadorp ") == (
        "Dorpsstraat 1, Aadorp"
    )
    with pytest.raises(ValidatieFout):
        contactgegeven_normaliseren(G.ADRES, "   ")


def test_an_unknown_kind_of_contact_detail_is_refused():
    with pytest.raises(ValidatieFout, match="Onbekende soort"):
        contactgegeven_normaliseren("fax", "020 123 4567")


# --- adding --------------------------------------------------------------------------------

NUMMER = "+31612345678"


@pytest.fixture
def zaak(tenant_a):
    return VroegsignaalzaakFactory(gemeente=tenant_a)


@pytest.fixture
def signaal(zaak):
    return VroegsignaalFactory(
        gemeente=zaak.gemeente,
        vroegsignaalzaak=zaak,
        telefoonnummer="06-12345678",
        email="J.Jansen@Voorbeeld.NL",
    )


@pytest.fixture
def medewerker(users):
    return users["vroegsignaleerder"]


def audit_zonder_waarden(zaak, *waarden):
    regels = list(Auditregel.objects.filter(object_uuid=zaak.uuid))
    assert regels
    for regel in regels:
        for waarde in waarden:
            assert waarde not in regel.omschrijving


@pytest.mark.django_db
def test_a_worker_adds_a_phone_number_with_its_source(zaak, medewerker):
    gegeven = contactgegeven_toevoegen(
        zaak=zaak, door=medewerker, soort=G.TELEFOON, waarde="06 12 34 56 78", bron=B.INWONER
    )
    assert (gegeven.waarde, gegeven.bron, gegeven.geldig) == (NUMMER, B.INWONER, True)
    assert gegeven.geregistreerd_door == medewerker
    assert str(gegeven) == "Telefoonnummer (Inwoner zelf)"  # never the value
    rij = zaak.historie.get()
    assert (rij.actie, rij.fase_van, rij.fase_naar, rij.door) == (
        "contactgegevens",
        zaak.fase,
        zaak.fase,
        medewerker,
    )
    assert rij.toelichting == "Telefoonnummer toegevoegd (bron: Inwoner zelf)."
    audit_zonder_waarden(zaak, NUMMER, "12345678", "06 12")


@pytest.mark.django_db
def test_the_same_number_in_another_notation_is_not_added_twice(zaak, medewerker):
    for notatie in ("0612345678", "+31 6 12345678", "0031612345678"):
        contactgegeven_toevoegen(
            zaak=zaak, door=medewerker, soort=G.TELEFOON, waarde=notatie, bron=B.CALLCENTER
        )
    assert list(zaak.contactgegevens.values_list("waarde", "bron")) == [(NUMMER, B.CALLCENTER)]
    assert zaak.historie.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("bron", [B.SIGNAALPARTNER, "buurman", ""])
def test_a_worker_cannot_claim_the_partner_or_an_unknown_source(zaak, medewerker, bron):
    with pytest.raises(ValidatieFout, match="bron"):
        contactgegeven_toevoegen(
            zaak=zaak, door=medewerker, soort=G.TELEFOON, waarde="0612345678", bron=bron
        )
    assert not zaak.contactgegevens.exists() and not zaak.historie.exists()


@pytest.mark.django_db
def test_an_invalid_value_is_refused_and_stores_nothing(zaak, medewerker):
    with pytest.raises(ValidatieFout):
        contactgegeven_toevoegen(
            zaak=zaak, door=medewerker, soort=G.EMAIL, waarde="jan@", bron=B.INWONER
        )
    assert not zaak.contactgegevens.exists() and not zaak.historie.exists()


@pytest.mark.django_db
def test_an_email_address_is_added_normalised(zaak, medewerker):
    gegeven = contactgegeven_toevoegen(
        zaak=zaak, door=medewerker, soort=G.EMAIL, waarde="Piet@Voorbeeld.NL", bron=B.MEDEWERKER
    )
    assert gegeven.waarde == "Piet@voorbeeld.nl"
    audit_zonder_waarden(zaak, "Piet", "voorbeeld")


# --- marking wrong ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_marking_a_partners_number_wrong_records_it_for_the_partner(zaak, signaal, medewerker):
    gegeven = contactgegeven_ongeldig_melden(
        zaak=zaak,
        door=medewerker,
        soort=G.TELEFOON,
        waarde=signaal.telefoonnummer,
        reden=R.ANDER_PERSOON,
        vroegsignaal=signaal,
    )
    gegeven.refresh_from_db()
    assert gegeven.bron == B.SIGNAALPARTNER
    assert gegeven.vroegsignaal == signaal
    assert (gegeven.geldig, gegeven.ongeldig_reden) == (False, R.ANDER_PERSOON)
    assert gegeven.ongeldig_gemeld_op is not None
    assert gegeven.geregistreerd_door == medewerker
    assert zaak.historie.get().toelichting == (
        "Telefoonnummer gemeld als onjuist: Hoort bij iemand anders."
    )
    audit_zonder_waarden(zaak, NUMMER, "12345678")


@pytest.mark.django_db
def test_a_number_marked_wrong_cannot_be_added_again_in_any_notation(zaak, signaal, medewerker):
    contactgegeven_ongeldig_melden(
        zaak=zaak,
        door=medewerker,
        soort=G.TELEFOON,
        waarde=signaal.telefoonnummer,
        reden=R.ONBEKEND_NUMMER,
        vroegsignaal=signaal,
    )
    for notatie in ("06-12345678", "0612345678", "+31612345678"):
        with pytest.raises(ValidatieFout, match="eerder als onjuist gemeld"):
            contactgegeven_toevoegen(
                zaak=zaak, door=medewerker, soort=G.TELEFOON, waarde=notatie, bron=B.INWONER
            )
    gegeven = zaak.contactgegevens.get()
    assert (gegeven.geldig, gegeven.bron) == (False, B.SIGNAALPARTNER)


@pytest.mark.django_db
def test_a_partners_email_address_marked_wrong_cannot_be_added_again(zaak, signaal, medewerker):
    contactgegeven_ongeldig_melden(
        zaak=zaak,
        door=medewerker,
        soort=G.EMAIL,
        waarde=signaal.email,
        reden=R.ONBESTELBAAR,
        vroegsignaal=signaal,
    )
    with pytest.raises(ValidatieFout, match="eerder als onjuist gemeld"):
        contactgegeven_toevoegen(
            zaak=zaak,
            door=medewerker,
            soort=G.EMAIL,
            waarde="J.Jansen@voorbeeld.nl",
            bron=B.INWONER,
        )


@pytest.mark.django_db
def test_a_partners_value_that_is_not_even_valid_is_recorded_as_delivered(zaak, medewerker):
    signaal = VroegsignaalFactory(
        gemeente=zaak.gemeente, vroegsignaalzaak=zaak, telefoonnummer="12345"
    )
    gegeven = contactgegeven_ongeldig_melden(
        zaak=zaak,
        door=medewerker,
        soort=G.TELEFOON,
        waarde=" 12345 ",
        reden=R.ONBEKEND_NUMMER,
        vroegsignaal=signaal,
    )
    assert (gegeven.waarde, gegeven.geldig, gegeven.bron) == ("12345", False, B.SIGNAALPARTNER)


@pytest.mark.django_db
def test_marking_a_recorded_detail_wrong_keeps_its_source(zaak, medewerker):
    contactgegeven_toevoegen(
        zaak=zaak, door=medewerker, soort=G.TELEFOON, waarde="0612345678", bron=B.CALLCENTER
    )
    gegeven = contactgegeven_ongeldig_melden(
        zaak=zaak, door=medewerker, soort=G.TELEFOON, waarde=NUMMER, reden=R.ONBEKEND_NUMMER
    )
    assert zaak.contactgegevens.count() == 1
    assert (gegeven.bron, gegeven.geldig, gegeven.vroegsignaal) == (B.CALLCENTER, False, None)


@pytest.mark.django_db
def test_a_detail_marked_wrong_without_a_signal_is_the_workers(zaak, medewerker):
    gegeven = contactgegeven_ongeldig_melden(
        zaak=zaak, door=medewerker, soort=G.ADRES, waarde="Postbus 1", reden=R.ONBESTELBAAR
    )
    assert (gegeven.bron, gegeven.geldig) == (B.MEDEWERKER, False)


@pytest.mark.django_db
def test_marking_wrong_twice_records_it_once(zaak, signaal, medewerker):
    for _ in range(2):
        contactgegeven_ongeldig_melden(
            zaak=zaak,
            door=medewerker,
            soort=G.TELEFOON,
            waarde=signaal.telefoonnummer,
            reden=R.ANDER_PERSOON,
            vroegsignaal=signaal,
        )
    assert zaak.contactgegevens.count() == 1
    assert zaak.historie.count() == 1


@pytest.mark.django_db
def test_marking_wrong_needs_a_known_reason(zaak, signaal, medewerker):
    with pytest.raises(ValidatieFout, match="waarom"):
        contactgegeven_ongeldig_melden(
            zaak=zaak,
            door=medewerker,
            soort=G.TELEFOON,
            waarde=signaal.telefoonnummer,
            reden="weet niet",
            vroegsignaal=signaal,
        )
    assert not zaak.contactgegevens.exists()


@pytest.mark.django_db
def test_a_signal_of_another_case_is_refused(zaak, medewerker):
    ander = VroegsignaalFactory(
        gemeente=zaak.gemeente,
        vroegsignaalzaak=VroegsignaalzaakFactory(gemeente=zaak.gemeente),
        telefoonnummer="0612345678",
    )
    with pytest.raises(ValidatieFout, match="hoort niet bij deze zaak"):
        contactgegeven_ongeldig_melden(
            zaak=zaak,
            door=medewerker,
            soort=G.TELEFOON,
            waarde=ander.telefoonnummer,
            reden=R.ANDER_PERSOON,
            vroegsignaal=ander,
        )
    assert not Contactgegeven.objects.exists()
