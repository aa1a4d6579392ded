"""One harness for the whole `make cluster-test` session: starting it costs most of the run.

What the tests measure (how long the nodes took to be ready again, say) is printed at the end of
the run, after pytest's summary: `measured("...", seconds)`. Tests that take a part down (the
replica, the primary) bring it back before they end, so they may run in any order. SIGTERM is
turned into KeyboardInterrupt while the harness runs, so a CI runner that cancels the job still
gets the teardown (pytest runs it on Ctrl-C).
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from types import FrameType

import httpx
import pytest

from tests.cluster.harness import OWNER, PASSWORD, Harness, running_harness

_MEASURED = pytest.StashKey[list[tuple[str, float]]]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_MEASURED] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    measured = config.stash.get(_MEASURED, [])
    if measured:
        terminalreporter.section("multi-node harness: measured")
        for what, seconds in measured:
            terminalreporter.line(f"{what}: {seconds:.2f} s")


@pytest.fixture
def measured(request: pytest.FixtureRequest) -> Callable[[str, float], None]:
    """`measured(what, seconds)`: kept for the summary at the end of the run."""
    return lambda what, seconds: request.config.stash[_MEASURED].append((what, seconds))


def _interrupt(_signal: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@pytest.fixture(scope="session")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with running_harness(tmp_path_factory.mktemp("cluster-logs")) as running:
            yield running
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.fixture(scope="session")
def owner(harness: Harness) -> dict[str, str]:
    """The seeded vendor owner's bearer header, signed in on node A (any node's token is good on all)."""
    answer = httpx.post(
        f"{harness.node_a.base_url}/api/v1/auth/token",
        json={"email": OWNER, "password": PASSWORD},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}
