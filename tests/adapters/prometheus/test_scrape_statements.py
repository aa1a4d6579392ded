"""A scrape sends the same statements for 3 platforms as for 30: every platform's module switches
come from one statement, not one per platform (with the switches' cache cold, as it is after
`platform.host_cache_ttl_s`, a thousand platforms cost a thousand statements per scrape per worker),
and they are the switches each platform's requests see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from adapters.http.app import create_app
from tests.adapters.prometheus.scraping import scrape
from tests.api import Api
from tests.statements import counted


@pytest.fixture
def api(make_container: Callable[..., Any]) -> Any:
    container = make_container({"platform": {"host_cache_ttl_s": 0}})  # no cache: every look-up reads
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        yield Api(client, container)


def _statements(api: Api) -> list[str]:
    with counted(api.container.engine(), api.container.metrics_engine()) as statements:
        assert scrape(api.client.app).status_code == 200
    return statements


def _switch_one_off(api: Api, root: dict[str, str], platform_id: int) -> None:
    """Off: an optional module nothing on still needs, whichever the test matrix left on."""
    path = f"/api/v1/admin/platforms/{platform_id}/modules"
    states = api.client.get(path, headers=root).json()["modules"]
    on = {state["code"] for state in states if state["enabled"]}
    code = next(
        state["code"]
        for state in states
        if state["enabled"] and not state["is_core"] and not on & set(state["required_by"])
    )
    assert api.client.put(f"{path}/{code}", json={"enabled": False}, headers=root).status_code == 200


def test_a_scrape_sends_as_many_statements_for_30_platforms_as_for_3(api: Api) -> None:
    root = api.super_admin()
    made = [api.platform(root, f"p{number}") for number in range(3)]
    _switch_one_off(api, root, made[0])
    few = _statements(api)
    made += [api.platform(root, f"p{number}") for number in range(3, 30)]
    _switch_one_off(api, root, made[10])
    many = _statements(api)
    assert len(many) == len(few) == 3, many  # the switches, the totals, the backlog
    switches = api.container.module_switches()
    with api.container.session_factory()() as db:
        every = switches.every_platform(db)
    assert set(made) <= set(every)
    assert every == {platform_id: switches.enabled_codes(platform_id) for platform_id in every}
    assert every[made[0]] != every[made[1]]  # the switch shows
