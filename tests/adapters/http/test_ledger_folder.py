"""Each server process folds the ledger's deltas in the background, every
`figures.fold_interval_ms`, from the app's start to its shutdown; 0 switches it off."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from litestar.testing import TestClient
from sqlalchemy import func, select

from adapters.container import Container
from adapters.http.app import create_app
from modules.tenancy.models import LedgerDelta
from tests.api import Api


def _deltas(container: Container) -> int:
    with container.session_factory()() as session:
        return int(session.execute(select(func.count()).select_from(LedgerDelta)).scalar_one())


def _served(container: Container, then: Callable[[Api, dict[str, Any]], None]) -> None:
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        api = Api(client, container)
        world = api.three_vendors()
        api.order(world["bolt_owner"], 1200, "paid", email="a@x.test")
        then(api, world)


def test_a_served_app_folds_the_deltas_of_its_writes(make_container: Callable[..., Container]) -> None:
    container = make_container({"ledger": {"fold_interval_ms": 50}})

    def folded(api: Api, world: dict[str, Any]) -> None:
        deadline = time.monotonic() + 10
        while _deltas(container) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _deltas(container) == 0

    _served(container, folded)


def test_a_fold_interval_of_0_folds_nothing(make_container: Callable[..., Container]) -> None:
    container = make_container({"ledger": {"fold_interval_ms": 0}})

    def unfolded(api: Api, world: dict[str, Any]) -> None:
        time.sleep(0.3)
        assert _deltas(container) > 0

    _served(container, unfolded)
