"""The official BRP Personen OpenAPI document (v2.7.0) as JSON Schema validators.

The document is OpenAPI 3.1 (JSON Schema 2020-12), but its polymorphism uses `discriminator`,
which JSON Schema ignores: validating against `PersonenQuery` or `AbstractDatum` alone would
not look at the subtype. `_met_discriminators()` rewrites every schema with a discriminator into
an `allOf` of its own properties plus an if/then per subtype (and `type` limited to the mapping),
so that every request and answer is checked down to the dates inside it.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# tests -> brp -> contrib -> signaalroute -> src -> repository; ../shared holds the document.
SPEC_PAD = (
    Path(__file__).resolve().parents[5] / ".." / "shared" / "brp" / "personen-openapi-resolved.json"
)
URI = "urn:brp-personen-openapi"
SCHENDINGEN: list[str] = []  # filled by the validating test URLconf (tests/urls.py)


@cache
def spec() -> dict:
    return json.loads(SPEC_PAD.read_text(encoding="utf-8"))


def _naam(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _met_discriminators(document: dict) -> dict:
    document = copy.deepcopy(document)
    schemas = document["components"]["schemas"]
    abstract = {n: s for n, s in schemas.items() if "mapping" in s.get("discriminator", {})}
    for naam, schema in abstract.items():
        basis = {k: v for k, v in schema.items() if k != "discriminator"}
        schemas[f"{naam}__basis"] = basis
        mapping = schema["discriminator"]["mapping"]
        eigenschap = schema["discriminator"]["propertyName"]
        schemas[naam] = {
            "allOf": [
                {"$ref": f"#/components/schemas/{naam}__basis"},
                {"properties": {eigenschap: {"enum": sorted(mapping)}}},
                *(
                    {
                        "if": {
                            "properties": {eigenschap: {"const": waarde}},
                            "required": [eigenschap],
                        },
                        "then": {"$ref": ref},
                    }
                    for waarde, ref in sorted(mapping.items())
                ),
            ]
        }
        # Subtypes extend the abstract schema: point them at its base, or they would recurse.
        for ref in mapping.values():
            for deel in schemas[_naam(ref)].get("allOf", []):
                if deel.get("$ref") == f"#/components/schemas/{naam}":
                    deel["$ref"] = f"#/components/schemas/{naam}__basis"
    return document


@cache
def _registry() -> Registry:
    resource = Resource(contents=_met_discriminators(spec()), specification=DRAFT202012)
    return Registry().with_resource(URI, resource)


@cache
def validator(schema: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": f"{URI}#/components/schemas/{schema}"},
        registry=_registry(),
        format_checker=FormatChecker(),
    )


def fouten(schema: str, instance: Any) -> list[str]:
    return [
        f"{schema} {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(schema).iter_errors(instance)
    ]


def fouten_in_verzoek(body: Any) -> list[str]:
    return fouten("PersonenQuery", body)


def antwoordschema(status: int) -> str:
    """The schema of an answer with this status, as `paths./personen.post.responses` says."""
    if status == 200:
        return "PersonenQueryResponse"
    antwoorden = spec()["components"]["responses"]
    antwoord = antwoorden.get(str(status), antwoorden["500"])
    return _naam(antwoord["content"]["application/problem+json"]["schema"]["$ref"])


def fouten_in_antwoord(status: int, content_type: str, body: Any) -> list[str]:
    verwacht = "application/json; charset=utf-8" if status == 200 else "application/problem+json"
    meldingen = [] if content_type == verwacht else [f"Content-Type {content_type!r} bij {status}"]
    return meldingen + fouten(antwoordschema(status), body)


# --- field paths --------------------------------------------------------------------------------


def _deref(schema: dict) -> dict:
    schemas = spec()["components"]["schemas"]
    while "$ref" in schema:
        schema = schemas[_naam(schema["$ref"])]
    return schema


def _varianten(schema: dict) -> list[dict]:
    schema = _deref(schema)
    mapping = schema.get("discriminator", {}).get("mapping", {})
    return [schema, *(spec()["components"]["schemas"][_naam(ref)] for ref in mapping.values())]


def _eigenschappen(schema: dict) -> dict[str, list[dict]]:
    schema = _deref(schema)
    uit: dict[str, list[dict]] = {}
    for deel in schema.get("allOf", []):
        for naam, subs in _eigenschappen(deel).items():
            uit.setdefault(naam, []).extend(subs)
    for naam, sub in schema.get("properties", {}).items():
        uit.setdefault(naam, []).append(sub)
    return uit


def paden(schema_naam: str) -> set[str]:
    """Every field path of a response schema (over all subtypes), as `fields` takes them."""

    def _paden(schema: dict, prefix: str) -> set[str]:
        alle: dict[str, list[dict]] = {}
        for variant in _varianten(schema):
            for naam, subs in _eigenschappen(variant).items():
                alle.setdefault(naam, []).extend(subs)
        resultaat = set()
        for naam, subs in alle.items():
            resultaat.add(prefix + naam)
            for sub in subs:
                sub = _deref(sub)
                if sub.get("type") == "array":
                    sub = _deref(sub["items"])
                resultaat |= _paden(sub, f"{prefix}{naam}.")
        return resultaat

    return _paden(spec()["components"]["schemas"][schema_naam], "")
