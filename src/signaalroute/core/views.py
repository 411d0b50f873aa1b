import hmac
import logging

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist

logger = logging.getLogger("signaalroute.gezondheid")

START_PAGES = {
    Rol.PLATFORMBEHEERDER: "gemeenten:instellingen",
    Rol.FUNCTIONEEL_BEHEERDER: "gemeenten:instellingen",
    Rol.COORDINATOR: "vroegsignaalzaken:overzicht",
    Rol.VROEGSIGNALEERDER: "vroegsignaalzaken:werkvoorraad",
    Rol.EXTERNE_UITVOERDER: "vroegsignaalzaken:werkvoorraad",
    Rol.PARTNERGEBRUIKER: "aanleveringen:overzicht",
    Rol.AUDITOR: "audit:logboek",
}


def start(request):
    """After login each role lands on its own start page."""
    target = START_PAGES.get(request.user.rol)
    if target is None:
        return render(request, "core/geen_rol.html", status=403)
    return redirect(target)


# The set-up pages, grouped under one menu item: (URL name, title, what it is for, roles).
_BEHEER = (Rol.COORDINATOR, Rol.FUNCTIONEEL_BEHEERDER)
INRICHTING = (
    ("triage:overzicht", _("Triage"), _("Regels per gemeente, capaciteit, simulatie."), _BEHEER),
    (
        "matching:instellingen_overzicht",
        _("Controles"),
        _("Matchingbeleid, drempels, uitsluitingslijst, schuldhulplijst."),
        _BEHEER,
    ),
    (
        "vroegsignaalzaken:termijninstellingen",
        _("Termijnen"),
        _("Eerste contact, crisis, afsluiten, nazorg."),
        _BEHEER,
    ),
    (
        "contact:overzicht",
        _("Brieven en berichten"),
        _("Huisstijl en teksten per kanaal, met versies."),
        _BEHEER,
    ),
    (
        "aanleveringen:lijst_import",
        _("Lijst inlezen"),
        _("CAK-lijst of bronheffingslijst van een zorgverzekeraar."),
        _BEHEER,
    ),
    (
        "bewaartermijnen:instellingen",
        _("Bewaartermijnen"),
        _("Hoe lang persoonsgegevens bewaard blijven."),
        (Rol.FUNCTIONEEL_BEHEERDER,),
    ),
    (
        "gemeenten:instellingen",
        _("Organisatie"),
        _("Gemeenten, wijken, teams en postcodes."),
        (Rol.FUNCTIONEEL_BEHEERDER, Rol.PLATFORMBEHEERDER),
    ),
)


@rol_vereist(Rol.COORDINATOR, Rol.FUNCTIONEEL_BEHEERDER, Rol.PLATFORMBEHEERDER)
def inrichting(request):
    """One page with the set-up pages a role may open, instead of one menu item each."""
    paginas = [
        (naam, titel, uitleg)
        for naam, titel, uitleg, rollen in INRICHTING
        if request.user.rol in rollen
    ]
    return render(request, "core/inrichting.html", {"paginas": paginas})


def gezondheid(request):
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def gereed(request):
    """Readiness: 200 when this process can serve (database, migrations, task queue), else 503
    with the failing checks. No details beyond the name of each check and its outcome."""
    from .metrics import gereedheid

    uitkomst = gereedheid()
    falend = [naam for naam, ok in uitkomst.items() if ok != "ok"]
    response = JsonResponse(
        {"status": "fout" if falend else "ok", "controles": uitkomst, "falend": falend},
        status=503 if falend else 200,
    )
    if falend:
        logger.warning("niet gereed", extra={"falend": falend})
        response._has_been_logged = True  # probes ask every few seconds: one line, not an error
    return response


@never_cache
def metrics(request):
    """Prometheus text format, for a bearer token (`METRICS_TOKEN`); off (404) without one."""
    token = settings.METRICS_TOKEN
    if not token:
        raise Http404
    gegeven = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(gegeven.encode(), token.encode()):
        response = HttpResponse("401 Unauthorized\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    from .metrics import metrics_tekst

    return HttpResponse(metrics_tekst(), content_type="text/plain; version=0.0.4; charset=utf-8")


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)
