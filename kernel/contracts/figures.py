"""The figures ledger: running totals per vendor and per platform, kept in step with every write.

Dashboards used to COUNT and SUM raw rows at request time, which grows with the data: a platform
with ten million orders would scan them on every view. Instead, each module records what a write
changes (`orders.count +1`, `orders.revenue +4999` on the day the order was placed) in the same
transaction as the write, through this contract. The core module that owns vendors and platforms
keeps the ledger: it adds each change to the vendor's rows and to the rows of every platform the
vendor is active on, and moves a vendor's figures in or out of a platform when its membership
changes. A dashboard then reads a handful of ledger rows whatever the size of the data. (The
ledger may take changes in first and add them up later, as tenancy's does; a read counts every
committed change either way.)

Keys are `<category>.<name>`. A change given the moment `at` it happened also lands in a day's
bucket, so "in the period" figures are sums over the period's days. Days are local: each owner's
own, in its IANA time zone (a vendor's and each of its platforms' may differ), which is why a module
gives the moment and never a day. The raw tables stay the truth: each module also offers a
`FigureSource` that computes the same rows from them, which rebuilds the ledger after bulk loads and
which the tests compare the ledger against.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy import SelectBase
    from sqlalchemy.orm import Session

    from kernel.context import MetricsContext

__all__ = ("FigureLedger", "FigureObserver", "FigureSource", "LedgerFigures")


@dataclass(frozen=True, slots=True)
class LedgerFigures:
    """What the ledger holds for one vendor or platform: all-time totals, and sums over the
    dashboard's window and over the window before it. Keys never written read as 0."""

    totals: Mapping[str, int] = field(default_factory=dict)
    window: Mapping[str, int] = field(default_factory=dict)
    previous: Mapping[str, int] = field(default_factory=dict)

    def total(self, key: str) -> int:
        return self.totals.get(key, 0)

    def in_window(self, key: str) -> int:
        return self.window.get(key, 0)

    def before_window(self, key: str) -> int:
        return self.previous.get(key, 0)


@runtime_checkable
class FigureLedger(Protocol):
    def record(
        self,
        db: Session,
        vendor_id: int,
        changes: Mapping[str, int],
        at: datetime | None = None,
        undated: Mapping[str, int] | None = None,
    ) -> None:
        """Add each change to the vendor's totals and, given the moment `at`, to the bucket of the
        day that moment falls on for each owner; `undated` changes (states that belong to no day,
        such as "repeat customers") go to the totals only. The vendor's active platforms get the
        same, all in the caller's transaction. Zero changes are skipped."""
        ...

    def record_for_platform(
        self, db: Session, platform_id: int, changes: Mapping[str, int], at: datetime | None = None
    ) -> None:
        """For what a platform owns itself (e.g. its own CMS pages): the platform's rows only."""
        ...

    def vendor_figures(
        self, db: Session, vendor_id: int, keys: Collection[str], context: MetricsContext
    ) -> LedgerFigures:
        """One statement."""
        ...

    def platform_figures(
        self, db: Session, platform_id: int, keys: Collection[str], context: MetricsContext
    ) -> LedgerFigures:
        """One statement."""
        ...


@runtime_checkable
class FigureSource(Protocol):
    """A module's ledger rows computed from its raw tables: the reference the ledger must equal."""

    def vendor_rows(self) -> SelectBase:
        """`(vendor_id, key, at, value)` rows: `at` the moment (a `UTCDateTime`) of what the value
        counts, NULL for changes that have no day. Several rows may share a vendor, key and moment:
        they are added up. Moments, not days: the ledger buckets them in each owner's time zone."""
        ...

    def platform_rows(self) -> SelectBase | None:
        """`(platform_id, key, at, value)` rows for what platforms own themselves, or None."""
        ...

    def rebuild_own(self, db: Session) -> None:
        """Bring the module's own bookkeeping for its figures (if any) in line with its raw rows;
        called before the ledger is rebuilt, after rows arrived in bulk."""
        ...


@runtime_checkable
class FigureObserver(Protocol):
    def figures_changed(self, owners: Iterable[tuple[str, int]]) -> None:
        """These vendors ("v", id) and platforms ("p", id) have new figures (e.g. to drop cached
        dashboards). Called once the writer's transaction has committed (told before, a dashboard
        read in between would be cached with the old figures): it must be quick and never fail."""
        ...
