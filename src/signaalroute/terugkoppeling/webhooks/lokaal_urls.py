"""The local webhook receiver (`lokaal.py`), mounted by `signaalroute.urls` at
/api/lokale-webhookontvanger/ when WEBHOOK_ONTVANGER_LOKAAL is on (namespace
`webhookontvanger`): receiver URLs are `<site>/api/lokale-webhookontvanger/<naam>`."""

from django.urls import path

from . import lokaal

app_name = "webhookontvanger"

urlpatterns = [
    path("<slug:naam>", lokaal.ontvanger, name="ontvanger"),
]
