"""Liveness and readiness, including a database that is down or not migrated."""

from __future__ import annotations

from litestar.testing import TestClient

from adapters.bootstrap import bootstrap
from adapters.http.app import create_app
from adapters.settings_file import settings_from_mapping
from tests.api import Api
from tests.database import SECRET


def test_health_and_ready(api: Api) -> None:
    assert api.client.get("/health").json() == {"status": "ok"}
    ready = api.client.get("/ready")
    assert (ready.status_code, ready.json()) == (
        200,
        {"status": "ready", "detail": "database reachable and migrated"},
    )


def _ready(url: str) -> tuple[int, dict]:
    container = bootstrap(settings_from_mapping({"database": {"url": url}, "auth": {"jwt_secret": SECRET}}))
    try:
        with TestClient(create_app(container)) as client:
            response = client.get("/ready")
            assert client.get("/health").status_code == 200  # the process is alive all the same
            return response.status_code, response.json()
    finally:
        container.shutdown_resources()


def test_an_unreachable_database_is_503() -> None:
    status, body = _ready("postgresql+psycopg://nobody@127.0.0.1:1/nothing")
    assert (status, body["status"]) == (503, "unavailable")
    assert body["detail"].startswith("database unreachable")


def test_an_unmigrated_database_is_503(tmp_path) -> None:
    status, body = _ready(f"sqlite:///{tmp_path / 'empty.db'}")
    assert status == 503
    modules = "tenancy, catalog, cms, customers, inventory, marketplace, orders"
    assert body["detail"] == f"migrations pending for {modules}: run `tessera db upgrade`"
