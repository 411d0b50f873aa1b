"""problem+json (RFC 9457) for every API error, as the NL API Design Rules require."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import SignaalrouteError

PROBLEM_JSON = "application/problem+json"


def _invalid_params(detail, prefix: str = "") -> list[dict]:
    params: list[dict] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            params.extend(_invalid_params(value, name))
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                params.extend(_invalid_params(value, f"{prefix}[{index}]"))
            else:
                params.append(
                    {
                        "name": prefix or "nonFieldErrors",
                        "code": getattr(value, "code", "invalid"),
                        "reason": str(value),
                    }
                )
    else:
        params.append(
            {
                "name": prefix or "nonFieldErrors",
                "code": getattr(detail, "code", "invalid"),
                "reason": str(detail),
            }
        )
    return params


def problem_response(
    *,
    status_code: int,
    title: str,
    code: str,
    detail: str = "",
    instance: str = "",
    invalid_params: list[dict] | None = None,
) -> Response:
    body = {
        "type": f"https://signaalroute.nl/fouten/{code}",
        "code": code,
        "title": title,
        "status": status_code,
    }
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    if invalid_params:
        body["invalidParams"] = invalid_params
    return Response(body, status=status_code, content_type=PROBLEM_JSON)


def exception_handler(exc, context):
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, SignaalrouteError):
        return problem_response(
            status_code=exc.status,
            title=str(exc.message),
            code=exc.code,
            instance=instance,
            invalid_params=exc.invalid_params,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        return problem_response(
            status_code=status.HTTP_400_BAD_REQUEST,
            title="De invoer is niet geldig.",
            code="validatiefout",
            instance=instance,
            invalid_params=_invalid_params(exc.detail),
        )
    detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "fout"
    problem = problem_response(
        status_code=response.status_code, title=str(detail), code=str(code), instance=instance
    )
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem
