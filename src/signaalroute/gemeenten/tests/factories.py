import factory

from signaalroute.gemeenten.models import (
    Gemeente,
    Postcodegebied,
    Team,
    Uitvoeringsorganisatie,
    Wijk,
)


class UitvoeringsorganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Uitvoeringsorganisatie

    code = factory.Sequence(lambda n: f"org-{n}")
    naam = factory.Sequence(lambda n: f"Kredietbank {n}")
    kvk_nummer = factory.Sequence(lambda n: f"{40000000 + n}")


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente

    # 1000-7999: never the codes tests and the demo use on purpose (0363, 8xxx, 99xx)
    cbs_code = factory.Sequence(lambda n: f"{1000 + n % 7000:04d}")
    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    inwoners = 30000
    uitvoeringsorganisatie = factory.SubFactory(UitvoeringsorganisatieFactory)

    class Params:
        niet_aangesloten = factory.Trait(aangesloten=False)


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijk

    gemeente = factory.SubFactory(GemeenteFactory)
    code = factory.Sequence(lambda n: f"W{n:02d}")
    naam = factory.Sequence(lambda n: f"Wijk {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    uitvoeringsorganisatie = factory.SubFactory(UitvoeringsorganisatieFactory)
    naam = factory.Sequence(lambda n: f"Team {n}")

    class Params:
        extern_team = factory.Trait(extern=True)


class PostcodegebiedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Postcodegebied

    postcode = factory.Sequence(lambda n: f"{1000 + n}")
    gemeente = factory.SubFactory(GemeenteFactory)
