"""The partner's feedback pages (role partnergebruiker): the latest feedback per signal, the
contact details a municipality found wrong, and reporting debt development. Everything is read
through `selectors` with the user's own partner."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import NietGevonden, SignaalrouteError
from signaalroute.core.export import csv_bytes, download, xlsx_bytes

from . import selectors
from .constants import Terugkoppelcode, Terugkoppelmoment
from .forms import SchuldontwikkelingUploadForm, TerugkoppelfilterForm
from .models import Schuldontwikkelingcode, Schuldontwikkelingkanaal
from .schuldontwikkeling import csv_lezen, schuldontwikkelingen_melden

PER_PAGINA = 25


def _partner(request):
    partner = selectors.partner_van(request.user)
    if partner is None:  # a partner user always has one (database constraint)
        raise Http404
    return partner


def _extra(request) -> str:
    """The query string without the page, for the pagination links."""
    params = request.GET.copy()
    params.pop("pagina", None)
    return f"&{params.urlencode()}" if params else ""


def _exporteren(request, kolommen, rijen, *, naam: str, formaat: str, blad: str):
    inhoud = (
        xlsx_bytes(kolommen, rijen, blad=blad) if formaat == "xlsx" else csv_bytes(kolommen, rijen)
    )
    auditregel_vastleggen(
        actie=Auditactie.EXPORTEREN,
        gebruiker=request.user,
        omschrijving=f"{blad}: {len(rijen)} regels",
    )
    return download(
        inhoud, bestandsnaam=f"{naam}-{timezone.localdate():%Y%m%d}.{formaat}", formaat=formaat
    )


@rol_vereist(Rol.PARTNERGEBRUIKER)
def overzicht(request):
    """Per signal of the partner: the latest feedback, filterable, newest first."""
    partner = _partner(request)
    form = TerugkoppelfilterForm(request.GET or None, signaalpartner=partner)
    signalen = selectors.signalen_met_terugkoppeling(partner, form.filter())
    pagina = Paginator(signalen, PER_PAGINA).get_page(request.GET.get("pagina"))
    for signaal in pagina:
        signaal.code_label = Terugkoppelcode(signaal.laatste_code).label
        signaal.moment_label = (
            Terugkoppelmoment(signaal.laatste_moment).label if signaal.laatste_moment else ""
        )
    return render(
        request,
        "terugkoppeling/overzicht.html",
        {
            "form": form,
            "signaalpartner": partner,
            "signalen": pagina,
            "extra": _extra(request),
            "query": request.GET.urlencode(),
        },
    )


@rol_vereist(Rol.PARTNERGEBRUIKER)
def export(request, formaat):
    partner = _partner(request)
    form = TerugkoppelfilterForm(request.GET or None, signaalpartner=partner)
    kolommen, rijen = selectors.terugkoppeling_tabel(
        selectors.signalen_met_terugkoppeling(partner, form.filter())
    )
    return _exporteren(
        request, kolommen, rijen, naam="terugkoppeling", formaat=formaat, blad="Terugkoppeling"
    )


@rol_vereist(Rol.PARTNERGEBRUIKER)
def contactgegevens(request):
    """Phone numbers, e-mail addresses and addresses the partner delivered that a
    municipality found wrong, to correct in the partner's own administration."""
    partner = _partner(request)
    gegevens = Paginator(selectors.onjuiste_contactgegevens_van(partner), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "terugkoppeling/contactgegevens.html",
        {"signaalpartner": partner, "gegevens": gegevens},
    )


@rol_vereist(Rol.PARTNERGEBRUIKER)
def contactgegevens_export(request, formaat):
    kolommen, rijen = selectors.contactgegevens_tabel(
        selectors.onjuiste_contactgegevens_van(_partner(request))
    )
    return _exporteren(
        request,
        kolommen,
        rijen,
        naam="onjuiste-contactgegevens",
        formaat=formaat,
        blad="Onjuiste contactgegevens",
    )


@rol_vereist(Rol.PARTNERGEBRUIKER)
@require_http_methods(["GET", "POST"])
def schuldontwikkeling(request):
    """Upload debt development (CSV); earlier uploads with their results."""
    partner = _partner(request)
    if request.method == "POST":
        form = SchuldontwikkelingUploadForm(request.POST, request.FILES)
        if form.is_valid():
            bestand = form.cleaned_data["bestand"]
            try:
                batch = schuldontwikkelingen_melden(
                    signaalpartner=partner,
                    rijen=csv_lezen(bestand.read()),
                    kanaal=Schuldontwikkelingkanaal.UPLOAD,
                    door=request.user,
                    bestandsnaam=bestand.name,
                )
            except SignaalrouteError as exc:
                form.add_error("bestand", str(exc.message))
            else:
                messages.success(
                    request,
                    _("%(n)s van de %(t)s regels zijn verwerkt.")
                    % {
                        "n": batch.aantal_geaccepteerd + batch.aantal_al_gemeld,
                        "t": batch.aantal_rijen,
                    },
                )
                return redirect("terugkoppeling:schuldontwikkeling_batch", uuid=batch.uuid)
    else:
        form = SchuldontwikkelingUploadForm()
    batches = Paginator(selectors.schuldontwikkelingbatches_van(partner), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "terugkoppeling/schuldontwikkeling.html",
        {"form": form, "batches": batches, "codes": Schuldontwikkelingcode.choices},
    )


def _batch(request, uuid):
    try:
        return selectors.schuldontwikkelingbatch_ophalen(_partner(request), uuid)
    except NietGevonden as exc:
        raise Http404 from exc


@rol_vereist(Rol.PARTNERGEBRUIKER)
def schuldontwikkeling_batch(request, uuid):
    batch = _batch(request, uuid)
    return render(request, "terugkoppeling/schuldontwikkeling_batch.html", {"batch": batch})


@rol_vereist(Rol.PARTNERGEBRUIKER)
def schuldontwikkeling_afwijzingen(request, uuid, formaat):
    batch = _batch(request, uuid)
    kolommen, rijen = selectors.afwijzingen_tabel(batch)
    naam = f"schuldontwikkeling-afwijzingen-{str(batch.uuid)[:8]}"
    inhoud = (
        xlsx_bytes(kolommen, rijen, blad="Afwijzingen")
        if formaat == "xlsx"
        else csv_bytes(kolommen, rijen)
    )
    return download(inhoud, bestandsnaam=f"{naam}.{formaat}", formaat=formaat)
