"""Signed bearer tokens: issued for tenancy's sign-in route, checked on every other request.

Litestar's JWT auth (PyJWT underneath) does the signing, the checking and the OpenAPI security
scheme; this adapter only decides what a token carries: user id, role, platform id, vendor id, and
remembers the tokens it verified (`remembered_tokens.py`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from litestar.connection import ASGIConnection
from litestar.middleware import DefineMiddleware
from litestar.openapi.spec import Components, SecurityScheme
from litestar.security.jwt import JWTAuth, Token

from adapters.http.remembered_tokens import RememberedToken
from contracts.fields import MAX_ID
from contracts.security import IssuedToken
from kernel.identity import Principal, Role
from kernel.settings import AuthSettings

__all__ = ("JwtTokens",)

_PUBLIC_PATHS = ["^/health$", "^/ready$", "^/schema"]


async def _principal(token: Token, _connection: ASGIConnection[Any, Any, Any, Any]) -> Principal | None:
    """Rebuild the principal from the claims; a token with claims we did not write is refused (401).
    Async though it never awaits: Litestar would run a synchronous one on a worker thread."""
    extras = token.extras
    try:
        return Principal(
            user_id=_id(int(token.sub)),
            role=Role(extras["role"]),
            platform_id=_optional_id(extras.get("platform_id")),
            vendor_id=_optional_id(extras.get("vendor_id")),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _optional_id(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("ids in tokens are integers")
    return _id(value)


def _id(value: int) -> int:
    """An id no row can have (0, negative, past the database's integers) marks a token we never wrote."""
    if not 1 <= value <= MAX_ID:
        raise ValueError("ids in tokens are row ids")
    return value


class JwtTokens:
    """The `TokenIssuer` of the kernel contract, and the middleware that checks what it issued."""

    def __init__(self, settings: AuthSettings) -> None:
        self._lifetime = timedelta(seconds=settings.token_lifetime_s)
        self._auth = JWTAuth[Principal, Token](
            token_secret=settings.jwt_secret,
            retrieve_user_handler=_principal,
            exclude=_PUBLIC_PATHS,
            default_token_expiration=self._lifetime,
            token_cls=RememberedToken,
        )

    def issue(self, principal: Principal) -> IssuedToken:
        encoded = self._auth.create_token(
            identifier=str(principal.user_id),
            token_expiration=self._lifetime,
            token_extras={
                "role": principal.role.value,
                "platform_id": principal.platform_id,
                "vendor_id": principal.vendor_id,
            },
        )
        return IssuedToken(access_token=encoded, expires_in=int(self._lifetime.total_seconds()))

    def is_public(self, path: str, opt: Mapping[str, Any]) -> bool:
        """Whether the middleware lets requests to this route through without a token, as the
        schema must then say: the route's `exclude_from_auth` opt, or a public path."""
        return bool(opt.get(self._auth.exclude_opt_key)) or any(re.search(p, path) for p in _PUBLIC_PATHS)

    @property
    def middleware(self) -> DefineMiddleware:
        return self._auth.middleware

    @property
    def openapi_components(self) -> Components:
        """Litestar's bearer scheme less its `name`, which OpenAPI allows on `apiKey` schemes only
        (an `http` scheme's header is always Authorization): the served schema then validates."""
        components = self._auth.openapi_components
        for scheme in (components.security_schemes or {}).values():
            if isinstance(scheme, SecurityScheme):
                scheme.name = None
        return components

    @property
    def auth(self) -> JWTAuth[Principal, Token]:
        """For the app factory: the OpenAPI security scheme and requirement."""
        return self._auth
