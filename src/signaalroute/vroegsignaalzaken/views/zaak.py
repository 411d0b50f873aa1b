"""The case page and its actions. Each action is a POST form that carries the case version the
worker saw (`versie`) and calls one service; then Post/Redirect/Get back to the case page.

A stale version (`Conflict`) re-renders the page with status 409: the worker's input stays in
the form, the hidden version is the current one, so after a look at the change a resubmit
works. Invalid input (`ValidatieFout`) re-renders with status 400 and the errors at the fields.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.audit.constants import Auditactie
from signaalroute.audit.services import auditregel_vastleggen
from signaalroute.core.exceptions import Conflict, NietGevonden, SignaalrouteError, ValidatieFout

from .. import rules, selectors, services, workflow
from ..constants import Contactgegevensoort, Eindresultaat, Zaakfase
from ..forms import (
    AfsluitenForm,
    ContactgegevenForm,
    ContactpogingForm,
    HeropenenForm,
    MedebehandelaarsForm,
    NazorgAfrondenForm,
    NazorgPlannenForm,
    OnjuistForm,
    OverdrachtForm,
    SnelkeuzeForm,
)
from ..models import Vroegsignaalzaak
from ..workflow import Zaakactie as A
from .werklijst import BEHANDELAARS


def _zaak(request, uuid) -> Vroegsignaalzaak:
    try:
        return selectors.zaakdossier_ophalen(user=request.user, uuid=uuid)
    except NietGevonden as exc:
        raise Http404 from exc


def _versie(request) -> int:
    """The version the worker saw; missing or garbled counts as stale (never None, which
    would skip the check)."""
    try:
        return int(request.POST.get("versie", ""))
    except ValueError:
        return 0


def _mag_medebehandelaars_wijzigen(user, zaak: Vroegsignaalzaak) -> bool:
    return user.rol == Rol.COORDINATOR or (
        zaak.behandelaar_id is not None and zaak.behandelaar_id == user.pk
    )


def _medewerkers(user, zaak: Vroegsignaalzaak):
    return selectors.medewerkers_voor(user).exclude(pk=zaak.behandelaar_id or 0)


def _nazorgvoorstel(zaak: Vroegsignaalzaak) -> dt.date:
    return timezone.localdate() + dt.timedelta(weeks=selectors.nazorg_weken(zaak.gemeente))


def _lege_formulieren(request, zaak: Vroegsignaalzaak, advies, nazorgvoorstel) -> dict:
    vandaag = timezone.localdate()
    kanaal = (
        advies.kanaal if advies else getattr(getattr(zaak, "triage", None), "eerste_kanaal", "")
    )
    formulieren = {
        "poging": ContactpogingForm(
            initial={
                "soort": kanaal or "",
                "datum": vandaag,
                "dagdeel": rules.dagdeel_van(timezone.localtime()),
            }
        ),
        "snelkeuze": SnelkeuzeForm(),
        "afsluiten": AfsluitenForm(initial={"overdracht_datum": vandaag}),
        "heropenen": HeropenenForm(),
        "overdracht": OverdrachtForm(initial={"overdracht_datum": vandaag}),
        "nazorg": NazorgPlannenForm(initial={"op": nazorgvoorstel}),
        "nazorgafronden": NazorgAfrondenForm(initial={"overdracht_datum": vandaag}),
        "contactgegeven": ContactgegevenForm(),
        "onjuist": OnjuistForm(),
    }
    if _mag_medebehandelaars_wijzigen(request.user, zaak):
        formulieren["mede"] = MedebehandelaarsForm(
            medewerkers=_medewerkers(request.user, zaak),
            initial={"gebruikers": list(zaak.medebehandelaars.all())},
        )
    return formulieren


def _pagina(request, zaak: Vroegsignaalzaak, *, formulieren=None, status=200, melding=""):
    """Render the case page; `formulieren` replaces the empty forms (a bound form with the
    worker's input and errors)."""
    auditregel_vastleggen(
        actie=Auditactie.BEKIJKEN,
        gebruiker=request.user,
        object=zaak,
        gemeente=zaak.gemeente,
        omschrijving=f"Zaak {zaak.referentie} bekeken",
    )
    vandaag = timezone.localdate()
    regels = selectors.termijnregels(zaak.gemeente)
    advies = selectors.volgend_stapadvies(zaak)
    acties = workflow.mogelijke_acties(zaak.fase)
    signalen = list(zaak.vroegsignalen.all())
    for signaal in signalen:
        historie = list(signaal.statushistorie.all())
        signaal.laatste_reden = historie[-1].toelichting if historie else ""
        signaal.controle = getattr(signaal, "brpcontrole", None)
    open_nazorg = selectors.open_nazorg(zaak)
    nazorgvoorstel = _nazorgvoorstel(zaak)
    alle = _lege_formulieren(request, zaak, advies, nazorgvoorstel)
    alle.update(formulieren or {})
    context = {
        "zaak": zaak,
        "signalen": signalen,
        "formulieren": alle,
        "melding": melding,
        "termijnen": selectors.termijnen_van(zaak, regels, vandaag),
        "advies": advies,
        "snelkeuzes": rules.SNELKEUZES,
        "contactgegevens": selectors.contactgegevens_van(zaak),
        "contactpersonen": selectors.partnercontactpersonen(
            zaak.gemeente, [s.signaalpartner for s in signalen]
        ),
        "eerdere_zaken": selectors.eerdere_zaken(zaak, user=request.user, vandaag=vandaag),
        "tijdlijn": selectors.tijdlijn(zaak),
        "open_nazorg": open_nazorg,
        "nazorgvoorstel": nazorgvoorstel,
        "nazorg_aanbevolen": [Eindresultaat(r).label for r in sorted(workflow.NAZORG_AANBEVOLEN)],
        "kan": {
            "oppakken": A.OPPAKKEN in acties,
            "contact": A.CONTACT_BEREIKT in acties,
            "afsluiten": A.AFSLUITEN in acties,
            "heropenen": A.HEROPENEN in acties,
            "nazorg_afronden": A.NAZORG_AFRONDEN in acties,
            "overdracht": zaak.fase != Zaakfase.AFGESLOTEN,
            "nazorg_plannen": zaak.fase == Zaakfase.AFGESLOTEN
            and zaak.eindresultaat not in workflow.ZONDER_NAZORG
            and open_nazorg is None,
            "medebehandelaars": "mede" in alle,
        },
    }
    return render(request, "vroegsignaalzaken/detail.html", context, status=status)


@rol_vereist(*BEHANDELAARS)
def detail(request, uuid):
    return _pagina(request, _zaak(request, uuid))


def _uitvoeren(request, uuid, sleutel: str, form, actie, succes: str, *, zaak=None):
    """Run one action: `actie(zaak, form)` calls the service. Success: back to the page with
    `succes`; otherwise the page again with the worker's input (409 or 400)."""
    zaak = zaak or _zaak(request, uuid)
    if not form.is_valid():
        return _pagina(request, zaak, formulieren={sleutel: form}, status=400)
    try:
        actie(zaak, form)
    except Conflict as fout:
        # The page shows the case as it is now; the form keeps what the worker entered.
        return _pagina(
            request,
            _zaak(request, uuid),
            formulieren={sleutel: form},
            status=409,
            melding=str(fout.message),
        )
    except ValidatieFout as fout:
        form.fouten_van_service(fout, getattr(form, "NAMEN", None))
    except SignaalrouteError as fout:
        form.add_error(None, str(fout.message))
    else:
        messages.success(request, succes)
        return redirect("vroegsignaalzaken:detail", uuid=zaak.uuid)
    return _pagina(
        request,
        zaak,
        formulieren={sleutel: form},
        status=400,
        melding=getattr(form, "melding", ""),
    )


class _Leeg:
    """An action without input (picking up a case)."""

    errors: dict = {}
    melding = ""

    def is_valid(self) -> bool:
        return True

    def fouten_van_service(self, fout, namen=None) -> None:
        self.melding = str(fout.message)

    def add_error(self, veld, fout) -> None:
        self.melding = str(fout)


@rol_vereist(*BEHANDELAARS)
@require_POST
def oppakken(request, uuid):
    return _uitvoeren(
        request,
        uuid,
        "oppakken",
        _Leeg(),
        lambda zaak, form: services.zaak_oppakken(
            zaak=zaak, door=request.user, versie=_versie(request)
        ),
        _("U heeft de zaak opgepakt."),
    )


@rol_vereist(*BEHANDELAARS)
@require_POST
def contactpoging(request, uuid):
    return _uitvoeren(
        request,
        uuid,
        "poging",
        ContactpogingForm(request.POST),
        lambda zaak, form: services.contactpoging_registreren(
            zaak=zaak, door=request.user, versie=_versie(request), gegevens=form.gegevens()
        ),
        _("De contactpoging is geregistreerd."),
    )


@rol_vereist(*BEHANDELAARS)
@require_POST
def snelkeuze(request, uuid):
    def actie(zaak, form):
        keuze = rules.SNELKEUZE[form.cleaned_data["code"]]
        vandaag = timezone.localdate()
        services.contactpoging_registreren(
            zaak=zaak,
            door=request.user,
            versie=_versie(request),
            gegevens=services.Pogingsgegevens(
                soort=keuze.soort,
                datum=vandaag,
                bereikt=keuze.bereikt,
                dagdeel=rules.dagdeel_van(timezone.localtime()),
                notitie=str(keuze.notitie),
                vervolg_op=None
                if keuze.vervolg_werkdagen is None
                else rules.vervolgdatum(vandaag, keuze.vervolg_werkdagen),
                vervolg_dagdeel=keuze.vervolg_dagdeel,
                vervolgafspraak=str(keuze.vervolgafspraak),
            ),
        )

    return _uitvoeren(
        request,
        uuid,
        "snelkeuze",
        SnelkeuzeForm(request.POST),
        actie,
        _("De contactpoging is geregistreerd."),
    )


@rol_vereist(*BEHANDELAARS)
@require_POST
def afsluiten(request, uuid):
    return _uitvoeren(
        request,
        uuid,
        "afsluiten",
        AfsluitenForm(request.POST),
        lambda zaak, form: services.zaak_afsluiten(
            zaak=zaak, door=request.user, versie=_versie(request), **form.afsluiting()
        ),
        _("De zaak is afgesloten."),
    )


@rol_vereist(*BEHANDELAARS)
@require_POST
def heropenen(request, uuid):
    return _uitvoeren(
        request,
        uuid,
        "heropenen",
        HeropenenForm(request.POST),
        lambda zaak, form: services.zaak_heropenen(
            zaak=zaak, door=request.user, versie=_versie(request), reden=form.cleaned_data["reden"]
        ),
        _("De zaak is heropend."),
    )


@rol_vereist(*BEHANDELAARS)
@require_POST
def overdracht(request, uuid):
    def actie(zaak, form):
        gegevens = form.overdracht()
        if gegevens is None:
            raise ValidatieFout(
                _("Aan welke organisatie is de zaak overgedragen?"),
                invalid_params=[{"name": "organisatie", "reason": "verplicht"}],
            )
        services.overdracht_registreren(
            zaak=zaak, door=request.user, versie=_versie(request), gegevens=gegevens
        )

    return _uitvoeren(
        request,
        uuid,
        "overdracht",
        OverdrachtForm(request.POST),
        actie,
        _("De warme overdracht is vastgelegd."),
    )


@rol_vereist(*BEHANDELAARS)
@require_POST
def nazorg_plannen(request, uuid):
    def actie(zaak, form):
        services.nazorg_plannen(
            zaak=zaak,
            door=request.user,
            versie=_versie(request),
            op=form.cleaned_data["op"],
            reden=form.cleaned_data["reden"],
        )

    return _uitvoeren(
        request,
        uuid,
        "nazorg",
        NazorgPlannenForm(request.POST),
        actie,
        _("De nazorg is gepland."),
    )


@rol_vereist(*BEHANDELAARS)
@require_POST
def nazorg_afronden(request, uuid):
    def actie(zaak, form):
        d = form.cleaned_data
        services.nazorg_afronden(
            zaak=zaak,
            door=request.user,
            versie=_versie(request),
            uitkomst=d["uitkomst"],
            notitie=d["notitie"],
            hulpstap=d["hulpstap"],
            overdracht=form.overdracht(),
        )

    return _uitvoeren(
        request,
        uuid,
        "nazorgafronden",
        NazorgAfrondenForm(request.POST),
        actie,
        _("De nazorg is afgerond."),
    )


@rol_vereist(*BEHANDELAARS)
@require_POST
def medebehandelaars(request, uuid):
    """Co-workers: the coordinator or the case's handler chooses them."""
    zaak = _zaak(request, uuid)
    if not _mag_medebehandelaars_wijzigen(request.user, zaak):
        raise PermissionDenied
    return _uitvoeren(
        request,
        uuid,
        "mede",
        MedebehandelaarsForm(request.POST, medewerkers=_medewerkers(request.user, zaak)),
        lambda zaak, form: services.medebehandelaars_wijzigen(
            zaak=zaak,
            door=request.user,
            versie=_versie(request),
            gebruikers=form.cleaned_data["gebruikers"],
        ),
        _("De medebehandelaars zijn bijgewerkt."),
        zaak=zaak,
    )


@rol_vereist(*BEHANDELAARS)
@require_POST
def contactgegeven_toevoegen(request, uuid):
    def actie(zaak, form):
        d = form.cleaned_data
        services.contactgegeven_toevoegen(
            zaak=zaak, door=request.user, soort=d["soort"], waarde=d["waarde"], bron=d["bron"]
        )

    return _uitvoeren(
        request,
        uuid,
        "contactgegeven",
        ContactgegevenForm(request.POST),
        actie,
        _("Het contactgegeven is toegevoegd."),
    )


@rol_vereist(*BEHANDELAARS)
@require_POST
def contactgegeven_onjuist(request, uuid):
    """Mark a contact detail wrong. The value is looked up on the server: a recorded detail by
    its id, or the phone number or e-mail address a partner delivered on a signal."""

    def actie(zaak, form):
        d = form.cleaned_data
        signaal, soort, waarde = None, "", ""
        if d["gegeven"]:
            gegeven = next((g for g in zaak.contactgegevens.all() if g.uuid == d["gegeven"]), None)
            if gegeven is not None:
                soort, waarde = gegeven.soort, gegeven.waarde
        elif d["signaal"]:
            signaal = next((s for s in zaak.vroegsignalen.all() if s.uuid == d["signaal"]), None)
            if signaal is not None and d["soort"] == Contactgegevensoort.TELEFOON:
                soort, waarde = d["soort"], signaal.telefoonnummer
            elif signaal is not None and d["soort"] == Contactgegevensoort.EMAIL:
                soort, waarde = d["soort"], signaal.email
        if not waarde.strip():
            raise ValidatieFout(_("Dit contactgegeven hoort niet bij deze zaak."))
        services.contactgegeven_ongeldig_melden(
            zaak=zaak,
            door=request.user,
            soort=soort,
            waarde=waarde,
            reden=d["reden"],
            vroegsignaal=signaal,
        )

    return _uitvoeren(
        request,
        uuid,
        "onjuist",
        OnjuistForm(request.POST),
        actie,
        _("Het contactgegeven is als onjuist gemeld."),
    )
