"""The one typed helper through which every environment variable is read.

Each call registers the variable with its help text, so that `docs/configuration.md` can be
checked against the code (see `signaalroute.core.tests.test_configuration`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help_text: str


REGISTRY: dict[str, Setting] = {}

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nee", ""}


def config(name: str, default: T, *, help_text: str, cast: type | None = None) -> T:
    """Read `name` from the environment, cast to the type of `default` (or `cast`)."""
    REGISTRY[name] = Setting(name=name, default=default, help_text=help_text)
    raw = os.environ.get(name)
    if raw is None:
        return default
    target = cast or (type(default) if default is not None else str)
    try:
        if target is bool:
            value = raw.strip().lower()
            if value in _TRUE:
                return True  # type: ignore[return-value]
            if value in _FALSE:
                return False  # type: ignore[return-value]
            raise ValueError(raw)
        if target is list:
            return [item.strip() for item in raw.split(",") if item.strip()]  # type: ignore[return-value]
        return target(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}: cannot read {raw!r} as {target.__name__}") from exc
