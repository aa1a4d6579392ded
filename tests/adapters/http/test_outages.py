"""A database that does not answer is a 503 with `Retry-After`, never a 500, and a few log lines.

The databases here really fail: a PostgreSQL port nothing listens on, a SQLite file in a folder that
does not exist. Every request that needs them, the tenant look-up included, answers the same way.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from litestar import Response
from litestar.testing import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from adapters.bootstrap import bootstrap
from adapters.container import Container
from adapters.http.app import create_app
from adapters.http.outages import outage_handler
from adapters.settings_file import settings_from_mapping
from kernel.identity import Principal, Role
from tests.api import Api
from tests.database import SECRET
from tests.written_logs import suppressed, written_lines

UNAVAILABLE = {
    "status_code": 503,
    "detail": "the database is not answering: nothing was changed; try again in 5 seconds",
    "extra": None,
}


@pytest.fixture(params=["postgresql+psycopg://nobody@127.0.0.1:1/nothing", "sqlite:////nonexistent/dir/x.db"])
def down(request: pytest.FixtureRequest) -> Iterator[tuple[TestClient, dict[str, str]]]:
    settings = {"database": {"url": request.param}, "auth": {"jwt_secret": SECRET}}
    container = bootstrap(settings_from_mapping(settings))
    token = container.tokens().issue(Principal(user_id=1, role=Role.VENDOR_OWNER, vendor_id=1)).access_token
    try:
        with TestClient(create_app(container)) as client:
            yield client, {"Authorization": f"Bearer {token}"}
    finally:
        container.shutdown_resources()


def test_every_request_that_needs_the_database_is_503_with_retry_after(down) -> None:
    client, owner = down
    answers = [
        client.post("/api/v1/auth/token", json={"email": "ana@example.com", "password": "correct horse"}),
        client.get("/api/v1/vendor/dashboard/stats", headers=owner),
        client.post(
            "/api/v1/vendor/orders", json={"customer_email": "a@example.com", "total_cents": 1}, headers=owner
        ),
    ]
    for response in answers:
        assert (response.status_code, response.json()) == (503, UNAVAILABLE)
        assert response.headers["retry-after"] == "5"
    assert client.get("/health").status_code == 200


def test_an_outage_logs_one_line_per_interval_not_one_per_request(down) -> None:
    client, owner = down
    with written_lines() as written:
        for _ in range(20):
            assert client.get("/api/v1/vendor/orders", headers=owner).status_code == 503
        written.clock.advance(10)
        written.handler.flush()
    lines = [record for record in written.lines.records if record.name.startswith("tessera")]
    assert [record.levelname for record in lines] == ["WARNING", "WARNING"]
    assert lines[0].getMessage().startswith("database unavailable, answering 503: ")
    assert [suppressed(record) for record in lines] == [(0, 0), (19, 10)]


def test_the_log_counts_what_it_did_not_write() -> None:
    """Each 503 names its cause: a refused connection and a full pool are counted apart."""
    handle = outage_handler(lambda status, detail, headers: Response(detail, status_code=status))
    request: Any = None  # the handler does not read it
    refused = OperationalError("SELECT 1", {}, sqlite3.OperationalError("connection refused"))
    with written_lines() as written:
        for moment in (0, 1, 2, 9.9, 10, 10.5, 25):
            written.clock.seconds = moment
            handle(request, refused)
        handle(request, PoolTimeoutError("QueuePool limit of size 10 overflow 10 reached"))
    refusal = "database unavailable, answering 503: OperationalError: connection refused"
    full = "database unavailable, answering 503: TimeoutError: QueuePool limit of size 10 overflow 10 reached"
    assert [(record.getMessage(), suppressed(record)) for record in written.lines.records] == [
        (refusal, (0, 0)),
        (refusal, (3, 10)),  # at 10 s: the requests at 1, 2 and 9.9 s were counted, not written
        (refusal, (1, 15)),
        (full, (0, 0)),
    ]


@contextmanager
def _writer_holding_orders(url: str) -> Iterator[None]:
    """Another client holds the orders table for writing until the block ends, as a long migration or
    a stuck transaction would: PostgreSQL's strongest table lock, SQLite's one write lock."""
    if url.startswith("sqlite"):
        connection = sqlite3.connect(make_url(url).database or "", isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            connection.rollback()
            connection.close()
        return
    engine = create_engine(url)
    try:
        with engine.connect() as holder:
            holder.execute(text("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE"))
            yield
            holder.rollback()
    finally:
        engine.dispose()


def test_a_write_stalled_by_a_lock_is_503_at_its_bound_and_writes_nothing(
    make_container: Callable[..., Container], database_url: str
) -> None:
    """`lock_timeout_ms` bounds the wait (the lock here is held far longer); the order is not written."""
    container = make_container({"database": {"lock_timeout_ms": 200, "statement_timeout_ms": 1000}})
    with TestClient(create_app(container)) as client:
        api = Api(client, container)
        root = api.super_admin()
        acme = api.vendor(root, "acme", [api.platform(root, "main")])
        owner = api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme)
        api.order(owner, 1500)
        body = {"customer_email": "ana@example.com", "total_cents": 4999}
        with _writer_holding_orders(database_url):
            started = time.monotonic()
            stalled = client.post("/api/v1/vendor/orders", json=body, headers=owner)
            waited = time.monotonic() - started
            assert client.get("/health").status_code == 200
        assert (stalled.status_code, stalled.json(), stalled.headers["retry-after"]) == (
            503,
            UNAVAILABLE,
            "5",
        )
        assert waited < 5  # bounded by the 200 ms lock timeout, not by the lock (held until we let go)
        assert client.get("/api/v1/vendor/orders", headers=owner).json()["total"] == 1
        assert client.post("/api/v1/vendor/orders", json=body, headers=owner).status_code == 201
