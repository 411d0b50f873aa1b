import factory

from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.signaalpartners.models import Contactpersoon, Signaalpartner


class SignaalpartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signaalpartner

    code = factory.Sequence(lambda n: f"partner-{n}")
    naam = factory.Sequence(lambda n: f"Zorgverzekeraar {n}")
    soort = Signaalpartnersoort.ZORG
    kvk_nummer = factory.Sequence(lambda n: f"{30000000 + n}")

    class Params:
        energie = factory.Trait(soort=Signaalpartnersoort.ENERGIE)
        huur = factory.Trait(soort=Signaalpartnersoort.HUUR)
        water = factory.Trait(soort=Signaalpartnersoort.WATER)


class ContactpersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contactpersoon

    signaalpartner = factory.SubFactory(SignaalpartnerFactory)
    naam = factory.Faker("name", locale="nl_NL")
    email = factory.Faker("email", locale="nl_NL")
