"""The limits on clients (`server.*`), as a client meets them: a real `tessera serve`, real sockets.

Timeouts are set to a second so each test takes a few; the bounds asserted are coarse (closed after
most of the timeout and before it plus a margin), not speeds. What each limit answers is asserted
exactly: 431 for a head too large, a silent close for slow or idle headers, 408 for a slow body, and
for connections past `max_connections` no answer until a slot frees.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from tests.adapters.http.live_server import free_port, served
from tests.adapters.http.raw_client import (
    connect,
    head_of_size,
    read_answer,
    trickle_until_closed,
    wait_until_closed,
)
from tests.database import SECRET, migrate

TIMEOUT_S = 1.0
MARGIN_S = 2.5
"""A timer of one second may fire late on a loaded machine (CI runs the tests in parallel)."""
MAX_HEADER_BYTES = 8192
LIMITS = {"header_timeout_s": TIMEOUT_S, "body_timeout_s": TIMEOUT_S, "max_header_bytes": MAX_HEADER_BYTES}
CAPPED = {"max_connections": 2, "header_timeout_s": 5, "keep_alive": False}
GET = b"GET /health HTTP/1.1\r\nHost: test\r\n\r\n"


@pytest.fixture(scope="module")
def limited_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The base URL, and the server's log."""
    directory = tmp_path_factory.mktemp("limited")
    with served(directory, server=LIMITS) as base_url:
        yield base_url, directory / "serve.log"


@pytest.fixture
def limited(limited_server: tuple[str, Path]) -> str:
    return limited_server[0]


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(tmp_path_factory.mktemp("capped"), server=CAPPED) as base_url:
        yield base_url


def assert_closed_on_time(elapsed_s: float, timeout_s: float = TIMEOUT_S) -> None:
    assert timeout_s * 0.8 <= elapsed_s < timeout_s + MARGIN_S


def test_a_head_one_byte_past_max_header_bytes_gets_431_and_the_server_serves_on(limited: str) -> None:
    with connect(limited) as at_the_limit:
        at_the_limit.sendall(head_of_size(MAX_HEADER_BYTES))
        assert read_answer(at_the_limit).status == 200
    with connect(limited) as past_it:
        past_it.sendall(head_of_size(MAX_HEADER_BYTES + 1))
        refused = read_answer(past_it)
        assert (refused.status, refused.headers["connection"]) == (431, "close")
        assert wait_until_closed(past_it, MARGIN_S)[0] == b""
    assert httpx.get(f"{limited}/health", timeout=5).status_code == 200


def test_a_client_sending_its_headers_slowly_is_closed_within_header_timeout(limited: str) -> None:
    with connect(limited) as slow:
        slow.sendall(b"GET /health HTTP/1.1\r\nHost: test\r\n")
        answered, elapsed_s = trickle_until_closed(slow, b"X-Slow: 1\r\n", every_s=0.2, limit_s=10)
    assert answered == b""  # closed without a word: there is no request to answer yet
    assert_closed_on_time(elapsed_s)
    assert httpx.get(f"{limited}/health", timeout=5).status_code == 200


def test_a_body_sent_slowly_is_answered_408_within_body_timeout_and_closed(limited: str) -> None:
    with connect(limited) as slow:
        slow.sendall(
            b"POST /api/v1/auth/token HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n{"
        )
        answered, elapsed_s = trickle_until_closed(slow, b" ", every_s=0.2, limit_s=10)
    head, body = answered.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 408 ")
    assert b"\r\nconnection: close" in head.lower()
    assert json.loads(body) == {
        "status_code": 408,
        "detail": "the body did not arrive within 1 s of the headers: send it at once",
        "extra": None,
    }
    assert_closed_on_time(elapsed_s)


def test_a_client_leaving_before_its_body_is_whole_leaves_no_trace_in_the_log(
    limited_server: tuple[str, Path],
) -> None:
    base_url, log = limited_server
    with connect(base_url) as leaving:
        leaving.sendall(
            b"POST /api/v1/auth/token HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n{"
        )
        time.sleep(0.2)
    time.sleep(0.5)  # the worker notices the close
    assert httpx.get(f"{base_url}/health", timeout=5).status_code == 200
    assert "Traceback" not in log.read_text()  # Litestar's own answer is a 500 with one


def test_an_idle_connection_is_closed_after_header_timeout_before_and_between_requests(limited: str) -> None:
    with connect(limited) as silent:
        answered, elapsed_s = wait_until_closed(silent, limit_s=10)
    assert answered == b""
    assert_closed_on_time(elapsed_s)

    with connect(limited) as kept_alive:
        kept_alive.sendall(GET)
        assert read_answer(kept_alive).status == 200
        kept_alive.sendall(GET)  # kept alive: a second request on the same connection
        assert read_answer(kept_alive).status == 200
        answered, elapsed_s = wait_until_closed(kept_alive, limit_s=10)
    assert answered == b""
    assert_closed_on_time(elapsed_s)


def test_connections_past_max_connections_wait_for_a_free_slot_while_the_others_are_served(
    capped: str,
) -> None:
    held = [connect(capped) for _ in range(CAPPED["max_connections"])]
    try:
        time.sleep(0.3)  # both taken by the worker
        with connect(capped) as waiting:
            waiting.sendall(GET)
            waiting.settimeout(1.0)
            with pytest.raises(TimeoutError):
                waiting.recv(1)  # accepted by the system, not by the server: no answer
            held[0].sendall(GET)
            assert read_answer(held[0]).status == 200  # the connections it holds are served
            held[0].close()  # keep-alive is off here, so the server closes it too: a slot frees
            waiting.settimeout(5.0)
            assert read_answer(waiting).status == 200
    finally:
        for connection in held:
            connection.close()


def test_without_keep_alive_a_connection_serves_one_request(capped: str) -> None:
    with connect(capped) as once:
        once.sendall(GET)
        answer = read_answer(once)
        assert (answer.status, answer.headers["connection"]) == (200, "close")
        answered, elapsed_s = wait_until_closed(once, limit_s=MARGIN_S)
    assert (answered, elapsed_s < 1.0) == (b"", True)


def test_serve_refuses_to_start_when_the_open_file_limit_cannot_cover_max_connections(tmp_path: Path) -> None:
    database = tmp_path / "tessera.db"
    migrate(f"sqlite:///{database}")
    settings = tmp_path / "settings.yaml"
    raw = {"database": {"url": f"sqlite:///{database}"}, "auth": {"jwt_secret": SECRET}}
    settings.write_text(yaml.safe_dump({**raw, "server": {"max_connections": 1000, "port": free_port()}}))
    limited_files = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_NOFILE, (512, 512)); "
        "from adapters.cli.main import cli; sys.exit(cli())"
    )
    done = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", limited_files, "--settings", str(settings), "serve"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == (
        f"error: server.max_connections in {settings} needs 1,256 open files per worker, and this system "
        "allows 512 (ulimit -Hn): lower server.max_connections, or raise the limit\n"
    )
