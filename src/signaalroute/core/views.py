from django.http import HttpResponse
from django.shortcuts import redirect, render

from signaalroute.accounts.constants import Rol

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


def gezondheid(request):
    return HttpResponse("ok", content_type="text/plain")


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)
