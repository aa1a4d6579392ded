"""Ledger numbers computed from the raw tables at request time: the reference the ledger must equal.

A module's `FigureSource` says, in SQL over its own tables, what its ledger rows are. Summed over a
vendor's rows (or those of the vendors active on a platform, plus the platform's own) and over the
window's moments (between the owner's local midnights, from the context), they give exactly the
`LedgerFigures` the ledger keeps up to date write by write. This is the slow path a dashboard would
take without the ledger; the equivalence tests and the benchmark's comparisons read through it.
It never buckets by day, so it checks the ledger's local days rather than repeating them.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Subquery, and_, case, func, literal, select, union_all

from kernel.context import TimeWindow
from kernel.contracts.figures import FigureSource, LedgerFigures
from kernel.persistence import UTCDateTime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from kernel.context import MetricsContext
    from kernel.contracts.tenancy import VendorDirectory

__all__ = ("SourceFigures",)


def _between(at: Any, window: TimeWindow, value: Any) -> Any:
    """The sum of `value` over rows whose moment is in the window. The window's ends are bound as
    `UTCDateTime` (naive UTC), whatever type the union's column took from its first row."""
    start, end = literal(window.start, UTCDateTime()), literal(window.end, UTCDateTime())
    return func.coalesce(func.sum(case((and_(at >= start, at < end), value))), 0)


class SourceFigures:
    def __init__(self, source: FigureSource, vendors: VendorDirectory) -> None:
        self.source, self.vendors = source, vendors

    def vendor_figures(
        self, db: Session, vendor_id: int, keys: Collection[str], context: MetricsContext
    ) -> LedgerFigures:
        rows = self.source.vendor_rows().subquery()
        return self._read(db, rows, rows.c[0] == vendor_id, keys, context)

    def platform_figures(
        self, db: Session, platform_id: int, keys: Collection[str], context: MetricsContext
    ) -> LedgerFigures:
        vendor_rows = self.source.vendor_rows().subquery()
        members = select(vendor_rows).where(vendor_rows.c[0].in_(self.vendors.active_vendor_ids(platform_id)))
        owned = self.source.platform_rows()
        if owned is None:
            rows = members.subquery()
        else:
            own_rows = owned.subquery()
            rows = union_all(members, select(own_rows).where(own_rows.c[0] == platform_id)).subquery()
        return self._read(db, rows, rows.c[0].is_not(None), keys, context)

    def _read(
        self,
        db: Session,
        rows: Subquery,
        scope: ColumnElement[bool],
        keys: Collection[str],
        context: MetricsContext,
    ) -> LedgerFigures:
        key, at, value = rows.c[1], rows.c[2], rows.c[3]
        statement = (
            select(
                key,
                func.sum(value),
                _between(at, context.window, value),
                _between(at, context.previous_window, value),
            )
            .where(scope, key.in_(sorted(keys)))
            .group_by(key)
        )
        totals, window, previous = {}, {}, {}
        for name, total, in_window, before in db.execute(statement):
            totals[name], window[name], previous[name] = int(total), int(in_window), int(before)
        return LedgerFigures(totals=totals, window=window, previous=previous)
