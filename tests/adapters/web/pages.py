"""Signing in through the pages with the test client, as a browser does: form, CSRF token, cookie."""

from __future__ import annotations

import re
from typing import Any

from litestar.testing import TestClient

from tests.api import PASSWORD

__all__ = ("csrf_token", "sign_in", "tiles")

_CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')
_TILE = re.compile(r'data-key="([^"]+)" data-value="([^"]*)"')


def csrf_token(html: str) -> str:
    found = _CSRF.search(html)
    assert found is not None, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(client: TestClient[Any], email: str, password: str = PASSWORD, **headers: str) -> Any:
    """The sign-in form, filled in and sent; the response is not followed."""
    form = client.get("/sign-in", headers=headers)
    body = {"email": email, "password": password, "_csrf_token": csrf_token(form.text)}
    return client.post("/sign-in", data=body, headers=headers, follow_redirects=False)


def tiles(html: str) -> dict[str, str]:
    """Each tile's figure key and the API value it carries."""
    return dict(_TILE.findall(html))
