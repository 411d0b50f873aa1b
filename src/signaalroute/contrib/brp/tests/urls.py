"""The application's URLs plus the local BRP service, whose every request and answer is checked
against the OpenAPI document (violations are collected in `contract.SCHENDINGEN`, which the
`contract_bewaking` fixture asserts empty)."""

import functools
import json

from django.urls import path

from signaalroute.contrib.brp.lokaal import views
from signaalroute.urls import handler403, handler404  # noqa: F401
from signaalroute.urls import urlpatterns as hoofdroutes

from . import contract


def _gecontroleerd(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        content_type = response.get("Content-Type", "")
        if "json" not in content_type:
            return response
        body = json.loads(response.content)
        contract.SCHENDINGEN.extend(
            contract.fouten_in_antwoord(response.status_code, content_type, body)
        )
        if response.status_code == 200:
            contract.SCHENDINGEN.extend(contract.fouten_in_verzoek(json.loads(request.body)))
        return response

    return wrapper


urlpatterns = [
    *(p for p in hoofdroutes if getattr(p, "app_name", None) != "lokaal_brp"),
    path(
        "api/lokaal-brp/haalcentraal/api/brp/personen",
        _gecontroleerd(views.personen),
        name="lokaal-brp-personen",
    ),
]
