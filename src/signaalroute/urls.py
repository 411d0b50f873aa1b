from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

from signaalroute.core import views as core_views

admin.site.site_header = "Signaalroute beheer"

urlpatterns = [
    path("", include("signaalroute.core.urls")),
    path("", include("signaalroute.accounts.urls")),
    path("werk/", include("signaalroute.vroegsignaalzaken.urls")),
    path("partner/aanleveringen/", include("signaalroute.aanleveringen.urls")),
    path("instellingen/", include("signaalroute.gemeenten.urls")),
    path("matching/", include("signaalroute.matching.urls")),
    path("triage/", include("signaalroute.triage.urls")),
    path("contact/", include("signaalroute.contact.urls")),
    path("rapportages/", include("signaalroute.rapportages.urls")),
    path("bewaartermijnen/", include("signaalroute.bewaartermijnen.urls")),
    path("callcenter/", include("signaalroute.contrib.callcenter.urls")),
    path("sms/", include("signaalroute.contrib.sms.urls")),
    path("partner/webhooks/", include("signaalroute.terugkoppeling.webhooks.urls")),
    path("partner/terugkoppeling/", include("signaalroute.terugkoppeling.urls")),
    path("partner/gegevens/", include("signaalroute.signaalpartners.urls_partner")),
    path("partners/", include("signaalroute.signaalpartners.urls")),
    path("logboek/", include("signaalroute.audit.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("api/v1/", include("signaalroute.api_urls")),
    path("api/ddas/", include("signaalroute.contrib.ddas.urls")),
]
if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
if settings.WEBHOOK_ONTVANGER_LOKAAL:
    urlpatterns.append(
        path(
            "api/lokale-webhookontvanger/",
            include("signaalroute.terugkoppeling.webhooks.lokaal_urls"),
        )
    )
if settings.BRP_LOKAAL:
    urlpatterns.append(path("api/lokaal-brp/", include("signaalroute.contrib.brp.lokaal.urls")))

handler403 = core_views.forbidden
handler404 = core_views.not_found
