"""POST /personen of the local BRP service (`ZoekMetPostcodeEnHuisnummer`,
`ZoekMetGeslachtsnaamEnGeboortedatum` and `RaadpleegMetBurgerservicenummer`), with `fields`
filtering and problem+json errors."""

from __future__ import annotations

import hmac
import json

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..constants import RAADPLEEG_MET_BURGERSERVICENUMMER, ZOEK_MET_GESLACHTSNAAM_EN_GEBOORTEDATUM
from ..gegevens import normaliseer_postcode
from ..models import LokaalBrpPersoon
from . import storingen
from .serialisatie import automatisch_geleverd, persoon_json
from .validatie import Verzoek, VerzoekFout, controleer
from .velden import filter_velden

JSON = "application/json; charset=utf-8"
PROBLEM_JSON = "application/problem+json"
RFC7231 = "https://datatracker.ietf.org/doc/html/rfc7231"
PROBLEMEN = {
    400: (f"{RFC7231}#section-6.5.1", None, None),
    401: (
        "https://datatracker.ietf.org/doc/html/rfc7235#section-3.1",
        "Niet correct geauthenticeerd.",
        "authentication",
    ),
    406: (
        f"{RFC7231}#section-6.5.6",
        "Gevraagde contenttype wordt niet ondersteund.",
        "notAcceptable",
    ),
    415: (f"{RFC7231}#section-6.5.13", "Media Type wordt niet ondersteund.", "unsupported"),
    429: (
        "https://datatracker.ietf.org/doc/html/rfc6585#section-4",
        "Too many request",
        "tooManyRequests",
    ),
    500: (f"{RFC7231}#section-6.6.1", "Interne server fout.", "serverError"),
    503: (
        f"{RFC7231}#section-6.6.4",
        "Bronservice BRP is tijdelijk niet beschikbaar.",
        "notAvailable",
    ),
}


def _probleem(
    request: HttpRequest,
    status: int,
    *,
    titel: str | None = None,
    code: str | None = None,
    invalid_params: list[dict] | None = None,
) -> JsonResponse:
    soort, standaard_titel, standaard_code = PROBLEMEN[status]
    body = {
        "type": soort,
        "title": titel or standaard_titel,
        "status": status,
        "instance": request.build_absolute_uri(),
        "code": code or standaard_code,
    }
    if invalid_params:
        namen = ", ".join(dict.fromkeys(p["name"] for p in invalid_params))
        body["detail"] = f"De foutieve parameter(s) zijn {namen}."[:200]
        body["invalidParams"] = [
            {"type": f"https://www.vng.nl/realisatie/api/validaties/{p['code']}", **p}
            for p in invalid_params
        ]
    return JsonResponse(body, status=status, content_type=PROBLEM_JSON)


def _accepteert_json(accept: str) -> bool:
    soorten = {deel.split(";")[0].strip().lower() for deel in accept.split(",")}
    return bool(soorten & {"application/json", "application/*", "*/*", ""})


def _api_key_klopt(request: HttpRequest) -> bool:
    if not settings.BRP_API_KEY:
        return True
    gegeven = request.headers.get(settings.BRP_API_KEY_HEADER, "")
    return hmac.compare_digest(gegeven.encode(), settings.BRP_API_KEY.encode())


# Text parameters and the field they search; compared as the API says ("Zoeken met tekstvelden
# is case-insensitive"), with a trailing `*` as wildcard.
TEKSTFILTERS = (
    ("geslachtsnaam", "geslachtsnaam"),
    ("voorvoegsel", "voorvoegsel"),
    ("voornamen", "voornamen"),
    ("geslacht", "geslacht"),
)


def _tekst_past(waarde: str, zoek: str) -> bool:
    waarde = waarde.casefold()
    if zoek.endswith("*"):
        return waarde.startswith(zoek[:-1].casefold())
    return waarde == zoek.casefold()


def _personen(verzoek: Verzoek) -> list[LokaalBrpPersoon]:
    parameters = verzoek.parameters
    if verzoek.type == RAADPLEEG_MET_BURGERSERVICENUMMER:
        bsns = list(dict.fromkeys(parameters["burgerservicenummer"]))
        personen = LokaalBrpPersoon.objects.filter(bsn__in=bsns)
        if parameters.get("gemeenteVanInschrijving"):
            personen = personen.filter(gemeente_code=parameters["gemeenteVanInschrijving"])
        return sorted(personen, key=lambda p: bsns.index(p.bsn))
    if verzoek.type == ZOEK_MET_GESLACHTSNAAM_EN_GEBOORTEDATUM:
        # Everyone the register knows, wherever they live: another address, abroad, unknown.
        personen = LokaalBrpPersoon.objects.all()
    else:
        personen = LokaalBrpPersoon.objects.filter(
            verblijfplaats="Adres",
            postcode=normaliseer_postcode(parameters["postcode"]),
            huisnummer=parameters["huisnummer"],
        )
    if parameters.get("huisletter"):
        personen = personen.filter(huisletter__iexact=parameters["huisletter"])
    if parameters.get("huisnummertoevoeging"):
        personen = personen.filter(
            huisnummertoevoeging__iexact=parameters["huisnummertoevoeging"].strip()
        )
    if not parameters.get("inclusiefOverledenPersonen"):
        personen = personen.filter(overlijdensdatum="")
    if parameters.get("gemeenteVanInschrijving"):
        personen = personen.filter(gemeente_code=parameters["gemeenteVanInschrijving"])
    if parameters.get("geboortedatum"):
        personen = personen.filter(geboortedatum=parameters["geboortedatum"].replace("-", ""))
    return [
        persoon
        for persoon in personen.order_by("id")
        if all(
            _tekst_past(getattr(persoon, veld), parameters[naam])
            for naam, veld in TEKSTFILTERS
            if parameters.get(naam)
        )
    ]


@csrf_exempt
@require_POST
def personen(request: HttpRequest) -> JsonResponse:
    if not settings.BRP_LOKAAL:
        raise Http404
    if not _api_key_klopt(request):
        return _probleem(request, 401)
    if not _accepteert_json(request.headers.get("Accept", "")):
        return _probleem(request, 406)
    if request.content_type != "application/json":
        return _probleem(request, 415)
    try:
        body = json.loads(request.body)
    except ValueError:
        body = None
    try:
        verzoek = controleer(body)
    except VerzoekFout as fout:
        return _probleem(
            request, 400, titel=fout.titel, code=fout.code, invalid_params=fout.invalid_params
        )
    if verzoek.beperkt and (status := storingen.storing(verzoek.parameters)):
        return _probleem(request, status)
    vandaag = timezone.localdate()
    gevonden = [
        {
            **filter_velden(persoon_json(persoon, vandaag=vandaag), verzoek.velden),
            **automatisch_geleverd(persoon),
        }
        for persoon in _personen(verzoek)
    ]
    return JsonResponse({"type": verzoek.type, "personen": gevonden}, content_type=JSON)
