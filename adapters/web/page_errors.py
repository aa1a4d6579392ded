"""Errors on pages: the API's answer to the same error, shown as a page a person can act on.

The API's handlers decide the status and the sentence (one table, `adapters/http/errors.py`); on a
page path the answer becomes HTML with that sentence instead of JSON. A 401 (no session, an expired
one, an account switched off) sends the browser to the sign-in form and drops the cookie.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar import Request, Response
from litestar.response import Redirect, Template
from litestar.types import ExceptionHandlersMap

from adapters.http.errors import ErrorBody
from adapters.web.paths import is_page
from adapters.web.session_cookie import no_session

__all__ = ("html_on_pages",)

_Handler = Callable[[Request[Any, Any, Any], Any], Response[Any]]


def _as_page(answer: Response[Any]) -> Response[Any]:
    body = answer.content
    detail = body.detail if isinstance(body, ErrorBody) else "something went wrong"
    if answer.status_code == 401:
        return Redirect("/sign-in", status_code=303, cookies=[no_session()])
    status = answer.status_code or 500
    context = {"status": status, "detail": detail}
    return Template("error.html", context=context, status_code=status, headers=answer.headers)


def _html_on_pages(handler: _Handler) -> _Handler:
    def handle(request: Request[Any, Any, Any], error: Any) -> Response[Any]:
        answer = handler(request, error)
        return _as_page(answer) if is_page(request.scope["path"]) else answer

    return handle


def html_on_pages(handlers: ExceptionHandlersMap) -> ExceptionHandlersMap:
    return {kind: _html_on_pages(handler) for kind, handler in handlers.items()}
