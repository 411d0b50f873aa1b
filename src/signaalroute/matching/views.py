from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.core.exceptions import NietGevonden, SignaalrouteError
from signaalroute.gemeenten.selectors import gemeenten_voor

from . import beheer, selectors
from .brp import brp_controle_beoordelen
from .forms import DrempelForm, MatchinginstellingenForm, SchuldhulplijstForm, UitsluitingForm
from .models import Signaaldrempel, Uitsluiting
from .selectors import matchinginstellingen_van

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


# --- settings of the checks and matching (functional administrator; coordinator reads) -------

INSTELLERS = (Rol.FUNCTIONEEL_BEHEERDER,)
LEZERS = (Rol.FUNCTIONEEL_BEHEERDER, Rol.COORDINATOR)


def _gemeente(request, uuid):
    try:
        return beheer.gemeente_ophalen(user=request.user, uuid=uuid)
    except NietGevonden as exc:
        raise Http404 from exc


@rol_vereist(*LEZERS)
def instellingen_overzicht(request):
    return render(
        request,
        "matching/instellingen_overzicht.html",
        {"gemeenten": gemeenten_voor(request.user).order_by("naam")},
    )


@rol_vereist(*LEZERS)
def instellingen(request, uuid):
    """One municipality's matching policy, thresholds, exclusion list and debt-help list. A
    POST names the part it changes (`onderdeel`)."""
    gemeente = _gemeente(request, uuid)
    mag_wijzigen = request.user.heeft_rol(*INSTELLERS)
    huidige = matchinginstellingen_van(gemeente=gemeente)
    formulieren = {
        "matching": MatchinginstellingenForm(instance=huidige),
        "drempel": DrempelForm(),
        "uitsluiting": UitsluitingForm(),
        "schuldhulp": SchuldhulplijstForm(),
    }
    resultaat = None
    if request.method == "POST":
        if not mag_wijzigen:
            raise PermissionDenied
        onderdeel = request.POST.get("onderdeel", "")
        try:
            resultaat = _wijzigen(request, gemeente, huidige, onderdeel, formulieren)
        except SignaalrouteError as fout:
            messages.error(request, str(fout.message))
        else:
            if resultaat is True:
                return redirect("matching:instellingen", uuid=gemeente.uuid)
    aantal, ingelezen_op = beheer.schuldhulplijst_omvang(gemeente)
    return render(
        request,
        "matching/instellingen.html",
        {
            "gemeente": gemeente,
            "mag_wijzigen": mag_wijzigen,
            "formulieren": formulieren,
            "drempels": Signaaldrempel.objects.filter(gemeente=gemeente).order_by("soort"),
            "uitsluitingen": Uitsluiting.objects.filter(gemeente=gemeente).order_by(
                "postcode", "huisnummer"
            ),
            "shv_aantal": aantal,
            "shv_ingelezen_op": ingelezen_op,
            "shv_resultaat": resultaat if resultaat not in (None, True) else None,
        },
    )


def _wijzigen(request, gemeente, huidige, onderdeel, formulieren):
    """Apply one part of the settings page. True: done (redirect); a result object: show it;
    None: the bound form has errors."""
    door = request.user
    if onderdeel == "matching":
        form = formulieren["matching"] = MatchinginstellingenForm(request.POST, instance=huidige)
        if form.is_valid():
            beheer.instellingen_opslaan(instellingen=form.save(commit=False), door=door)
            messages.success(request, _("De matchinginstellingen zijn opgeslagen."))
            return True
    elif onderdeel == "drempel":
        form = formulieren["drempel"] = DrempelForm(request.POST)
        if form.is_valid():
            beheer.drempel_opslaan(gemeente=gemeente, door=door, **form.cleaned_data)
            messages.success(request, _("De drempel is opgeslagen."))
            return True
    elif onderdeel == "drempel_verwijderen":
        beheer.drempel_verwijderen(gemeente=gemeente, pk=request.POST.get("id"), door=door)
        messages.success(request, _("De drempel is verwijderd."))
        return True
    elif onderdeel == "uitsluiting":
        form = formulieren["uitsluiting"] = UitsluitingForm(request.POST)
        if form.is_valid():
            nummer, letter, toevoeging = form.cleaned_data["huisnummer"]
            beheer.uitsluiting_toevoegen(
                gemeente=gemeente,
                postcode=form.cleaned_data["postcode"],
                huisnummer=nummer,
                huisletter=letter,
                toevoeging=toevoeging,
                reden=form.cleaned_data["reden"],
                door=door,
            )
            messages.success(request, _("Het adres staat op de uitsluitingslijst."))
            return True
    elif onderdeel == "uitsluiting_verwijderen":
        beheer.uitsluiting_verwijderen(gemeente=gemeente, pk=request.POST.get("id"), door=door)
        messages.success(request, _("Het adres is van de uitsluitingslijst gehaald."))
        return True
    elif onderdeel == "schuldhulp":
        form = formulieren["schuldhulp"] = SchuldhulplijstForm(request.POST, request.FILES)
        if form.is_valid():
            return beheer.schuldhulplijst_inlezen(
                gemeente=gemeente, inhoud=form.cleaned_data["bestand"].read(), door=door
            )
    else:
        messages.error(request, _("Onbekend onderdeel."))
    return None
