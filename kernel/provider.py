"""The contract every module implements to put figures on the dashboards.

It is deliberately the plain, synchronous shape: a method that takes a SQLAlchemy `Session` and
runs ordinary ORM queries. The aggregator gives each provider its own session on its own worker
thread, so a provider never has to think about concurrency, timeouts or other modules.
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
