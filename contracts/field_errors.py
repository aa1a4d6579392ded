"""Put a msgspec validation error into the words the API's 400 uses, for code that checks values
outside a request body (an import file's rows): the same field named, the same sentence."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

import msgspec

from kernel.errors import InvalidInputError

__all__ = ("FieldErrors",)


@runtime_checkable
class FieldErrors(Protocol):
    def explain(self, error: msgspec.ValidationError, into: Any) -> InvalidInputError:
        """The field at fault (dotted path, `lines.0.sku`) and what it expects, for a value that
        failed `msgspec.convert(..., into)`; never a regex or a Python type."""
        ...
