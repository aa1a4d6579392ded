"""The whole ledger at a glance, for the service's own metrics: every platform's all-time totals,
and how many writes are still waiting to be folded.

A dashboard reads one owner; a Prometheus scrape wants every platform at once, in one statement,
and the fold's backlog. Tenancy keeps the ledger's tables, so it answers; the Prometheus adapter
(adapters/prometheus/ledger_collector.py) asks at scrape time, so every worker process reads the
same database and answers the same numbers.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ("FoldBacklog", "LedgerCensus", "PlatformTotals")


@dataclass(frozen=True, slots=True)
class PlatformTotals:
    """One platform's all-time totals of the keys asked for (folded and not); keys it has no row
    for are absent and read as 0."""

    platform_id: int
    slug: str
    currency: str
    totals: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class FoldBacklog:
    """The deltas written and not yet folded: their number and the id of the oldest (None: none).
    The oldest id stays put while the fold is stuck, and moves on while it works."""

    deltas: int
    oldest_id: int | None


@runtime_checkable
class LedgerCensus(Protocol):
    def platforms(
        self, db: Session, keys: Collection[str], prefixes: Collection[str] = ()
    ) -> list[PlatformTotals]:
        """Every platform, with its totals of `keys` and of the keys starting with `prefixes`, in
        one statement whatever the number of platforms and vendors."""
        ...

    def backlog(self, db: Session) -> FoldBacklog: ...
