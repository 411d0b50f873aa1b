import factory

from signaalroute.contrib.brp.models import LokaalBrpPersoon


class LokaalBrpPersoonFactory(factory.django.DjangoModelFactory):
    """A fictitious resident of 7401 AB 12 in Lindeveld, born 15 November 1956."""

    class Meta:
        model = LokaalBrpPersoon

    bsn = factory.Sequence(lambda n: f"9999{n:05d}")
    geslacht = "V"
    voornamen = "Yvonne Johanna"
    voorvoegsel = "van der"
    geslachtsnaam = "Meer"
    geboortedatum = "19561115"
    straat = "Kerkstraat"
    postcode = "7401AB"
    huisnummer = 12
    woonplaats = "Lindeveld"
    adres_sinds = "20150301"
    gemeente_code = "9901"
    gemeente_naam = "Lindeveld"
    datum_inschrijving_gemeente = "20150301"
