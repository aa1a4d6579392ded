"""Scrape `/metrics` of a test app from any client address.

Litestar's test client always says it is `("testclient", 50000)`, which is no address at all (and
so, to the scrape rule, not loopback); this wraps the app to say it is `host`, as a server would.
The wrapped app is the one the test's client already started: its lifespan has run.
"""

from __future__ import annotations

from typing import Any, cast

import httpx
from litestar import Litestar
from litestar.enums import ScopeType
from litestar.testing import TestClient
from litestar.types import Receive, Scope, Send
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

__all__ = ("FromAddress", "samples", "scrape")


class FromAddress:
    def __init__(self, app: Litestar, host: str) -> None:
        self._app, self._host = app, host

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            scope["client"] = (self._host, 40_000)
        await self._app(scope, receive, send)


def scrape(app: Litestar, host: str = "127.0.0.1", headers: dict[str, str] | None = None) -> httpx.Response:
    client = TestClient(cast("Any", FromAddress(app, host)))
    return client.get("/metrics", headers=headers or {})


def samples(text: str) -> dict[str, list[Sample]]:
    """Each family's samples, by family name, parsed by prometheus-client's own parser."""
    return {family.name: list(family.samples) for family in text_string_to_metric_families(text)}
