"""Partner API for feedback: the feed of feedback rows and of wrong contact details (cursor
paging), one feedback row (the `dataref` of a webhook), and reporting debt development.

A machine credential acts for one partner; every query goes through `selectors` with that
partner, so another partner's row is a 404, never a 403 that would confirm it exists."""

from django.http import Http404
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from signaalroute.core.exceptions import NietGevonden, ValidatieFout
from signaalroute.signaalpartners.api.authentication import (
    PartnersleutelAuthentication,
    scope_vereist,
)
from signaalroute.signaalpartners.constants import Scope
from signaalroute.terugkoppeling import selectors
from signaalroute.terugkoppeling.models import Schuldontwikkelingkanaal
from signaalroute.terugkoppeling.schuldontwikkeling import schuldontwikkelingen_melden

from .serializers import (
    OnjuistContactgegevenSerializer,
    OnjuisteContactgegevensSerializer,
    SchuldontwikkelingbatchSerializer,
    SchuldontwikkelingenBatchSerializer,
    SchuldontwikkelingenInvoerSerializer,
    TerugkoppelingenSerializer,
    TerugkoppelingSerializer,
)

PROBLEEM = OpenApiResponse(description="Fout (application/problem+json).")
FOUTEN = {400: PROBLEEM, 401: PROBLEEM, 403: PROBLEEM}
LIMIT = OpenApiParameter(
    "limit",
    OpenApiTypes.INT,
    description=f"Hoeveel rijen ten hoogste (standaard {selectors.STANDAARD_LIMIT}, "
    f"maximaal {selectors.MAX_LIMIT}).",
)


def _limit(request) -> int:
    tekst = request.query_params.get("limit", "")
    if not tekst:
        return selectors.STANDAARD_LIMIT
    if not tekst.isdigit() or not 1 <= int(tekst) <= selectors.MAX_LIMIT:
        raise ValidatieFout(
            invalid_params=[
                {
                    "name": "limit",
                    "code": "ongeldig",
                    "reason": f"Een geheel getal van 1 tot en met {selectors.MAX_LIMIT}.",
                }
            ]
        )
    return int(tekst)


class Feedschema(AutoSchema):
    """A feed answers one object (rows plus a cursor), not a bare list of rows."""

    def _is_list_view(self, serializer=None) -> bool:
        return False

    def get_operation_id(self) -> str:
        operation_id = super().get_operation_id()
        if getattr(self.view, "action", "") == "list":
            return operation_id.removesuffix("_retrieve") + "_list"
        return operation_id


class PartnerViewSet(viewsets.ViewSet):
    """Machine credentials only; the scope is declared per viewset."""

    authentication_classes = [PartnersleutelAuthentication]
    schema = Feedschema()
    scope = ""

    def get_permissions(self):
        return [scope_vereist(self.scope)()]

    @property
    def signaalpartner(self):
        return self.request.user.signaalpartner


@extend_schema(tags=["terugkoppeling"])
class TerugkoppelingViewSet(PartnerViewSet):
    scope = Scope.TERUGKOPPELING_LEZEN
    lookup_field = "uuid"

    @extend_schema(
        summary="Terugkoppeling sinds een cursor",
        description=(
            "De terugkoppelingen op uw signalen na cursor `na`, in volgorde. Elke wijziging "
            "van de code is een nieuwe rij. Begin met `na=0`, bewaar `volgende` en vraag "
            "daarmee de volgende keer verder."
        ),
        parameters=[
            OpenApiParameter(
                "na", OpenApiTypes.INT, description="Cursor: rijen na deze (standaard 0)."
            ),
            LIMIT,
        ],
        responses={200: TerugkoppelingenSerializer, **FOUTEN},
    )
    def list(self, request):
        tekst = request.query_params.get("na", "") or "0"
        if not tekst.isdigit():
            raise ValidatieFout(
                invalid_params=[
                    {"name": "na", "code": "ongeldig", "reason": "Een geheel getal (cursor)."}
                ]
            )
        na, limit = int(tekst), _limit(request)
        rijen = selectors.terugkoppelingen_na(self.signaalpartner, na=na, limit=limit + 1)
        meer = len(rijen) > limit
        rijen = rijen[:limit]
        body = {
            "resultaten": TerugkoppelingSerializer(rijen, many=True).data,
            "volgende": rijen[-1].pk if rijen else na,
            "meer": meer,
        }
        return Response(body)

    @extend_schema(
        summary="Eén terugkoppeling",
        parameters=[OpenApiParameter("uuid", OpenApiTypes.UUID, OpenApiParameter.PATH)],
        responses={200: TerugkoppelingSerializer, 404: PROBLEEM, **FOUTEN},
    )
    def retrieve(self, request, uuid=None):
        try:
            rij = selectors.terugkoppeling_ophalen(self.signaalpartner, uuid)
        except NietGevonden as exc:
            raise Http404 from exc
        return Response(TerugkoppelingSerializer(rij).data)


@extend_schema(tags=["terugkoppeling"])
class OnjuistContactgegevenViewSet(PartnerViewSet):
    scope = Scope.TERUGKOPPELING_LEZEN

    @extend_schema(
        summary="Onjuiste contactgegevens sinds een cursor",
        description=(
            "Telefoonnummers, e-mailadressen en adressen die u aanleverde en die de gemeente "
            "onjuist vond, zodat u ze kunt corrigeren. Begin zonder `na`; bewaar `volgende`."
        ),
        parameters=[
            OpenApiParameter("na", OpenApiTypes.STR, description="Cursor uit 'volgende'."),
            LIMIT,
        ],
        responses={200: OnjuisteContactgegevensSerializer, **FOUTEN},
    )
    def list(self, request):
        na = request.query_params.get("na", "")
        limit = _limit(request)
        gegevens = selectors.onjuiste_contactgegevens_na(
            self.signaalpartner, na=na, limit=limit + 1
        )
        meer = len(gegevens) > limit
        gegevens = gegevens[:limit]
        volgende = (
            selectors.cursor_maken(gegevens[-1].ongeldig_gemeld_op, gegevens[-1].pk)
            if gegevens
            else na
        )
        body = {
            "resultaten": OnjuistContactgegevenSerializer(gegevens, many=True).data,
            "volgende": volgende,
            "meer": meer,
        }
        return Response(body)


@extend_schema(tags=["schuldontwikkeling"])
class SchuldontwikkelingViewSet(PartnerViewSet):
    scope = Scope.SCHULDONTWIKKELING_SCHRIJVEN

    @extend_schema(
        summary="Schuldontwikkeling melden",
        description=(
            "Per signaal hoe de achterstand zich ontwikkelde op een peildatum. Noem het signaal "
            "met zijn UUID, of met uw klantnummer en de signaaldatum. Elke rij krijgt een eigen "
            "oordeel: geaccepteerd, al eerder gemeld (precies zo; niet dubbel vastgelegd) of "
            "afgewezen met redenen."
        ),
        request=SchuldontwikkelingenInvoerSerializer,
        responses={201: SchuldontwikkelingbatchSerializer, **FOUTEN},
    )
    def create(self, request):
        invoer = SchuldontwikkelingenBatchSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        batch = schuldontwikkelingen_melden(
            signaalpartner=self.signaalpartner,
            rijen=list(enumerate(invoer.validated_data["schuldontwikkelingen"], start=1)),
            kanaal=Schuldontwikkelingkanaal.API,
            partnersleutel=request.user.sleutel,
        )
        return Response(
            SchuldontwikkelingbatchSerializer(batch).data, status=status.HTTP_201_CREATED
        )
