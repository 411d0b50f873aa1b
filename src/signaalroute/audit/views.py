from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.core.export import csv_bytes, download
from signaalroute.gemeenten.selectors import gemeenten_voor

from .constants import Auditactie, Verwerkingsactiviteit
from .forms import Logboekfilter
from .selectors import auditregels_zoeken
from .services import auditregel_vastleggen, bsn_pseudoniem, logboek_controleren

PER_PAGINA = 50
FILTERVELDEN = ("van", "tot", "gebruiker", "actie", "activiteit", "gemeente", "object")
EXPORTKOLOMMEN = [
    "volgnummer",
    "tijdstip",
    "gebruiker",
    "actie",
    "status",
    "verwerkingsactiviteit",
    "doel",
    "grondslag",
    "gemeente",
    "objecttype",
    "object_uuid",
    "omschrijving",
    "betrokkenen_pseudoniem",
    "trace_id",
    "operation_id",
    "vorige_hash",
    "hash",
]


def _filter(request, data) -> Logboekfilter:
    return Logboekfilter(data, gemeenten=gemeenten_voor(request.user))


def _zoeken(request, form: Logboekfilter):
    data = form.cleaned_data
    return auditregels_zoeken(
        request.user,
        van=data.get("van"),
        tot=data.get("tot"),
        gebruiker=data.get("gebruiker", ""),
        actie=data.get("actie", ""),
        activiteit=data.get("activiteit", ""),
        gemeente=data.get("gemeente"),
        object_uuid=data.get("object"),
        betrokkene=data.get("betrokkene", ""),
    )


def _querystring(form: Logboekfilter, betrokkene: str = "") -> str:
    """The filters as a query string, for redirects, pages and the export. Never a BSN."""
    data = form.cleaned_data
    params = {}
    for veld in FILTERVELDEN:
        waarde = data.get(veld)
        if waarde:
            params[veld] = getattr(waarde, "uuid", waarde)
    if betrokkene or data.get("betrokkene"):
        params["betrokkene"] = betrokkene or data["betrokkene"]
    return urlencode(params)


@rol_vereist(Rol.AUDITOR, Rol.PLATFORMBEHEERDER)
@require_http_methods(["GET", "POST"])
def logboek(request):
    """The log, searchable. A search with a BSN is posted: the BSN is pseudonymised and the
    browser is sent on to the same page with the pseudonym, so the BSN is in no URL, no browser
    history and no access log. The search itself is recorded."""
    if request.method == "POST":
        form = _filter(request, request.POST)
        if form.is_valid():
            betrokkene = (
                bsn_pseudoniem(form.cleaned_data["bsn"]) if form.cleaned_data["bsn"] else ""
            )
            if betrokkene:
                auditregel_vastleggen(
                    actie=Auditactie.BEKIJKEN,
                    gebruiker=request.user,
                    betrokkene=form.cleaned_data["bsn"],
                    verwerkingsactiviteit=Verwerkingsactiviteit.TOEZICHT,
                    omschrijving="Logboek doorzocht op betrokkene",
                )
            return redirect(f"{reverse('audit:logboek')}?{_querystring(form, betrokkene)}")
    else:
        form = _filter(request, request.GET)
    regels = _zoeken(request, form) if form.is_valid() else auditregels_zoeken(request.user)
    pagina = Paginator(regels, PER_PAGINA).get_page(request.GET.get("pagina"))
    querystring = _querystring(form) if form.is_valid() else ""
    return render(
        request,
        "audit/logboek.html",
        {
            "form": form,
            "regels": pagina,
            "querystring": querystring,
            "extra": f"&{querystring}" if querystring else "",
            "betrokkene": form.cleaned_data.get("betrokkene", "") if form.is_valid() else "",
        },
    )


@rol_vereist(Rol.AUDITOR, Rol.PLATFORMBEHEERDER)
@require_http_methods(["GET"])
def exporteren(request):
    """The rows of the current search as CSV (formula-safe). Pseudonyms, never a BSN."""
    form = _filter(request, request.GET)
    if not form.is_valid():
        return redirect("audit:logboek")
    rijen = [
        [
            r.volgnummer or "",
            timezone.localtime(r.op).isoformat(timespec="seconds"),
            r.gebruikersnaam,
            r.actie,
            r.status,
            r.verwerkingsactiviteit,
            r.doel,
            r.grondslag,
            r.gemeente.cbs_code if r.gemeente else "",
            r.objecttype,
            r.object_uuid or "",
            r.omschrijving,
            r.betrokkenen,
            r.trace_id,
            r.operation_id,
            r.vorige_hash,
            r.hash,
        ]
        for r in _zoeken(request, form).iterator(chunk_size=2000)
    ]
    auditregel_vastleggen(
        actie=Auditactie.EXPORTEREN,
        gebruiker=request.user,
        verwerkingsactiviteit=Verwerkingsactiviteit.TOEZICHT,
        omschrijving=f"Logboek geëxporteerd: {len(rijen)} regels",
    )
    return download(
        csv_bytes(EXPORTKOLOMMEN, rijen),
        bestandsnaam=f"logboek-{timezone.localdate():%Y%m%d}.csv",
        formaat="csv",
    )


@rol_vereist(Rol.AUDITOR, Rol.PLATFORMBEHEERDER)
@require_POST
def keten_controleren(request):
    """Check the whole hash chain and show the outcome (no personal data in it)."""
    controle = logboek_controleren()
    return render(request, "audit/keten.html", {"controle": controle})
