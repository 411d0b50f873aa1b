"""Partner pages for webhooks: subscriptions (make, end), deliveries with their status, the
dead-letter list with "opnieuw afleveren". Only the partner's own (`selectors`)."""

import uuid as uuidlib
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.core.exceptions import NietGevonden, SignaalrouteError

from . import selectors, services
from .constants import Afleverstatus
from .forms import AbonnementForm
from .instellingen import Instellingen


@rol_vereist(Rol.PARTNERGEBRUIKER)
def overzicht(request):
    abonnementen = selectors.abonnementen_voor(request.user)
    afleveringen = selectors.afleveringen_voor(request.user)
    gekozen = None
    try:
        gekozen = uuidlib.UUID(request.GET.get("abonnement", ""))
    except ValueError:
        pass
    else:
        afleveringen = afleveringen.filter(abonnement__uuid=gekozen)
    status = request.GET.get("status", "")
    if status not in Afleverstatus.values:
        status = ""
    if status:
        afleveringen = afleveringen.filter(status=status)
    return render(
        request,
        "terugkoppeling/webhooks/overzicht.html",
        {
            "abonnementen": abonnementen,
            "afleveringen": Paginator(afleveringen, 50).get_page(request.GET.get("pagina")),
            "gekozen": gekozen,
            "status": status,
            "statussen": Afleverstatus.choices,
            "aantal_dead_letters": selectors.dead_letters_voor(request.user).count(),
            "extra": "&" + urlencode({"status": status, "abonnement": gekozen or ""}),
        },
    )


@rol_vereist(Rol.PARTNERGEBRUIKER)
@require_http_methods(["GET", "POST"])
def nieuw(request):
    """Subscribe an endpoint; on success the secret is shown on this one answer only."""
    if not request.user.signaalpartner_id:
        raise PermissionDenied
    form = AbonnementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        gegevens = form.cleaned_data
        try:
            abonnement, geheim = services.webhookabonnement_aanmaken(
                signaalpartner=request.user.signaalpartner,
                url=gegevens["url"],
                omschrijving=gegevens["omschrijving"],
                gemeenten=gegevens["gemeenten"],
                bearer_token=gegevens["bearer_token"],
                door=request.user,
            )
        except SignaalrouteError as exc:
            form.add_error("url", str(exc.message))
        else:
            response = render(
                request,
                "terugkoppeling/webhooks/aangemaakt.html",
                {"abonnement": abonnement, "geheim": geheim},
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(
        request,
        "terugkoppeling/webhooks/nieuw.html",
        {"form": form, "origin": Instellingen.uit_settings().origin},
    )


@rol_vereist(Rol.PARTNERGEBRUIKER)
@require_POST
def beeindigen(request, uuid):
    try:
        abonnement = selectors.abonnement_ophalen(user=request.user, uuid=uuid)
    except NietGevonden as exc:
        raise Http404 from exc
    try:
        services.webhookabonnement_beeindigen(
            abonnement=abonnement, door=request.user, reden=request.POST.get("reden", "")
        )
    except SignaalrouteError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Het abonnement is beëindigd."))
    return redirect("webhooks:overzicht")


@rol_vereist(Rol.PARTNERGEBRUIKER)
def dead_letters(request):
    afleveringen = selectors.dead_letters_voor(request.user)
    return render(
        request,
        "terugkoppeling/webhooks/dead_letters.html",
        {"afleveringen": Paginator(afleveringen, 50).get_page(request.GET.get("pagina"))},
    )


@rol_vereist(Rol.PARTNERGEBRUIKER)
@require_POST
def opnieuw_afleveren(request, uuid):
    try:
        aflevering = selectors.aflevering_ophalen(user=request.user, uuid=uuid)
    except NietGevonden as exc:
        raise Http404 from exc
    try:
        services.aflevering_opnieuw_afleveren(aflevering=aflevering, door=request.user)
    except SignaalrouteError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Het bericht wordt opnieuw aangeboden."))
    return redirect("webhooks:dead_letters")
