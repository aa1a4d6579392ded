"""The framework floor: the floor's statements, served by a bare Litestar app.

    BENCH_FLOOR_PLAN=/path/plan.pickle granian --interface asgi --factory bench.framework_app:create

The floor (`bench/floor_app.py`) is the least a Python HTTP server and the bare driver can do.
Tessera's stack is fixed (Litestar, msgspec), so the floor is not a price Tessera could pay even
with no auth, no tenant and no modules: this target measures what the framework itself adds. One
`async` route per dashboard path, no middleware, no dependency, no guard; it runs the recorded
statements on the event loop through the same one connection per worker as the floor and answers
the same small JSON, encoded by Litestar (msgspec). Tessera's CPU per request over this one's is
what Tessera's own code costs; this one's over the floor's is what the framework costs.
"""

from __future__ import annotations

from typing import Any

from litestar import Litestar, Request, get

from bench.floor_app import FloorApp

__all__ = ("create",)


def create() -> Litestar:
    floor = FloorApp()

    @get(["/api/v1/vendor/dashboard/stats", "/api/v1/admin/dashboard/stats"], sync_to_thread=False)
    async def dashboard(request: Request[Any, Any, Any]) -> dict[str, int]:
        return floor.replay(request.url.path)

    @get("/ready", sync_to_thread=False)
    async def ready() -> dict[str, str]:
        return {"status": "ready"}

    return Litestar([dashboard, ready], openapi_config=None, logging_config=None)
