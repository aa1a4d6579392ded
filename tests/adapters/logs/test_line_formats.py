"""Text lines for a person, JSON lines for a collector: the same facts, one record per line."""

from __future__ import annotations

import json
import logging
import re

import pytest

from adapters.logs.collapsing_handler import CollapsingHandler
from adapters.logs.line_formats import JsonFormatter, TextFormatter
from tests.fakes.clock import Stopwatch
from tests.fakes.log_lines import LogLines

TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"
logger = logging.getLogger("tessera.http")


def _lines_of_an_incident(formatter: logging.Formatter) -> list[str]:
    """A 500 three times (one traceback, then a count), and a warning whose message spans two lines."""
    clock, lines = Stopwatch(), LogLines(formatter)
    handler = CollapsingHandler(lines, interval_s=10, clock=clock, tick_s=None)
    for _ in range(3):
        try:
            raise ValueError("no such thing\nsecond line of the message")
        except ValueError as error:
            handler.handle(_error_record(error))
    handler.handle(logger.makeRecord("tessera.http", logging.WARNING, __file__, 2, "two\nlines", (), None))
    clock.advance(10)
    handler.close()
    return lines.text


def _error_record(error: BaseException) -> logging.LogRecord:
    return logger.makeRecord(
        "tessera.http",
        logging.ERROR,
        __file__,
        1,
        "unhandled error on %s %s",
        ("GET", "/x"),
        (type(error), error, error.__traceback__),
    )


def test_json_lines_are_one_object_each_with_the_expected_keys() -> None:
    written = "\n".join(_lines_of_an_incident(JsonFormatter())).splitlines()
    first, warning, count = (json.loads(line) for line in written)
    assert set(first) == {"time", "level", "logger", "pid", "message", "exception"}
    assert re.fullmatch(TIME, first["time"])
    assert (first["level"], first["logger"], first["message"]) == (
        "ERROR",
        "tessera.http",
        "unhandled error on GET /x",
    )
    assert first["exception"].startswith("Traceback (most recent call last):")
    assert first["exception"].endswith("ValueError: no such thing\nsecond line of the message")
    assert warning["message"] == "two\nlines"
    assert "suppressed" not in warning
    assert count["exception"] == "ValueError: no such thing (traceback written with the first line like it)"
    assert (count["suppressed"], count["suppressed_s"]) == (2, 10)


def test_text_lines_say_when_where_and_how_many() -> None:
    """A message's own line breaks are folded: a driver's error spans several."""
    first, warning, count = _lines_of_an_incident(TextFormatter())
    head, *trace = first.splitlines()
    assert re.fullmatch(TIME + r" ERROR tessera\.http\[\d+\]: unhandled error on GET /x", head)
    assert trace[0] == "Traceback (most recent call last):"
    assert re.fullmatch(TIME + r" WARNING tessera\.http\[\d+\]: two lines", warning)  # one line
    assert count.split(": ", 1)[1] == (
        "unhandled error on GET /x: ValueError: no such thing "
        "(and 2 more like it in the last 10 s; traceback written with the first line like it)"
    )


@pytest.mark.parametrize("formatter", [TextFormatter(), JsonFormatter()])
def test_a_record_without_arguments_or_exception_is_plain(formatter: logging.Formatter) -> None:
    record = logger.makeRecord(
        "uvicorn.error", logging.INFO, __file__, 3, "Application startup complete.", (), None
    )
    assert "Application startup complete." in formatter.format(record)
