"""Structured logs: one JSON object per line, with a request id, and without personal data.

Used by `conf.production` (and the gunicorn configuration). The first rule stays that code does
not log personal data at all (only UUIDs, codes and counts); the formatter is the safety net:

- fields passed with `extra=` whose name is a personal-data key (`bsn`, `achternaam`, ...) are
  left out, and the line says which were left out (`omitted`);
- e-mail addresses, Dutch mobile numbers and nine-digit numbers that pass the BSN eleven-test
  are masked in the message and in the remaining text fields;
- an exception is logged as its class and stack (file, line, function), never its message,
  which can carry values (a database error repeats the row it refused).

`RequestIdMiddleware` takes the proxy's `X-Request-ID` (when it looks like an id) or makes one,
returns it in the response and puts it on every log line written during the request.
"""

from __future__ import annotations

import contextvars
import datetime
import json
import logging
import os
import re
import traceback
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_GELDIG_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")

# Field names that hold personal data; never written to a log line.
PERSOONSGEGEVEN_SLEUTELS = frozenset(
    {
        "bsn",
        "burgerservicenummer",
        "naam",
        "voornaam",
        "voornamen",
        "voorletters",
        "voorvoegsel",
        "achternaam",
        "geslachtsnaam",
        "geboortedatum",
        "adres",
        "straat",
        "postcode",
        "huisnummer",
        "huisletter",
        "huisnummertoevoeging",
        "woonplaats",
        "telefoonnummer",
        "telefoon",
        "email",
        "e_mail",
        "emailadres",
        "iban",
        "klantnummer",
        "ontvanger",
        "inhoud",
        "ip",
        "ip_address",
        "remote_addr",
        "password",
        "wachtwoord",
    }
)
GEMASKEERD = "[verwijderd]"

# The attributes every LogRecord has; anything else came in through `extra=`.
_STANDAARD_ATTRIBUTEN = frozenset(
    vars(logging.LogRecord("x", logging.INFO, "x", 0, "", None, None)).keys()
) | {"message", "asctime", "request_id", "request", "server_time"}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Dutch phone numbers: 0, +31 or 0031 and nine more digits, with single spaces or hyphens
# between the digits (06-12345678, 010 123 4567, +31 6 1234 5678, 0031201234567).
_TELEFOON = re.compile(r"(?<![\w+-])(?:\+31|0031|0)[\s-]?(?:\d[\s-]?){8}\d(?!\w)")
# Every stand-alone nine-digit number: a BSN, or something one cannot tell from a BSN.
_NEGEN_CIJFERS = re.compile(r"(?<![\w-])\d{9}(?![\w-])")


def maskeren(tekst: str) -> str:
    """Mask e-mail addresses, Dutch phone numbers and BSN-like nine-digit numbers."""
    tekst = _EMAIL.sub(GEMASKEERD, tekst)
    tekst = _TELEFOON.sub(GEMASKEERD, tekst)
    return _NEGEN_CIJFERS.sub(GEMASKEERD, tekst)


class PersoonsgegevensFilter(logging.Filter):
    """The safety net that keeps personal data out of application logs, whatever the handler
    or formatter: masks the message, its arguments, string `extra` fields and an exception's
    text. Rewrites the record in place and never drops it. Code should not log personal data
    in the first place (only UUIDs, codes and counts)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            bericht = record.getMessage()
        except (TypeError, ValueError):  # a wrong format string must not lose the line
            bericht = str(record.msg)
        record.msg = maskeren(bericht)
        record.args = None
        for sleutel, waarde in list(vars(record).items()):
            if sleutel not in _STANDAARD_ATTRIBUTEN and isinstance(waarde, str):
                setattr(record, sleutel, maskeren(waarde))
        if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = maskeren(record.exc_text)
        if record.stack_info:
            record.stack_info = maskeren(record.stack_info)
        return True


def huidige_request_id() -> str:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Put the current request id on the record (empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id,
    pid, and the safe `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        try:
            bericht = record.getMessage()
        except (TypeError, ValueError):  # a wrong format string must not lose the line
            bericht = str(record.msg)
        regel: dict = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": maskeren(bericht),
            "request_id": getattr(record, "request_id", "") or _request_id.get(),
            "pid": record.process or os.getpid(),
        }
        weggelaten = []
        for sleutel, waarde in vars(record).items():
            if sleutel in _STANDAARD_ATTRIBUTEN or sleutel.startswith("_"):
                continue
            if sleutel.lower() in PERSOONSGEGEVEN_SLEUTELS:
                weggelaten.append(sleutel)
                continue
            regel[sleutel] = _veilig(waarde)
        if weggelaten:
            regel["omitted"] = sorted(weggelaten)
        if record.exc_info and record.exc_info[0] is not None:
            soort, _, tb = record.exc_info
            regel["exc_type"] = f"{soort.__module__}.{soort.__qualname__}"
            regel["stack"] = [
                f"{frame.filename}:{frame.lineno} in {frame.name}"
                for frame in traceback.extract_tb(tb)
            ]
        return json.dumps(regel, ensure_ascii=False, default=str)


def _veilig(waarde):
    """JSON-able and masked; objects become their type name, not their (possibly personal)
    string form."""
    if waarde is None or isinstance(waarde, bool | int | float):
        return waarde
    if isinstance(waarde, str):
        return maskeren(waarde)
    if isinstance(waarde, list | tuple):
        return [_veilig(w) for w in waarde]
    if isinstance(waarde, dict):
        return {
            str(k): GEMASKEERD if str(k).lower() in PERSOONSGEGEVEN_SLEUTELS else _veilig(v)
            for k, v in waarde.items()
        }
    if isinstance(waarde, uuid.UUID | datetime.date | datetime.datetime):
        return str(waarde)
    return type(waarde).__name__


class RequestIdMiddleware:
    """Take the reverse proxy's `X-Request-ID` (nginx `$request_id`) or make one; log lines
    written during the request carry it and the response returns it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        binnen = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = binnen if _GELDIG_ID.match(binnen) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


def json_logging(level: str) -> dict:
    """The LOGGING setting of production: JSON lines on stderr for the application, Django,
    the task workers and the planner."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "signaalroute.core.logging.RequestIdFilter"}},
        "formatters": {"json": {"()": "signaalroute.core.logging.JsonFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            "signaalroute": {"handlers": ["console"], "level": level, "propagate": False},
            "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
            # django.server / runserver access lines carry client addresses: not in production.
            "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "django_tasks": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "django_tasks_db": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "rq.worker": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            # gunicorn's access log holds client IP addresses and query strings: off.
            "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        },
    }
