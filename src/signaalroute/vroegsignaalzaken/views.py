from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import NietGevonden, SignaalrouteError

from . import selectors
from .constants import CONTROLESTATUSSEN, Signaalstatus
from .services import WIJZIGBAAR, signaalstatus_wijzigen

BEHANDELAARS = (Rol.COORDINATOR, Rol.VROEGSIGNALEERDER, Rol.EXTERNE_UITVOERDER)
SIGNAALBEHANDELAARS = (Rol.COORDINATOR, Rol.VROEGSIGNALEERDER)
# The filter on the signals page: held back by a check (default), or one status.
SIGNAALFILTERS = [("", gettext_lazy("Tegengehouden door een controle"))] + [
    (s.value, s.label) for s in Signaalstatus if s in WIJZIGBAAR
]


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


@rol_vereist(*SIGNAALBEHANDELAARS)
def signalen(request):
    """Signals not in a case: held back by a check (threshold, repeat, exclusion list, BRP,
    debt help) with the reason, or waiting for matching. A worker can override a check."""
    status = request.GET.get("status", "")
    if status not in dict(SIGNAALFILTERS):
        status = ""
    pagina = Paginator(selectors.losse_signalen(request.user, status=status), 50).get_page(
        request.GET.get("pagina")
    )
    redenen = dict(selectors.laatste_statusredenen([s.pk for s in pagina.object_list]))
    for signaal in pagina.object_list:
        signaal.reden = redenen.get(signaal.pk, "")
    return render(
        request,
        "vroegsignaalzaken/signalen.html",
        {"signalen": pagina, "filters": SIGNAALFILTERS, "status": status},
    )


def _signaal(request, uuid):
    try:
        return selectors.signaal_ophalen(user=request.user, uuid=uuid)
    except NietGevonden as exc:
        raise Http404 from exc


@rol_vereist(*SIGNAALBEHANDELAARS)
def signaal(request, uuid):
    signaal = _signaal(request, uuid)
    auditregel_vastleggen(
        actie=Auditactie.BEKIJKEN,
        gebruiker=request.user,
        object=signaal,
        gemeente=signaal.gemeente,
        omschrijving="Signaal bekeken",
    )
    keuzes = [(s.value, s.label) for s in Signaalstatus if s in WIJZIGBAAR and s != signaal.status]
    return render(
        request,
        "vroegsignaalzaken/signaal.html",
        {
            "signaal": signaal,
            "brpcontrole": getattr(signaal, "brpcontrole", None),
            "keuzes": keuzes,
            "tegengehouden": signaal.status in CONTROLESTATUSSEN,
        },
    )


@rol_vereist(*SIGNAALBEHANDELAARS)
@require_POST
def signaalstatus(request, uuid):
    signaal = _signaal(request, uuid)
    try:
        signaalstatus_wijzigen(
            signaal=signaal,
            naar=request.POST.get("status", ""),
            door=request.user,
            toelichting=request.POST.get("toelichting", ""),
        )
    except SignaalrouteError as fout:
        messages.error(request, str(fout.message))
    else:
        messages.success(request, _("De status van het signaal is gewijzigd."))
    return redirect("vroegsignaalzaken:signaal", uuid=signaal.uuid)
