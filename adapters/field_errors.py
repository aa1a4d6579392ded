"""The root's `FieldErrors` (contracts/field_errors.py): the HTTP body check's own sentences
(`adapters.validation_errors`) for modules that check values themselves."""

from __future__ import annotations

from typing import Any

import msgspec

from adapters.validation_errors import field_error, sentence, type_at
from kernel.errors import InvalidInputError

__all__ = ("ApiFieldErrors",)


class ApiFieldErrors:
    def explain(self, error: msgspec.ValidationError, into: Any) -> InvalidInputError:
        found = field_error(error)
        key = found.path or "row"
        said = sentence(key, found.message, type_at(into, found.path.split(".") if found.path else []))
        # "total_cents must be …" becomes the field "total_cents" and "must be …"
        return InvalidInputError(key, said.removeprefix(f"{key} ") if said.startswith(f"{key} ") else said)
