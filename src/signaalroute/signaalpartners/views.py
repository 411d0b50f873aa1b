from django.shortcuts import render
from django.utils import timezone

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.core.export import csv_bytes, download

from . import selectors
from .forms import MaandForm
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
