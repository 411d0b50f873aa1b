"""Pages of the callcenter loop. Coordinators make rounds, download call lists and read in
results; case workers (vroegsignaleerders) may look at rounds and import results, read-only,
to see what happened to their cases. Downloads hold personal data in bulk: coordinators only."""

import uuid as uuid_module

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.core.exceptions import NietGevonden, SignaalrouteError
from signaalroute.core.export import download

from . import selectors
from .constants import Importstatus, Regelstatus
from .forms import BelrondeFilterForm, FormaatForm, ResultaatForm
from .selectors import MAX_ZAKEN
from .services import (
    afwijzingsrapport_exporteren,
    bellijst_exporteren,
    belronde_aanmaken,
    belrondeimport_ontvangen,
)

LEZERS = (Rol.COORDINATOR, Rol.VROEGSIGNALEERDER)
VOORBEELD = 50  # case references shown before a round is made


def _ronde(request, uuid):
    try:
        return selectors.belronde_ophalen(user=request.user, uuid=uuid)
    except NietGevonden as exc:
        raise Http404 from exc


def _import(request, uuid):
    try:
        return selectors.belrondeimport_ophalen(user=request.user, uuid=uuid)
    except NietGevonden as exc:
        raise Http404 from exc


@rol_vereist(*LEZERS)
def overzicht(request):
    rondes = Paginator(selectors.belronde_overzicht(request.user), 25).get_page(
        request.GET.get("pagina")
    )
    return render(request, "callcenter/overzicht.html", {"rondes": rondes})


def _uuids(request) -> list[uuid_module.UUID]:
    uuids = []
    for waarde in request.POST.getlist("zaken"):
        try:
            uuids.append(uuid_module.UUID(waarde))
        except ValueError:
            continue
    return uuids


@rol_vereist(Rol.COORDINATOR)
@require_http_methods(["GET", "POST"])
def nieuw(request):
    """Choose the cases of a new round: with filters (municipality, team, tray, next step is a
    call), or the cases selected on the work list (POST `zaken`). Then the format; "Belronde
    aanmaken" makes the round and leads to its page with the download."""
    gegevens = request.POST if request.method == "POST" else request.GET
    selectie = _uuids(request) if request.method == "POST" else []
    form = BelrondeFilterForm(gegevens if "gemeente" in gegevens else None, user=request.user)
    formaat = FormaatForm(gegevens if "formaat" in gegevens else None)
    zaken, gemeente, omschrijving = None, None, ""
    if request.method == "POST" and "zaken" in request.POST:
        zaken = selectors.geselecteerde_zaken(request.user, selectie)
        gemeenten = {z.gemeente for z in zaken}
        if not zaken:
            messages.error(request, _("Selecteer eerst een of meer open zaken."))
        elif len(gemeenten) > 1:
            messages.error(
                request,
                _(
                    "De geselecteerde zaken horen bij meer dan één gemeente; maak per gemeente "
                    "een belronde."
                ),
            )
            zaken = None
        else:
            gemeente = gemeenten.pop()
            omschrijving = _("Selectie uit de werkvoorraad")
    elif form.is_bound and form.is_valid():
        filter_ = form.filter()
        zaken, gemeente, omschrijving = (
            selectors.belbare_zaken(request.user, filter_),
            filter_.gemeente,
            filter_.omschrijving(),
        )
    te_veel = zaken is not None and len(zaken) > MAX_ZAKEN
    if (
        request.method == "POST"
        and request.POST.get("actie") == "aanmaken"
        and zaken
        and not te_veel
        and formaat.is_valid()
    ):
        try:
            belronde = belronde_aanmaken(
                gemeente=gemeente,
                zaken=zaken,
                formaat=formaat.cleaned_data["formaat"],
                door=request.user,
                omschrijving=omschrijving,
            )
        except SignaalrouteError as fout:
            messages.error(request, str(fout.message))
        else:
            messages.success(
                request,
                _(
                    "Belronde %(code)s is aangemaakt met %(n)d zaken. Download de bellijst voor "
                    "het callcenter."
                )
                % {"code": belronde.code, "n": len(zaken)},
            )
            return redirect("callcenter:detail", uuid=belronde.uuid)
    context = {
        "form": form,
        "formaat": formaat if formaat.is_bound else FormaatForm(),
        "zaken": zaken,
        "voorbeeld": (zaken or [])[:VOORBEELD],
        "gemeente": gemeente,
        "selectie": [str(z.uuid) for z in zaken] if zaken and selectie else [],
        "te_veel": te_veel,
        "max_zaken": MAX_ZAKEN,
    }
    return render(request, "callcenter/nieuw.html", context)


