"""Liveness (`/health`: the process answers) and readiness (`/ready`: the database can serve)."""

from __future__ import annotations

from typing import Literal

import msgspec
from litestar import Response, get
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec

from adapters.database.readiness import DatabaseReadiness

__all__ = ("health", "ready")


class HealthOut(msgspec.Struct, kw_only=True):
    status: Literal["ok"] = "ok"


class ReadyOut(msgspec.Struct, kw_only=True):
    status: Literal["ready", "unavailable"]
    detail: str


@get("/health", sync_to_thread=False, tags=["health"])
def health() -> HealthOut:
    return HealthOut()


@get(
    "/ready",
    sync_to_thread=True,
    tags=["health"],
    responses={503: ResponseSpec(ReadyOut, description="The database is unreachable or not migrated")},
)
def ready(readiness: NamedDependency[DatabaseReadiness]) -> Response[ReadyOut]:
    result = readiness.check()
    if result.ready:
        return Response(ReadyOut(status="ready", detail=result.detail), status_code=200)
    return Response(ReadyOut(status="unavailable", detail=result.detail), status_code=503)
