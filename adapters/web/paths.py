"""Which paths are pages: they answer HTML (errors included) and take the session cookie."""

from __future__ import annotations

__all__ = ("NOT_A_FORM_PAGE", "SESSION_COOKIE", "SIGNED_IN_PAGES", "is_page", "takes_session")

SESSION_COOKIE = "tessera_session"

SIGNED_IN_PAGES = ("/dashboard", "/admin", "/sign-out")
"""Pages that need a signed-in user: the cookie stands for the bearer token on these only, so no
JSON API route ever accepts a cookie (and none needs a CSRF token)."""

_OPEN_PAGES = ("/sign-in",)


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path == prefix or path.startswith(f"{prefix}/") for prefix in prefixes)


def takes_session(path: str) -> bool:
    return _under(path, SIGNED_IN_PAGES)


def is_page(path: str) -> bool:
    """A page answers its errors as HTML (a refused sign-in goes back to the sign-in form)."""
    return path == "/" or _under(path, SIGNED_IN_PAGES + _OPEN_PAGES)


NOT_A_FORM_PAGE = [r"^/api/", r"^/schema", r"^/static/", r"^/health$", r"^/ready$", r"^/metrics$"]
"""The paths outside the pages (for the CSRF middleware's `exclude`): the API, whose requests carry
a bearer token a page of another site cannot send, needs no CSRF token; nor do probes and files."""