@rol_vereist(*LEZERS)
def detail(request, uuid):
    belronde = _ronde(request, uuid)
    zaken = Paginator(selectors.zaken_van(belronde, request.user), 100).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "callcenter/detail.html",
        {
            "belronde": belronde,
            "zaken": zaken,
            "imports": selectors.imports_van(belronde),
            "form": ResultaatForm(),
            "mag_wijzigen": request.user.heeft_rol(Rol.COORDINATOR),
        },
    )


@rol_vereist(Rol.COORDINATOR)
def bellijst(request, uuid):
    belronde = _ronde(request, uuid)
    inhoud, naam = bellijst_exporteren(belronde=belronde, door=request.user)
    return download(inhoud, bestandsnaam=naam, formaat=belronde.formaat)


@rol_vereist(Rol.COORDINATOR)
@require_POST
def importeren(request, uuid):
    belronde = _ronde(request, uuid)
    form = ResultaatForm(request.POST, request.FILES)
    if form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            belrondeimport = belrondeimport_ontvangen(
                belronde=belronde,
                inhoud=bestand.read(),
                bestandsnaam=bestand.name,
                door=request.user,
            )
        except SignaalrouteError as fout:
            form.add_error("bestand", str(fout.message))
        else:
            if belrondeimport.status == Importstatus.ONTVANGEN:
                messages.success(request, _("Het bestand is ontvangen en wordt verwerkt."))
            return redirect("callcenter:import_detail", uuid=belrondeimport.uuid)
    zaken = Paginator(selectors.zaken_van(belronde, request.user), 100).get_page(1)
    return render(
        request,
        "callcenter/detail.html",
        {
            "belronde": belronde,
            "zaken": zaken,
            "imports": selectors.imports_van(belronde),
            "form": form,
            "mag_wijzigen": True,
        },
        status=400,
    )


@rol_vereist(*LEZERS)
def import_detail(request, uuid):
    belrondeimport = _import(request, uuid)
    status = request.GET.get("status", "")
    if status not in Regelstatus.values:
        status = ""
    regels = Paginator(selectors.regels_van(belrondeimport, status=status), 100).get_page(
        request.GET.get("pagina")
    )
    context = {
        "belrondeimport": belrondeimport,
        "belronde": belrondeimport.belronde,
        "regels": regels,
        "status": status,
        "statussen": Regelstatus.choices,
        "extra": f"&status={status}" if status else "",
        "bezig": belrondeimport.status == Importstatus.ONTVANGEN,
        "mag_downloaden": request.user.heeft_rol(Rol.COORDINATOR),
    }
    template = "callcenter/_import.html" if request.htmx else "callcenter/import.html"
    return render(request, template, context)


@rol_vereist(Rol.COORDINATOR)
def afwijzingen(request, uuid):
    belrondeimport = _import(request, uuid)
    inhoud = afwijzingsrapport_exporteren(belrondeimport=belrondeimport, door=request.user)
    naam = f"afwijzingen-{belrondeimport.belronde.code}-{str(belrondeimport.uuid)[:8]}.csv"
    return download(inhoud, bestandsnaam=naam, formaat="csv")
