from django.core.paginator import Paginator
from django.shortcuts import render

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist

from . import selectors


@rol_vereist(Rol.PARTNERGEBRUIKER)
def overzicht(request):
    aanleveringen = Paginator(selectors.aanlevering_overzicht(request.user), 25).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "aanleveringen/overzicht.html",
        {"aanleveringen": aanleveringen, "signaalpartner": request.user.signaalpartner},
    )
