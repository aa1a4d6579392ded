"""The lines a process set up by `configure_logging` would write, kept in a list for a test to count.

The real `CollapsingHandler`, built as `configure_logging` builds it, goes on the root logger, so
records from every logger reach it, with the interval's clock in the test's hands and no ticker
thread: counts are written when the test moves the clock and the next record comes, or on `flush()`
and `close()`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from adapters.logs.collapsing_handler import CollapsingHandler
from adapters.logs.configuration import EXPECTED_FAILURES
from adapters.logs.line_formats import TextFormatter
from adapters.logs.repeats import SUPPRESSED, SUPPRESSED_S
from tests.fakes.clock import Stopwatch
from tests.fakes.log_lines import LogLines


@dataclass
class Written:
    handler: CollapsingHandler
    lines: LogLines
    clock: Stopwatch


@contextmanager
def written_lines(formatter: logging.Formatter | None = None, interval_s: float = 10) -> Iterator[Written]:
    clock, lines = Stopwatch(), LogLines(formatter or TextFormatter())
    handler = CollapsingHandler(lines, interval_s, quiet=EXPECTED_FAILURES, clock=clock, tick_s=None)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield Written(handler, lines, clock)
    finally:
        root.removeHandler(handler)


def suppressed(record: logging.LogRecord) -> tuple[int, int]:
    """How many records like it a line says were kept back, and over how many seconds."""
    return getattr(record, SUPPRESSED, 0), getattr(record, SUPPRESSED_S, 0)
