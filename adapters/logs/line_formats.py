"""How a log line reads: text for a person at a terminal, or one JSON object per line for a collector.

Both carry the same facts: the time (ISO 8601, UTC), the level, the logger, the process (each worker
counts its own repeats), the message, then what `Repeats` added: how many records like it were
kept back, and for a line whose traceback was written earlier, the exception's one-line summary.

    2026-06-15T12:00:10.004Z WARNING tessera.http[4242]: database unavailable, answering 503:
    OperationalError: connection failed: … Connection refused (and 411 more like it in the last 10 s)

    {"time": "2026-06-15T12:00:10.004Z", "level": "WARNING", "logger": "tessera.http", "pid": 4242,
     "message": "database unavailable, answering 503: …", "suppressed": 411, "suppressed_s": 10}
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import msgspec

from adapters.logs.repeats import EXCEPTION_SUMMARY, SUPPRESSED, SUPPRESSED_S, TRACEBACK_EARLIER

__all__ = ("JsonFormatter", "TextFormatter")

_TRACEBACK_WRITTEN = "traceback written with the first line like it"


def _time(record: logging.LogRecord) -> str:
    moment = datetime.fromtimestamp(record.created, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class TextFormatter(logging.Formatter):
    """One line per record, a message's own line breaks folded (a driver's error spans several); a
    traceback, when one is written, follows on the lines below."""

    def format(self, record: logging.LogRecord) -> str:
        message = " ".join(part.strip() for part in record.getMessage().splitlines() if part.strip())
        notes = []
        if suppressed := getattr(record, SUPPRESSED, 0):
            notes.append(f"and {suppressed:,} more like it in the last {getattr(record, SUPPRESSED_S, 0)} s")
        if summary := getattr(record, EXCEPTION_SUMMARY, None):
            if summary not in message:  # the metrics provider's line already names its exception
                message = f"{message}: {summary}"
            if getattr(record, TRACEBACK_EARLIER, False):
                notes.append(_TRACEBACK_WRITTEN)
        line = f"{_time(record)} {record.levelname} {record.name}[{record.process}]: {message}"
        if notes:
            line += f" ({'; '.join(notes)})"
        if trace := _exception_text(self, record):
            line += "\n" + trace
        if record.stack_info:
            line += "\n" + self.formatStack(record.stack_info)
        return line


class JsonFormatter(logging.Formatter):
    """Keys: time, level, logger, pid, message; exception (a traceback, or a one-line summary once its
    traceback was written or for an expected failure), suppressed and suppressed_s when the line
    counts repeats."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": _time(record),
            "level": record.levelname,
            "logger": record.name,
            "pid": record.process,
            "message": record.getMessage(),
        }
        if trace := _exception_text(self, record):
            line["exception"] = trace
        elif summary := getattr(record, EXCEPTION_SUMMARY, None):
            earlier = getattr(record, TRACEBACK_EARLIER, False)
            line["exception"] = f"{summary} ({_TRACEBACK_WRITTEN})" if earlier else summary
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        if suppressed := getattr(record, SUPPRESSED, 0):
            line["suppressed"] = suppressed
            line["suppressed_s"] = getattr(record, SUPPRESSED_S, 0)
        return msgspec.json.encode(line).decode()


def _exception_text(formatter: logging.Formatter, record: logging.LogRecord) -> str:
    """The traceback, formatted once per record, as `logging.Formatter` caches it."""
    if record.exc_info and not record.exc_text:
        record.exc_text = formatter.formatException(record.exc_info)
    return record.exc_text or ""
