"""The outreach pages: texts and house style per municipality (functional administrators edit,
coordinators read), the coordinator's "Versturen" page with the day's letters, cards, e-mails
and text messages, the print batch and its PDF, the per-case actions included in the case page,
and the SMS gateway's delivery reports.

Municipalities, cases, messages and batches are looked up through the user's tenancy
(`selectors`), so another organisation's object is 'not found'.
"""

from __future__ import annotations

import json
import logging
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.permissions import rol_vereist
from signaalroute.core.exceptions import Conflict, NietGevonden, SignaalrouteError, ValidatieFout
from signaalroute.gemeenten.selectors import gemeenten_voor

from . import rules, selectors, services
from .constants import PRINTKANALEN, Kanaal, Sjabloonstatus
from .forms import HuisstijlForm, SjabloonForm

logger = logging.getLogger(__name__)

BEHEERDERS = (Rol.FUNCTIONEEL_BEHEERDER,)
LEZERS = (Rol.FUNCTIONEEL_BEHEERDER, Rol.COORDINATOR)
VERZENDERS = (Rol.COORDINATOR, Rol.VROEGSIGNALEERDER)


def _niet_gevonden_is_404(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NietGevonden as exc:
            raise Http404 from exc

    return wrapped


def _pdf(inhoud: bytes, naam: str, *, bijlage: bool = True) -> HttpResponse:
    response = HttpResponse(inhoud, content_type="application/pdf")
    soort = "attachment" if bijlage else "inline"
    response["Content-Disposition"] = f'{soort}; filename="{naam}"'
    response["Cache-Control"] = "no-store"
    return response


# --- texts and house style ----------------------------------------------------------------


@rol_vereist(*LEZERS)
def overzicht(request):
    gemeenten = [
        (g, selectors.sjablonen_van(g)) for g in gemeenten_voor(request.user).order_by("naam")
    ]
    return render(request, "contact/overzicht.html", {"gemeenten": gemeenten})


@rol_vereist(*LEZERS)
@_niet_gevonden_is_404
def gemeente(request, gemeente):
    gemeente = selectors.gemeente_ophalen(user=request.user, uuid=gemeente)
    return render(
        request,
        "contact/gemeente.html",
        {
            "gemeente": gemeente,
            "huisstijl": selectors.huisstijl_van(gemeente),
            "kanalen": selectors.sjablonen_van(gemeente),
            "mag_wijzigen": request.user.heeft_rol(*BEHEERDERS),
        },
    )


@rol_vereist(*BEHEERDERS)
@require_http_methods(["GET", "POST"])
@_niet_gevonden_is_404
def huisstijl(request, gemeente):
    gemeente = selectors.gemeente_ophalen(user=request.user, uuid=gemeente)
    huidige = selectors.huisstijl_van(gemeente)
    form = HuisstijlForm(request.POST or None, instance=huidige)
    if request.method == "POST" and form.is_valid():
        try:
            services.huisstijl_opslaan(gemeente=gemeente, door=request.user, **form.cleaned_data)
        except ValidatieFout as fout:
            for p in fout.invalid_params:
                form.add_error(p["name"] if p["name"] in form.fields else None, p["reason"])
        else:
            messages.success(request, _("De huisstijl is opgeslagen."))
            return redirect("contact:gemeente", gemeente=gemeente.uuid)
    return render(
        request,
        "contact/huisstijl.html",
        {"gemeente": gemeente, "form": form},
        status=400 if form.errors else 200,
    )


@rol_vereist(*BEHEERDERS)
@require_http_methods(["GET", "POST"])
@_niet_gevonden_is_404
def sjabloon_bewerken(request, gemeente, kanaal):
    gemeente = selectors.gemeente_ophalen(user=request.user, uuid=gemeente)
    if kanaal not in Kanaal.values:
        raise Http404
    kanaalsjablonen = next(k for k in selectors.sjablonen_van(gemeente) if k.kanaal == kanaal)
    basis = kanaalsjablonen.concept or kanaalsjablonen.actief
    if basis is None:
        standaard = rules.STANDAARDTEKSTEN[kanaal]
        initial = {"onderwerp": standaard.onderwerp, "tekst": standaard.tekst}
    else:
        initial = {"onderwerp": basis.onderwerp, "tekst": basis.tekst}
    form = SjabloonForm(request.POST or None, kanaal=kanaal, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            concept = services.sjabloon_concept_opslaan(
                gemeente=gemeente,
                kanaal=kanaal,
                onderwerp=form.cleaned_data.get("onderwerp", ""),
                tekst=form.cleaned_data["tekst"],
                toelichting=form.cleaned_data["toelichting"],
                door=request.user,
            )
        except ValidatieFout as fout:
            for p in fout.invalid_params or [{"name": None, "reason": str(fout.message)}]:
                form.add_error(p["name"] if p["name"] in form.fields else None, p["reason"])
        except SignaalrouteError as fout:
            form.add_error(None, str(fout.message))
        else:
            messages.success(
                request,
                _(
                    "Concept versie %(versie)s is opgeslagen. Bekijk het voorbeeld en maak het actief."
                )
                % {"versie": concept.versie},
            )
            return redirect("contact:sjabloon", uuid=concept.uuid)
    return render(
        request,
        "contact/sjabloon_bewerken.html",
        {
            "gemeente": gemeente,
            "kanaal": Kanaal(kanaal),
            "basis": basis,
            "form": form,
            "invulvelden": rules.INVULVELDEN.items(),
        },
        status=400 if form.errors else 200,
    )


def _voorbeeldzaak(request):
    """A real case for the preview: only case handlers, only their own cases."""
    uuid = request.GET.get("zaak", "").strip()
    if not uuid or not request.user.heeft_rol(*VERZENDERS):
        return None
    try:
        return selectors.zaken_voor_bericht(user=request.user, uuids=[uuid]).first()
    except (ValueError, ValidationError):  # a garbled uuid: the fictitious example
        return None


@rol_vereist(*LEZERS)
@_niet_gevonden_is_404
def sjabloon(request, uuid):
    sjabloon = selectors.sjabloon_ophalen(user=request.user, uuid=uuid)
    zaak = _voorbeeldzaak(request)
    onderwerp, tekst, _opmaak, ontbrekend = services.voorbeeld_samenstellen(
        sjabloon=sjabloon, zaak=zaak
    )
    return render(
        request,
        "contact/sjabloon.html",
        {
            "sjabloon": sjabloon,
            "gemeente": sjabloon.gemeente,
            "voorbeeld_onderwerp": onderwerp,
            "voorbeeld_tekst": tekst,
            "ontbrekend": ontbrekend,
            "zaak": zaak,
            "sms_delen": rules.sms_delen(tekst) if sjabloon.kanaal == Kanaal.SMS else None,
            "is_print": sjabloon.kanaal in PRINTKANALEN,
            "mag_activeren": request.user.heeft_rol(*BEHEERDERS)
            and sjabloon.status == Sjabloonstatus.CONCEPT,
        },
    )


@rol_vereist(*LEZERS)
@_niet_gevonden_is_404
def sjabloon_pdf(request, uuid):
    sjabloon = selectors.sjabloon_ophalen(user=request.user, uuid=uuid)
    if sjabloon.kanaal not in PRINTKANALEN:
        raise Http404
    _onderwerp, _tekst, opmaak, _ontbrekend = services.voorbeeld_samenstellen(sjabloon=sjabloon)
    pdf = services.pdf_maken([opmaak], titel=f"Voorbeeld {sjabloon.kanaal} v{sjabloon.versie}")
    return _pdf(pdf, f"voorbeeld-{sjabloon.kanaal}-v{sjabloon.versie}.pdf", bijlage=False)


@rol_vereist(*BEHEERDERS)
@require_POST
@_niet_gevonden_is_404
def sjabloon_activeren(request, uuid):
    sjabloon = selectors.sjabloon_ophalen(user=request.user, uuid=uuid)
    try:
        services.sjabloon_activeren(sjabloon=sjabloon, door=request.user)
    except SignaalrouteError as fout:
        messages.error(request, str(fout.message))
    else:
        messages.success(
            request, _("Versie %(versie)s is nu actief.") % {"versie": sjabloon.versie}
        )
    return redirect("contact:sjabloon", uuid=sjabloon.uuid)


# --- sending ------------------------------------------------------------------------------


def _gekozen_gemeente(request):
    gemeenten = list(gemeenten_voor(request.user).order_by("naam"))
    gekozen = request.GET.get("gemeente") or request.POST.get("gemeente")
    return gemeenten, next((g for g in gemeenten if str(g.uuid) == gekozen), None) or (
        gemeenten[0] if gemeenten else None
    )


@rol_vereist(Rol.COORDINATOR)
@require_http_methods(["GET", "POST"])
def versturen(request):
    """Today's letters, cards, e-mails and text messages: select and send."""
    gemeenten, gemeente = _gekozen_gemeente(request)
    kanaal = request.POST.get("kanaal") or request.GET.get("kanaal") or Kanaal.BRIEF
    if kanaal not in Kanaal.values:
        kanaal = Kanaal.BRIEF
    if request.method == "POST" and gemeente is not None:
        uuids = request.POST.getlist("zaken")
        zaken = (
            list(
                selectors.zaken_voor_bericht(user=request.user, uuids=uuids).filter(
                    gemeente=gemeente
                )
            )
            if uuids
            else []
        )
        if not zaken:
            messages.error(request, _("Kies ten minste één zaak."))
        else:
            return _versturen_uitvoeren(request, gemeente, kanaal, zaken)
    kandidaten = (
        selectors.te_versturen(user=request.user, gemeente=gemeente, kanaal=kanaal)
        if gemeente
        else []
    )
    return render(
        request,
        "contact/versturen.html",
        {
            "gemeenten": gemeenten,
            "gemeente": gemeente,
            "kanaal": Kanaal(kanaal),
            "kanalen": Kanaal.choices,
            "kandidaten": kandidaten,
            "batches": selectors.printbatches_voor(user=request.user, gemeente=gemeente)[:10]
            if gemeente
            else [],
            "te_controleren": selectors.te_controleren(user=request.user, gemeente=gemeente)
            if gemeente
            else [],
        },
    )


def _overgeslagen_melden(request, overgeslagen) -> None:
    for zaak, reden in overgeslagen[:20]:
        messages.warning(
            request,
            _("%(ref)s niet verstuurd: %(reden)s") % {"ref": zaak.referentie, "reden": reden},
        )


def _versturen_uitvoeren(request, gemeente, kanaal, zaken):
    versturen_url = f"{reverse('contact:versturen')}?gemeente={gemeente.uuid}&kanaal={kanaal}"
    try:
        if kanaal in PRINTKANALEN:
            resultaat = services.brieven_afdrukken(zaken=zaken, kanaal=kanaal, door=request.user)
        else:
            resultaat = services.berichten_klaarzetten(
                zaken=zaken, kanaal=kanaal, door=request.user
            )
    except SignaalrouteError as fout:
        messages.error(request, str(fout.message))
        return redirect(versturen_url)
    _overgeslagen_melden(request, resultaat.overgeslagen)
    if kanaal in PRINTKANALEN:
        if resultaat.batch is not None and resultaat.berichten:
            messages.success(
                request,
                _("%(aantal)s in de printbatch van vandaag gezet. Download de PDF en print ze.")
                % {"aantal": len(resultaat.berichten)},
            )
            return redirect("contact:printbatch", uuid=resultaat.batch.uuid)
        return redirect(versturen_url)
    messages.success(
        request,
        _(
            "%(aantal)s bericht(en) worden verstuurd. De zaken krijgen een contactpoging zodra ze verzonden zijn."
        )
        % {"aantal": resultaat.nieuw},
    )
    return redirect(versturen_url)


@rol_vereist(*VERZENDERS)
@_niet_gevonden_is_404
def printbatch(request, uuid):
    batch = selectors.printbatch_ophalen(user=request.user, uuid=uuid)
    return render(
        request,
        "contact/printbatch.html",
        {"batch": batch, "berichten": selectors.berichten_in_batch(batch)},
    )


@rol_vereist(*VERZENDERS)
@_niet_gevonden_is_404
def printbatch_pdf(request, uuid):
    batch = selectors.printbatch_ophalen(user=request.user, uuid=uuid)
    pdf = services.printbatch_pdf(batch=batch, door=request.user)
    return _pdf(pdf, f"printbatch-{batch.gemeente.cbs_code}-{batch.datum.isoformat()}.pdf")


@rol_vereist(*VERZENDERS)
@_niet_gevonden_is_404
def bericht_pdf(request, uuid):
    bericht = selectors.bericht_ophalen(user=request.user, uuid=uuid)
    try:
        pdf = services.bericht_pdf(bericht=bericht, door=request.user)
    except ValidatieFout as exc:
        raise Http404 from exc
    return _pdf(pdf, f"{bericht.kanaal}-{bericht.vroegsignaalzaak.referentie}.pdf")


@rol_vereist(Rol.COORDINATOR)
@require_POST
@_niet_gevonden_is_404
def bericht_controleren(request, uuid):
    bericht = selectors.bericht_ophalen(user=request.user, uuid=uuid)
    verzonden = request.POST.get("uitkomst") == "verzonden"
    try:
        services.bericht_controleren(bericht=bericht, verzonden=verzonden, door=request.user)
    except SignaalrouteError as fout:
        messages.error(request, str(fout.message))
    else:
        messages.success(request, _("Het bericht is bijgewerkt."))
    return redirect(
        f"{reverse('contact:versturen')}?gemeente={bericht.vroegsignaalzaak.gemeente.uuid}"
    )


# --- actions on one case (included in the case page) ----------------------------------------


def _zaak_uit_post(request):
    uuid = request.POST.get("zaak", "")
    try:
        zaak = selectors.zaken_voor_bericht(user=request.user, uuids=[uuid]).first()
    except (ValueError, ValidationError):  # a garbled uuid is 'not found'
        zaak = None
    if zaak is None:
        raise Http404
    return zaak


def _versie(request) -> int:
    try:
        return int(request.POST.get("versie", ""))
    except ValueError:
        return 0  # missing or garbled counts as stale (never None, which skips the check)


@rol_vereist(*VERZENDERS)
@require_POST
def zaak_versturen(request):
    zaak = _zaak_uit_post(request)
    kanaal = request.POST.get("kanaal", "")
    terug = redirect("vroegsignaalzaken:detail", uuid=zaak.uuid)
    if kanaal not in Kanaal.values:
        messages.error(request, _("Kies brief, kaartje, e-mail of sms."))
        return terug
    try:
        if kanaal in PRINTKANALEN:
            resultaat = services.brieven_afdrukken(
                zaken=[zaak], kanaal=kanaal, door=request.user, versie=_versie(request)
            )
        else:
            resultaat = services.berichten_klaarzetten(
                zaken=[zaak], kanaal=kanaal, door=request.user, versie=_versie(request)
            )
    except Conflict as fout:
        messages.error(request, str(fout.message))
        return terug
    except SignaalrouteError as fout:
        messages.error(request, str(fout.message))
        return terug
    label = Kanaal(kanaal).label
    if not resultaat.nieuw:
        messages.info(
            request,
            _("Er is vandaag al een %(kanaal)s voor deze zaak gemaakt.")
            % {"kanaal": label.lower()},
        )
    elif kanaal in PRINTKANALEN:
        messages.success(
            request,
            _(
                "De %(kanaal)s staat in de printbatch van vandaag en is geregistreerd als contactpoging."
            )
            % {"kanaal": label.lower()},
        )
    else:
        messages.success(request, _("De %(kanaal)s wordt verstuurd.") % {"kanaal": label.lower()})
    return terug


@rol_vereist(*VERZENDERS)
@require_POST
def brief_retour(request):
    zaak = _zaak_uit_post(request)
    try:
        services.brief_retour_melden(zaak=zaak, door=request.user, versie=_versie(request))
    except SignaalrouteError as fout:
        messages.error(request, str(fout.message))
    else:
        messages.success(
            request, _("De brief is retour gemeld; het adres staat nu als onjuist geregistreerd.")
        )
    return redirect("vroegsignaalzaken:detail", uuid=zaak.uuid)


# --- delivery reports of the SMS gateway -------------------------------------------------------


def handtekening_klopt(body: bytes, header: str | None) -> bool:
    """`X-Signature: sha256=<hex HMAC-SHA256 of the raw body>`; no secret: nothing is accepted."""
    import hashlib
    import hmac

    geheim = getattr(settings, "SMS_GATEWAY_WEBHOOK_SECRET", "")
    if not geheim or not header:
        return False
    schema, _sep, digest = header.strip().partition("=")
    if schema.lower() != "sha256":
        return False
    verwacht = hmac.new(geheim.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(digest.strip().lower().encode(), verwacht.encode())


@csrf_exempt
@require_POST
def sms_statusrapporten(request):
    """Machine endpoint for the gateway: no session, the HMAC signature authenticates."""
    body = request.body
    if not handtekening_klopt(body, request.headers.get("X-Signature")):
        logger.warning("sms-statusrapport geweigerd: handtekening klopt niet")
        return JsonResponse({"fout": "ongeldige handtekening"}, status=401)
    try:
        rapport = json.loads(body)
        referentie, status = str(rapport["referentie"]), str(rapport["status"])
        extern_id = str(rapport.get("id", ""))
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"fout": "ongeldig rapport"}, status=400)
    try:
        uitkomst = services.sms_statusrapport_verwerken(
            referentie=referentie, extern_id=extern_id, status=status
        )
    except ValidatieFout:
        return JsonResponse({"fout": "onbekende status"}, status=400)
    logger.info("sms-statusrapport %s: %s", referentie[:100], uitkomst)
    return JsonResponse({"verwerkt": uitkomst}, status=200)
