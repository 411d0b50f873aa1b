"""Request and response of the DDAS-VS API (`DDAS Gegevens Uitwissel API - VS` v1.0): the
property names are the API's, not ours (`aanleverende_organisatie` included)."""

from rest_framework import serializers

from ..constants import PAGE_SIZE_MAX, PAGE_SIZE_STANDAARD


class GegevensRequestSerializer(serializers.Serializer):
    aanleverperiodeStartdatum = serializers.DateField(
        required=False,
        help_text="Eerste dag van de periode (JJJJ-MM-DD). Zonder beide datums: de vorige "
        "kalendermaand.",
    )
    aanleverperiodeEinddatum = serializers.DateField(
        required=False, help_text="Laatste dag van de periode (JJJJ-MM-DD), inclusief."
    )
    aanleverende_organisatie = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Alleen de gemeenten van deze organisatie: code, KvK-nummer of naam van de "
        "uitvoeringsorganisatie, of CBS-code (0518 of GM0518) of naam van één gemeente. "
        "Zonder: alle aangesloten gemeenten.",
    )
    page = serializers.IntegerField(
        required=False, min_value=1, default=1, help_text="De gewenste pagina (vanaf 1)."
    )
    pageSize = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=PAGE_SIZE_MAX,
        default=PAGE_SIZE_STANDAARD,
        help_text="Aantal records (vroegsignalen plus vroegsignaalzaken) per pagina.",
    )

    def to_internal_value(self, data):
        # The API's request schema has additionalProperties: false.
        if isinstance(data, dict):
            onbekend = sorted(set(data) - set(self.fields))
            if onbekend:
                raise serializers.ValidationError(
                    {
                        naam: ["Onbekend veld; toegestaan: " + ", ".join(self.fields)]
                        for naam in onbekend
                    }
                )
        return super().to_internal_value(data)

    def validate(self, attrs):
        van = attrs.get("aanleverperiodeStartdatum")
        tot = attrs.get("aanleverperiodeEinddatum")
        if (van is None) != (tot is None):
            ontbrekend = "aanleverperiodeEinddatum" if tot is None else "aanleverperiodeStartdatum"
            raise serializers.ValidationError(
                {ontbrekend: ["Geef beide datums van de periode, of geen van beide."]}
            )
        if van is not None and van > tot:
            raise serializers.ValidationError(
                {"aanleverperiodeEinddatum": ["De einddatum ligt vóór de startdatum."]}
            )
        return attrs


class PagineringSerializer(serializers.Serializer):
    pageSize = serializers.IntegerField(help_text="Het aantal records per pagina.")
    currentPage = serializers.IntegerField(help_text="De huidige pagina.")
    totalPages = serializers.IntegerField(help_text="Het totaal aantal pagina's (minimaal 1).")
    totalRecords = serializers.IntegerField(
        help_text="Het totaal aantal records (vroegsignalen plus vroegsignaalzaken)."
    )


class GegevensResponseSerializer(serializers.Serializer):
    gegevens = serializers.JSONField(
        help_text="Een DDAS-document (Uitwisselmodel) volgens het officiële JSON Schema v1.2 "
        "(VNG-Realisatie/ddas-vroegsignalering), met de leveringen van deze pagina. Vooraf "
        "gevalideerd tegen dat schema."
    )
    paginering = PagineringSerializer()


class DdasProbleemSerializer(serializers.Serializer):
    """problem+json (RFC 9457) as `core.api` writes it."""

    type = serializers.CharField()
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(required=False)
    instance = serializers.CharField(required=False)
    invalidParams = serializers.ListField(child=serializers.DictField(), required=False)


class DdasTokenRequestSerializer(serializers.Serializer):
    grant_type = serializers.ChoiceField(choices=["client_credentials"])
    client_id = serializers.CharField(
        required=False, help_text="Of via HTTP Basic-authenticatie (RFC 6749 §2.3.1)."
    )
    client_secret = serializers.CharField(required=False)
    scope = serializers.CharField(required=False, help_text="Alleen `read`.")


class DdasTokenResponseSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    token_type = serializers.CharField(help_text="Altijd `Bearer`.")
    expires_in = serializers.IntegerField(help_text="Geldigheid in seconden.")
    scope = serializers.CharField()


class DdasTokenFoutSerializer(serializers.Serializer):
    """An OAuth2 error response (RFC 6749 §5.2)."""

    error = serializers.CharField()
    error_description = serializers.CharField(required=False)
