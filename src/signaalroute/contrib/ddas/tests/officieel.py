"""The official DDAS schemas from `../shared/ddas/` (next to the repository), for contract tests.

The application validates against its own copy (`contrib/ddas/schemas/`, ADR 0014);
`test_document.py` checks that the copy is the official file.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from signaalroute.contrib.ddas.document import FORMAATCONTROLE

# tests -> ddas -> contrib -> signaalroute -> src -> repository; ../shared holds the schemas.
OFFICIEEL = Path(__file__).resolve().parents[5] / ".." / "shared" / "ddas"


def schemapad(versie: str) -> Path:
    return OFFICIEEL / f"v{versie}-json_schema_Uitwisselmodel.json"


@cache
def officieel_schema(versie: str) -> dict[str, Any]:
    return json.loads(schemapad(versie).read_text(encoding="utf-8"))


def enumeratie(versie: str, naam: str) -> list[str]:
    return officieel_schema(versie)["$defs"][naam]["enum"]


def officiele_fouten(document: dict[str, Any], versie: str) -> list[str]:
    """Violations of the official schema, with format checks (date, date-time, email)."""
    validator = Draft202012Validator(officieel_schema(versie), format_checker=FORMAATCONTROLE)
    return [f"{fout.json_path}: {fout.message}" for fout in validator.iter_errors(document)]
