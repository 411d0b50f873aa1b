from django.urls import reverse
from rest_framework import serializers

from signaalroute.aanleveringen.models import Aanlevering, Aanleverregel
from signaalroute.aanleveringen.parsing import json_signaal_omzetten

MAX_SIGNALEN = 10_000


class SignalenBatchSerializer(serializers.Serializer):
    """`{"signalen": [{...}, ...]}`: each signal an object with the fields of the delivery
    format in camelCase (docs/aanleverformaat.md). Row content is validated per row later;
    here only the shape, so that all unknown fields are reported together."""

    signalen = serializers.ListField(
        child=serializers.DictField(), min_length=1, max_length=MAX_SIGNALEN
    )

    def validate_signalen(self, signalen):
        fouten = {}
        for index, signaal in enumerate(signalen):
            _, onbekend = json_signaal_omzetten(signaal)
            if onbekend:
                fouten[index] = {
                    naam: [serializers.ErrorDetail("Onbekend veld.", code="onbekend_veld")]
                    for naam in onbekend
                }
        if fouten:
            raise serializers.ValidationError(fouten)
        return signalen


class MeldingSerializer(serializers.Serializer):
    code = serializers.CharField()
    veld = serializers.CharField()
    bericht = serializers.CharField()
    ernst = serializers.CharField()


class AanleverregelSerializer(serializers.ModelSerializer):
    meldingen = MeldingSerializer(many=True)
    vroegsignaal = serializers.UUIDField(source="vroegsignaal.uuid", allow_null=True, default=None)

    class Meta:
        model = Aanleverregel
        fields = ["regelnummer", "status", "meldingen", "vroegsignaal"]


class AantallenSerializer(serializers.Serializer):
    total = serializers.IntegerField(source="aantal_rijen")
    accepted = serializers.SerializerMethodField()
    warnings = serializers.IntegerField(source="aantal_met_waarschuwing")
    rejected = serializers.IntegerField(source="aantal_afgewezen")
    emptyRowsSkipped = serializers.IntegerField(source="aantal_lege_regels")  # noqa: N815

    def get_accepted(self, obj) -> int:
        return obj.aantal_geaccepteerd + obj.aantal_met_waarschuwing


class AanleveringSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    ontvangenOp = serializers.DateTimeField(source="ontvangen_op")  # noqa: N815
    verwerktOp = serializers.DateTimeField(source="verwerkt_op")  # noqa: N815
    aantallen = AantallenSerializer(source="*")
    perGemeente = serializers.DictField(source="per_gemeente", child=serializers.IntegerField())  # noqa: N815

    class Meta:
        model = Aanlevering
        fields = [
            "url",
            "uuid",
            "status",
            "kanaal",
            "bestandsnaam",
            "ontvangenOp",
            "verwerktOp",
            "aantallen",
            "perGemeente",
            "foutmelding",
        ]

    def get_url(self, obj) -> str:
        path = reverse("api:aanlevering-detail", kwargs={"uuid": obj.uuid})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class AanleveringDetailSerializer(AanleveringSerializer):
    regels = serializers.SerializerMethodField()

    class Meta(AanleveringSerializer.Meta):
        fields = [*AanleveringSerializer.Meta.fields, "regels"]

    def get_regels(self, obj) -> list[dict]:
        from signaalroute.aanleveringen.selectors import regels_met_meldingen

        return AanleverregelSerializer(regels_met_meldingen(obj), many=True).data
