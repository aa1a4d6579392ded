"""Record the SQL Tessera's providers send for one dashboard, with their bound parameters.

The dashboard is built in-process by the same container and dashboard service `tessera stats`
uses. Each provider is wrapped so the thread it runs on is marked while it runs; a
`before_cursor_execute` listener on the engine keeps the statements of marked threads only, so the
module-switch look-up and anything else outside the providers is left out. The aggregator runs the
providers on several threads at once, hence the lock and the per-thread mark.
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
from kernel.context import MetricsContext
from kernel.metrics import MetricValue
from kernel.provider import MetricsProvider

__all__ = ("Statement", "capture_dashboards")

QUERY = PeriodQuery(period="30d", include_trends=True)
"""The benchmark's query string, `period=30d&include_trends=true`, as the dashboard service takes it."""


@dataclass(frozen=True)
class Statement:
    category: str
    sql: str
    parameters: Any


class _Recorder:
    def __init__(self) -> None:
        self.statements: list[Statement] = []
        self._lock = threading.Lock()
        self._running = threading.local()

    @contextmanager
    def provider(self, category: str) -> Iterator[None]:
        self._running.category = category
        try:
            yield
        finally:
            self._running.category = None

    def before_cursor_execute(
        self, _conn: Any, _cursor: Any, sql: str, parameters: Any, _context: Any, _many: bool
    ) -> None:
        category = getattr(self._running, "category", None)
        if category is None:
            return
        copied = dict(parameters) if isinstance(parameters, Mapping) else tuple(parameters)
        with self._lock:
            self.statements.append(Statement(category, sql, copied))


class _Recorded:
    """A provider whose statements are recorded; answers exactly as the provider it wraps."""

    def __init__(self, provider: MetricsProvider, recorder: _Recorder) -> None:
        self._provider = provider
        self._recorder = recorder

    @property
    def metrics_category(self) -> str:
        return self._provider.metrics_category

    def get_vendor_metrics(self, db: Any, vendor_id: int, context: MetricsContext) -> list[MetricValue]:
        with self._recorder.provider(self.metrics_category):
            return self._provider.get_vendor_metrics(db, vendor_id, context)

    def get_platform_metrics(self, db: Any, platform_id: int, context: MetricsContext) -> list[MetricValue]:
        with self._recorder.provider(self.metrics_category):
            return self._provider.get_platform_metrics(db, platform_id, context)


def _recording(container: Container, recorder: _Recorder) -> list[str]:
    real: list[MetricsProvider] = container.metrics_providers()
    wrapped = [providers.Object(_Recorded(provider, recorder)) for provider in real]
    container.metrics_providers.override(providers.List(*wrapped))
    event.listen(container.engine(), "before_cursor_execute", recorder.before_cursor_execute)
    return [provider.metrics_category for provider in real]


def _in_order(statements: list[Statement], categories: list[str]) -> list[Statement]:
    """The providers ran concurrently; replay them in the dashboard's category order."""
    return sorted(statements, key=lambda statement: categories.index(statement.category))


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
        categories = _recording(container, recorder)
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
            captured[name] = _in_order(recorder.statements, categories)
        return captured
    finally:
        container.shutdown_resources()
