"""The work list as an API for the municipality's own systems and front ends: the same filters
and sorting as the page, for a logged-in case worker (session with second factor)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets

from signaalroute.vroegsignaalzaken import selectors
from signaalroute.vroegsignaalzaken.forms import WerklijstForm
from signaalroute.vroegsignaalzaken.views import BEHANDELAARS

from .serializers import WerklijstzaakSerializer


class IsBehandelaar(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.heeft_rol(*BEHANDELAARS))


FILTERS = [
    OpenApiParameter(naam, OpenApiTypes.STR, description=omschrijving)
    for naam, omschrijving in [
        ("bakje", "Naam van het bakje."),
        ("team", "Id van het team."),
        ("wijk", "Wijkcode."),
        ("soort", "Soort signaalpartner (DDAS-code), bijvoorbeeld huur."),
        ("bedrag_vanaf", "Totaalbedrag vanaf (euro)."),
        ("bedrag_tot", "Totaalbedrag tot en met (euro)."),
        ("termijn", "verlopen | binnenkort"),
        ("fase", "nieuw | in_behandeling"),
        ("behandelaar", "mij | niemand | alle (standaard: eigen en team)"),
        ("sortering", "termijn | prioriteit | bedrag | nieuwste"),
    ]
]


@extend_schema(tags=["werkvoorraad"], parameters=FILTERS)
class WerkvoorraadViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = WerklijstzaakSerializer
    permission_classes = [permissions.IsAuthenticated, IsBehandelaar]

    def get_queryset(self):
        form = WerklijstForm(self.request.query_params or None, user=self.request.user)
        return selectors.werklijst(self.request.user, form.filter())

    def paginate_queryset(self, queryset):
        """Page the ids, then load the page's cases (see `selectors.werklijstpagina`)."""
        super().paginate_queryset(queryset.values_list("pk", flat=True))
        pagina = selectors.pagina_vullen(queryset, self.paginator.page).object_list
        totalen = selectors.signaaltotalen([z.pk for z in pagina])
        for zaak in pagina:
            zaak.aantal_signalen, zaak.totaalbedrag = totalen.get(zaak.pk, (0, 0))
        return pagina
