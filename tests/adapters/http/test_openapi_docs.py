"""The served OpenAPI document reads as documentation: each operation says in words what it does,
and each request body shows a realistic example rather than Swagger's `"string"` placeholders.

Read from the document the app serves, so a route added without a summary, or a body without an
example, fails here rather than in front of a reader of `/schema/swagger`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import pytest
from litestar.testing import TestClient

from adapters.http.app import create_app
from tests.adapters.http.served_schema import schema_only_container

_METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture(scope="module")
def document() -> Iterator[dict[str, Any]]:
    container = schema_only_container()
    try:
        with TestClient(create_app(container)) as client:
            yield client.get("/schema/openapi.json").json()
    finally:
        container.shutdown_resources()


def _operations(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """`("POST /api/v1/vendor/orders", operation)` for every documented operation of the API."""
    found = [
        (f"{method.upper()} {path}", item[method])
        for path, item in document["paths"].items()
        if path.startswith("/api/") or path in {"/health", "/ready"}
        for method in _METHODS
        if method in item
    ]
    assert len(found) > 40, "the API's operations are missing from the document"
    return found


def test_every_operation_has_a_summary_in_words(document: dict[str, Any]) -> None:
    for name, operation in _operations(document):
        summary = operation.get("summary", "")
        # Words with spaces between them, so never Litestar's default: the handler's name in CamelCase
        assert re.fullmatch(r"[A-Z][a-z']*( [\w'-]+)+", summary), f"{name}: {summary!r} is not a phrase"


def test_summaries_are_unique(document: dict[str, Any]) -> None:
    summaries = [operation["summary"] for _, operation in _operations(document)]
    assert len(summaries) == len(set(summaries)), sorted(s for s in summaries if summaries.count(s) > 1)


def test_every_operation_has_a_description(document: dict[str, Any]) -> None:
    for name, operation in _operations(document):
        description = operation.get("description", "")
        assert len(description.split()) >= 3, f"{name}: no description"
        assert description != operation["summary"], name


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _request_bodies(document: dict[str, Any]) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """`(operation, media type object, its schema with references followed)` of every request body."""
    return [
        (name, media, _resolve(document, media["schema"]))
        for name, operation in _operations(document)
        for media in operation.get("requestBody", {}).get("content", {}).values()
    ]


def _placeholders(value: object) -> list[object]:
    """Swagger's own filler (`"string"`, `additionalProp1`) wherever it hides in an example."""
    if isinstance(value, dict):
        found = [key for key in value if key.startswith("additionalProp")]
        return found + [p for item in value.values() for p in _placeholders(item)]
    if isinstance(value, list):
        return [p for item in value for p in _placeholders(item)]
    return [value] if value == "string" else []


def test_every_request_body_has_an_example(document: dict[str, Any]) -> None:
    bodies = _request_bodies(document)
    assert len(bodies) > 20
    for name, media, schema in bodies:
        if "example" in media or "examples" in media or schema.get("examples"):
            continue
        for field, prop in schema["properties"].items():
            assert _resolve(document, prop).get("examples"), f"{name}: `{field}` has no example"


def _with_examples(node: object, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """`(JSON pointer, schema)` of every schema in the document that lists `examples`."""
    if isinstance(node, dict):
        if isinstance(node.get("examples"), list):
            yield where, node
        for key, value in node.items():
            yield from _with_examples(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _with_examples(value, f"{where}/{index}")


def test_no_example_is_a_placeholder(document: dict[str, Any]) -> None:
    examples = [example for _, schema in _with_examples(document) for example in schema["examples"]]
    assert len(examples) > 50
    assert _placeholders(examples) == []


def test_the_dashboards_show_figures_rather_than_placeholders(document: dict[str, Any]) -> None:
    for name in ("VendorDashboardOut", "PlatformDashboardOut"):
        (categories,) = document["components"]["schemas"][name]["properties"]["categories"]["examples"]
        assert {figure["key"] for figures in categories.values() for figure in figures} >= {
            "orders.period_revenue"
        }


def test_every_example_satisfies_its_schema(document: dict[str, Any]) -> None:
    """Swagger's "Try it out" sends them as they are, and schemathesis sends them as valid data."""
    found = list(_with_examples(document))
    assert len(found) > 40
    for where, schema in found:
        alone = {key: value for key, value in schema.items() if key != "examples"}
        validator = jsonschema_rs.Draft202012Validator({**alone, "components": document["components"]})
        for example in schema["examples"]:
            assert validator.is_valid(example), f"{where}: {example!r}"
