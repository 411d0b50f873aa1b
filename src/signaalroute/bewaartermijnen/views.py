"""The purge reports (functional administrator, auditor) and each municipality's retention
settings (functional administrator edits)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist

from .forms import BewaarinstellingenForm
from .selectors import bewaarinstellingen_voor, opschoonrapporten_voor
from .services import bewaarinstellingen_opslaan


@rol_vereist(Rol.FUNCTIONEEL_BEHEERDER, Rol.AUDITOR, Rol.PLATFORMBEHEERDER)
def rapporten(request):
    pagina = Paginator(opschoonrapporten_voor(request.user), 50).get_page(request.GET.get("pagina"))
    return render(request, "bewaartermijnen/rapporten.html", {"rapporten": pagina})


@rol_vereist(Rol.FUNCTIONEEL_BEHEERDER)
def instellingen(request):
    per_gemeente = bewaarinstellingen_voor(request.user)
    formulieren = {
        g.uuid: BewaarinstellingenForm(instance=inst, prefix=g.uuid.hex) for g, inst in per_gemeente
    }
    status = 200
    if request.method == "POST":
        gemeente, huidige = next(
            ((g, i) for g, i in per_gemeente if g.uuid.hex == request.POST.get("gemeente")),
            (None, None),
        )
        if gemeente is None:
            raise Http404
        form = BewaarinstellingenForm(request.POST, instance=huidige, prefix=gemeente.uuid.hex)
        if form.is_valid():
            bewaarinstellingen_opslaan(gemeente=gemeente, door=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("De bewaartermijnen van %(gemeente)s zijn opgeslagen.") % {"gemeente": gemeente},
            )
            return redirect("bewaartermijnen:instellingen")
        formulieren[gemeente.uuid] = form
        status = 400
    return render(
        request,
        "bewaartermijnen/instellingen.html",
        {"gemeenten": [(g, formulieren[g.uuid]) for g, _i in per_gemeente]},
        status=status,
    )
