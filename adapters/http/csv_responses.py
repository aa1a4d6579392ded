"""CSV answers: a streamed body of lines, named for download, when a request asks for `text/csv`."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Iterable
from itertools import islice
from typing import Any, TypeVar, cast

from litestar import Request
from litestar.response import Stream

from kernel.errors import InvalidInputError

__all__ = ("CSV", "as_declared", "csv_response", "wants_csv")

T = TypeVar("T")

CSV = "text/csv"
_LINES_PER_CHUNK = 256


_BAD_Q = "each q must be a number from 0 to 1"


def wants_csv(request: Request[Any, Any, Any]) -> bool:
    """CSV when the request's `Accept` prefers it to JSON; JSON otherwise (and for `*/*`).

    Litestar turns each `q` into an int and fails on `q=inf` (a 500), while it silently reads
    `q=abc` as 1: both are refused here with a 400 naming the header instead."""
    header = request.headers.get("Accept", "*/*")
    if not all(_is_quality(q) for q in _qualities(header)):
        raise InvalidInputError("Accept", _BAD_Q)
    try:
        return request.accept.best_match(["application/json", CSV], default="application/json") == CSV
    except (ValueError, OverflowError) as error:  # any q Litestar reads otherwise than `_qualities`
        raise InvalidInputError("Accept", _BAD_Q) from error


def _qualities(header: str) -> Iterable[str]:
    """Every `q` parameter's value in an `Accept` header, split as Litestar splits it (on commas)."""
    for media_range in header.split(","):
        for parameter in media_range.split(";")[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                yield value.strip().strip('"')


def _is_quality(value: str) -> bool:
    try:
        quality = float(value)
    except ValueError:
        return False
    return math.isfinite(quality) and 0 <= quality <= 1


def csv_response(lines: Iterable[str], filename: str) -> Stream:
    """`lines` streamed as they are produced, `filename` offered to save them under. The lines are
    sent in chunks from the event loop: a sync iterator would cost a thread hop per line."""

    async def chunks() -> AsyncIterator[str]:
        produced = iter(lines)
        while chunk := "".join(islice(produced, _LINES_PER_CHUNK)):
            yield chunk

    return _CsvStream(
        chunks(),
        media_type=CSV,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def as_declared(answer: T | Stream) -> T:
    """What a handler that may answer CSV returns. It declares its JSON body, which the OpenAPI
    document shows (`document_csv` adds text/csv beside it); Litestar sends a `Stream` as it sends
    any response, whatever the declared type. A union would document the stream as an empty schema."""
    return cast("T", answer)


class _CsvStream(Stream):
    """A stream that keeps its own media type: Litestar's `Stream` takes the handler's (JSON) first."""

    def to_asgi_response(self, *args: Any, **kwargs: Any) -> Any:
        return super().to_asgi_response(*args, **{**kwargs, "media_type": self.media_type})
