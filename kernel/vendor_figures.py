"""The usual metrics provider: figures over rows that each belong to one vendor.

Every such provider answers the vendor dashboard for the vendor's rows and the platform dashboard
for the rows of the vendors active on that platform; only the figures differ. This base class
writes that scoping once, so a module writes one method, `figures`, with one statement.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar

from kernel.metrics import CategoryFigures, MetricValue

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.orm import Session

    from kernel.context import MetricsContext
    from kernel.contracts.tenancy import VendorDirectory

__all__ = ("VendorFigures",)


class VendorFigures(CategoryFigures, ABC):
    """Set `metrics_category` and `vendor_column` (e.g. `Order.vendor_id`) and write `figures`."""

    vendor_column: ClassVar[Any]

    def __init__(self, vendors: VendorDirectory) -> None:
        self.vendors = vendors

    def get_vendor_metrics(self, db: Session, vendor_id: int, context: MetricsContext) -> list[MetricValue]:
        return self.figures(db, self._column() == vendor_id, context)

    def get_platform_metrics(
        self, db: Session, platform_id: int, context: MetricsContext
    ) -> list[MetricValue]:
        scope = self._column().in_(self.vendors.active_vendor_ids(platform_id))
        return self.figures(db, scope, context)

    @classmethod
    def _column(cls) -> Any:
        """Read through the class: an ORM column attribute read through an instance is a row's value."""
        return cls.vendor_column

    @abstractmethod
    def figures(self, db: Session, scope: ColumnElement[bool], context: MetricsContext) -> list[MetricValue]:
        """The category's figures over the rows `scope` selects, ideally in one statement."""
