"""The ledger: running totals per vendor and per platform, kept in step with every write.

Counting raw rows at request time grows with the data; instead each module records what a write
changes (`orders.count +1`, `orders.revenue +4999` at the moment the order was placed) in the
write's own transaction (`LedgerWriter`), and a dashboard reads a handful of rows whatever the size
of the data (`LedgerReader`). The core module keeps it: it adds each change to the vendor and to
every platform the vendor is active on, and moves a vendor's figures when its memberships change.
Keys are `<category>.<name>`; a change given its moment also lands on that day, in each owner's own
time zone, so a module gives moments, never days. The raw tables stay the truth: each module's
`LedgerSource` computes the same rows from them, to rebuild the ledger and to test it against.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy import SelectBase
    from sqlalchemy.orm import Session

    from kernel.context import MetricsContext, Owner

__all__ = (
    "LedgerDayReader",
    "LedgerReader",
    "LedgerReading",
    "LedgerSource",
    "LedgerWriter",
    "RankedVendor",
)


@dataclass(frozen=True, slots=True)
class LedgerReading:
    """What the ledger holds for one owner: all-time totals, and sums over the dashboard's window
    and over the window before it. Keys never written read as 0."""

    totals: Mapping[str, int] = field(default_factory=dict)
    window: Mapping[str, int] = field(default_factory=dict)
    previous: Mapping[str, int] = field(default_factory=dict)
    currency: str = ""
    """The currency a `{currency}` in a key stands for (`kernel.ledger_metrics.currency_key`)."""
    days: Mapping[date, Mapping[str, int]] = field(default_factory=dict)
    """The `day_keys` asked of `LedgerReader.read`, per local day of the window: `{day: {key: sum}}`."""

    def _key(self, key: str) -> str:
        return key.replace("{currency}", self.currency) if self.currency else key

    def total(self, key: str) -> int:
        return self.totals.get(self._key(key), 0)

    def in_window(self, key: str) -> int:
        return self.window.get(self._key(key), 0)

    def before_window(self, key: str) -> int:
        return self.previous.get(self._key(key), 0)


@dataclass(frozen=True, slots=True)
class RankedVendor:
    """One vendor of a platform's ranking (`LedgerReader.top_vendors`): its figures over the window."""

    vendor_id: int
    name: str
    figures: Mapping[str, int]


@runtime_checkable
class LedgerWriter(Protocol):
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


@runtime_checkable
class LedgerReader(Protocol):
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
        """The owner's `keys`, and every key starting with one of `prefixes` (money in each
        currency), over the context's windows, in one statement. With `day_keys` (or
        `day_prefixes`), the same statement also reads those keys per local day of the window
        (`LedgerReading.days`, as `LedgerDayReader.read_days` would): a page's chart and its
        dashboard from one read. Without, the statement is the dashboard's alone."""
        ...


@runtime_checkable
class LedgerDayReader(Protocol):
    """The ledger read day by day, for charts: apart from `LedgerReader`, which every dashboard
    needs and every fake ledger implements, so a reader of windows owes nothing to charts."""

    def read_days(
        self,
        db: Session,
        owner: Owner,
        keys: Collection[str],
        date_from: date,
        date_to: date,
        zone: str,
        prefixes: Collection[str] = (),
    ) -> dict[date, dict[str, int]]:
        """The owner's `keys` (and those starting with one of `prefixes`) per local day in `zone`
        (the owner's), days `date_from`..`date_to` included, in one statement whatever the window;
        days without figures are left out. The days of a window add up to `read`'s window sums."""
        ...

    def top_vendors(
        self,
        db: Session,
        platform_id: int,
        keys: Sequence[str],
        date_from: date,
        date_to: date,
        limit: int,
    ) -> list[RankedVendor]:
        """The vendors active on the platform with figures in `keys` over `date_from`..`date_to`,
        most of `keys[0]` first (then by vendor id), at most `limit`, in one statement. Each
        vendor's days are its own local days: the dates are applied to them as they are."""
        ...


@runtime_checkable
class LedgerSource(Protocol):
    """A module's ledger rows computed from its raw tables: the reference the ledger must equal.
    Subclass it to inherit the defaults of the two methods most modules need not write."""

    def vendor_rows(self) -> SelectBase:
        """`(vendor_id, key, at, value)` rows: `at` the moment (a `UTCDateTime`) of what the value
        counts, NULL for changes that have no day. Several rows may share a vendor, key and moment:
        they are added up. Moments, not days: the ledger buckets them in each owner's time zone."""
        ...

    def platform_rows(self) -> SelectBase | None:
        """`(platform_id, key, at, value)` rows for what platforms own themselves; None if nothing."""
        return None

    def rebuild_own(self, db: Session) -> None:
        """Bring the module's own bookkeeping for its keys (if any) in line with its raw rows; called
        before the ledger is rebuilt, after rows arrived in bulk. Every source's is called before
        any source's rows are read, so one may add rows another counts (orders adding customers)."""
        return None
