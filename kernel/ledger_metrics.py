"""The usual fast metrics provider: a category's figures read from the figures ledger.

A module names the ledger keys it reads and writes one method, `metrics`, that turns the numbers
into `MetricValue`s (or two, `vendor_metrics` and `platform_metrics`, when a vendor's dashboard
shows other figures than a platform's, as tenancy's does). Whatever it reads from is injected: the
ledger (one statement over a handful of rows, whatever the data size), or `SourceFigures`, which
computes the very same numbers from the raw tables at request time and is what tests hold the
ledger against.
"""

from __future__ import annotations

from abc import ABC
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
    """Set `metrics_category` and `keys` and write `metrics`, or both `vendor_metrics` and
    `platform_metrics`. `keys` are read for either dashboard: a key a vendor has no rows of reads as 0."""

    keys: ClassVar[tuple[str, ...]]

    def __init__(self, figures: FigureReader) -> None:
        self.figures = figures

    def get_vendor_metrics(self, db: Session, vendor_id: int, context: MetricsContext) -> list[MetricValue]:
        return self.vendor_metrics(self.figures.vendor_figures(db, vendor_id, self.keys, context), context)

    def get_platform_metrics(
        self, db: Session, platform_id: int, context: MetricsContext
    ) -> list[MetricValue]:
        return self.platform_metrics(
            self.figures.platform_figures(db, platform_id, self.keys, context), context
        )

    def vendor_metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        """A vendor's dashboard: `metrics`, unless the category shows vendors something else."""
        return self.metrics(figures, context)

    def platform_metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        """A platform's dashboard: `metrics`, unless the category shows platforms something else."""
        return self.metrics(figures, context)

    def metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        """The category's figures from the ledger's numbers; no database access. Not abstract only
        because a category that writes `vendor_metrics` and `platform_metrics` needs none."""
        raise NotImplementedError(f"{type(self).__name__} writes neither metrics nor both scopes' methods")
