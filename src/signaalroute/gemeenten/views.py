from django.shortcuts import render

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.signaalpartners.selectors import signaalpartners_voor

from . import selectors


@rol_vereist(Rol.PLATFORMBEHEERDER, Rol.FUNCTIONEEL_BEHEERDER)
def instellingen(request):
    return render(
        request,
        "gemeenten/instellingen.html",
        {
            "organisaties": selectors.uitvoeringsorganisaties_voor(request.user),
            "gemeenten": selectors.gemeenten_overzicht(request.user),
            "teams": selectors.teams_voor(request.user),
            "signaalpartners": signaalpartners_voor(request.user),
        },
    )
