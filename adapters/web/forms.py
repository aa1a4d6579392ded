"""What a page's form post must be before anything reads it: URL-encoded, small, and ASCII.

Browsers send a form as `application/x-www-form-urlencoded`, every byte outside ASCII
percent-encoded. Litestar's form parsing (which the CSRF check runs first) fails with an exception
on raw non-ASCII bytes, and on a multipart body with a field that is not UTF-8: a 500 for bytes
anyone can send to `/sign-in`. So page posts are checked here, before the CSRF middleware, and
anything else is refused with a sentence; the body read is handed on unchanged.
"""

from __future__ import annotations

from litestar.enums import ScopeType
from litestar.exceptions import HTTPException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, ReceiveMessage, Scope, Send

from adapters.web.paths import is_page
from kernel.errors import InvalidInputError

__all__ = ("MAX_FORM_BYTES", "PageFormMiddleware")

MAX_FORM_BYTES = 16_384
"""A page's forms hold an email, a password, a module code and a token: a few hundred bytes."""
_FORM = b"application/x-www-form-urlencoded"


def _not_a_page_post(scope: Scope) -> bool:
    return scope.get("method") != "POST" or not is_page(scope["path"])


def _content_type(scope: Scope) -> bytes:
    for name, value in scope["headers"]:
        if name == b"content-type":
            return bytes(value).split(b";", 1)[0].strip().lower()
    return b""


async def _body(receive: Receive) -> bytes:
    body = b""
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return body
        body += message.get("body", b"")
        if len(body) > MAX_FORM_BYTES:
            raise HTTPException(status_code=413, detail=f"a form is at most {MAX_FORM_BYTES:,} bytes")
        if not message.get("more_body", False):
            return body


class PageFormMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)
    should_bypass_for_scope = staticmethod(_not_a_page_post)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if _content_type(scope) not in (_FORM, b""):  # none at all: an empty post, as `/sign-out` may be
            detail = "send the form as application/x-www-form-urlencoded, as a browser does"
            raise HTTPException(status_code=415, detail=detail)
        body = await _body(receive)
        if not body.isascii():
            raise InvalidInputError("form", "percent-encode every byte outside ASCII, as a browser does")
        sent = False

        async def replay() -> ReceiveMessage:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await next_app(scope, replay, send)
