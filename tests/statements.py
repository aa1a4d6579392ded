"""Count the SQL statements sent through the real engine: by any code, or by one provider for one
vendor and one platform dashboard."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

from kernel.context import MetricsContext
from kernel.metrics import MetricValue
from kernel.provider import MetricsProvider
from tests.api import Api


@contextmanager
def counted(*engines: Engine) -> Iterator[list[str]]:
    """The statements sent through any of `engines` within the block, in order."""
    statements: list[str] = []

    def record(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    for engine in engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", record)


def both_dashboards(
    api: Api, provider: MetricsProvider, vendor_id: int, platform_id: int, context: MetricsContext
) -> tuple[list[str], list[MetricValue], list[MetricValue]]:
    """(statements sent, vendor figures, platform figures), through the real engine."""
    with counted(api.container.engine()) as statements, api.container.session_factory()() as session:
        vendor = provider.get_vendor_metrics(session, vendor_id, context)
        platform = provider.get_platform_metrics(session, platform_id, context)
    return statements, vendor, platform
