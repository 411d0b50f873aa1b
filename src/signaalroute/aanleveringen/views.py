from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.core.exceptions import NietGevonden, SignaalrouteError
from signaalroute.core.export import csv_bytes, download, xlsx_bytes

from . import selectors
from .constants import Aanleverkanaal, Aanleverstatus
from .forms import LijstImportForm, UploadForm
from .services import (
    aanlevering_bevestigen,
    aanlevering_controleren,
    aanlevering_ontvangen,
    lijst_importeren,
)


def _ophalen(request, uuid):
    try:
        return selectors.aanlevering_ophalen(user=request.user, uuid=uuid)
    except NietGevonden as exc:
        raise Http404 from exc


@rol_vereist(Rol.PARTNERGEBRUIKER)
def overzicht(request):
    aanleveringen = Paginator(selectors.aanlevering_overzicht(request.user), 25).get_page(
        request.GET.get("pagina")
    )
    from signaalroute.signaalpartners.selectors import aanlevermonitor_partner

    return render(
        request,
        "aanleveringen/overzicht.html",
        {
            "aanleveringen": aanleveringen,
            "signaalpartner": request.user.signaalpartner,
            "stiptheid": aanlevermonitor_partner(request.user, timezone.localdate()),
        },
    )


@rol_vereist(Rol.PARTNERGEBRUIKER)
@require_http_methods(["GET", "POST"])
def nieuw(request):
    """Upload a file; "Controleren" shows the per-row result first, "Aanleveren" delivers."""
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        controleren = request.POST.get("actie") == "controleren"
        try:
            aanlevering = aanlevering_ontvangen(
                signaalpartner=request.user.signaalpartner,
                kanaal=Aanleverkanaal.PORTAAL,
                inhoud=bestand.read(),
                bestandsnaam=bestand.name,
                door=request.user,
                concept=controleren,
            )
        except SignaalrouteError as exc:
            form.add_error("bestand", str(exc.message))
        else:
            if not controleren:
                messages.success(request, _("Het bestand is ontvangen en wordt verwerkt."))
            return redirect("aanleveringen:detail", uuid=aanlevering.uuid)
    return render(request, "aanleveringen/nieuw.html", {"form": form})


@rol_vereist(Rol.PARTNERGEBRUIKER, Rol.COORDINATOR, Rol.FUNCTIONEEL_BEHEERDER)
def detail(request, uuid):
    aanlevering = _ophalen(request, uuid)
    context = {
        "aanlevering": aanlevering,
        "bezig": aanlevering.status in (Aanleverstatus.ONTVANGEN, Aanleverstatus.IN_VERWERKING),
    }
    if aanlevering.status == Aanleverstatus.CONCEPT:
        context["controle"] = aanlevering_controleren(aanlevering=aanlevering)
    else:
        context["regels"] = Paginator(selectors.regels_met_meldingen(aanlevering), 100).get_page(
            request.GET.get("pagina")
        )
    template = "aanleveringen/_status.html" if request.htmx else "aanleveringen/detail.html"
    return render(request, template, context)


@rol_vereist(Rol.PARTNERGEBRUIKER)
@require_POST
def bevestigen(request, uuid):
    aanlevering = _ophalen(request, uuid)
    try:
        aanlevering_bevestigen(aanlevering=aanlevering, door=request.user)
    except SignaalrouteError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Het bestand is aangeleverd en wordt verwerkt."))
    return redirect("aanleveringen:detail", uuid=aanlevering.uuid)


@rol_vereist(Rol.PARTNERGEBRUIKER, Rol.COORDINATOR, Rol.FUNCTIONEEL_BEHEERDER)
def rapport(request, uuid, formaat):
    aanlevering = _ophalen(request, uuid)
    kolommen, rijen = selectors.afwijzingsrapport(aanlevering)
    naam = f"afwijzingen-{aanlevering.ontvangen_op:%Y%m%d-%H%M}-{str(aanlevering.uuid)[:8]}"
    if formaat == "xlsx":
        inhoud = xlsx_bytes(kolommen, rijen, blad="Afwijzingen")
    else:
        inhoud = csv_bytes(kolommen, rijen)
    return download(inhoud, bestandsnaam=f"{naam}.{formaat}", formaat=formaat)


@rol_vereist(Rol.PARTNERGEBRUIKER, Rol.FUNCTIONEEL_BEHEERDER, Rol.COORDINATOR)
def formaat(request):
    """The delivery format, generated from the same tables the importer uses."""
    from .rules import ERNST, REASON_CODES
    from .velden import KOLOMNAMEN, VELD_LABELS, VERPLICHTE_VELDEN

    velden = [
        {
            "naam": veld,
            "label": VELD_LABELS.get(veld, veld),
            "verplicht": veld in VERPLICHTE_VELDEN,
            "aliassen": KOLOMNAMEN.get(veld, ()),
        }
        for veld in KOLOMNAMEN
    ]
    redenen = [(code, ERNST[code], tekst) for code, tekst in REASON_CODES.items()]
    return render(request, "aanleveringen/formaat.html", {"velden": velden, "redenen": redenen})


@rol_vereist(Rol.COORDINATOR, Rol.FUNCTIONEEL_BEHEERDER)
@require_http_methods(["GET", "POST"])
def lijst_import(request):
    """The municipality imports the CAK list or an insurer's bronheffing list itself."""
    from signaalroute.gemeenten.selectors import gemeenten_voor
    from signaalroute.signaalpartners.constants import Signaalpartnersoort
    from signaalroute.signaalpartners.models import Signaalpartner

    form = LijstImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        gemeenten=gemeenten_voor(request.user),
        zorgverzekeraars=Signaalpartner.objects.filter(soort=Signaalpartnersoort.ZORG, actief=True),
    )
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            aanlevering = lijst_importeren(
                gemeente=form.cleaned_data["gemeente"],
                zorgverzekeraar=form.zorgverzekeraar(),
                inhoud=bestand.read(),
                bestandsnaam=bestand.name,
                door=request.user,
                alleen_nieuw=form.cleaned_data["alleen_nieuw"],
            )
        except SignaalrouteError as exc:
            form.add_error("bestand", str(exc.message))
        else:
            messages.success(request, _("De lijst is ontvangen en wordt verwerkt."))
            return redirect("aanleveringen:detail", uuid=aanlevering.uuid)
    eerdere = selectors.aanlevering_overzicht(request.user)[:20]
    return render(request, "aanleveringen/lijst_import.html", {"form": form, "eerdere": eerdere})
