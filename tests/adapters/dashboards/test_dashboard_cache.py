"""The dashboard cache: one computation for a burst of identical requests, and never a stale answer
after a write to the same vendor or platform, or after the TTL."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import pytest

from adapters.dashboards.cache import DashboardCache
from kernel.context import Owner
from tests.fakes.dashboard_observer import RaisingObserver

VENDOR: Owner = ("vendor", 1)
PLATFORM: Owner = ("platform", 7)


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _counting(value: str = "dashboard") -> tuple[Callable[[], str], list[int]]:
    calls: list[int] = []

    def compute() -> str:
        calls.append(1)
        return f"{value} #{len(calls)}"

    return compute, calls


def _keep(value: str) -> bool:
    return True


def test_a_burst_of_identical_requests_computes_once() -> None:
    cache: DashboardCache[str] = DashboardCache(30)
    started, release, calls = threading.Event(), threading.Event(), []

    def slow() -> str:
        calls.append(1)
        started.set()
        release.wait(5)
        return "figures"

    answers: list[str] = []
    threads = [
        threading.Thread(target=lambda: answers.append(cache.get(VENDOR, "30d", slow, _keep)))
        for _ in range(12)
    ]
    threads[0].start()
    started.wait(5)
    for thread in threads[1:]:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(5)
    assert (len(calls), answers) == (1, ["figures"] * 12)


def test_followers_get_the_leaders_error_and_nothing_is_kept() -> None:
    cache: DashboardCache[str] = DashboardCache(30)

    def broken() -> str:
        raise RuntimeError("database down")

    with pytest.raises(RuntimeError, match="database down"):
        cache.get(VENDOR, "30d", broken, _keep)
    compute, _calls = _counting()
    assert cache.get(VENDOR, "30d", compute, _keep) == "dashboard #1"


def test_answers_last_until_the_ttl_and_differ_by_key() -> None:
    clock = _Clock()
    cache: DashboardCache[str] = DashboardCache(30, clock=clock)
    compute, _calls = _counting()
    assert cache.get(VENDOR, "30d", compute, _keep) == "dashboard #1"
    clock.now += 29.9
    assert cache.get(VENDOR, "30d", compute, _keep) == "dashboard #1"
    assert cache.get(VENDOR, "7d", compute, _keep) == "dashboard #2"
    assert cache.get(PLATFORM, "30d", compute, _keep) == "dashboard #3"
    clock.now += 0.2
    assert cache.get(VENDOR, "30d", compute, _keep) == "dashboard #4"


def test_a_write_drops_what_it_changes_only() -> None:
    cache: DashboardCache[str] = DashboardCache(30)
    compute, _calls = _counting()
    cache.get(VENDOR, "30d", compute, _keep)
    cache.get(PLATFORM, "30d", compute, _keep)
    cache.ledger_changed([("vendor", 2), ("platform", 7)])
    assert cache.get(VENDOR, "30d", compute, _keep) == "dashboard #1"
    assert cache.get(PLATFORM, "30d", compute, _keep) == "dashboard #3"


def test_answers_not_worth_keeping_are_computed_again() -> None:
    cache: DashboardCache[str] = DashboardCache(30)
    compute, calls = _counting()
    cache.get(VENDOR, "30d", compute, lambda value: False)
    cache.get(VENDOR, "30d", compute, lambda value: False)
    assert len(calls) == 2


def test_a_ttl_of_zero_is_off() -> None:
    cache: DashboardCache[str] = DashboardCache(0)
    compute, calls = _counting()
    cache.get(VENDOR, "30d", compute, _keep)
    cache.get(VENDOR, "30d", compute, _keep)
    assert len(calls) == 2


def test_the_oldest_entries_go_first_past_the_limit() -> None:
    cache: DashboardCache[str] = DashboardCache(30, max_entries=2)
    compute, calls = _counting()
    for key in ("a", "b", "a", "c"):  # "a" was used again, so "b" is the oldest when "c" arrives
        cache.get(VENDOR, key, compute, _keep)
    cache.get(VENDOR, "a", compute, _keep)
    cache.get(VENDOR, "b", compute, _keep)
    assert len(calls) == 4


def test_an_observer_that_raises_costs_no_answer(caplog: pytest.LogCaptureFixture) -> None:
    observer = RaisingObserver()
    cache: DashboardCache[str] = DashboardCache(30, observer=observer)
    compute, calls = _counting()
    with caplog.at_level(logging.WARNING, "tessera.metrics"):
        assert cache.get(VENDOR, "30d", compute, _keep) == "dashboard #1"  # a miss, computed
        assert cache.get(VENDOR, "30d", compute, _keep) == "dashboard #1"  # a hit, kept
    assert (len(calls), observer.calls) == (1, 2)
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, "dashboard cache observer failed")
    ] * 2
