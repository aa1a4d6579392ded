"""Read a msgspec validation error as (dotted path, message), the way every adapter reports it.

msgspec puts the path after the message (`Expected 'int', got 'str' - at '$.server.port'`), and
for a missing or unknown field names it in the message itself; the settings loader, the HTTP body
check and the CLI all turn either into the key a person must fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import msgspec

__all__ = ("FieldError", "field_error")

_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_NAMED = re.compile(r"^Object (?:contains unknown|missing required) field `(?P<field>[^`]+)`")
_INDEX = re.compile(r"\[['\"]?([^'\"\]]+)['\"]?\]")


@dataclass(frozen=True, slots=True)
class FieldError:
    path: str  # dotted, "" for the value as a whole
    message: str


def field_error(error: msgspec.ValidationError) -> FieldError:
    match = _AT.match(str(error))
    assert match is not None  # the pattern accepts every string
    path = _INDEX.sub(r".\1", match["path"] or "").strip(".")
    named = _NAMED.match(match["message"])
    if named is not None:
        path = ".".join(part for part in (path, named["field"]) if part)
    return FieldError(path=path, message=match["message"].replace("`", "'"))
