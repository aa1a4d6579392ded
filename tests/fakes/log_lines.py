"""A logging handler that keeps the lines it is given, for tests that count what would be written."""

from __future__ import annotations

import logging
import threading


class LogLines(logging.Handler):
    """`records` as handed over; `text` as formatted; `arrived` is set by each one."""

    def __init__(self, formatter: logging.Formatter | None = None) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.text: list[str] = []
        self.arrived = threading.Event()
        if formatter is not None:
            self.setFormatter(formatter)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.text.append(self.format(record))
        self.arrived.set()

    def messages(self) -> list[str]:
        return [record.getMessage() for record in self.records]
