"""The request counting's own cost, measured in process, and what it counts for an app that raises.

The cost is recorded as the test's `overhead_us` property (`--junitxml` shows it); measured on the
shared 2-core machine: about 4 µs a request (0.5 µs for the bare app), next to the dashboard API's
~5 ms of server CPU a request.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Callable
from typing import cast

import pytest
from litestar.types import Message, Receive, ReceiveMessage, Scope, Send
from prometheus_client import generate_latest

from adapters.prometheus.instruments import ProcessMetrics
from adapters.prometheus.requests import RequestMetrics
from tests.adapters.prometheus.scraping import samples

REQUESTS = 20_000


async def _answer(scope: Scope, receive: Receive, send: Send) -> None:
    scope["path_template"] = "/api/v1/vendor/orders/{order_id}"  # as Litestar's router sets it
    start: Message = {"type": "http.response.start", "status": 200, "headers": []}
    await send(start)
    body: Message = {"type": "http.response.body", "body": b"{}", "more_body": False}
    await send(body)


async def _raise(scope: Scope, receive: Receive, send: Send) -> None:
    raise RuntimeError("a bug")


async def _nothing(message: Message) -> None:
    return None


async def _receive() -> ReceiveMessage:
    return {"type": "http.request", "body": b"", "more_body": False}


def _scope() -> Scope:
    return cast("Scope", {"type": "http", "method": "GET", "path": "/api/v1/vendor/orders/7"})


async def _per_request(app: object) -> float:
    started = time.perf_counter()
    for _ in range(REQUESTS):
        await app(_scope(), _receive, _nothing)  # type: ignore[operator]
    return (time.perf_counter() - started) / REQUESTS


def test_the_cost_per_request_is_microseconds(record_property: Callable[[str, object], None]) -> None:
    counted = RequestMetrics(_answer, ProcessMetrics())
    bare, wrapped = (asyncio.run(_per_request(app)) for app in (_answer, counted))
    overhead_us = (wrapped - bare) * 1e6
    record_property("overhead_us", round(overhead_us, 1))
    assert overhead_us < 100  # generous for a loaded machine; measured about 4 µs


def test_an_app_that_raises_is_counted_as_500() -> None:
    process = ProcessMetrics()
    with pytest.raises(RuntimeError):
        asyncio.run(RequestMetrics(_raise, process)(_scope(), _receive, _nothing))
    families = samples(generate_latest(process.registry).decode())
    [sample] = [s for s in families["tessera_http_requests"] if s.name.endswith("_total")]
    assert sample.labels == {"route": "unmatched", "method": "GET", "status": "500"}


def test_an_unknown_method_is_other() -> None:
    process = ProcessMetrics()
    process.request_answered("unmatched", "BREW", 404, 0.001)
    assert 'method="other"' in generate_latest(process.registry).decode()


def test_the_command_does_not_load_prometheus_client() -> None:
    """Loaded before `tessera serve` names the workers' directory, it would count per process."""
    code = "import sys, adapters.cli.main; sys.exit('prometheus_client' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0  # noqa: S603
