"""The application's URLs with the local SMS double mounted (whatever SMS_LOKAAL was at
import), plus stand-ins for the `contact` app's delivery report endpoint: one that checks the
signature and keeps what it received (`ONTVANGEN`), one that is down."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from signaalroute.contrib.sms.client import rapport_controleren
from signaalroute.urls import handler403, handler404  # noqa: F401
from signaalroute.urls import urlpatterns as hoofdroutes

RAPPORTEN_PAD = "/api/proef-sms-statusrapporten"  # under /api/: no login redirect
STORING_PAD = "/api/proef-sms-statusrapporten-storing"
ONTVANGEN: list[tuple[bytes, bool]] = []  # (raw body, signature valid)
GEHEIM = "proef-webhook-geheim"  # the receiver's own copy of the shared secret


@csrf_exempt
def ontvanger(request):
    geldig = rapport_controleren(request.body, request.headers.get("X-Signature"), GEHEIM)
    ONTVANGEN.append((request.body, geldig))
    return HttpResponse(status=204 if geldig else 401)


@csrf_exempt
def storing(request):
    return HttpResponse(status=503)


urlpatterns = [
    *(p for p in hoofdroutes if getattr(p, "app_name", None) != "sms"),
    path(
        "sms/",
        include(([path("lokaal/", include("signaalroute.contrib.sms.lokaal.urls"))], "sms")),
    ),
    path(RAPPORTEN_PAD.lstrip("/"), ontvanger, name="proef-sms-statusrapporten"),
    path(STORING_PAD.lstrip("/"), storing, name="proef-sms-statusrapporten-storing"),
]
