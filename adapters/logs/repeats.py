"""Which log records repeat a cause already written, and how many of them an interval kept back.

During an incident every request fails the same way: a stopped database fails each order write and
each of a dashboard's seven categories. Writing every failure buries the incident (a 40-second
PostgreSQL outage once wrote 199 MB, seven tracebacks per dashboard). `Repeats` decides, record by
record, what is worth a line: the first record of a cause, then one line per cause per interval,
saying how many like it were kept back meanwhile.

A cause is what the code says, not the values it says it with: the logger, the level, the message
template (`record.msg` before `%` formatting), the exception's type and the line that raised it, and
a `cause` the record names itself (`extra={"cause": ...}`) where those do not tell failures apart.
A traceback is written once per cause, with its first line; later lines carry the exception's
one-line summary instead. Expected failures (`quiet`: the database not answering) never carry one:
the summary says all, and a 40-line driver traceback per cause per worker would be most of an
outage's log. Records below WARNING (the server's access log, start-up notices) are each their own
event and are never collapsed.

Not thread-safe on its own: `CollapsingHandler` calls it under its handler lock, which the logging
module also renews in a forked child.
"""

from __future__ import annotations

import copy
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

__all__ = (
    "CAUSE",
    "EXCEPTION_SUMMARY",
    "MAX_CAUSES",
    "SUPPRESSED",
    "SUPPRESSED_S",
    "TRACEBACK_EARLIER",
    "Repeats",
    "cause_of",
)

CAUSE = "cause"
"""The `extra` key a record may name its cause with (the 503 handler: the driver's first line)."""
SUPPRESSED = "suppressed"
"""On a written line: how many records of its cause were kept back since the cause's last line."""
SUPPRESSED_S = "suppressed_s"
"""On a written line: over how many seconds they were kept back."""
EXCEPTION_SUMMARY = "exception_summary"
"""On a line whose traceback was dropped: `TypeName: first line of the message`."""
TRACEBACK_EARLIER = "traceback_earlier"
"""On such a line: True when the traceback was written with the cause's first line."""
MAX_CAUSES = 1000
"""Causes remembered per process. Past it, idle ones are forgotten; if none is idle (a logger that
bakes values into its template), new causes are written uncounted rather than growing memory."""

Cause = tuple[str, int, str, str | None, tuple[str, int] | None, str | None]


def cause_of(record: logging.LogRecord) -> Cause:
    template = record.msg if isinstance(record.msg, str) else type(record.msg).__qualname__
    kind, site = None, None
    if record.exc_info and record.exc_info[0] is not None:
        kind = f"{record.exc_info[0].__module__}.{record.exc_info[0].__qualname__}"
        site = _raised_at(record.exc_info[2])
    named = getattr(record, CAUSE, None)
    return (record.name, record.levelno, template, kind, site, None if named is None else str(named))


def _raised_at(trace: TracebackType | None) -> tuple[str, int] | None:
    """The innermost frame: two bugs raising the same type from different lines are two causes."""
    if trace is None:
        return None
    while trace.tb_next is not None:
        trace = trace.tb_next
    return trace.tb_frame.f_code.co_filename, trace.tb_lineno


@dataclass(slots=True)
class _Tally:
    since: float
    """When the cause's last line was written: its interval runs from here."""
    kept_back: int = 0
    latest: logging.LogRecord | None = None
    """The last record kept back: written, with the count, when the interval ends with no new one."""
    traceback_written: bool = False


class Repeats:
    """`admit` each record as it comes; `due` gives the counts whose interval has ended."""

    def __init__(
        self,
        interval_s: float,
        clock: Callable[[], float],
        *,
        quiet: tuple[type[BaseException], ...] = (),
        max_causes: int = MAX_CAUSES,
    ) -> None:
        self._interval_s = interval_s
        self._clock = clock
        self._quiet = quiet
        self._max_causes = max_causes
        self._tallies: dict[Cause, _Tally] = {}
        self._next_due = math.inf

    @property
    def pending(self) -> bool:
        """Some cause has records kept back that no line has counted yet."""
        return self._next_due < math.inf

    def admit(self, record: logging.LogRecord) -> logging.LogRecord | None:
        """The line to write for `record` now (a copy), or `None`: a repeat, counted for later."""
        if record.levelno < logging.WARNING or self._interval_s <= 0:
            return record
        now = self._clock()
        cause = cause_of(record)
        tally = self._tallies.get(cause)
        if tally is None:
            if not self._room(now):  # written uncounted, still without an outage's traceback
                return self._line(_Tally(since=now), record, now)
            tally = self._tallies[cause] = _Tally(since=now)
        elif now - tally.since < self._interval_s:
            tally.kept_back += 1
            tally.latest = record
            self._next_due = min(self._next_due, tally.since + self._interval_s)
            return None
        return self._line(tally, record, now)

    def due(self, *, everything: bool = False) -> list[logging.LogRecord]:
        """A line for each cause whose interval ended with records kept back, written as its latest
        record with the count; with `everything`, for every cause with any (at exit)."""
        now = self._clock()
        if not everything and now < self._next_due:
            return []
        lines, self._next_due = [], math.inf
        for tally in self._tallies.values():
            if tally.latest is None:
                continue
            if everything or now - tally.since >= self._interval_s:
                lines.append(self._line(tally, tally.latest, now))
            else:
                self._next_due = min(self._next_due, tally.since + self._interval_s)
        return lines

    def _line(self, tally: _Tally, record: logging.LogRecord, now: float) -> logging.LogRecord:
        line = copy.copy(record)  # other handlers (a test's capture) see the record as it was made
        if tally.kept_back:
            setattr(line, SUPPRESSED, tally.kept_back)
            setattr(line, SUPPRESSED_S, max(1, round(now - tally.since)))
        error = line.exc_info[1] if line.exc_info else None
        if error is not None and (tally.traceback_written or isinstance(error, self._quiet)):
            setattr(line, EXCEPTION_SUMMARY, _summary(error))
            setattr(line, TRACEBACK_EARLIER, tally.traceback_written)
            line.exc_info, line.exc_text = None, None
        elif error is not None:
            tally.traceback_written = True
        tally.since, tally.kept_back, tally.latest = now, 0, None
        return line

    def _room(self, now: float) -> bool:
        if len(self._tallies) < self._max_causes:
            return True
        idle = [c for c, t in self._tallies.items() if t.latest is None and now - t.since >= self._interval_s]
        for cause in idle:
            del self._tallies[cause]
        return len(self._tallies) < self._max_causes


def _summary(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
