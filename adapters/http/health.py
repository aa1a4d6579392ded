"""Liveness (`/health`: the process answers) and readiness (`/ready`: the database can serve)."""

from __future__ import annotations

import asyncio
from typing import Literal

import msgspec
from litestar import Response, get
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec

from adapters.database.readiness import ReadinessProbe

__all__ = ("health", "ready")


class HealthOut(msgspec.Struct, kw_only=True):
    status: Literal["ok"] = "ok"


class ReadyOut(msgspec.Struct, kw_only=True):
    status: Literal["ready", "unavailable"]
    detail: str


@get("/health", summary="Check that the process answers", sync_to_thread=False, tags=["health"])
def health() -> HealthOut:
    """200 while the process answers. It checks nothing else: a database outage is `/ready`'s answer,
    and restarting the process would not cure it."""
    return HealthOut()


@get(
    "/ready",
    summary="Check that the database can serve",
    tags=["health"],
    responses={
        503: ResponseSpec(ReadyOut, description="The database is unreachable, too slow, or not migrated")
    },
)
async def ready(readiness: NamedDependency[ReadinessProbe]) -> Response[ReadyOut]:
    """200 when the database is reachable and migrated, else 503 with the reason; answered within
    `database.ready_timeout_ms` whatever the database does."""
    check = asyncio.shield(asyncio.wrap_future(readiness.current()))  # shared: never cancelled by us
    try:
        result = await asyncio.wait_for(check, readiness.budget_s)
    except TimeoutError:
        result = readiness.late()
    if result.ready:
        return Response(ReadyOut(status="ready", detail=result.detail), status_code=200)
    return Response(ReadyOut(status="unavailable", detail=result.detail), status_code=503)
