"""Count the SQL statements sent through the real engine: by any code, or by one module's ledger
read for one vendor and one platform dashboard."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

from kernel.context import MetricsContext
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics import MetricValue
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
    api: Api, module: str, vendor_id: int, platform_id: int, context: MetricsContext
) -> tuple[list[str], list[MetricValue], list[MetricValue]]:
    """(statements sent, vendor figures, platform figures) of one module's table read from the
    ledger, as the ledger's batch reads it, through the real engine."""
    table: LedgerMetrics = getattr(api.container, module).ledger_metrics()
    ledger = api.container.ledger()
    with counted(api.container.engine()) as statements, api.container.session_factory()() as session:
        vendor = table.metrics(
            "vendor",
            ledger.read(session, ("vendor", vendor_id), table.keys, context, table.prefixes),
            context,
        )
        platform_reading = ledger.read(
            session, ("platform", platform_id), table.keys, context, table.prefixes
        )
        platform = table.metrics("platform", platform_reading, context)
    return statements, vendor, platform
