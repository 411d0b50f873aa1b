import datetime

import factory

from signaalroute.aanleveringen.constants import Aanleverkanaal
from signaalroute.aanleveringen.models import Aanlevering, Vroegsignaal
from signaalroute.gemeenten.tests.factories import GemeenteFactory
from signaalroute.signaalpartners.tests.factories import SignaalpartnerFactory


class AanleveringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanlevering

    signaalpartner = factory.SubFactory(SignaalpartnerFactory)
    kanaal = Aanleverkanaal.PORTAAL
    bestandsnaam = "signalen.csv"


class VroegsignaalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vroegsignaal

    aanlevering = factory.SubFactory(AanleveringFactory)
    signaalpartner = factory.SelfAttribute("aanlevering.signaalpartner")
    gemeente = factory.SubFactory(GemeenteFactory)
    bedrag = 25000
    ontstaansdatum = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(60))
    signaaldatum = factory.LazyFunction(datetime.date.today)
    voorletters = "J."
    achternaam = factory.Faker("last_name", locale="nl_NL")
    geboortedatum = datetime.date(1985, 4, 12)
    postcode = "1234AB"
    huisnummer = factory.Sequence(lambda n: n + 1)
