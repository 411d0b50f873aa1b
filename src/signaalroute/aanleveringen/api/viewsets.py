"""Partner API: deliver signals and read the per-row result of every delivery."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, parsers, status, viewsets
from rest_framework.response import Response

from signaalroute.aanleveringen.constants import Aanleverkanaal
from signaalroute.aanleveringen.models import Aanlevering
from signaalroute.aanleveringen.services import (
    JSON_BESTANDSNAAM,
    DubbeleAanlevering,
    aanlevering_ontvangen,
    aanlevering_verwerken,
    signalen_als_json,
)
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.core.parsers import JSONParser
from signaalroute.signaalpartners.api.authentication import (
    PartnersleutelAuthentication,
    scope_vereist,
)
from signaalroute.signaalpartners.constants import Scope

from .serializers import (
    AanleveringDetailSerializer,
    AanleveringSerializer,
    SignalenBatchSerializer,
)

# JSON batches up to this size are processed within the request (201 with the result);
# larger batches and files are processed in the background (202, poll the Location).
DIRECT_VERWERKEN_TOT = 1000


class BestandParser(parsers.BaseParser):
    """A raw CSV or XLSX body."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return stream.read()


@extend_schema(tags=["aanleveringen"])
@extend_schema_view(
    retrieve=extend_schema(
        parameters=[OpenApiParameter("uuid", OpenApiTypes.UUID, OpenApiParameter.PATH)]
    ),
)
class AanleveringViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    authentication_classes = [PartnersleutelAuthentication]
    lookup_field = "uuid"
    parser_classes = [JSONParser, parsers.MultiPartParser, BestandParser]

    def get_permissions(self):
        scope = (
            Scope.AANLEVERINGEN_SCHRIJVEN if self.action == "create" else Scope.AANLEVERINGEN_LEZEN
        )
        return [scope_vereist(scope)()]

    def get_queryset(self):
        return Aanlevering.objects.filter(signaalpartner=self.request.user.signaalpartner).order_by(
            "-ontvangen_op"
        )

    def get_serializer_class(self):
        if self.action == "create":
            return SignalenBatchSerializer
        return AanleveringDetailSerializer if self.action == "retrieve" else AanleveringSerializer

    @extend_schema(
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
        request={
            "application/json": SignalenBatchSerializer,
            "multipart/form-data": {
                "type": "object",
                "properties": {"bestand": {"type": "string", "format": "binary"}},
            },
            "text/csv": {"type": "string", "format": "binary"},
        },
        responses={201: AanleveringDetailSerializer, 202: AanleveringDetailSerializer},
    )
    def create(self, request, *args, **kwargs):
        partner = request.user.signaalpartner
        inhoud, bestandsnaam, direct = self._inhoud(request)
        try:
            aanlevering = aanlevering_ontvangen(
                signaalpartner=partner,
                kanaal=Aanleverkanaal.API,
                inhoud=inhoud,
                bestandsnaam=bestandsnaam,
                idempotency_key=request.headers.get("Idempotency-Key", ""),
                wachtrij=not direct,
            )
        except DubbeleAanlevering as exc:
            exc.invalid_params = [
                {
                    "name": "bestand",
                    "code": exc.code,
                    "reason": str(exc.message),
                    "aanlevering": str(exc.eerdere.uuid),
                }
            ]
            raise
        if direct:
            aanlevering = aanlevering_verwerken(aanlevering_id=aanlevering.pk) or aanlevering
            aanlevering.refresh_from_db()
        body = AanleveringDetailSerializer(aanlevering, context={"request": request}).data
        location = reverse("api:aanlevering-detail", kwargs={"uuid": aanlevering.uuid})
        code = status.HTTP_201_CREATED if aanlevering.verwerkt_op else status.HTTP_202_ACCEPTED
        return Response(body, status=code, headers={"Location": location})

    def _inhoud(self, request) -> tuple[bytes, str, bool]:
        if request.content_type.startswith("application/json"):
            batch = SignalenBatchSerializer(data=request.data)
            batch.is_valid(raise_exception=True)
            signalen = batch.validated_data["signalen"]
            return (
                signalen_als_json(signalen),
                JSON_BESTANDSNAAM,
                len(signalen) <= DIRECT_VERWERKEN_TOT,
            )
        if request.content_type.startswith("multipart/form-data"):
            bestand = request.FILES.get("bestand")
            if bestand is None:
                raise ValidatieFout(
                    "Stuur het bestand in het veld 'bestand'.",
                    invalid_params=[
                        {"name": "bestand", "code": "verplicht", "reason": "Dit veld is verplicht."}
                    ],
                )
            return bestand.read(), bestand.name, False
        inhoud = request.data if isinstance(request.data, bytes) else b""
        if not inhoud:
            raise ValidatieFout("De aanlevering is leeg.")
        return inhoud, "", False
