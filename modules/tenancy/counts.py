"""Tenancy's writes to the ledger: what each change to vendors, memberships, users and
domains adds to the counts `modules/tenancy/ledger_keys.py` describes, in the change's own transaction.

A vendor's change (created, switched off or on, verified, joining or leaving a platform, a user
added to it) may change what it adds to each of its platforms' counts. Rather than work out each
case, `vendor_change` reads what the vendor adds to every platform before and after the change,
from the vendor's few rows, and records the difference: one rule for every vendor change, which
is exact by construction.

Concurrency. The vendor's row is locked (FOR UPDATE) before the first read, so two changes of one
vendor, or a user added to it while it joins a platform, never count from the same old state; a
user added to a vendor takes the same lock. SQLite runs one writer at a time and needs none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from kernel.contracts.ledger import LedgerWriter
from modules.tenancy.ledger_keys import (
    CUSTOM_DOMAINS,
    TEAM_MEMBERS,
    USERS,
    USERS_ACTIVE,
    VENDORS,
    VENDORS_ACTIVE,
    VENDORS_VERIFIED,
)
from modules.tenancy.models import User, Vendor, VendorPlatform

__all__ = ("TenancyCounts",)

Cell = tuple[int, datetime | None, str]
"""(platform, moment or None, key): one platform figure a vendor adds to; a moment lands on the
platform's local day (the ledger buckets it in the platform's zone)."""


def _lock_vendor(db: Session, vendor_id: int) -> None:
    db.execute(select(Vendor.id).where(Vendor.id == vendor_id).with_for_update())


def _vendor_cells(db: Session, vendor_id: int) -> Counter[Cell]:
    """What the vendor adds to its platforms' own rows now: its memberships, and its users on every
    platform it ever joined, less those already counted there as that platform's (see `figures`)."""
    cells: Counter[Cell] = Counter()
    memberships = db.execute(
        select(
            VendorPlatform.platform_id,
            VendorPlatform.created_at,
            VendorPlatform.is_active,
            Vendor.is_active,
            Vendor.is_verified,
        )
        .join(Vendor, Vendor.id == VendorPlatform.vendor_id)
        .where(VendorPlatform.vendor_id == vendor_id)
    ).all()
    users = {
        platform: (total, active)
        for platform, total, active in db.execute(
            select(User.platform_id, func.count(), func.count().filter(User.is_active == true()))
            .where(User.vendor_id == vendor_id)
            .group_by(User.platform_id)
        )
    }
    everyone = sum(total for total, _ in users.values())
    active_users = sum(active for _, active in users.values())
    for platform, joined, member, vendor_active, verified in memberships:
        cells[(platform, joined, VENDORS)] += 1
        cells[(platform, None, VENDORS_ACTIVE)] += int(member and vendor_active)
        cells[(platform, None, VENDORS_VERIFIED)] += int(verified)
        already = users.get(platform, (0, 0))
        cells[(platform, None, USERS)] += everyone - already[0]
        cells[(platform, None, USERS_ACTIVE)] += active_users - already[1]
    return cells


class TenancyCounts:
    def __init__(self, ledger: LedgerWriter) -> None:
        self._ledger = ledger

    @contextmanager
    def vendor_change(self, db: Session, vendor_id: int) -> Iterator[None]:
        """Wrap any change to the vendor, its memberships or its users: its platforms' counts follow."""
        _lock_vendor(db, vendor_id)
        before = _vendor_cells(db, vendor_id)
        yield
        db.flush()
        after = _vendor_cells(db, vendor_id)
        changed: dict[tuple[int, datetime | None], dict[str, int]] = {}
        for platform, at, key in sorted(before.keys() | after.keys(), key=_in_order):
            difference = after[(platform, at, key)] - before[(platform, at, key)]
            if difference:
                changed.setdefault((platform, at), {})[key] = difference
        for (platform, at), changes in changed.items():
            self._ledger.record_for_platform(db, platform, changes, at=at)

    def platform_user_added(self, db: Session, platform_id: int, *, active: bool) -> None:
        """A platform's own admin: counted on that platform only."""
        self._ledger.record_for_platform(db, platform_id, {USERS: 1, USERS_ACTIVE: int(active)})

    def seat_added(self, db: Session, vendor_id: int) -> None:
        """An active seat of an active user on the vendor's team."""
        self._ledger.record(db, vendor_id, {TEAM_MEMBERS: 1})

    def seat_switched(self, db: Session, vendor_id: int, step: int) -> None:
        """A seated user switched on (+1) or off (-1): only active users' seats count."""
        self._ledger.record(db, vendor_id, {TEAM_MEMBERS: step})

    def platform_user_switched(self, db: Session, platform_id: int, step: int) -> None:
        """A platform's own admin switched on (+1) or off (-1)."""
        self._ledger.record_for_platform(db, platform_id, {USERS_ACTIVE: step})

    def domain_added(self, db: Session, vendor_id: int) -> None:
        self._ledger.record(db, vendor_id, {CUSTOM_DOMAINS: 1})


def _in_order(cell: Cell) -> tuple[int, datetime, str]:
    """Platforms in one order (so writers lock their rows in one order), undated before dated."""
    platform, at, key = cell
    return platform, at or _NO_MOMENT, key


_NO_MOMENT = datetime.min.replace(tzinfo=UTC)
"""Sorts before every moment (the stored ones are aware UTC)."""
