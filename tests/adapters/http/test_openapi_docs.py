"""The served OpenAPI document reads as documentation: each operation says in words what it does,
and each request body shows a realistic example rather than Swagger's `"string"` placeholders.

Read from the document the app serves, so a route added without a summary, or a body without an
example, fails here rather than in front of a reader of `/schema/swagger`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

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
