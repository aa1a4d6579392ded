"""Read a msgspec validation error, and put it into a sentence a person can act on.

msgspec puts the path after the message (`Expected 'int', got 'str' - at '$.server.port'`), and
for a missing or unknown field names it in the message itself; the settings loader, the HTTP body
check and the CLI all turn either into the key a person must fix (`field_error`).

The API goes one step further (`sentence`): it names the field and says what the field's type
expects, read from the type itself (`msgspec.inspect`), so the answer lists an enum's values and
a pattern's words (`extra["expects"]` beside each pattern, see `contracts.fields`), and never shows a
regex or a Python type: `customer_email must look like name@example.com`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from enum import Enum
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

import msgspec
import msgspec.inspect as mi
import msgspec.structs

from contracts.currencies import CurrencyCode
from contracts.fields import NO_NUL, Email, Hostname, Name, Password, Slug
from kernel.period import PERIOD_EXPECTS, PERIOD_PATTERN

__all__ = ("FieldError", "field_error", "sentence", "type_at")

_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_NAMED = re.compile(r"^Object (?P<kind>contains unknown|missing required) field [`'](?P<field>[^`']+)[`']")
_INDEX = re.compile(r"\[['\"]?([^'\"\]]+)['\"]?\]")
# msgspec quotes types in backticks; `field_error` has turned them into single quotes.
_REGEX = re.compile(r"^Expected [`']str[`'] matching regex ")
_LENGTH = re.compile(r"^Expected [`']\w+[`'] of length ")

# Words for patterns a route restates outside a msgspec type (a query parameter cannot carry
# `extra`): the kernel's shared types and the dashboard's period, found by the pattern itself.
_KNOWN_PATTERNS: dict[str, str] = {
    **{
        get_args(kind)[1].pattern: get_args(kind)[1].extra["expects"]
        for kind in (CurrencyCode, Email, Hostname, Name, Password, Slug)
    },
    PERIOD_PATTERN: PERIOD_EXPECTS,
    r"^[^\x00]*$": NO_NUL,
}


@dataclass(frozen=True, slots=True)
class FieldError:
    path: str  # dotted, "" for the value as a whole
    message: str


def field_error(error: msgspec.DecodeError) -> FieldError:
    match = _AT.match(str(error))
    assert match is not None  # the pattern accepts every string
    path = _INDEX.sub(r".\1", match["path"] or "").strip(".")
    named = _NAMED.match(match["message"])
    if named is not None:
        path = ".".join(part for part in (path, named["field"]) if part)
    return FieldError(path=path, message=match["message"].replace("`", "'"))


def type_at(annotation: Any, path: list[str]) -> Any:
    """The annotation found at `path` (field names and list indexes) inside `annotation`, or None.

    Walked on the typing annotations rather than `msgspec.inspect`, which sorts a Literal's values:
    an error lists them in the order the code declares them."""
    for part in path:
        try:
            annotation = _step(annotation, part)
        except (TypeError, ValueError, NameError):  # a type that cannot be read: no words, only the name
            return None
        if annotation is None:
            return None
    return annotation


def _step(annotation: Any, part: str) -> Any:
    bare = _bare(annotation)
    origin = get_origin(bare)
    if origin in (Union, UnionType):
        return next((s for arg in get_args(bare) if (s := _step(arg, part)) is not None), None)
    if isinstance(bare, type) and issubclass(bare, msgspec.Struct):
        return next((f.type for f in msgspec.structs.fields(bare) if part in (f.name, f.encode_name)), None)
    if isinstance(bare, type) and dataclasses.is_dataclass(bare):
        return get_type_hints(bare, include_extras=True).get(part)
    if origin in (list, set, frozenset, tuple) and part.isdigit():
        return get_args(bare)[0]
    if origin is dict:
        return get_args(bare)[1]
    return None


def _bare(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _declared_values(annotation: Any) -> list[str]:
    """A Literal's or an Enum's values in the order the code declares them (through unions)."""
    bare = _bare(annotation)
    if get_origin(bare) is Literal:
        return [str(value) for value in get_args(bare)]
    if get_origin(bare) in (Union, UnionType):
        return [value for arg in get_args(bare) for value in _declared_values(arg)]
    if isinstance(bare, type) and issubclass(bare, Enum):
        return [str(member.value) for member in bare]
    return []


def _expects(kind: mi.Type) -> str | None:
    """The words a pattern carries beside it, or that the kernel gives its own patterns."""
    if isinstance(kind, mi.Metadata):
        words = kind.extra.get("expects") if isinstance(kind.extra, dict) else None
        return words if isinstance(words, str) else _expects(kind.type)
    if isinstance(kind, mi.UnionType):
        return next((words for t in kind.types if (words := _expects(t)) is not None), None)
    if isinstance(kind, mi.StrType) and kind.pattern is not None:
        return _KNOWN_PATTERNS.get(kind.pattern)
    return None


def sentence(key: str, message: str, annotation: Any) -> str:
    """`key` names the field (`data` is the body itself), `message` is msgspec's own and
    `annotation` the field's declared type. Missing and unknown fields are named; anything else
    says what the field expects."""
    subject = "the body" if key in ("", "data") else key
    named = _NAMED.match(message)
    if named is not None:
        if named["kind"] == "missing required":
            return f"{named['field']} is required"
        return f"{named['field']} is not a field of this request: remove it"
    try:
        expected = mi.type_info(annotation) if annotation is not None else None
    except (TypeError, ValueError):
        expected = None
    if expected is None:
        return f"{subject} is not valid"
    bare = _inner(expected)
    if isinstance(bare, mi.CustomType) and bare.cls.__name__ == "UploadFile":
        return f"send exactly one file in the '{key}' field"
    return f"{subject} must {_must(message, annotation, expected)}"


def _must(message: str, annotation: Any, expected: mi.Type) -> str:
    """The words after "must": a pattern's words (for any failure but a length), an enum's values,
    else what the type is with its bounds."""
    words = _expects(expected)
    if _REGEX.match(message):  # never the regex itself: its words, else a pointer to the schema
        return words or "be in the form the API schema documents"
    if words is not None and not _LENGTH.match(message):
        return words
    values = _declared_values(annotation)
    if values and isinstance(_inner(expected), mi.LiteralType | mi.EnumType | mi.UnionType):
        return f"be {values[0]}" if len(values) == 1 else f"be one of {', '.join(values)}"
    return _predicate(_inner(expected))


def _inner(kind: mi.Type) -> mi.Type:
    while isinstance(kind, mi.Metadata):
        kind = kind.type
    return kind


def _predicate(kind: mi.Type) -> str:
    """What a value of `kind` is, as the words after "must"."""
    if isinstance(kind, mi.UnionType):
        parts = [_predicate(_inner(t)) for t in kind.types if not isinstance(_inner(t), mi.NoneType)]
        return " or ".join(dict.fromkeys(parts)) if parts else "be null"
    if isinstance(kind, mi.IntType | mi.FloatType):
        noun = "a whole number" if isinstance(kind, mi.IntType) else "a number"
        return f"be {noun}{_range(kind)}"
    if isinstance(kind, mi.StrType):
        return f"be text{_span(kind.min_length, kind.max_length, 'characters')}"
    if isinstance(kind, mi.ListType | mi.SetType | mi.FrozenSetType | mi.VarTupleType):
        return f"be a list{_span(kind.min_length, kind.max_length, 'items')}"
    return _SIMPLE.get(type(kind)) or "be valid"


_SIMPLE: dict[type[mi.Type], str] = {
    mi.BoolType: "be true or false",
    mi.DateType: "be a date like 2026-01-31",
    mi.DateTimeType: "be a date and time like 2026-01-31T12:00:00Z",
    mi.StructType: "be a JSON object",
    mi.DataclassType: "be a JSON object",
    mi.TypedDictType: "be a JSON object",
    mi.DictType: "be a JSON object",
    mi.NoneType: "be null",
}


def _range(kind: mi.IntType | mi.FloatType) -> str:
    low = kind.ge if kind.ge is not None else (kind.gt + 1 if isinstance(kind.gt, int) else kind.gt)
    high = kind.le if kind.le is not None else (kind.lt - 1 if isinstance(kind.lt, int) else kind.lt)
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f" of at least {low}"
    return f" of at most {high}" if high is not None else ""


def _span(low: int | None, high: int | None, unit: str) -> str:
    if low and high is not None:
        return f" of {low} to {high} {unit}"
    if high is not None:
        return f" of at most {high} {unit}"
    return f" of at least {low} {unit}" if low else ""
