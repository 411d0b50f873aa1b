from django.core.paginator import Paginator
from django.shortcuts import render

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist

from .constants import Auditactie
from .selectors import auditregels_voor


@rol_vereist(Rol.AUDITOR, Rol.PLATFORMBEHEERDER)
def logboek(request):
    regels = auditregels_voor(request.user)
    actie = request.GET.get("actie", "")
    if actie in Auditactie.values:
        regels = regels.filter(actie=actie)
    pagina = Paginator(regels, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "audit/logboek.html",
        {"regels": pagina, "acties": Auditactie.choices, "actie": actie},
    )
