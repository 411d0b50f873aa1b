"""Partner API shapes: camelCase, UUIDs as public ids, CBS codes for municipalities. Only what
a partner may learn: the coarse code (`rules`), never the case, its notes or internal reason."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from signaalroute.terugkoppeling.constants import Terugkoppelcode, Terugkoppelmoment
from signaalroute.terugkoppeling.models import (
    Schuldontwikkelingbatch,
    Schuldontwikkelingcode,
    Schuldontwikkelingkanaal,
)
from signaalroute.terugkoppeling.schuldontwikkeling import MAX_RIJEN
from signaalroute.vroegsignaalzaken.constants import Contactgegevensoort, Ongeldigreden


class TerugkoppelingSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    signaal = serializers.UUIDField(source="vroegsignaal.uuid", help_text="UUID van het signaal.")
    klantnummer = serializers.CharField(
        source="vroegsignaal.klantnummer", help_text="Uw eigen klantnummer bij het signaal."
    )
    signaaldatum = serializers.DateField(source="vroegsignaal.signaaldatum")
    gemeente = serializers.CharField(source="gemeente.cbs_code", help_text="CBS-gemeentecode.")
    code = serializers.ChoiceField(choices=Terugkoppelcode.choices)
    omschrijving = serializers.CharField(source="get_code_display")
    moment = serializers.ChoiceField(choices=Terugkoppelmoment.choices)
    betalingspauzeTot = serializers.DateField(  # noqa: N815
        source="betalingspauze_tot",
        allow_null=True,
        help_text="Bij hulp geaccepteerd: tot en met wanneer u de incasso pauzeert.",
    )
    aangemaaktOp = serializers.DateTimeField(source="aangemaakt_op")  # noqa: N815


class TerugkoppelingenSerializer(serializers.Serializer):
    resultaten = TerugkoppelingSerializer(many=True)
    volgende = serializers.IntegerField(
        help_text="De cursor voor de volgende vraag (?na=): de laatste rij van dit antwoord, "
        "of uw eigen cursor als er niets nieuws was. Bewaar hem."
    )
    meer = serializers.BooleanField(
        help_text="Er staan nu al meer rijen klaar: vraag direct opnieuw met ?na=volgende."
    )


class OnjuistContactgegevenSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    signaal = serializers.UUIDField(source="vroegsignaal.uuid")
    klantnummer = serializers.CharField(source="vroegsignaal.klantnummer")
    signaaldatum = serializers.DateField(source="vroegsignaal.signaaldatum")
    gemeente = serializers.CharField(source="vroegsignaal.gemeente.cbs_code")
    # Not `soort`: that name already documents another enum (the partner type).
    soortGegeven = serializers.ChoiceField(source="soort", choices=Contactgegevensoort.choices)  # noqa: N815
    waarde = serializers.CharField(help_text="Het gegeven zoals u het aanleverde.")
    reden = serializers.ChoiceField(source="ongeldig_reden", choices=Ongeldigreden.choices)
    redenOmschrijving = serializers.CharField(source="get_ongeldig_reden_display")  # noqa: N815
    gemeldOp = serializers.DateTimeField(source="ongeldig_gemeld_op")  # noqa: N815


class OnjuisteContactgegevensSerializer(serializers.Serializer):
    resultaten = OnjuistContactgegevenSerializer(many=True)
    volgende = serializers.CharField(
        help_text="De cursor voor de volgende vraag (?na=); leeg als er nog niets was."
    )
    meer = serializers.BooleanField()


class SchuldontwikkelingInvoerSerializer(serializers.Serializer):
    """One report; the content is checked per row by the same rules as an upload, so the
    shape here is loose on purpose (every row gets its own verdict)."""

    signaal = serializers.UUIDField(required=False, help_text="UUID van het signaal.")
    klantnummer = serializers.CharField(required=False, help_text="Met signaaldatum.")
    signaaldatum = serializers.DateField(required=False)
    code = serializers.ChoiceField(choices=Schuldontwikkelingcode.choices)
    peildatum = serializers.DateField()
    bedrag = serializers.CharField(
        required=False, help_text="Achterstand op de peildatum in euro, bijv. 450,00."
    )


class SchuldontwikkelingenBatchSerializer(serializers.Serializer):
    """The request as checked: a list of objects; each object is judged on its own."""

    schuldontwikkelingen = serializers.ListField(
        child=serializers.DictField(), min_length=1, max_length=MAX_RIJEN
    )


class SchuldontwikkelingenInvoerSerializer(serializers.Serializer):
    """The request as documented (OpenAPI)."""

    schuldontwikkelingen = SchuldontwikkelingInvoerSerializer(many=True)


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "regelnummer": {"type": "integer", "description": "Positie in de lijst, vanaf 1."},
                "redenen": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "code": {"type": "string"},
                            "veld": {"type": "string"},
                            "bericht": {"type": "string"},
                        },
                        "required": ["code", "veld", "bericht"],
                    },
                },
            },
            "required": ["regelnummer", "redenen"],
        },
    }
)
class AfwijzingenField(serializers.JSONField):
    def to_representation(self, value):
        return [{"regelnummer": r["regelnummer"], "redenen": r["redenen"]} for r in value]


class SchuldontwikkelingbatchSerializer(serializers.ModelSerializer):
    via = serializers.ChoiceField(source="kanaal", choices=Schuldontwikkelingkanaal.choices)
    ontvangenOp = serializers.DateTimeField(source="ontvangen_op")  # noqa: N815
    totaal = serializers.IntegerField(source="aantal_rijen")
    geaccepteerd = serializers.IntegerField(source="aantal_geaccepteerd")
    alGemeld = serializers.IntegerField(source="aantal_al_gemeld")  # noqa: N815
    afgewezen = serializers.IntegerField(source="aantal_afgewezen")
    afwijzingen = AfwijzingenField(source="afgewezen")

    class Meta:
        model = Schuldontwikkelingbatch
        fields = [
            "uuid",
            "via",
            "ontvangenOp",
            "totaal",
            "geaccepteerd",
            "alGemeld",
            "afgewezen",
            "afwijzingen",
        ]
