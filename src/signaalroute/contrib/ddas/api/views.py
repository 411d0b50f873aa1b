"""The DDAS-VS pull endpoint for CBS (`POST …/gegevens`) and its OAuth2 token endpoint
(`POST …/gegevens/token`)."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import unquote_plus

from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, parsers, permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from signaalroute.core.parsers import JSONParser

from .. import selectors
from ..constants import TOKEN_SCOPE, Versie
from ..document import ddas_pagina, valideren
from ..rules import standaardperiode
from ..services import ddas_levering_vastleggen
from .authentication import (
    DdasTokenAuthentication,
    IsDdasAfnemer,
    client_controleren,
    token_geldigheid,
    token_uitgeven,
)
from .serializers import (
    DdasProbleemSerializer,
    DdasTokenFoutSerializer,
    DdasTokenRequestSerializer,
    DdasTokenResponseSerializer,
    GegevensRequestSerializer,
    GegevensResponseSerializer,
)

VERSIE = Versie.V1_2  # the DDAS-VS API delivers the current schema

PROBLEM_JSON = "application/problem+json"


class GegevensView(APIView):
    authentication_classes = [DdasTokenAuthentication]
    permission_classes = [IsDdasAfnemer]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="postGegevens",
        tags=["ddas"],
        summary="Aanvragen en ontvangen van VS-gegevens (DDAS, voor CBS)",
        description=(
            "DDAS Gegevens Uitwissel API - VS: de vroegsignalen en vroegsignaalzaken van een "
            "periode als DDAS-document (schema v1.2), per pagina. Een vroegsignaal hoort bij de "
            "periode als de signaaldatum erin valt; een zaak als die in de periode is gematcht "
            "of afgesloten. De cliënt staat er geminimaliseerd in: alleen het BSN, of zonder BSN "
            "postcode en huisnummer. Alleen voor CBS (OAuth2 client credentials)."
        ),
        request=GegevensRequestSerializer,
        responses={
            200: GegevensResponseSerializer,
            (400, PROBLEM_JSON): OpenApiResponse(
                DdasProbleemSerializer, description="Ongeldig verzoek (met invalidParams)."
            ),
            (401, PROBLEM_JSON): OpenApiResponse(
                DdasProbleemSerializer,
                description="Geen, ongeldig of verlopen token (header Fsc-Error-Code).",
            ),
            (500, PROBLEM_JSON): OpenApiResponse(
                DdasProbleemSerializer,
                description="Het document voldoet niet aan het schema en wordt niet verstuurd.",
            ),
        },
        examples=[
            OpenApiExample(
                "Kwartaal",
                summary="Eerste kwartaal van één organisatie, eerste pagina",
                value={
                    "aanleverperiodeStartdatum": "2025-01-01",
                    "aanleverperiodeEinddatum": "2025-03-31",
                    "aanleverende_organisatie": "kredietbank-west",
                    "page": 1,
                    "pageSize": 1000,
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        verzoek = GegevensRequestSerializer(data=request.data)
        verzoek.is_valid(raise_exception=True)
        gegevens = verzoek.validated_data
        van = gegevens.get("aanleverperiodeStartdatum")
        tot = gegevens.get("aanleverperiodeEinddatum")
        if van is None:
            van, tot = standaardperiode(timezone.localdate())
        organisatie = gegevens.get("aanleverende_organisatie")
        gemeenten = list(selectors.ddas_gemeenten(organisatie=organisatie))
        if organisatie is not None and not gemeenten:
            raise exceptions.ValidationError(
                {"aanleverende_organisatie": ["Geen aangesloten gemeente bij deze organisatie."]}
            )
        document, verdeling, leveringen = ddas_pagina(
            gemeenten=gemeenten,
            van=van,
            tot=tot,
            page=gegevens["page"],
            page_size=gegevens["pageSize"],
            versie=VERSIE,
        )
        if verdeling.page > verdeling.total_pages:
            raise exceptions.ValidationError(
                {"page": [f"Deze pagina bestaat niet; er zijn {verdeling.total_pages} pagina's."]}
            )
        valideren(document, VERSIE)
        ddas_levering_vastleggen(
            leveringen=leveringen,
            van=van,
            tot=tot,
            versie=VERSIE,
            afnemer=request.user.username,
            pagina=f" (pagina {verdeling.page}/{verdeling.total_pages})",
        )
        return Response(
            {
                "gegevens": document,
                "paginering": {
                    "pageSize": verdeling.page_size,
                    "currentPage": verdeling.page,
                    "totalPages": verdeling.total_pages,
                    "totalRecords": verdeling.total_records,
                },
            }
        )

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        # The DDAS-VS API names the token problem in a header as the FSC standard does.
        fsc_code = getattr(exc, "fsc_code", None)
        if fsc_code is None and isinstance(exc, exceptions.NotAuthenticated):
            fsc_code = "ERROR_CODE_ACCESS_TOKEN_MISSING"
        if fsc_code and response is not None:
            response["Fsc-Error-Code"] = fsc_code
        return response


class TokenView(APIView):
    """OAuth2 token endpoint, client credentials grant only (RFC 6749 §4.4). Errors follow
    RFC 6749 §5.2 (`{"error": ...}`), which OAuth2 clients expect, not problem+json."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    parser_classes = [parsers.FormParser]

    @extend_schema(
        operation_id="ddasToken",
        tags=["ddas"],
        summary="Toegangstoken voor de DDAS-gegevens (OAuth2 client credentials)",
        description=(
            "OAuth2 client credentials (RFC 6749 §4.4): `grant_type=client_credentials` met "
            "`client_id` en `client_secret` in het formulier of via HTTP Basic. Geeft een "
            "kortlevend bearer-token voor `POST …/gegevens`. Fouten volgen RFC 6749 §5.2 "
            "(`error`, `error_description`)."
        ),
        request={"application/x-www-form-urlencoded": DdasTokenRequestSerializer},
        responses={
            200: DdasTokenResponseSerializer,
            400: DdasTokenFoutSerializer,
            401: DdasTokenFoutSerializer,
        },
        auth=[],
    )
    def post(self, request):
        client_id, geheim = self._client(request)
        if request.data.get("grant_type") in (None, ""):
            return _oauth_fout(400, "invalid_request", "grant_type ontbreekt.")
        if request.data.get("grant_type") != "client_credentials":
            return _oauth_fout(400, "unsupported_grant_type", "Alleen client_credentials.")
        if not client_id or not geheim or not client_controleren(client_id, geheim):
            return _oauth_fout(401, "invalid_client", "Onbekende client of onjuist geheim.")
        scope = request.data.get("scope")
        if scope not in (None, "") and set(scope.split()) != {TOKEN_SCOPE}:
            return _oauth_fout(400, "invalid_scope", f"Alleen scope '{TOKEN_SCOPE}'.")
        return _zonder_cache(
            Response(
                {
                    "access_token": token_uitgeven(client_id),
                    "token_type": "Bearer",
                    "expires_in": token_geldigheid(),
                    "scope": TOKEN_SCOPE,
                }
            )
        )

    @staticmethod
    def _client(request) -> tuple[str, str]:
        """Client id and secret from HTTP Basic (preferred by RFC 6749) or the form body."""
        soort, _, waarde = request.headers.get("Authorization", "").partition(" ")
        if soort.lower() == "basic" and waarde:
            try:
                gedecodeerd = base64.b64decode(waarde.strip(), validate=True).decode()
            except (binascii.Error, UnicodeDecodeError):
                return "", ""
            client_id, _, geheim = gedecodeerd.partition(":")
            return unquote_plus(client_id), unquote_plus(geheim)
        return request.data.get("client_id", ""), request.data.get("client_secret", "")


def _oauth_fout(status: int, fout: str, toelichting: str) -> Response:
    response = Response({"error": fout, "error_description": toelichting}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Basic realm="ddas"'
    return _zonder_cache(response)


def _zonder_cache(response: Response) -> Response:
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response
