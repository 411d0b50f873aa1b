from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import NietGevonden

from . import selectors

BEHANDELAARS = (Rol.COORDINATOR, Rol.VROEGSIGNALEERDER, Rol.EXTERNE_UITVOERDER)


@rol_vereist(*BEHANDELAARS)
def werkvoorraad(request):
    zaken = Paginator(selectors.werkvoorraad(request.user), 50).get_page(request.GET.get("pagina"))
    return render(request, "vroegsignaalzaken/werkvoorraad.html", {"zaken": zaken})


@rol_vereist(Rol.COORDINATOR)
def overzicht(request):
    gemeenten = selectors.zaken_per_gemeente(request.user)
    zaken = Paginator(selectors.werkvoorraad(request.user), 50).get_page(request.GET.get("pagina"))
    return render(
        request, "vroegsignaalzaken/overzicht.html", {"gemeenten": gemeenten, "zaken": zaken}
    )


@rol_vereist(*BEHANDELAARS)
def detail(request, uuid):
    try:
        zaak = selectors.zaak_ophalen(user=request.user, uuid=uuid)
    except NietGevonden as exc:
        raise Http404 from exc
    auditregel_vastleggen(
        actie=Auditactie.BEKIJKEN,
        gebruiker=request.user,
        object=zaak,
        gemeente=zaak.gemeente,
        omschrijving=f"Zaak {zaak.referentie} bekeken",
    )
    return render(request, "vroegsignaalzaken/detail.html", {"zaak": zaak})
