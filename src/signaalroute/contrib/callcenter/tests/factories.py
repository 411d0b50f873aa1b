import factory
from django.utils import timezone

from signaalroute.contrib.callcenter.constants import Bestandsformaat, Importstatus
from signaalroute.contrib.callcenter.models import Belronde, Belrondeimport
from signaalroute.gemeenten.tests.factories import GemeenteFactory


class BelrondeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Belronde

    code = factory.Sequence(lambda n: f"BR-T-{n:05d}")
    gemeente = factory.SubFactory(GemeenteFactory)
    formaat = Bestandsformaat.CSV


class BelrondeimportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Belrondeimport

    belronde = factory.SubFactory(BelrondeFactory)
    bestandsnaam = "resultaten.csv"
    inhoud_hash = factory.Sequence(lambda n: f"{n:064d}")
    status = Importstatus.VERWERKT
    verwerkt_op = factory.LazyFunction(timezone.now)
