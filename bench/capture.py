"""Record the SQL Tessera's providers send for one dashboard, with their bound parameters.

The dashboard is built in-process by the same container and dashboard service `tessera stats`
uses. The aggregator's sessions are wrapped so the thread holding one is marked while it does; a
`before_cursor_execute` listener on the engine keeps the statements of marked threads only, so the
module-switch look-up and anything else outside the providers is left out. The providers are left
as they are: wrapping them would hide which of them the aggregator reads together in one statement.
The aggregator runs its batches on several threads at once, hence the lock and the per-thread mark.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from dependency_injector import providers
from sqlalchemy import event

from adapters.bootstrap import bootstrap
from adapters.container import Container
from adapters.dashboards.service import PeriodQuery
from adapters.settings_file import load_settings
from kernel.contracts.sessions import InterruptibleSession, InterruptibleSessions

__all__ = ("Statement", "capture_dashboards")

QUERY = PeriodQuery(period="30d", include_trends=True)
"""The benchmark's query string, `period=30d&include_trends=true`, as the dashboard service takes it."""


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: Any


class _Recorder:
    def __init__(self) -> None:
        self.statements: list[Statement] = []
        self._lock = threading.Lock()
        self._running = threading.local()

    @contextmanager
    def marked(self) -> Iterator[None]:
        self._running.marked = True
        try:
            yield
        finally:
            self._running.marked = False

    def before_cursor_execute(
        self, _conn: Any, _cursor: Any, sql: str, parameters: Any, _context: Any, _many: bool
    ) -> None:
        if not getattr(self._running, "marked", False):
            return
        copied = dict(parameters) if isinstance(parameters, Mapping) else tuple(parameters)
        with self._lock:
            self.statements.append(Statement(sql, copied))


class _RecordedSessions:
    """The aggregator's sessions, each marking its thread as a provider's while it is open."""

    def __init__(self, sessions: InterruptibleSessions, recorder: _Recorder) -> None:
        self._sessions = sessions
        self._recorder = recorder

    @contextmanager
    def open(self) -> Iterator[InterruptibleSession]:
        with self._recorder.marked(), self._sessions.open() as handle:
            yield handle


def _recording(container: Container, recorder: _Recorder) -> None:
    container.metrics_sessions.override(
        providers.Object(_RecordedSessions(container.metrics_sessions(), recorder))
    )
    for engine in (container.engine(), container.metrics_engine()):  # providers read on the latter
        event.listen(engine, "before_cursor_execute", recorder.before_cursor_execute)


def capture_dashboards(
    environ: Mapping[str, str], vendor_id: int, platform_id: int
) -> dict[str, list[Statement]]:
    """`{"vendor": [...], "admin": [...]}` for the settings `environ` names (as the server reads them).

    The vendor dashboard is seen through the default platform, as the server sees a request whose
    host names no tenant and whose token names no platform.
    """
    loaded = load_settings(environ=environ, require_secret=False)
    container = bootstrap(loaded)
    recorder = _Recorder()
    try:
        _recording(container, recorder)
        service = container.dashboard_service()
        seen_from = container.tenant_directory().platform_by_slug(loaded.settings.platform.default)
        captured: dict[str, list[Statement]] = {}
        for name in ("vendor", "admin"):
            recorder.statements = []
            if name == "vendor":
                dashboard: Any = service.vendor(vendor_id, QUERY, seen_from.id if seen_from else None)
            else:
                dashboard = service.platform(platform_id, QUERY)
            if dashboard.unavailable:
                raise RuntimeError(f"{name} dashboard: {', '.join(dashboard.unavailable)} did not answer")
            captured[name] = list(recorder.statements)
        return captured
    finally:
        container.shutdown_resources()
