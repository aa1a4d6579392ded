"""Count the SQL statements one provider sends for one vendor and one platform dashboard."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from kernel.context import MetricsContext
from kernel.metrics import MetricValue
from kernel.provider import MetricsProvider
from tests.api import Api


def both_dashboards(
    api: Api, provider: MetricsProvider, vendor_id: int, platform_id: int, context: MetricsContext
) -> tuple[list[str], list[MetricValue], list[MetricValue]]:
    """(statements sent, vendor figures, platform figures), through the real engine."""
    engine = api.container.engine()
    statements: list[str] = []

    def record(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        with api.container.session_factory()() as session:
            vendor = provider.get_vendor_metrics(session, vendor_id, context)
            platform = provider.get_platform_metrics(session, platform_id, context)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return statements, vendor, platform
