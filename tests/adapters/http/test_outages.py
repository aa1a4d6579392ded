"""A database that does not answer is a 503 with `Retry-After`, never a 500, and a few log lines.

The databases here really fail: a PostgreSQL port nothing listens on, a SQLite file in a folder that
does not exist. Every request that needs them, the tenant look-up included, answers the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from litestar.testing import TestClient

from adapters.bootstrap import bootstrap
from adapters.http.app import create_app
from adapters.http.outages import OutageLog
from adapters.settings_file import settings_from_mapping
from kernel.identity import Principal, Role
from tests.database import SECRET

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


def test_an_outage_logs_one_line_per_interval_not_one_per_request(
    down, caplog: pytest.LogCaptureFixture
) -> None:
    client, owner = down
    with caplog.at_level(logging.WARNING, logger="tessera"):
        for _ in range(20):
            assert client.get("/api/v1/vendor/orders", headers=owner).status_code == 503
    lines = [record for record in caplog.records if record.name.startswith("tessera")]
    assert [record.levelname for record in lines] == ["WARNING"]
    assert lines[0].getMessage().startswith("database unavailable, 1 request(s) answered 503: ")


def test_the_log_counts_what_it_did_not_write() -> None:
    now = [0.0]
    log = OutageLog(interval_s=10, clock=lambda: now[0])
    logger = logging.getLogger("tessera.http")
    seen: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        for moment in (0, 1, 2, 9.9, 10, 10.5, 25):
            now[0] = moment
            log.note("OperationalError: connection refused")
        log.note("TimeoutError: pool exhausted")
    finally:
        logger.removeHandler(handler)
    assert seen == [
        "database unavailable, 1 request(s) answered 503: OperationalError: connection refused",
        "database unavailable, 4 request(s) answered 503: OperationalError: connection refused",
        "database unavailable, 2 request(s) answered 503: OperationalError: connection refused",
        "database unavailable, 1 request(s) answered 503: TimeoutError: pool exhausted",
    ]
