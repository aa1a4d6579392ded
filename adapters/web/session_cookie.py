"""The session cookie: a signed-in browser's bearer token, read on the pages only.

The cookie holds exactly the token `POST /api/v1/auth/token` would return, so a page request is
checked by the same JWT middleware, expires at the same moment, and is refused by the same tenant
rule when the account is switched off. This middleware runs before the JWT one and, on a page path
whose request carries no Authorization header, hands the cookie's token over as that header. API
paths never look at the cookie: a page of another site cannot make a browser call the API with it.

The cookie is `Secure` when the request came over HTTPS, directly or as a TLS-terminating proxy
says (`X-Forwarded-Proto: https`), and always with `auth.secure_cookies: true`.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar._parsers import parse_cookie_string
from litestar.datastructures import Cookie
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from adapters.web.paths import SESSION_COOKIE, takes_session

__all__ = ("SessionCookieMiddleware", "is_secure", "no_session", "session_cookie")


def _not_a_page(scope: Scope) -> bool:
    return not takes_session(scope["path"])


def _cookie(headers: list[tuple[bytes, bytes]]) -> str | None:
    """Litestar's own lenient parsing, as `request.cookies` reads them: a cookie of another
    application on the domain that a strict parser rejects must not hide the session."""
    for name, value in headers:
        if name == b"cookie":
            token = parse_cookie_string(value.decode("latin-1")).get(SESSION_COOKIE)
            if token:
                return token
    return None


def session_cookie(token: str, max_age: int, secure: bool) -> Cookie:
    return Cookie(
        key=SESSION_COOKIE,
        value=token,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )


def no_session() -> Cookie:
    """The instruction to forget the session."""
    return session_cookie("", 0, secure=False)


def is_secure(request: Request[Any, Any, Any], always: bool) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "").split(",", 1)[0].strip().lower()
    return always or request.url.scheme == "https" or forwarded == "https"


class SessionCookieMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)
    should_bypass_for_scope = staticmethod(_not_a_page)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        headers = list(scope["headers"])
        if not any(name == b"authorization" for name, _ in headers):
            token = _cookie(headers)
            if token is not None:
                headers.append((b"authorization", f"Bearer {token}".encode("latin-1", "replace")))
                scope["headers"] = headers
        await next_app(scope, receive, send)
