from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.core.exceptions import SignaalrouteError

from . import selectors
from .brp import brp_controle_beoordelen

BEOORDELAARS = (Rol.COORDINATOR, Rol.VROEGSIGNALEERDER)


@rol_vereist(*BEOORDELAARS)
def controlebakje(request):
    """The BRP review tray: signals whose person the automatic check could not confirm, with
    who lives there and why each candidate does or does not match."""
    controles = Paginator(selectors.brp_controlebakje(request.user), 25).get_page(
        request.GET.get("pagina")
    )
    return render(request, "matching/controlebakje.html", {"controles": controles})


@rol_vereist(*BEOORDELAARS)
@require_POST
def beoordelen(request, uuid):
    controle = selectors.brp_controlebakje(request.user).filter(uuid=uuid).first()
    if controle is None:
        raise Http404
    keuze = request.POST.get("kandidaat", "")
    try:
        brp_controle_beoordelen(
            controle=controle,
            door=request.user,
            kandidaat=None if keuze == "geen" else int(keuze),
            toelichting=request.POST.get("toelichting", ""),
        )
    except (ValueError, SignaalrouteError):
        messages.error(request, _("Kies een van de bewoners, of ‘Geen van deze bewoners’."))
    else:
        messages.success(request, _("De controle is vastgelegd."))
    return redirect("matching:controlebakje")
