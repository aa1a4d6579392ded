"""`LedgerCensus` (contracts/ledger_census.py): every platform's all-time totals in one statement,
and the fold's backlog in another, for the Prometheus scrape.

All-time totals are what a platform dashboard reads as its part 0 (read.py): the `figure_totals`
rows plus the deltas not yet folded that change them (neither day nor moment). Folded or not, the
sum is the same in any snapshot, as for a dashboard. Every platform comes back, those with no rows
yet too, so a new platform's figures read 0 rather than being absent.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from contracts.ledger_census import FoldBacklog, PlatformTotals
from modules.tenancy.ledger.read import keys_named
from modules.tenancy.models import STORED_SCOPE, LedgerDelta, LedgerTotal, Platform

__all__ = ("SqlLedgerCensus",)


class SqlLedgerCensus:
    def platforms(
        self, db: Session, keys: Collection[str], prefixes: Collection[str] = ()
    ) -> list[PlatformTotals]:
        """A statement per scrape is cheap to build next to reading every platform: not kept."""
        dialect = db.get_bind().dialect
        wanted, ranges, scope = tuple(sorted(keys)), tuple(sorted(prefixes)), STORED_SCOPE["platform"]
        totals = select(LedgerTotal.owner_id, LedgerTotal.key, LedgerTotal.value).where(
            LedgerTotal.scope == scope, keys_named(LedgerTotal.key, wanted, ranges, dialect)
        )
        unfolded = (
            select(LedgerDelta.owner_id, LedgerDelta.key, func.sum(LedgerDelta.value))
            .where(
                LedgerDelta.scope == scope,
                LedgerDelta.day.is_(None),
                LedgerDelta.at.is_(None),
                keys_named(LedgerDelta.key, wanted, ranges, dialect),
            )
            .group_by(LedgerDelta.owner_id, LedgerDelta.key)
        )
        rows = union_all(totals, unfolded).subquery()
        statement = (
            select(Platform.id, Platform.slug, Platform.currency, rows.c.key, rows.c.value)
            .outerjoin(rows, rows.c.owner_id == Platform.id)
            .order_by(Platform.id)
        )
        named: dict[int, tuple[str, str]] = {}
        sums: dict[int, dict[str, int]] = {}
        for platform_id, slug, currency, key, value in db.execute(statement):
            named[platform_id] = (slug, currency)
            platform_sums = sums.setdefault(platform_id, {})
            if key is not None:
                platform_sums[key] = platform_sums.get(key, 0) + int(value)
        return [PlatformTotals(id_, slug, currency, sums[id_]) for id_, (slug, currency) in named.items()]

    def backlog(self, db: Session) -> FoldBacklog:
        """Counts the deltas: as cheap as the backlog is short, which is the fold's whole job."""
        count, oldest = db.execute(select(func.count(), func.min(LedgerDelta.id))).one()
        return FoldBacklog(deltas=int(count), oldest_id=None if oldest is None else int(oldest))
