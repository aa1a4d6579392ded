"""What one worker of the aggregator answers: a batch of categories, on one session.

The root container wires the batches explicitly and the aggregator only loops over them: the
ledger's batch, which answers every category on the ledger with one read (tenancy's
`LedgerBatch`), and `OneProvider` around each `MetricsProvider` that reads on its own.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import date

    from sqlalchemy.orm import Session

    from kernel.context import MetricsContext, Owner
    from kernel.metrics import MetricValue
    from kernel.provider import MetricsProvider

__all__ = ("Answers", "MetricsBatch", "OneProvider")


class Answers(dict[str, "list[MetricValue] | Exception"]):
    """Each asked category's figures, or what its provider raised; checked by the aggregator.
    `days`: the context's `day_keys` per local day, set by the batch that read them (the ledger's)."""

    days: Mapping[date, Mapping[str, int]] | None = None


class MetricsBatch(Protocol):
    @property
    def categories(self) -> tuple[str, ...]: ...

    def answer(self, db: Session, owner: Owner, context: MetricsContext, asked: Collection[str]) -> Answers:
        """The figures of the `asked` categories (a non-empty subset of `categories`)."""
        ...


class OneProvider:
    """A batch of one: a provider that reads on its own, asked alone."""

    def __init__(self, provider: MetricsProvider) -> None:
        self._provider = provider
        self.categories = (provider.metrics_category,)

    def answer(self, db: Session, owner: Owner, context: MetricsContext, asked: Collection[str]) -> Answers:
        scope, owner_id = owner
        if scope == "vendor":
            return Answers({self.categories[0]: self._provider.get_vendor_metrics(db, owner_id, context)})
        return Answers({self.categories[0]: self._provider.get_platform_metrics(db, owner_id, context)})
