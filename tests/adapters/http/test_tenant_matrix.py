"""Every route of the app's route table against the tenant rule, on both databases (see
`tests/tenant_matrix.py` for the cells), and proof that the matrix catches a route without the rule."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from litestar import get
from litestar.di import NamedDependency
from litestar.testing import TestClient

from adapters.container import Container
from adapters.http.app import create_app
from adapters.http.tenant_rule import tenant_rule
from tests.api import Api
from tests.tenant_matrix import CELLS, api_routes, build_world, mismatches


def test_every_route_obeys_the_tenant_rule_in_every_cell(api: Api) -> None:
    world = build_world(api)
    assert list(mismatches(api, world)) == []


def test_the_matrix_covers_every_api_route_and_each_is_reached_from_home(api: Api) -> None:
    """The "home" answers the cells compare with come from handlers, not from a refusal."""
    world = build_world(api)
    calls = api_routes(api.client.app)
    assert len(calls) >= 40
    refusals = []
    for call in (call for call in calls if not call.public):
        actor = "owner" if call.template.startswith("/api/v1/vendor/") else "root"
        headers = {**world.tokens[actor], "host": "main.test", "content-type": "application/json"}
        body = b"{" if call.has_body else None
        response = api.client.request(call.method, call.url(world.ids["main"]), headers=headers, content=body)
        detail = response.json().get("detail", "") if response.status_code >= 400 else ""
        if response.status_code in (401, 403) or "switched off" in detail:
            refusals.append(f"{call.method} {call.template}: {response.status_code} {detail}")
    assert refusals == []


@get("/api/v1/vendor/throwaway", sync_to_thread=False)
def _throwaway(current_vendor_id: NamedDependency[int]) -> dict[str, int]:
    """A route a careless change might add: it reads the caller's vendor and trusts the rest."""
    return {"vendor_id": current_vendor_id}


@pytest.fixture
def api_with_a_route_outside_the_rule(container: Container) -> Iterator[Api]:
    app = create_app(container)
    app.guards.remove(tenant_rule)  # every route registered so far keeps it; the next one will not
    app.register(_throwaway)
    with TestClient(app, base_url="http://testserver.local") as client:
        yield Api(client, container)


def test_a_route_added_without_the_rule_fails_the_matrix(api_with_a_route_outside_the_rule: Api) -> None:
    api = api_with_a_route_outside_the_rule
    world = build_world(api)
    assert "/api/v1/vendor/throwaway" in {call.template for call in api_routes(api.client.app)}
    failed = list(mismatches(api, world))
    assert all(line.startswith("GET /api/v1/vendor/throwaway [") for line in failed), failed
    refused_cells = {cell.name for cell in CELLS if isinstance(cell.vendor, tuple) and cell.vendor[0] == 403}
    refused_cells -= {cell.name for cell in CELLS if cell.actor not in ("owner", "member", "solo_owner")}
    assert {line.split("[")[1].split("]")[0] for line in failed} == refused_cells
