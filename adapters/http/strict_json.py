"""Read JSON bodies by JSON's own types: `"12"` is not a number and `0` is not `false`.

Litestar converts handler arguments with msgspec's lax rules, which suit query strings but let a
JSON body through with values its schema forbids. This request class first checks the body
against the handler's `data` type with msgspec's strict rules, counting a number without a
fraction (`12.0`) as an integer the way JSON Schema does. A body that passes goes on unchanged.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request
from litestar.exceptions import ValidationException

from adapters.validation_errors import field_error

__all__ = ("StrictJSONRequest",)


class StrictJSONRequest(Request[Any, Any, Any]):
    async def json(self) -> Any:
        value = await super().json()
        data = self.route_handler.parsed_data_field
        if data is not None:
            try:
                msgspec.convert(_whole_numbers_as_int(value), type=data.annotation, strict=True)
            except msgspec.ValidationError as error:
                found = field_error(error)
                field = {"key": found.path or data.name, "message": found.message, "source": "body"}
                raise ValidationException(
                    f"Validation failed for {self.method} {self.url.path}", extra=[field]
                ) from None
        return value


def _whole_numbers_as_int(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _whole_numbers_as_int(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole_numbers_as_int(item) for item in value]
    return value
