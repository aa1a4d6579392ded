"""A served worker freezes its start-up heap (so full collections stop walking it); an app built in
process, as every other test builds one, does not."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from adapters.container import Container
from adapters.http.app import create_app
from adapters.http.asgi import app_from_settings
from adapters.http.startup_heap import freeze_startup_heap
from adapters.settings_file import settings_from_mapping
from tests.api import Api
from tests.database import SECRET
from tests.removal import module_settings


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Starts and leaves the test process with nothing frozen."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_freezing_moves_what_is_alive_out_of_the_generations(unfrozen: None) -> None:
    kept: list[list[int]] = [[] for _ in range(1000)]
    freeze_startup_heap()
    assert gc.get_freeze_count() >= len(kept)
    assert gc.get_count()[1:] == (0, 0)  # the older generations start empty


def test_a_served_worker_freezes_at_start_up(database_url: str, unfrozen: None) -> None:
    raw = {"database": {"url": database_url}, "auth": {"jwt_secret": SECRET}, **module_settings()}
    app = app_from_settings(settings_from_mapping(raw, source="test settings"))
    assert gc.get_freeze_count() == 0  # nothing before the worker starts
    with TestClient(app) as client:
        assert gc.get_freeze_count() > 10_000  # the imported modules, the app, the container
        assert client.get("/health").status_code == 200


def test_the_warm_up_ends_by_saying_so(container: Container) -> None:
    """Where a served worker freezes again: once the readiness check is prepared and the dashboards'
    pool connected. (The frozen count cannot show it: frozen objects freed since leave it.)"""
    warmed = threading.Event()
    with TestClient(create_app(container, warmed=warmed.set)) as client:
        assert warmed.wait(10.0)
        assert client.get("/health").status_code == 200


def test_an_app_built_in_process_freezes_nothing(api: Api, unfrozen: None) -> None:
    assert api.client.get("/health").status_code == 200
    assert gc.get_freeze_count() == 0
