"""Repeats of one cause are one line per interval with a count; a traceback is written once per cause.

Records come from real loggers into a `CollapsingHandler` on the root logger, whose clock the test
moves: no test waits for an interval to pass.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator

import pytest
from sqlalchemy.exc import OperationalError

from adapters.logs.collapsing_handler import CollapsingHandler
from adapters.logs.repeats import CAUSE, EXCEPTION_SUMMARY, SUPPRESSED, Repeats
from tests.fakes.clock import Stopwatch
from tests.fakes.log_lines import LogLines
from tests.races import run_together
from tests.written_logs import Written, suppressed, written_lines

TIMED_OUT = "metrics provider %r timed out after %d ms on %s %d"
metrics = logging.getLogger("tessera.metrics")
http = logging.getLogger("tessera.http")


@pytest.fixture
def collapsed() -> Iterator[Written]:
    with written_lines() as written:
        yield written


def test_a_thousand_timeouts_in_an_interval_are_one_line_then_one_count(collapsed: Written) -> None:
    for vendor in range(1000):
        metrics.warning(TIMED_OUT, "orders", 2000, "vendor", vendor)
        collapsed.clock.advance(0.0099)
    collapsed.handler.flush()
    assert collapsed.lines.messages() == ["metrics provider 'orders' timed out after 2000 ms on vendor 0"]
    collapsed.clock.seconds = 10
    collapsed.handler.flush()
    collapsed.handler.flush()
    first, count = collapsed.lines.records
    assert count.getMessage() == "metrics provider 'orders' timed out after 2000 ms on vendor 999"
    assert suppressed(first) == (0, 0)
    assert suppressed(count) == (999, 10)
    assert collapsed.lines.text[1].endswith(
        "timed out after 2000 ms on vendor 999 (and 999 more like it in the last 10 s)"
    )


def test_the_first_record_after_the_interval_is_written_with_the_count(collapsed: Written) -> None:
    for vendor in range(5):
        metrics.warning(TIMED_OUT, "cms", 2000, "vendor", vendor)
    collapsed.clock.advance(12)
    metrics.warning(TIMED_OUT, "cms", 2000, "vendor", 99)
    assert collapsed.lines.messages()[1] == "metrics provider 'cms' timed out after 2000 ms on vendor 99"
    assert [suppressed(record) for record in collapsed.lines.records] == [(0, 0), (4, 12)]
    collapsed.handler.close()  # nothing more was kept back: nothing more to write
    assert len(collapsed.lines.records) == 2


def test_a_continuing_failure_is_one_line_per_interval(collapsed: Written) -> None:
    """40 s of failures, 20 a second: the first line, then one count every 10 s."""
    for _ in range(800):
        metrics.warning(TIMED_OUT, "orders", 2000, "platform", 1)
        collapsed.clock.advance(0.05)
    collapsed.handler.close()
    assert [suppressed(record) for record in collapsed.lines.records] == [
        (0, 0),
        (199, 10),
        (199, 10),
        (199, 10),
        (199, 10),  # the last interval's count, written when the process ends
    ]


def test_each_cause_has_its_own_line(collapsed: Written) -> None:
    metrics.warning(TIMED_OUT, "orders", 2000, "vendor", 1)
    metrics.warning(TIMED_OUT, "cms", 2000, "vendor", 2)  # the same cause: other values
    metrics.error(TIMED_OUT, "orders", 2000, "vendor", 1)  # another level
    http.warning(TIMED_OUT, "orders", 2000, "vendor", 1)  # another logger
    metrics.warning("metrics provider %s skipped: %d earlier calls are still running", "'orders'", 3)
    http.warning("database unavailable, answering 503: %s", "refused", extra={CAUSE: "refused"})
    http.warning("database unavailable, answering 503: %s", "pool", extra={CAUSE: "pool"})
    http.warning("database unavailable, answering 503: %s", "refused", extra={CAUSE: "refused"})
    assert len(collapsed.lines.records) == 6


def _fail(message: str) -> None:
    raise RuntimeError(message)


def _fail_elsewhere(message: str) -> None:
    raise RuntimeError(message)


def _log_unexpected(fail: object = _fail, path: str = "/api/v1/vendor/orders") -> None:
    try:
        fail(f"bug seen on {path}")  # type: ignore[operator]
    except RuntimeError:
        http.exception("unhandled error on %s %s", "GET", path)


def test_an_unexpected_error_keeps_its_traceback_once(collapsed: Written) -> None:
    for number in range(50):
        _log_unexpected(path=f"/orders/{number}")
    _log_unexpected(_fail_elsewhere)  # the same type raised by another line: another bug
    collapsed.clock.advance(10)
    collapsed.handler.flush()
    collapsed.clock.advance(60)
    _log_unexpected()  # an hour later, the same bug again: its traceback is not written again
    first, elsewhere, count, later = collapsed.lines.records
    assert [record.exc_info is not None for record in (first, elsewhere, count, later)] == [
        True,
        True,
        False,
        False,
    ]
    assert suppressed(count) == (49, 10)
    assert getattr(count, EXCEPTION_SUMMARY) == "RuntimeError: bug seen on /orders/49"
    tracebacks = [text for text in collapsed.lines.text if "Traceback (most recent call last)" in text]
    assert len(tracebacks) == 2
    assert collapsed.lines.text[2].endswith(
        "unhandled error on GET /orders/49: RuntimeError: bug seen on /orders/49 "
        "(and 49 more like it in the last 10 s; traceback written with the first line like it)"
    )


def test_an_expected_failure_writes_its_traceback_once(collapsed: Written) -> None:
    """The metrics provider's failure carries `exc_info`: a traceback for its first line only."""
    for _ in range(3):
        for vendor in range(100):
            try:
                _fail("connection refused")
            except RuntimeError as error:
                metrics.warning(
                    "metrics provider %r failed on %s %d: %s: %s",
                    *("orders", "vendor", vendor, type(error).__name__, error),
                    exc_info=error,
                )
        collapsed.clock.advance(10)
    collapsed.handler.close()
    assert [record.exc_info is not None for record in collapsed.lines.records] == [True, False, False, False]
    assert "RuntimeError: connection refused: RuntimeError" not in collapsed.lines.text[1]


