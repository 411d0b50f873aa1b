"""The work list, bulk assignment and the signals outside a case."""

import uuid as uuid_module

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import NietGevonden, SignaalrouteError

from .. import selectors
from ..constants import CONTROLESTATUSSEN, Signaalstatus
from ..forms import WerklijstForm
from ..services import WIJZIGBAAR, signaalstatus_wijzigen, zaken_toewijzen

BEHANDELAARS = (Rol.COORDINATOR, Rol.VROEGSIGNALEERDER, Rol.EXTERNE_UITVOERDER)
SIGNAALBEHANDELAARS = (Rol.COORDINATOR, Rol.VROEGSIGNALEERDER)
# The filter on the signals page: held back by a check (default), or one status.
SIGNAALFILTERS = [("", gettext_lazy("Tegengehouden door een controle"))] + [
    (s.value, s.label) for s in Signaalstatus if s in WIJZIGBAAR
]


def _werklijst(request, template: str, extra: dict | None = None):
    """A page of the work list with the filter form, tray counts and bulk actions."""
    form = WerklijstForm(request.GET or None, user=request.user)
    filter_ = form.filter()
    tellingen = selectors.bakjes_tellen(request.user, filter_)
    bakjes = [(bakje, aantal, _met(request.GET, bakje=bakje)) for bakje, aantal in tellingen]
    zaken = selectors.werklijstpagina(
        selectors.werklijst(request.user, filter_),
        request.GET.get("pagina"),
        aantal=sum(n for bakje, n in tellingen if not filter_.bakje or bakje == filter_.bakje),
    )
    totalen = selectors.signaaltotalen([z.pk for z in zaken.object_list])
    for zaak in zaken.object_list:
        zaak.aantal_signalen, zaak.totaalbedrag = totalen.get(zaak.pk, (0, 0))
    context = {
        "zaken": zaken,
        "form": form,
        "bakjes": bakjes,
        "filters": request.GET.urlencode(),
        "alle_bakjes": _met(request.GET, bakje=""),
        "extra": f"&{_met(request.GET)}" if request.GET else "",
        "medewerkers": selectors.medewerkers_voor(request.user)
        if request.user.rol == Rol.COORDINATOR
        else [],
        **(extra or {}),
    }
    return render(request, template, context)


@rol_vereist(*BEHANDELAARS)
def werkvoorraad(request):
    return _werklijst(request, "vroegsignaalzaken/werkvoorraad.html")


@rol_vereist(Rol.COORDINATOR)
def overzicht(request):
    return _werklijst(
        request,
        "vroegsignaalzaken/overzicht.html",
        {"gemeenten": selectors.zaken_per_gemeente(request.user)},
    )


@rol_vereist(*BEHANDELAARS)
@require_POST
def toewijzen(request):
    """Bulk action on the work list: claim the selected cases, or (coordinator) assign them to
    a worker and/or a team."""
    zaken = list(selectors.zaken_voor(request.user).filter(uuid__in=_uuids(request)))
    actie = request.POST.get("actie")
    behandelaar, team = None, None
    if actie == "oppakken":
        behandelaar = request.user
    elif actie == "toewijzen" and request.user.rol == Rol.COORDINATOR:
        behandelaar = (
            selectors.medewerkers_voor(request.user)
            .filter(pk=request.POST.get("behandelaar") or None)
            .first()
        )
        team = (
            selectors.teams_voor_zaken(request.user)
            .filter(pk=request.POST.get("team") or None)
            .first()
        )
    if not zaken:
        messages.error(request, _("Selecteer eerst een of meer zaken."))
    elif behandelaar is None and team is None:
        messages.error(request, _("Kies een behandelaar of een team."))
    else:
        try:
            aantal = zaken_toewijzen(
                zaken=zaken, behandelaar=behandelaar, team=team, door=request.user
            )
        except SignaalrouteError as fout:
            messages.error(request, str(fout.message))
        else:
            messages.success(request, _("%(n)d zaak/zaken toegewezen.") % {"n": aantal})
    terug = request.POST.get("filters", "")
    return redirect(reverse("vroegsignaalzaken:werkvoorraad") + (f"?{terug}" if terug else ""))


def _met(params, **waarden) -> str:
    """The query string `params` with `waarden` set, back on page 1."""
    q = params.copy()
    q.pop("pagina", None)
    for sleutel, waarde in waarden.items():
        q[sleutel] = waarde
    return q.urlencode()


def _uuids(request) -> list[uuid_module.UUID]:
    uuids = []
    for waarde in request.POST.getlist("zaken"):
        try:
            uuids.append(uuid_module.UUID(waarde))
        except ValueError:
            continue
    return uuids


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
        {
            "signalen": pagina,
            "filters": SIGNAALFILTERS,
            "status": status,
            "extra": f"&{_met(request.GET)}" if request.GET else "",
        },
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
