"""The usual fast metrics provider: a category's figures read from the figures ledger.

A module names the ledger keys it reads and writes one method, `metrics`, that turns the numbers
into `MetricValue`s. Whatever it reads from is injected: the ledger (one statement over a handful
of rows, whatever the data size), or `SourceFigures`, which computes the very same numbers from the
raw tables at request time and is what tests hold the ledger against.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection
from typing import TYPE_CHECKING, ClassVar, Protocol

from kernel.metrics import CategoryFigures

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from kernel.context import MetricsContext
    from kernel.contracts.figures import LedgerFigures
    from kernel.metrics import MetricValue

__all__ = ("FigureReader", "LedgerMetrics")


class FigureReader(Protocol):
    def vendor_figures(
        self, db: Session, vendor_id: int, keys: Collection[str], context: MetricsContext
    ) -> LedgerFigures: ...

    def platform_figures(
        self, db: Session, platform_id: int, keys: Collection[str], context: MetricsContext
    ) -> LedgerFigures: ...


class LedgerMetrics(CategoryFigures, ABC):
    """Set `metrics_category` and `keys` and write `metrics`."""

    keys: ClassVar[tuple[str, ...]]

    def __init__(self, figures: FigureReader) -> None:
        self.figures = figures

    def get_vendor_metrics(self, db: Session, vendor_id: int, context: MetricsContext) -> list[MetricValue]:
        return self.metrics(self.figures.vendor_figures(db, vendor_id, self.keys, context), context)

    def get_platform_metrics(
        self, db: Session, platform_id: int, context: MetricsContext
    ) -> list[MetricValue]:
        return self.metrics(self.figures.platform_figures(db, platform_id, self.keys, context), context)

    @abstractmethod
    def metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        """The category's figures from the ledger's numbers; no database access."""
