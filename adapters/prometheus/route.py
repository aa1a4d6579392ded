"""`GET /metrics`: Prometheus's scrape, outside the API.

Not an API operation: no JWT (Prometheus sends the scrape token, not a user's), no tenant (it reads
every platform), and left out of the OpenAPI document, which describes the API clients program
against; README, "Prometheus", documents it instead. Who may scrape is access.py's rule, checked
before anything is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from litestar import Request, Response, get
from litestar.di import NamedDependency

from adapters.prometheus.access import ScrapeAccess

__all__ = ("Scrapes", "metrics")

_TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8"


class Exposing(Protocol):
    def scrape(self) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Scrapes:
    """What the route works with, as one dependency: the rule, and the text to answer."""

    access: ScrapeAccess
    exposition: Exposing


@get("/metrics", include_in_schema=False, sync_to_thread=True, opt={"exclude_from_auth": True})
def metrics(request: Request[Any, Any, Any], scrapes: NamedDependency[Scrapes]) -> Response[bytes]:
    """On a request thread: the ledger's figures are read from the database."""
    client = request.scope.get("client")
    scrapes.access.check(client[0] if client else None, request.headers)
    return Response(scrapes.exposition.scrape(), media_type=_TEXT_FORMAT)
