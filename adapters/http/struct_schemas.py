"""Document msgspec Structs with msgspec's own JSON Schema, so the docs promise what msgspec checks.

Litestar's generator loses what it does not read: constraints on list items (`list[Id]` became a
list of any integer), `forbid_unknown_fields` (no `additionalProperties: false`), the item type of
a subclassed generic (`PlatformPage(Page[PlatformOut])` listed bare objects), and it writes
`int | float` as a `oneOf` that every integer matches twice. So each field whose msgspec schema is
self-contained gets that schema; a field naming another Struct or an Enum keeps Litestar's `$ref`
to the component Litestar names, with the generic's type variables filled in.

Litestar's `format` is kept where msgspec gives none: msgspec leaves `date-time` off datetimes
that may be naive, and every datetime Tessera writes is aware.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, get_args, get_origin, get_type_hints

import msgspec
from litestar._openapi.schema_generation.plugins.struct import StructSchemaPlugin
from litestar.openapi.spec import Reference, Schema
from litestar.typing import FieldDefinition

if TYPE_CHECKING:
    from litestar._openapi.schema_generation import SchemaCreator

__all__ = ("ExactStructSchemaPlugin",)

# JSON Schema keyword -> `Schema` attribute, e.g. "maxLength" -> "max_length".
_ATTRIBUTE = {field.metadata.get("alias", field.name): field.name for field in dataclasses.fields(Schema)}
_VALUES = {"type", "enum", "const", "default", "examples", "required"}  # keywords that hold no sub-schema
_SCHEMA_MAPS = {"properties", "patternProperties", "dependentSchemas"}


class ExactStructSchemaPlugin(StructSchemaPlugin):
    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: SchemaCreator) -> Schema:
        schema = super().to_openapi_schema(field_definition, schema_creator)
        struct = field_definition.annotation
        (top,), found = msgspec.json.schema_components([struct], ref_template="{name}")
        exact = found[top["$ref"]]
        generic = _filled_type_variables(struct)
        properties = dict(schema.properties or {})
        for field in msgspec.structs.fields(struct):
            name, raw = field.encode_name, exact["properties"][field.encode_name]
            if field.name in generic:
                properties[name] = schema_creator.for_field_definition(
                    FieldDefinition.from_annotation(generic[field.name], name=name)
                )
            elif not _refers(raw):
                properties[name] = _with_format_of(properties.get(name), _schema(raw))
        schema.properties = properties
        if exact.get("additionalProperties") is False:
            schema.additional_properties = False
        return schema


def _filled_type_variables(struct: Any) -> dict[str, Any]:
    """`{field: annotation}` of the fields a generic base class types with its type variables, filled
    with the subclass's arguments: under `Page[PlatformOut]`, `items: list[T]` is `list[PlatformOut]`."""
    filled: dict[str, Any] = {}
    for base in getattr(struct, "__orig_bases__", ()):
        origin = get_origin(base)
        if origin is None or not isinstance(origin, type):
            continue
        arguments = dict(zip(getattr(origin, "__parameters__", ()), get_args(base), strict=False))
        for name, hint in get_type_hints(origin, include_extras=True).items():
            variables = [arguments[v] for v in getattr(hint, "__parameters__", ()) if v in arguments]
            if isinstance(hint, TypeVar) and hint in arguments:
                filled[name] = arguments[hint]
            elif variables:
                filled[name] = hint[tuple(variables)]
    return filled


def _refers(raw: object) -> bool:
    if isinstance(raw, Mapping):
        return "$ref" in raw or any(_refers(value) for value in raw.values())
    if isinstance(raw, list):
        return any(_refers(value) for value in raw)
    return False


def _with_format_of(litestar: Schema | Reference | None, exact: Schema) -> Schema:
    if isinstance(litestar, Schema) and exact.format is None and exact.type == litestar.type:
        exact.format = litestar.format
    return exact


def _schema(raw: Mapping[str, Any]) -> Schema:
    return Schema(**{_ATTRIBUTE[key]: _value(key, value) for key, value in raw.items()})


def _value(key: str, value: Any) -> Any:
    if key in _VALUES or not isinstance(value, dict | list):
        return value
    if isinstance(value, list):
        return [_schema(item) for item in value]
    if key in _SCHEMA_MAPS:
        return {name: _schema(item) for name, item in value.items()}
    return _schema(value)
