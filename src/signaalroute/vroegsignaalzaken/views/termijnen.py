"""Deadlines: the worker's overview of what is overdue or due soon, their notifications, and
each municipality's deadline settings (functional administrator edits, coordinator reads)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen

from .. import selectors
from ..forms import TermijninstellingenForm
from ..selectors.dossier import MAXIMUM_PER_LIJST
from ..services import meldingen_gelezen_markeren, termijninstellingen_opslaan
from .werklijst import BEHANDELAARS

INSTELLERS = (Rol.FUNCTIONEEL_BEHEERDER,)
LEZERS = (Rol.FUNCTIONEEL_BEHEERDER, Rol.COORDINATOR)


@rol_vereist(*BEHANDELAARS)
def termijnen(request):
    lijsten = selectors.termijnoverzicht(request.user)
    auditregel_vastleggen(
        actie=Auditactie.BEKIJKEN,
        gebruiker=request.user,
        omschrijving="Termijnoverzicht bekeken",
    )
    return render(
        request,
        "vroegsignaalzaken/termijnen.html",
        {"lijsten": lijsten, "maximum": MAXIMUM_PER_LIJST},
    )


@rol_vereist(*BEHANDELAARS)
def meldingen(request):
    pagina = Paginator(selectors.meldingen_voor(request.user), 50).get_page(
        request.GET.get("pagina")
    )
    return render(request, "vroegsignaalzaken/meldingen.html", {"meldingen": pagina})


@rol_vereist(*BEHANDELAARS)
@require_POST
def meldingen_gelezen(request):
    # Only the user's own notifications; a read mark is no case data and needs no history.
    aantal = meldingen_gelezen_markeren(gebruiker=request.user)
    messages.success(request, _("%(n)d melding(en) gemarkeerd als gelezen.") % {"n": aantal})
    return redirect("vroegsignaalzaken:meldingen")


@rol_vereist(*LEZERS)
def termijninstellingen(request):
    """Per municipality of the user its deadlines; saving recomputes the open cases'."""
    mag_wijzigen = request.user.heeft_rol(*INSTELLERS)
    per_gemeente = selectors.termijninstellingen_voor(request.user)
    formulieren = {
        g.uuid: TermijninstellingenForm(instance=inst, prefix=g.uuid.hex)
        for g, inst in per_gemeente
    }
    status = 200
    if request.method == "POST":
        if not mag_wijzigen:
            raise PermissionDenied
        gemeente, instellingen = next(
            ((g, i) for g, i in per_gemeente if g.uuid.hex == request.POST.get("gemeente")),
            (None, None),
        )
        if gemeente is None:
            raise Http404
        form = TermijninstellingenForm(
            request.POST, instance=instellingen, prefix=gemeente.uuid.hex
        )
        if form.is_valid():
            termijninstellingen_opslaan(gemeente=gemeente, door=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("De termijnen van %(gemeente)s zijn opgeslagen; de open zaken zijn bijgewerkt.")
                % {"gemeente": gemeente.naam},
            )
            return redirect("vroegsignaalzaken:termijninstellingen")
        formulieren[gemeente.uuid] = form
        status = 400
    return render(
        request,
        "vroegsignaalzaken/termijninstellingen.html",
        {
            "gemeenten": [(g, formulieren[g.uuid]) for g, _i in per_gemeente],
            "mag_wijzigen": mag_wijzigen,
        },
        status=status,
    )
