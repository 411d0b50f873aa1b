"""The dashboards: per executing organisation (all municipalities the user may see), per
municipality, and platform-wide (aggregates with small cells suppressed); every table also as
CSV and XLSX. Views check the role, pick the municipalities through `selectors`, compute the
figures with `cijfers` and render; no figure is computed here."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from signaalroute.accounts.permissions import rol_vereist
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.export import csv_bytes, download, xlsx_bytes

from . import cijfers, tabellen
from .jaarevaluatie import jaarevaluatie_maken
from .maandrapport import maandperiode, maandrapport_maken, maandrapport_pdf
from .rules import Periode, Voorkeuze, periode_kiezen
from .selectors import PLATFORM, RAPPORTEURS, platformgemeenten, rapportagegemeenten

FORMATEN = ("csv", "xlsx")


def _periode(request) -> tuple[Periode, str | None]:
    return periode_kiezen(
        voorkeuze=request.GET.get("periode"),
        van=request.GET.get("van"),
        tot=request.GET.get("tot"),
        vandaag=timezone.localdate(),
    )


def _render(request, template, *, titel, gemeenten, figuren, periode, fout, export, extra=None):
    query = urlencode({"van": periode.van.isoformat(), "tot": periode.tot.isoformat()})
    naam, kwargs = export
    secties = [
        {
            "tabel": tabel,
            **{
                formaat: reverse(
                    naam, kwargs={**kwargs, "tabel": tabel.sleutel, "formaat": formaat}
                )
                + f"?{query}"
                for formaat in FORMATEN
            },
        }
        for tabel in figuren
    ]
    return render(
        request,
        template,
        {
            "titel": titel,
            "gemeenten": gemeenten,
            "secties": secties,
            "periode": periode,
            "fout": fout,
            "voorkeuzes": Voorkeuze.choices,
            **(extra or {}),
        },
    )


def _export(tabellijst, sleutel: str, formaat: str, *, naam: str, periode: Periode) -> HttpResponse:
    if formaat not in FORMATEN:
        raise Http404
    tabel = next((t for t in tabellijst if t.sleutel == sleutel), None)
    if tabel is None:
        raise Http404
    kolommen = [k.naam for k in tabel.kolommen]
    rijen = tabel.export_rijen()
    inhoud = (
        csv_bytes(kolommen, rijen)
        if formaat == "csv"
        else xlsx_bytes(kolommen, rijen, blad=tabel.sleutel)
    )
    bestandsnaam = f"{naam}-{tabel.sleutel}-{periode.van:%Y%m%d}-{periode.tot:%Y%m%d}.{formaat}"
    return download(inhoud, bestandsnaam=bestandsnaam, formaat=formaat)


def _tabellen(gemeenten, periode) -> list[tabellen.Tabel]:
    figuren = cijfers.dashboardcijfers(gemeenten, periode, peildatum=timezone.localdate())
    return tabellen.dashboardtabellen(figuren)


# --- per organisation -------------------------------------------------------------------------


@rol_vereist(*RAPPORTEURS)
def overzicht(request):
    """The executing organisation's dashboard: all municipalities the user may see together."""
    gemeenten = list(rapportagegemeenten(request.user))
    periode, fout = _periode(request)
    organisatie = request.user.uitvoeringsorganisatie
    return _render(
        request,
        "rapportages/dashboard.html",
        titel=f"Rapportage {organisatie.naam if organisatie else ''}".strip(),
        gemeenten=gemeenten,
        figuren=_tabellen([g.pk for g in gemeenten], periode),
        periode=periode,
        fout=fout,
        export=("rapportages:export", {}),
        extra={"organisatieoverzicht": True},
    )


@rol_vereist(*RAPPORTEURS)
def export(request, tabel, formaat):
    gemeenten = [g.pk for g in rapportagegemeenten(request.user)]
    periode, _fout = _periode(request)
    organisatie = request.user.uitvoeringsorganisatie
    return _export(
        _tabellen(gemeenten, periode),
        tabel,
        formaat,
        naam=organisatie.code if organisatie else "rapportage",
        periode=periode,
    )


# --- per municipality -------------------------------------------------------------------------


@rol_vereist(*RAPPORTEURS)
def gemeente(request, gemeente):
    """One municipality's dashboard; another organisation's municipality is not found."""
    gemeente = get_object_or_404(rapportagegemeenten(request.user), uuid=gemeente)
    periode, fout = _periode(request)
    return _render(
        request,
        "rapportages/dashboard.html",
        titel=f"Rapportage gemeente {gemeente.naam}",
        gemeenten=[gemeente],
        figuren=_tabellen([gemeente.pk], periode),
        periode=periode,
        fout=fout,
        export=("rapportages:gemeente_export", {"gemeente": gemeente.uuid}),
        extra={"gemeente": gemeente},
    )


@rol_vereist(*RAPPORTEURS)
def gemeente_export(request, gemeente, tabel, formaat):
    gemeente = get_object_or_404(rapportagegemeenten(request.user), uuid=gemeente)
    periode, _fout = _periode(request)
    return _export(
        _tabellen([gemeente.pk], periode), tabel, formaat, naam=gemeente.gm_code, periode=periode
    )


# --- platform-wide ----------------------------------------------------------------------------


def _platformtabellen(user, periode) -> list[tabellen.Tabel]:
    figuren = cijfers.dashboardcijfers(
        platformgemeenten(user), periode, peildatum=timezone.localdate()
    )
    return tabellen.platformtabellen(figuren)


@rol_vereist(*PLATFORM)
def platform(request):
    periode, fout = _periode(request)
    gemeenten = platformgemeenten(request.user)
    return _render(
        request,
        "rapportages/platform.html",
        titel="Rapportage platform",
        gemeenten=[],
        figuren=_platformtabellen(request.user, periode),
        periode=periode,
        fout=fout,
        export=("rapportages:platform_export", {}),
        extra={
            "aantal_gemeenten": gemeenten.count(),
            "aantal_aangesloten": gemeenten.filter(aangesloten=True).count(),
            "inwoners": cijfers.inwoners(gemeenten),
        },
    )


@rol_vereist(*PLATFORM)
def platform_export(request, tabel, formaat):
    periode, _fout = _periode(request)
    return _export(
        _platformtabellen(request.user, periode), tabel, formaat, naam="platform", periode=periode
    )


# --- the monthly report (PDF) and the year evaluation -----------------------------------------


def _maand_of_404(jaar: int, maand: int):
    """A month that exists and has begun (a report of a future month is not found)."""
    try:
        periode = maandperiode(jaar, maand)
    except ValueError as fout:
        raise Http404 from fout
    if periode.van > timezone.localdate() or jaar < 2000:
        raise Http404
    return periode


@rol_vereist(*RAPPORTEURS)
def maandrapport(request, gemeente, jaar, maand):
    """The monthly management report of one municipality as a PDF; the download is audited
    (counts only: no personal data in the report or the audit line)."""
    gemeente = get_object_or_404(rapportagegemeenten(request.user), uuid=gemeente)
    periode = _maand_of_404(jaar, maand)
    rapport = maandrapport_maken(
        gemeenten=[gemeente],
        naam=f"Gemeente {gemeente.naam}",
        jaar=jaar,
        maand=maand,
        peildatum=timezone.localdate(),
        gegenereerd_op=timezone.localtime(),
    )
    pdf = maandrapport_pdf(rapport)
    auditregel_vastleggen(
        actie=Auditactie.EXPORTEREN,
        gebruiker=request.user,
        object=gemeente,
        gemeente=gemeente,
        omschrijving=f"Maandrapportage {periode.van:%Y-%m} als PDF",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{gemeente.gm_code}-{rapport.bestandsnaam}"'
    )
    return response


def _jaar_of_404(jaar: int) -> int:
    if not 2000 <= jaar <= timezone.localdate().year:
        raise Http404
    return jaar


@rol_vereist(*RAPPORTEURS)
def jaarevaluatie(request, gemeente, jaar):
    """The year evaluation of one municipality: the questions municipalities set themselves
    for the first year, each with its figure, a sentence and the table behind it."""
    gemeente = get_object_or_404(rapportagegemeenten(request.user), uuid=gemeente)
    evaluatie = jaarevaluatie_maken(
        gemeenten=[gemeente], jaar=_jaar_of_404(jaar), peildatum=timezone.localdate()
    )
    vragen = [
        {
            "vraag": vraag,
            **{
                formaat: reverse(
                    "rapportages:jaarevaluatie_export",
                    kwargs={
                        "gemeente": gemeente.uuid,
                        "jaar": jaar,
                        "tabel": vraag.tabel.sleutel,
                        "formaat": formaat,
                    },
                )
                for formaat in FORMATEN
            },
        }
        for vraag in evaluatie.vragen
    ]
    return render(
        request,
        "rapportages/jaarevaluatie.html",
        {
            "titel": f"Jaarevaluatie {jaar} gemeente {gemeente.naam}",
            "gemeente": gemeente,
            "evaluatie": evaluatie,
            "vragen": vragen,
        },
    )


@rol_vereist(*RAPPORTEURS)
def jaarevaluatie_export(request, gemeente, jaar, tabel, formaat):
    gemeente = get_object_or_404(rapportagegemeenten(request.user), uuid=gemeente)
    evaluatie = jaarevaluatie_maken(
        gemeenten=[gemeente], jaar=_jaar_of_404(jaar), peildatum=timezone.localdate()
    )
    return _export(
        [v.tabel for v in evaluatie.vragen],
        tabel,
        formaat,
        naam=f"{gemeente.gm_code}-jaarevaluatie",
        periode=evaluatie.periode,
    )
