from rest_framework import serializers

from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak


class WerklijstzaakSerializer(serializers.ModelSerializer):
    """One case on the work list (names in camelCase, NL API Design Rules)."""

    gemeente = serializers.CharField(source="gemeente.cbs_code")
    bakje = serializers.CharField(source="triage.bakje", default=None)
    uitersteDatumEersteContact = serializers.DateField(  # noqa: N815
        source="triage.uiterste_datum", default=None
    )
    aantalSignalen = serializers.IntegerField(source="aantal_signalen")  # noqa: N815
    totaalbedragCenten = serializers.IntegerField(source="totaalbedrag")  # noqa: N815
    team = serializers.CharField(source="team.naam", default=None)
    behandelaar = serializers.CharField(source="behandelaar.username", default=None)

    class Meta:
        model = Vroegsignaalzaak
        fields = [
            "uuid",
            "referentie",
            "gemeente",
            "soort",
            "fase",
            "crisis",
            "bakje",
            "uitersteDatumEersteContact",
            "aantalSignalen",
            "totaalbedragCenten",
            "team",
            "behandelaar",
            "matchingsdatum",
        ]
