import datetime

import factory

from signaalroute.gemeenten.tests.factories import GemeenteFactory
from signaalroute.vroegsignaalzaken.constants import Zaaksoort
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak


class VroegsignaalzaakFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vroegsignaalzaak

    referentie = factory.Sequence(lambda n: f"VS-T-{n:06d}")
    gemeente = factory.SubFactory(GemeenteFactory)
    postcode = "1234AB"
    huisnummer = factory.Sequence(lambda n: n + 1)
    soort = Zaaksoort.ENKELVOUDIG
    matchingsdatum = factory.LazyFunction(datetime.date.today)
    startdatum_matchingperiode = factory.LazyFunction(lambda: datetime.date.today().replace(day=1))
    einddatum_matchingperiode = factory.LazyFunction(datetime.date.today)