def test_an_outage_never_writes_a_traceback(collapsed: Written) -> None:
    """The database not answering is expected: the line names the error, and no traceback follows."""
    refused = OperationalError("SELECT 1", {}, sqlite3.OperationalError("connection refused"))
    for vendor in range(20):
        try:
            raise refused
        except OperationalError as error:
            metrics.warning("metrics provider %r failed on %s %d", "orders", "vendor", vendor, exc_info=error)
    collapsed.clock.advance(10)
    collapsed.handler.flush()
    assert [record.exc_info for record in collapsed.lines.records] == [None, None]
    assert [getattr(record, EXCEPTION_SUMMARY) for record in collapsed.lines.records] == [
        "OperationalError: (sqlite3.OperationalError) connection refused"
    ] * 2
    assert collapsed.lines.text[0].endswith(
        "on vendor 0: OperationalError: (sqlite3.OperationalError) connection refused"
    )


def test_lines_below_warning_are_each_written(collapsed: Written) -> None:
    """uvicorn's access log is one line per request by design; it is never collapsed."""
    logging.getLogger().setLevel(logging.INFO)  # put back by the suite's conftest
    access = logging.getLogger("uvicorn.access")
    for _ in range(100):
        access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", "/health", "1.1", 200)
    assert len(collapsed.lines.records) == 100


def test_no_interval_writes_every_line() -> None:
    lines = LogLines()
    handler = CollapsingHandler(lines, interval_s=0, tick_s=None)
    for vendor in range(20):
        handler.handle(
            metrics.makeRecord(
                "tessera.metrics", logging.WARNING, "f", 1, TIMED_OUT, ("o", 1, "v", vendor), None
            )
        )
    assert len(lines.records) == 20


def test_threads_share_one_count(collapsed: Written) -> None:
    def fail_often() -> None:
        for vendor in range(500):
            metrics.warning(TIMED_OUT, "orders", 2000, "vendor", vendor)

    run_together(*[fail_often] * 8)
    collapsed.clock.advance(10)
    collapsed.handler.flush()
    assert [suppressed(record)[0] for record in collapsed.lines.records] == [0, 3999]


def test_the_ticker_writes_a_count_with_no_record_after_it() -> None:
    """When an incident ends, its last count still comes, without waiting for the next log line."""
    clock, lines = Stopwatch(), LogLines()
    handler = CollapsingHandler(lines, interval_s=10, clock=clock, tick_s=0.01)
    try:
        for vendor in range(3):
            handler.handle(_record(vendor))
        lines.arrived.clear()
        clock.advance(10)
        assert lines.arrived.wait(5)
        assert [suppressed(record) for record in lines.records] == [(0, 0), (2, 10)]
    finally:
        handler.close()


def test_causes_past_the_bound_are_written_uncounted() -> None:
    clock = Stopwatch()
    repeats = Repeats(10, clock, max_causes=2)
    templates = [_record(0, template=f"failure {number} on vendor %d") for number in range(3)]
    assert [repeats.admit(record) is not None for record in templates] == [True, True, True]
    assert repeats.admit(templates[2]) is not None  # not remembered: written again
    assert repeats.admit(templates[0]) is None  # remembered: counted
    clock.advance(10)
    assert [getattr(line, SUPPRESSED) for line in repeats.due()] == [1]
    assert repeats.admit(templates[2]) is not None  # an idle cause made room for it: remembered now
    assert repeats.admit(templates[2]) is None


def _record(vendor: int, template: str = TIMED_OUT) -> logging.LogRecord:
    arguments = ("orders", 2000, "vendor", vendor) if template == TIMED_OUT else (vendor,)
    return metrics.makeRecord("tessera.metrics", logging.WARNING, __file__, 1, template, arguments, None)
