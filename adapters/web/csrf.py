"""CSRF protection for the pages' forms: Litestar's double-submit check, made total.

A token (form field, header or cookie) with characters outside ASCII made Litestar's comparison
raise (`hmac.compare_digest` takes ASCII strings only): a 500 for a cookie anyone can send. Such a
token is simply not a valid one here, and the request is refused like any bad token (403).
"""

from __future__ import annotations

import hashlib

from litestar.config.csrf import CSRFConfig
from litestar.middleware import DefineMiddleware
from litestar.middleware.csrf import CSRFMiddleware

from adapters.web.paths import NOT_A_FORM_PAGE

__all__ = ("CSRF_COOKIE", "csrf_middleware")

CSRF_COOKIE = "tessera_csrf"


class _AsciiTokens(CSRFMiddleware):
    def _decode_csrf_token(self, token: str) -> str | None:
        return super()._decode_csrf_token(token) if token.isascii() else None


def csrf_middleware(jwt_secret: str, secure: bool) -> DefineMiddleware:
    config = CSRFConfig(
        # its own key: a CSRF token must never be usable as anything signed with the JWT secret
        secret=hashlib.sha256(f"tessera-csrf:{jwt_secret}".encode()).hexdigest(),
        cookie_name=CSRF_COOKIE,
        cookie_httponly=True,
        cookie_samesite="lax",
        cookie_secure=secure,
        exclude=NOT_A_FORM_PAGE,
    )
    return DefineMiddleware(_AsciiTokens, config=config)
