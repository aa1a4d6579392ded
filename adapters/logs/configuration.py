"""Logging for a Tessera process, set up in this one place.

Called by every `tessera` command before it reads settings (warnings, or INFO with `-v`); again with
the settings' `logging:` section by the servers: `tessera serve` and `tessera demo` before they start
granian, and the ASGI entry point that each worker process of `tessera serve --workers N` imports.
One handler on the root logger writes every record, whatever logger made it, to stderr as text or
JSON, collapsing repeats (`CollapsingHandler`). Calling it again replaces the handler it installed
before, after writing that one's kept-back counts; handlers others put on the root logger (pytest's
capture) stay.

granian's loggers keep no handler of their own (`adapters/http/server.py` tells granian so), so its
lines propagate here and read like every other; its access log, when switched on, is INFO and never
collapsed. The Litestar app leaves logging alone (`logging_config=None` in `create_app`).
"""

from __future__ import annotations

import logging
import sys

from adapters.database.outages import OUTAGES
from adapters.logs.collapsing_handler import CollapsingHandler
from adapters.logs.line_formats import JsonFormatter, TextFormatter
from kernel.settings import LoggingSettings

__all__ = ("EXPECTED_FAILURES", "configure_logging")

EXPECTED_FAILURES = OUTAGES
"""The database not answering is expected: its line says so, and its traceback would say no more."""


def _not_alembic_chatter(record: logging.LogRecord) -> bool:
    """alembic says which dialect it talks to each time it reads a revision: `/ready` reads them on
    every probe, two INFO lines a probe, the bulk of a quiet server's log. Its other lines stay."""
    return not str(record.msg).startswith(("Context impl", "Will assume"))


class _StandardError(logging.Handler):
    """Writes to `sys.stderr` as it is at each line, not as it was when logging was set up: click's
    test runner and pytest swap it, and a line must land where the command's other output goes."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            stream = sys.stderr
            stream.write(self.format(record) + "\n")
            stream.flush()
        except Exception:
            self.handleError(record)


def configure_logging(settings: LoggingSettings) -> None:
    root = logging.getLogger()
    for earlier in [handler for handler in root.handlers if isinstance(handler, CollapsingHandler)]:
        root.removeHandler(earlier)
        earlier.close()
    target = _StandardError()
    target.setFormatter(JsonFormatter() if settings.format == "json" else TextFormatter())
    handler = CollapsingHandler(target, settings.repeat_interval_s, quiet=EXPECTED_FAILURES)
    handler.setLevel(settings.level)
    root.setLevel(settings.level)
    root.addHandler(handler)
    migrations = logging.getLogger("alembic.runtime.migration")
    if _not_alembic_chatter not in migrations.filters:
        migrations.addFilter(_not_alembic_chatter)
