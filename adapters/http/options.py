"""Answer `OPTIONS` with every method of the path.

Litestar 2 builds a path's automatic `OPTIONS` handler with its first route handler and does not
update it when more are added, so `OPTIONS /api/v1/vendor/orders` answered `Allow: OPTIONS, POST`
without GET (litestar#4169, fixed in Litestar 3). This hook answers from the routes themselves.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.enums import HttpMethod
from litestar.routes import HTTPRoute
from litestar.status_codes import HTTP_204_NO_CONTENT

__all__ = ("answer_options",)


async def answer_options(request: Request[Any, Any, Any]) -> Response[None] | None:
    """A `before_request` hook: `None` lets every other method through to its handler."""
    if request.method != HttpMethod.OPTIONS:
        return None
    template = request.scope["path_template"]
    methods = {
        method
        for route in request.app.routes
        if isinstance(route, HTTPRoute) and route.path_format == template
        for method in route.methods
    }
    return Response(None, status_code=HTTP_204_NO_CONTENT, headers={"Allow": ", ".join(sorted(methods))})
