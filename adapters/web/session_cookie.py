"""The session cookie: a signed-in browser's bearer token, read on the pages only.

The cookie holds exactly the token `POST /api/v1/auth/token` would return, so a page request is
checked by the same JWT middleware, expires at the same moment, and is refused by the same tenant
rule when the account is switched off. This middleware runs before the JWT one and, on a page path
whose request carries no Authorization header, hands the cookie's token over as that header. API
paths never look at the cookie: a page of another site cannot make a browser call the API with it.
"""

from __future__ import annotations

from http.cookies import SimpleCookie

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from adapters.web.paths import SESSION_COOKIE, takes_session

__all__ = ("SessionCookieMiddleware",)


def _not_a_page(scope: Scope) -> bool:
    return not takes_session(scope["path"])


def _cookie(headers: list[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed Cookie header is a request without a session
                return None
            morsel = jar.get(SESSION_COOKIE)
            if morsel is not None and morsel.value:
                return morsel.value
    return None


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
