"""Ledger readings computed from the raw tables at request time: the reference the ledger must equal.

A module's `LedgerSource` says, in SQL over its own tables, what its ledger rows are. Summed over a
vendor's rows (or those of the vendors active on a platform, plus the platform's own) and over the
window's moments (between the owner's local midnights, from the context), they give exactly the
`LedgerReading` the ledger keeps up to date write by write. This is the slow path a dashboard would
take without the ledger; only the tests read through it (tests/ledger.py, the equivalence
property). It never buckets by day, so it checks the ledger's local days rather than repeating them.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, Subquery, and_, case, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from kernel.context import MetricsContext, Owner, TimeWindow
from kernel.contracts.ledger import LedgerReading, LedgerSource
from kernel.persistence import UTCDateTime
from modules.tenancy.directory import active_vendor_ids

__all__ = ("RawReader",)


def _between(at: Any, window: TimeWindow, value: Any) -> Any:
    """The sum of `value` over rows whose moment is in the window. The window's ends are bound as
    `UTCDateTime` (naive UTC), whatever type the union's column took from its first row."""
    start, end = literal(window.start, UTCDateTime()), literal(window.end, UTCDateTime())
    return func.coalesce(func.sum(case((and_(at >= start, at < end), value))), 0)


class RawReader:
    """A `LedgerReader` over one module's raw tables."""

    def __init__(self, source: LedgerSource) -> None:
        self.source = source

    def read(
        self,
        db: Session,
        owner: Owner,
        keys: Collection[str],
        context: MetricsContext,
        prefixes: Collection[str] = (),
        day_keys: Collection[str] = (),
        day_prefixes: Collection[str] = (),
    ) -> LedgerReading:
        """Windows only: the reference for dashboards, which ask no days (pages do, of the ledger)."""
        if day_keys or day_prefixes:
            raise NotImplementedError("the raw reader reads windows, not days")
        scope, owner_id = owner
        vendor_rows = self.source.vendor_rows().subquery()
        if scope == "vendor":
            return self._read(db, vendor_rows, vendor_rows.c[0] == owner_id, keys, context, prefixes)
        members = select(vendor_rows).where(vendor_rows.c[0].in_(active_vendor_ids(owner_id)))
        owned = self.source.platform_rows()
        if owned is None:
            rows = members.subquery()
        else:
            own_rows = owned.subquery()
            rows = union_all(members, select(own_rows).where(own_rows.c[0] == owner_id)).subquery()
        return self._read(db, rows, rows.c[0].is_not(None), keys, context, prefixes)

    def _read(
        self,
        db: Session,
        rows: Subquery,
        scope: ColumnElement[bool],
        keys: Collection[str],
        context: MetricsContext,
        prefixes: Collection[str],
    ) -> LedgerReading:
        key, at, value = rows.c[1], rows.c[2], rows.c[3]
        named = or_(key.in_(sorted(keys)), *(key.startswith(prefix) for prefix in prefixes))
        statement = (
            select(
                key,
                func.sum(value),
                _between(at, context.window, value),
                _between(at, context.previous_window, value),
            )
            .where(scope, named)
            .group_by(key)
        )
        totals, window, previous = {}, {}, {}
        for name, total, in_window, before in db.execute(statement):
            totals[name], window[name], previous[name] = int(total), int(in_window), int(before)
        return LedgerReading(totals=totals, window=window, previous=previous)
