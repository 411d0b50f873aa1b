import segno
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import InlogForm, VerificatieForm
from .middleware import is_second_factor_done
from .services import (
    gebruiker_inloggen,
    gebruiker_uitloggen,
    totp_apparaat,
    tweede_factor_bevestigen,
    tweede_factor_controleren,
    tweede_factor_voorbereiden,
)


def _posted(request):
    """The submitted data (also when empty), or None for a GET: an empty POST shows errors."""
    return request.POST if request.method == "POST" else None


def _next_url(request) -> str:
    target = request.session.get("login_next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def login_view(request):
    if request.user.is_authenticated and is_second_factor_done(request):
        return redirect(_next_url(request))
    form = InlogForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        user = gebruiker_inloggen(
            request=request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is not None:
            request.session["login_next"] = request.GET.get("next", "")
            return redirect("accounts:verificatie")
        form.add_error(None, _("Gebruikersnaam of wachtwoord is onjuist."))
    return render(request, "accounts/login.html", {"form": form})


@require_http_methods(["GET", "POST"])
def verificatie_view(request):
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if is_second_factor_done(request):
        return redirect(_next_url(request))
    if totp_apparaat(user=request.user) is None:
        return redirect("accounts:tweede_factor_instellen")
    form = VerificatieForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if tweede_factor_controleren(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error("token", _("Deze code is onjuist of verlopen. Probeer de nieuwste code."))
    return render(request, "accounts/verificatie.html", {"form": form})


@require_http_methods(["GET", "POST"])
def tweede_factor_instellen_view(request):
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if is_second_factor_done(request) or totp_apparaat(user=request.user) is not None:
        return redirect("accounts:verificatie")
    device = tweede_factor_voorbereiden(user=request.user)
    form = VerificatieForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if tweede_factor_bevestigen(request=request, token=form.cleaned_data["token"]):
            messages.success(request, _("Tweestapsverificatie is ingesteld."))
            return redirect(_next_url(request))
        form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, title=_("QR-code"))
    secret = device.config_url.split("secret=")[1].split("&")[0]
    return render(
        request,
        "accounts/tweede_factor_instellen.html",
        {"form": form, "qr_svg": qr_svg, "secret": secret},
    )


@require_POST
def logout_view(request):
    gebruiker_uitloggen(request=request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect(settings.LOGIN_URL)
