"""OAuth2 client credentials for the DDAS pull endpoint (RFC 6749 §4.4), without a database.

Clients are configured in the setting `DDAS_CLIENTS`: `id:sha256-hex-of-secret` pairs,
comma-separated (or a list). `POST …/gegevens/token` exchanges id and secret for a short-lived
bearer token: a value signed with `SECRET_KEY` (django.core.signing) holding the client id and
scope, valid for `DDAS_TOKEN_GELDIGHEID` seconds. A token is accepted only while its client is
still configured, so removing a client revokes its tokens at once. Staff sessions and partner
credentials never open the endpoint.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import NoReverseMatch, reverse
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from ..constants import TOKEN_GELDIGHEID_STANDAARD, TOKEN_SCOPE

TOKEN_SALT = "signaalroute.contrib.ddas.token"
REALM = "ddas"


@dataclass(frozen=True)
class DdasAfnemer:
    """The authenticated caller (CBS): request.user of the pull endpoint."""

    client_id: str
    scopes: frozenset[str]
    is_authenticated: bool = True
    is_active: bool = True
    rol: str = "ddas-afnemer"

    @property
    def username(self) -> str:
        return f"cbs:{self.client_id}"


def geconfigureerde_clients() -> dict[str, str]:
    """{client id: sha256 hex of its secret} from `DDAS_CLIENTS`."""
    waarde = getattr(settings, "DDAS_CLIENTS", "")
    regels = waarde.split(",") if isinstance(waarde, str) else list(waarde)
    clients = {}
    for regel in regels:
        client_id, _, digest = regel.strip().partition(":")
        if client_id and digest:
            clients[client_id.strip()] = digest.strip().lower()
    return clients


def geheim_hashen(geheim: str) -> str:
    return hashlib.sha256(geheim.encode()).hexdigest()


def client_controleren(client_id: str, geheim: str) -> bool:
    digest = geconfigureerde_clients().get(client_id)
    # Compare against something also for an unknown id, so timing does not tell ids apart.
    return hmac.compare_digest(digest or "0" * 64, geheim_hashen(geheim)) and digest is not None


def token_geldigheid() -> int:
    return int(getattr(settings, "DDAS_TOKEN_GELDIGHEID", TOKEN_GELDIGHEID_STANDAARD))


def token_uitgeven(client_id: str) -> str:
    return signing.dumps({"sub": client_id, "scope": TOKEN_SCOPE}, salt=TOKEN_SALT, compress=True)


class TokenOngeldig(exceptions.AuthenticationFailed):
    default_detail = "Het toegangstoken is ongeldig."
    default_code = "token_ongeldig"
    fsc_code = "ERROR_CODE_ACCESS_TOKEN_INVALID"


class TokenVerlopen(exceptions.AuthenticationFailed):
    default_detail = "Het toegangstoken is verlopen; vraag een nieuw token aan."
    default_code = "token_verlopen"
    fsc_code = "ERROR_CODE_ACCESS_TOKEN_EXPIRED"


class TokenOntbreekt(exceptions.NotAuthenticated):
    default_detail = "Geen toegangstoken meegestuurd (Authorization: Bearer …)."
    default_code = "token_ontbreekt"
    fsc_code = "ERROR_CODE_ACCESS_TOKEN_MISSING"


def token_lezen(token: str) -> DdasAfnemer:
    try:
        inhoud = signing.loads(token, salt=TOKEN_SALT, max_age=token_geldigheid())
    except signing.SignatureExpired as exc:
        raise TokenVerlopen() from exc
    except signing.BadSignature as exc:
        raise TokenOngeldig() from exc
    client_id = inhoud.get("sub") if isinstance(inhoud, dict) else None
    if not client_id or client_id not in geconfigureerde_clients():
        raise TokenOngeldig()
    return DdasAfnemer(client_id=client_id, scopes=frozenset(str(inhoud.get("scope", "")).split()))


class DdasTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace")
        soort, _, token = header.partition(" ")
        if not header:
            return None  # -> 401 with WWW-Authenticate (TokenOntbreekt via the permission)
        if soort.lower() != self.keyword.lower() or not token.strip():
            raise TokenOngeldig()
        return token_lezen(token.strip()), None

    def authenticate_header(self, request):
        return f'{self.keyword} realm="{REALM}"'


class IsDdasAfnemer(permissions.BasePermission):
    """Only a DDAS client holding the `read` scope; anything else is refused."""

    def has_permission(self, request, view):
        if not isinstance(request.user, DdasAfnemer):
            raise TokenOntbreekt()
        return TOKEN_SCOPE in request.user.scopes


def _token_url() -> str:
    try:
        return reverse("ddas:token")
    except NoReverseMatch:
        return "gegevens/token"


class DdasTokenScheme(OpenApiAuthenticationExtension):
    """In the OpenAPI document: the OAuth2 client-credentials flow of the DDAS-VS API."""

    target_class = DdasTokenAuthentication
    name = "ddasOAuth2"

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "description": (
                "OAuth2 client credentials (RFC 6749 §4.4). Haal een token op bij "
                "`POST …/gegevens/token` met `grant_type=client_credentials`, `client_id` en "
                "`client_secret` (of HTTP Basic); stuur het mee als `Authorization: Bearer …`."
            ),
            "flows": {
                "clientCredentials": {
                    "tokenUrl": _token_url(),
                    "scopes": {TOKEN_SCOPE: "VS-gegevens ophalen"},
                }
            },
        }

    def get_security_requirement(self, auto_schema):
        return {self.name: [TOKEN_SCOPE]}
