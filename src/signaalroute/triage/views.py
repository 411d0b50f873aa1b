"""The triage pages: a municipality's rule set versions, the concept editor (rule by rule, in
Dutch sentences), YAML export and import, the simulation next to the active rule set,
activation, and the monthly capacity per team and channel.

Functional administrators edit; coordinators see the rule sets, the simulation and the capacity
read-only. Every municipality is looked up through the user's tenancy (`beheer`), so another
organisation's municipality or rule set is 'not found'.
"""

from __future__ import annotations

import datetime
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.core.exceptions import NietGevonden, SignaalrouteError, ValidatieFout

from . import beheer, services
from .forms import (
    CapaciteitFormulier,
    InstellingenFormulier,
    Regeleditor,
    YamlImportFormulier,
)
from .models import Regelsetstatus

BEHEERDERS = (Rol.FUNCTIONEEL_BEHEERDER,)
LEZERS = (Rol.FUNCTIONEEL_BEHEERDER, Rol.COORDINATOR)


def _niet_gevonden_is_404(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NietGevonden as exc:
            raise Http404 from exc

    return wrapped


def _mag_wijzigen(user) -> bool:
    return user.heeft_rol(*BEHEERDERS)


def _gemeente(request, uuid):
    return beheer.gemeente_ophalen(user=request.user, uuid=uuid)


def _regelset(request, uuid):
    return beheer.regelset_ophalen(user=request.user, uuid=uuid)


def _concept(request, uuid):
    """A concept to edit; a version that is no longer a concept sends the user back."""
    regelset = _regelset(request, uuid)
    if regelset.status != Regelsetstatus.CONCEPT:
        messages.error(
            request,
            _("Versie %(versie)s is geen concept meer en kan niet worden gewijzigd.")
            % {"versie": regelset.versie},
        )
        return regelset, redirect("triage:regelset", uuid=regelset.uuid)
    return regelset, None


def _fouten(fout: SignaalrouteError) -> list[str]:
    """Every problem of a validation error, in Dutch."""
    redenen = [str(p.get("reason", "")) for p in fout.invalid_params or []]
    return redenen or [str(fout.message)]


# --- overview and one municipality ----------------------------------------------------------


@rol_vereist(*LEZERS)
def overzicht(request):
    return render(
        request,
        "triage/overzicht.html",
        {"gemeenten": beheer.gemeenten_overzicht(request.user)},
    )


@rol_vereist(*LEZERS)
@_niet_gevonden_is_404
def gemeente(request, gemeente):
    gemeente = _gemeente(request, gemeente)
    actief = beheer.actieve_versie(gemeente)
    inhoud = actief.inhoud if actief else beheer.standaardinhoud()
    return render(
        request,
        "triage/gemeente.html",
        {
            "gemeente": gemeente,
            "actief": actief,
            "weergave": beheer.regelset_tonen(gemeente=gemeente, inhoud=inhoud),
            "versies": beheer.versies(gemeente),
            "mag_wijzigen": _mag_wijzigen(request.user),
        },
    )


@rol_vereist(*BEHEERDERS)
@require_POST
@_niet_gevonden_is_404
def concept_nieuw(request, gemeente):
    gemeente = _gemeente(request, gemeente)
    try:
        concept = beheer.concept_maken(gemeente=gemeente, door=request.user)
    except SignaalrouteError as fout:
        messages.error(request, " ".join(_fouten(fout)))
        return redirect("triage:gemeente", gemeente=gemeente.uuid)
    messages.success(
        request,
        _("Concept versie %(versie)s is gemaakt als kopie van de actieve regels.")
        % {"versie": concept.versie},
    )
    return redirect("triage:regelset", uuid=concept.uuid)


@rol_vereist(*BEHEERDERS)
@require_http_methods(["GET", "POST"])
@_niet_gevonden_is_404
def importeren(request, gemeente):
    gemeente = _gemeente(request, gemeente)
    post = request.method == "POST"
    form = YamlImportFormulier(request.POST if post else None, request.FILES if post else None)
    fouten: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            concept = services.concept_uit_yaml(
                gemeente=gemeente,
                tekst=form.tekst,
                door=request.user,
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidatieFout as fout:
            fouten = _fouten(fout)
        else:
            messages.success(
                request,
                _("Het bestand is ingelezen als concept versie %(versie)s.")
                % {"versie": concept.versie},
            )
            return redirect("triage:regelset", uuid=concept.uuid)
    return render(
        request,
        "triage/importeren.html",
        {"gemeente": gemeente, "form": form, "fouten": fouten},
    )


# --- one version ----------------------------------------------------------------------------


@rol_vereist(*LEZERS)
@_niet_gevonden_is_404
def regelset(request, uuid):
    regelset = _regelset(request, uuid)
    gemeente = regelset.gemeente
    bewerkbaar = regelset.status == Regelsetstatus.CONCEPT and _mag_wijzigen(request.user)
    context = {
        "gemeente": gemeente,
        "regelset": regelset,
        "weergave": beheer.regelset_tonen(gemeente=gemeente, inhoud=regelset.inhoud),
        "bewerkbaar": bewerkbaar,
        "mag_wijzigen": _mag_wijzigen(request.user),
    }
    if bewerkbaar:
        context["instellingen"] = InstellingenFormulier(
            initial={
                "naam": regelset.inhoud.get("naam", ""),
                "omschrijving": regelset.inhoud.get("omschrijving", ""),
                "jongerenteam": regelset.jongerenteam,
                "toelichting": regelset.toelichting,
            },
            teams=services.teams_van(gemeente),
        )
    return render(request, "triage/regelset.html", context)


@rol_vereist(*LEZERS)
@_niet_gevonden_is_404
def exporteren(request, uuid):
    regelset = _regelset(request, uuid)
    bestandsnaam = f"triageregels-{regelset.gemeente.gm_code}-v{regelset.versie}.yaml"
    response = HttpResponse(
        beheer.regelset_yaml(regelset), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response


@rol_vereist(*BEHEERDERS)
@require_POST
@_niet_gevonden_is_404
def instellingen(request, uuid):
    concept, terug = _concept(request, uuid)
    if terug:
        return terug
    form = InstellingenFormulier(request.POST, teams=services.teams_van(concept.gemeente))
    if form.is_valid():
        try:
            beheer.concept_instellingen_wijzigen(
                concept=concept,
                naam=form.cleaned_data["naam"],
                omschrijving=form.cleaned_data["omschrijving"],
                jongerenteam=form.cleaned_data["jongerenteam"],
                toelichting=form.cleaned_data["toelichting"],
                door=request.user,
            )
        except SignaalrouteError as fout:
            messages.error(request, " ".join(_fouten(fout)))
        else:
            messages.success(request, _("De instellingen zijn opgeslagen."))
    else:
        fouten = [f"{form.fields[v].label}: {' '.join(e)}" for v, e in form.errors.items()]
        messages.error(request, " ".join(fouten))
    return redirect("triage:regelset", uuid=concept.uuid)


# --- the rule editor ------------------------------------------------------------------------


def _plaatsen(regels: list[dict], nummer: int | None) -> list[tuple[int, str]]:
    """Choices for a rule's place: 1 (top), then 'after ‘X’' for every other rule."""
    overige = [r["naam"] for i, r in enumerate(regels, start=1) if i != nummer]
    plaatsen = [(1, _("1 (bovenaan)"))]
    for positie, naam in enumerate(overige, start=2):
        plaatsen.append(
            (positie, _("%(nummer)s (na ‘%(naam)s’)") % {"nummer": positie, "naam": naam})
        )
    return plaatsen


def _regeleditor_tonen(request, concept, *, nummer: int | None, terugval: bool = False):
    """GET: the form; POST with `actie`: add or remove a row, refresh the preview; POST
    'opslaan': save through the central validation and show its errors next to the fields."""
    gemeente = concept.gemeente
    regels = concept.inhoud.get("regels") or []
    if nummer is not None and not 1 <= nummer <= len(regels):
        raise Http404
    bestaand = (
        concept.inhoud.get("terugval")
        if terugval
        else (regels[nummer - 1] if nummer is not None else None)
    )
    opties = {
        "teams": beheer.teamnamen(gemeente),
        "wijken": beheer.wijken(gemeente),
        "terugval": terugval,
        "plaatsen": None if terugval else _plaatsen(regels, nummer),
        "vernieuwen": request.path,
    }
    actie = request.POST.get("actie", "opslaan") if request.method == "POST" else ""
    if request.method == "GET":
        editor = Regeleditor(
            regel=bestaand,
            plaats=nummer if nummer is not None else len(regels) + 1,
            **opties,
        )
    elif actie != "opslaan":
        data = Regeleditor.actie_uitvoeren(request.POST, actie)
        editor = Regeleditor(data=data, toon_fouten=False, **opties)
    else:
        editor = Regeleditor(data=request.POST, **opties)
        if editor.is_valid():
            index = None
            try:
                if terugval:
                    beheer.terugval_opslaan(
                        concept=concept, uitkomst=editor.uitkomst(), door=request.user
                    )
                else:
                    index = beheer.regelplaats(
                        aantal=len(regels), nummer=nummer, plaats=editor.plaats
                    )
                    beheer.regel_opslaan(
                        concept=concept,
                        regel=editor.regel(),
                        door=request.user,
                        nummer=nummer,
                        plaats=editor.plaats,
                        verwacht=request.POST.get("verwacht") if nummer is not None else None,
                    )
            except ValidatieFout as fout:
                editor.fouten_verwerken(fout, index)
            except SignaalrouteError as fout:
                messages.error(request, " ".join(_fouten(fout)))
                return redirect("triage:regelset", uuid=concept.uuid)
            else:
                messages.success(request, _("De regels zijn opgeslagen."))
                return redirect("triage:regelset", uuid=concept.uuid)

    geldig = not editor.formulier.is_bound or editor.is_valid()
    voorbeeld = _voorbeeld(gemeente, editor, bestaand) if geldig else None
    if request.method == "POST":  # the name the user first saw, kept across re-renders
        verwacht = request.POST.get("verwacht", "")
    else:
        verwacht = bestaand.get("naam", "") if bestaand and not terugval else ""
    context = {
        "gemeente": gemeente,
        "regelset": concept,
        "editor": editor,
        "nummer": nummer,
        "terugval": terugval,
        "verwacht": verwacht,
        "voorbeeld": voorbeeld,
    }
    template = "triage/_regelformulier.html" if request.htmx else "triage/regel.html"
    return render(request, template, context)


def _voorbeeld(gemeente, editor: Regeleditor, bestaand) -> str | None:
    if editor.formulier.is_bound:
        if editor.terugval:
            return beheer.terugval_voorbeeld(gemeente=gemeente, uitkomst=editor.uitkomst())
        return beheer.regel_voorbeeld(gemeente=gemeente, regel=editor.regel())
    if bestaand is None:
        return None
    if editor.terugval:
        return beheer.terugval_voorbeeld(gemeente=gemeente, uitkomst=bestaand)
    return beheer.regel_voorbeeld(gemeente=gemeente, regel=bestaand)


@rol_vereist(*BEHEERDERS)
@require_http_methods(["GET", "POST"])
@_niet_gevonden_is_404
def regel_toevoegen(request, uuid):
    concept, terug = _concept(request, uuid)
    return terug or _regeleditor_tonen(request, concept, nummer=None)


@rol_vereist(*BEHEERDERS)
@require_http_methods(["GET", "POST"])
@_niet_gevonden_is_404
def regel_wijzigen(request, uuid, nummer):
    concept, terug = _concept(request, uuid)
    return terug or _regeleditor_tonen(request, concept, nummer=nummer)


@rol_vereist(*BEHEERDERS)
@require_http_methods(["GET", "POST"])
@_niet_gevonden_is_404
def terugval(request, uuid):
    concept, terug = _concept(request, uuid)
    return terug or _regeleditor_tonen(request, concept, nummer=None, terugval=True)


@rol_vereist(*BEHEERDERS)
@require_POST
@_niet_gevonden_is_404
def regel_verwijderen(request, uuid, nummer):
    concept, terug = _concept(request, uuid)
    if terug:
        return terug
    try:
        beheer.regel_verwijderen(
            concept=concept,
            nummer=nummer,
            door=request.user,
            verwacht=request.POST.get("verwacht"),
        )
    except SignaalrouteError as fout:
        messages.error(request, " ".join(_fouten(fout)))
    else:
        messages.success(
            request,
            _("Regel ‘%(naam)s’ is verwijderd.") % {"naam": request.POST.get("verwacht", "")},
        )
    return redirect("triage:regelset", uuid=concept.uuid)


@rol_vereist(*BEHEERDERS)
@require_POST
@_niet_gevonden_is_404
def regel_verplaatsen(request, uuid, nummer):
    concept, terug = _concept(request, uuid)
    if terug:
        return terug
    try:
        beheer.regel_verplaatsen(
            concept=concept,
            nummer=nummer,
            omhoog=request.POST.get("richting") != "omlaag",
            door=request.user,
            verwacht=request.POST.get("verwacht"),
        )
    except SignaalrouteError as fout:
        messages.error(request, " ".join(_fouten(fout)))
    url = reverse("triage:regelset", kwargs={"uuid": concept.uuid})
    return redirect(f"{url}#regel-{_doel(request, nummer)}")


def _doel(request, nummer: int) -> int:
    return max(nummer - 1, 1) if request.POST.get("richting") != "omlaag" else nummer + 1


# --- simulation and activation --------------------------------------------------------------


def _maand(tekst: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(f"{tekst}-01") if tekst else None
    except ValueError:
        return None


@rol_vereist(*LEZERS)
@_niet_gevonden_is_404
def simulatie(request, uuid):
    regelset = _regelset(request, uuid)
    vandaag = timezone.localdate()
    maanden = beheer.simulatiemaanden(regelset.gemeente, vandaag)
    maand = _maand(request.GET.get("maand"))
    if request.GET.get("maand") and maand is None:
        messages.error(request, _("Kies een maand uit de lijst."))
    maand = maand or beheer.vorige_maand(vandaag)
    return render(
        request,
        "triage/simulatie.html",
        {
            "gemeente": regelset.gemeente,
            "regelset": regelset,
            "maanden": maanden,
            "maand": maand,
            "simulatie": beheer.simulatie_tonen(regelset=regelset, maand=maand),
            "mag_wijzigen": _mag_wijzigen(request.user),
        },
    )


@rol_vereist(*BEHEERDERS)
@require_http_methods(["GET", "POST"])
@_niet_gevonden_is_404
def activeren(request, uuid):
    concept, terug = _concept(request, uuid)
    if terug:
        return terug
    if request.method == "POST":
        try:
            services.regelset_activeren(regelset=concept, door=request.user)
        except SignaalrouteError as fout:
            messages.error(request, " ".join(_fouten(fout)))
            return redirect("triage:regelset", uuid=concept.uuid)
        messages.success(
            request,
            _(
                "Versie %(versie)s is nu actief. Nieuwe zaken worden vanaf nu met deze regels getrieerd."
            )
            % {"versie": concept.versie},
        )
        return redirect("triage:gemeente", gemeente=concept.gemeente.uuid)
    gemeente = concept.gemeente
    return render(
        request,
        "triage/activeren.html",
        {
            "gemeente": gemeente,
            "regelset": concept,
            "actief": beheer.actieve_versie(gemeente),
            "weergave": beheer.regelset_tonen(gemeente=gemeente, inhoud=concept.inhoud),
        },
    )


# --- capacity -------------------------------------------------------------------------------


@rol_vereist(*LEZERS)
@require_http_methods(["GET", "POST"])
@_niet_gevonden_is_404
def capaciteit(request, gemeente):
    """The capacity table; a functional administrator adds a row or changes one
    (`?wijzigen=<id>` opens it in the form)."""
    gemeente = _gemeente(request, gemeente)
    mag_wijzigen = _mag_wijzigen(request.user)
    if request.method == "POST" and not mag_wijzigen:
        raise PermissionDenied
    teams = services.teams_van(gemeente).order_by("naam")
    bestaand = None
    pk = request.POST.get("capaciteit") or request.GET.get("wijzigen")
    if pk and mag_wijzigen:
        bestaand = beheer.capaciteit_ophalen(gemeente=gemeente, pk=pk)
    initial = (
        {"team": bestaand.team, "kanaal": bestaand.kanaal, "per_maand": bestaand.per_maand}
        if bestaand
        else {}
    )
    data = request.POST if request.method == "POST" else None
    form = CapaciteitFormulier(data, initial=initial, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            beheer.capaciteit_opslaan(
                gemeente=gemeente,
                team=form.cleaned_data["team"],
                kanaal=form.cleaned_data["kanaal"],
                per_maand=form.cleaned_data["per_maand"],
                capaciteit=bestaand,
                door=request.user,
            )
        except ValidatieFout as fout:
            velden = [p.get("name") for p in fout.invalid_params or []]
            veld = velden[0] if velden and velden[0] in form.fields else None
            form.add_error(veld, str(fout.message))
        else:
            messages.success(request, _("De capaciteit is opgeslagen."))
            return redirect("triage:capaciteit", gemeente=gemeente.uuid)
    return render(
        request,
        "triage/capaciteit.html",
        {
            "gemeente": gemeente,
            "regels": beheer.capaciteiten_tonen(gemeente=gemeente, maand=timezone.localdate()),
            "form": form if mag_wijzigen else None,
            "bestaand": bestaand,
            "mag_wijzigen": mag_wijzigen,
        },
    )


@rol_vereist(*BEHEERDERS)
@require_POST
@_niet_gevonden_is_404
def capaciteit_verwijderen(request, gemeente):
    gemeente = _gemeente(request, gemeente)
    capaciteit = beheer.capaciteit_ophalen(gemeente=gemeente, pk=request.POST.get("capaciteit"))
    beheer.capaciteit_verwijderen(capaciteit=capaciteit, door=request.user)
    messages.success(request, _("De capaciteit is verwijderd; dat kanaal is nu onbeperkt."))
    return redirect("triage:capaciteit", gemeente=gemeente.uuid)
