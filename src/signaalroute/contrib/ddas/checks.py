"""Start-up checks of the DDAS pull endpoint: off until DDAS_CLIENTS is set, refused when an
entry is not `id:sha256-hex-of-secret`. Run with `manage.py check` (and migrate, runserver)."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.checks import Error, register

HINT = "Zie docs/ddas.md, onderdeel Toegang."
SHA256_HEX = re.compile(r"^[0-9a-fA-F]{64}$")


@register()
def ddas_configuratie(app_configs, **kwargs):
    waarde = getattr(settings, "DDAS_CLIENTS", "")
    regels = waarde.split(",") if isinstance(waarde, str) else list(waarde)
    fouten = []
    gezien: set[str] = set()
    for nummer, regel in enumerate((r.strip() for r in regels if r.strip()), start=1):
        client_id, _, digest = regel.partition(":")
        client_id, digest = client_id.strip(), digest.strip()
        if not client_id or not SHA256_HEX.match(digest):
            fouten.append(
                Error(
                    f"DDAS_CLIENTS entry {nummer} is not 'client-id:sha256-hex-of-the-secret'.",
                    hint=HINT,
                    id="signaalroute.ddas.E001",
                )
            )
        elif client_id in gezien:
            fouten.append(
                Error(
                    f"DDAS_CLIENTS names client '{client_id}' twice.",
                    hint=HINT,
                    id="signaalroute.ddas.E002",
                )
            )
        gezien.add(client_id)
    return fouten
