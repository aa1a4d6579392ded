"""Checks every request passes before its handler runs, whatever the route.

A query parameter sent twice (`?period=7d&period=30d`) is refused with a 400 naming it: Litestar
would keep one of the values without a word, and the caller could not know which. Parameters
declared as lists may repeat; none of Tessera's routes declares one today.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from litestar import Request, Response
from litestar.exceptions import ValidationException

from adapters.http.options import answer_options

__all__ = ("check_request",)


async def check_request(request: Request[Any, Any, Any]) -> Response[None] | None:
    """The app's `before_request` hook: refuse repeated parameters, then answer `OPTIONS`."""
    _refuse_repeated_parameters(request)
    return await answer_options(request)


def _refuse_repeated_parameters(request: Request[Any, Any, Any]) -> None:
    counts = Counter(key for key, _ in request.query_params.multi_items())
    parameters = request.route_handler.parsed_fn_signature.parameters
    repeated = [
        key
        for key, count in counts.items()
        if count > 1 and not (key in parameters and parameters[key].is_non_string_sequence)
    ]
    if repeated:
        fields = [
            {"key": key, "message": f"{key} was sent {counts[key]} times: send it once", "source": "query"}
            for key in repeated
        ]
        raise ValidationException("repeated query parameters", extra=fields)
