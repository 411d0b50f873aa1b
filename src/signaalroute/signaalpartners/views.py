from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.core.export import csv_bytes, download

from . import selectors, services
from .forms import ContactpersoonForm, MaandForm, PartnergegevensForm
from .rules import Maandstatus, maand_label, volgende_maand, vorige_maand


def _maand(request):
    """The chosen month (?maand=2026-10), this month when empty or invalid."""
    form = MaandForm(request.GET or None)
    maand = form.gekozen_maand(timezone.localdate())
    if not form.is_bound:
        form = MaandForm(initial={"maand": f"{maand:%Y-%m}"})
    return form, maand


@rol_vereist(Rol.COORDINATOR, Rol.FUNCTIONEEL_BEHEERDER)
def aanleverbewaking(request):
    """Per municipality and partner: was this month's delivery on time, and how many signals."""
    form, maand = _maand(request)
    regels = selectors.aanlevermonitor(request.user, maand)
    return render(
        request,
        "signaalpartners/aanleverbewaking.html",
        {
            "form": form,
            "maand": maand,
            "maand_label": maand_label(maand),
            "vorige": vorige_maand(maand),
            "volgende": volgende_maand(maand),
            "regels": regels,
            "ontbreekt": sum(r.status == Maandstatus.ONTBREEKT for r in regels),
            "te_laat": sum(r.status == Maandstatus.TE_LAAT for r in regels),
            "met_afwijking": sum(r.afwijking is not None for r in regels),
        },
    )


@rol_vereist(Rol.COORDINATOR, Rol.FUNCTIONEEL_BEHEERDER)
def aanleverbewaking_export(request):
    _, maand = _maand(request)
    kolommen, rijen = selectors.aanlevermonitor_tabel(
        selectors.aanlevermonitor(request.user, maand)
    )
    return download(
        csv_bytes(kolommen, rijen),
        bestandsnaam=f"aanleverbewaking-{maand:%Y-%m}.csv",
        formaat="csv",
    )


# --- partner directory: the partner maintains what municipalities see on every case ---------


def _eigen_partner(request):
    partner = selectors.signaalpartners_voor(request.user).first()
    if partner is None:
        raise Http404
    return partner


def _contactpersoon(request, partner, uuid):
    contactpersoon = selectors.contactpersonen_van(partner).filter(uuid=uuid).first()
    if contactpersoon is None:
        raise Http404
    return contactpersoon


@rol_vereist(Rol.PARTNERGEBRUIKER)
def partnergegevens(request):
    """What municipalities see about the partner on every case, and links to change it."""
    partner = _eigen_partner(request)
    return render(
        request,
        "signaalpartners/partnergegevens.html",
        {
            "signaalpartner": partner,
            "contactpersonen": selectors.contactpersonen_van(partner),
        },
    )


@rol_vereist(Rol.PARTNERGEBRUIKER)
@require_http_methods(["GET", "POST"])
def partnergegevens_bewerken(request):
    partner = _eigen_partner(request)
    form = PartnergegevensForm(request.POST if request.method == "POST" else None, instance=partner)
    if request.method == "POST" and form.is_valid():
        services.partnergegevens_bijwerken(
            signaalpartner=partner, gegevens=form.gegevens(), door=request.user
        )
        messages.success(request, _("Uw gegevens zijn opgeslagen."))
        return redirect("partnergegevens:overzicht")
    return render(
        request,
        "signaalpartners/partnergegevens_bewerken.html",
        {"form": form, "signaalpartner": partner, "standaard": partner.signaalcriteria},
    )


@rol_vereist(Rol.PARTNERGEBRUIKER)
@require_http_methods(["GET", "POST"])
def contactpersoon(request, uuid=None):
    """Add (no uuid) or change one of the partner's contact persons."""
    partner = _eigen_partner(request)
    bestaand = _contactpersoon(request, partner, uuid) if uuid else None
    form = ContactpersoonForm(
        request.POST if request.method == "POST" else None,
        instance=bestaand,
        gemeenten=selectors.gemeenten_voor_contactpersoon(bestaand),
    )
    if request.method == "POST" and form.is_valid():
        services.contactpersoon_opslaan(
            signaalpartner=partner,
            contactpersoon=bestaand,
            gegevens=form.gegevens(),
            door=request.user,
        )
        messages.success(request, _("De contactpersoon is opgeslagen."))
        return redirect("partnergegevens:overzicht")
    return render(
        request,
        "signaalpartners/contactpersoon.html",
        {"form": form, "contactpersoon": bestaand},
    )


@rol_vereist(Rol.PARTNERGEBRUIKER)
@require_POST
def contactpersoon_verwijderen(request, uuid):
    partner = _eigen_partner(request)
    services.contactpersoon_verwijderen(
        signaalpartner=partner,
        contactpersoon=_contactpersoon(request, partner, uuid),
        door=request.user,
    )
    messages.success(request, _("De contactpersoon is verwijderd."))
    return redirect("partnergegevens:overzicht")
