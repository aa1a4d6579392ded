"""The contract of a module that reads its figures on its own, not from the ledger.

Every built-in module is on the ledger (a `LedgerMetrics` table, read in the ledger's batch). A
module whose figures cannot be ledger keys implements this instead: deliberately the plain,
synchronous shape, a method that takes a SQLAlchemy `Session` and runs ordinary queries. The root
wires it as a batch of its own (`OneProvider`): its own session on its own worker thread, so a
provider never has to think about concurrency, timeouts or other modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from kernel.context import MetricsContext
    from kernel.metrics import MetricValue

__all__ = ("MetricsProvider",)


@runtime_checkable
class MetricsProvider(Protocol):
    """Figures of one category (`orders`, `tenancy`, …) for one vendor or one platform."""

    @property
    def metrics_category(self) -> str: ...

    def get_vendor_metrics(
        self, db: Session, vendor_id: int, context: MetricsContext
    ) -> list[MetricValue]: ...

    def get_platform_metrics(
        self, db: Session, platform_id: int, context: MetricsContext
    ) -> list[MetricValue]: ...
