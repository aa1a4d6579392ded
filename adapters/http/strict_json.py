"""Read JSON bodies safely, and by JSON's own types: `"12"` is not a number and `0` is not `false`.

Every JSON body of every route passes through `StrictJSONRequest.json`, so this is the one place
where bytes become values, and where bytes that cannot become values are refused with a 400:
- text that is not JSON, or not UTF-8 (msgspec raises `UnicodeDecodeError` for the latter, which
  Litestar does not catch: it was a 500);
- nesting deeper than `MAX_DEPTH`: msgspec stops at Python's recursion limit with a
  `RecursionError` (a 500, and a traceback logged for a 2 KB body of `[`), and the checks below
  walk the value, so the depth is bounded before any of them runs.

Litestar converts handler arguments with msgspec's lax rules, which suit query strings but let a
JSON body through with values its schema forbids. The body is then checked against the handler's
`data` type with msgspec's strict rules, counting a number without a fraction (`12.0`) as an
integer the way JSON Schema does. A body that passes goes on unchanged.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request
from litestar.exceptions import ValidationException
from litestar.types import Empty

from adapters.validation_errors import field_error, sentence, type_at

__all__ = ("MAX_DEPTH", "StrictJSONRequest")

MAX_DEPTH = 32
"""Arrays and objects inside one another; Tessera's deepest body nests two."""

_DECODER = msgspec.json.Decoder()


class StrictJSONRequest(Request[Any, Any, Any]):
    async def json(self) -> Any:
        if self._json is Empty and self._connection_state.json is Empty:
            value = _decoded(await self.body())
            self._json = self._connection_state.json = value
        value = await super().json()
        data = self.route_handler.parsed_data_field
        if data is not None:
            try:
                msgspec.convert(_whole_numbers_as_int(value), type=data.annotation, strict=True)
            except msgspec.ValidationError as error:
                found = field_error(error)
                key = found.path or data.name
                expected = type_at(data.annotation, found.path.split(".") if found.path else [])
                raise _refused(sentence(key, found.message, expected), key) from None
        return value


def _refused(message: str, key: str = "body") -> ValidationException:
    return ValidationException(message, extra=[{"key": key, "message": message, "source": "body"}])


def _decoded(body: bytes) -> Any:
    """The body's value (None when empty, as Litestar reads it), or a 400 saying what is wrong."""
    try:
        value = _DECODER.decode(body or b"null")
    except UnicodeDecodeError:
        raise _refused("the body must be UTF-8 text") from None
    except RecursionError:
        raise _refused(f"the body must not nest arrays and objects more than {MAX_DEPTH} deep") from None
    except msgspec.DecodeError as error:
        reason = field_error(error).message.replace("'", "")  # msgspec's: "JSON is malformed: …"
        raise _refused(f"the body must be valid JSON ({reason})") from None
    if _depth_over(value, MAX_DEPTH):
        raise _refused(f"the body must not nest arrays and objects more than {MAX_DEPTH} deep")
    return value


def _depth_over(value: Any, limit: int) -> bool:
    """Whether arrays and objects nest more than `limit` deep; a loop, so no recursion of its own."""
    level: list[Any] = [value]
    for _ in range(limit):
        level = [
            item
            for node in level
            if isinstance(node, dict | list)
            for item in (node.values() if isinstance(node, dict) else node)
            if isinstance(item, dict | list)
        ]
        if not level:
            return False
    return True


def _whole_numbers_as_int(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _whole_numbers_as_int(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole_numbers_as_int(item) for item in value]
    return value
