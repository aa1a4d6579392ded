"""What one worker of the aggregator answers: one provider, or every ledger provider in one read.

Every provider on the figures ledger reads the same two tables. Asked one by one, each costs a
worker thread, a pooled connection and a statement for a handful of rows: on PostgreSQL that was
four round trips per category and most of a dashboard's time. So providers that share one
`FigureReader` are asked together: one read of all their keys, then each provider's `metrics` on
its own, so a provider whose `metrics` raises still fails alone. A read that fails or overruns
takes every category of the batch with it, but those categories depend on that one store anyway.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from kernel.ledger_metrics import LedgerMetrics

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from kernel.context import MetricsContext
    from kernel.metrics import MetricValue
    from kernel.provider import MetricsProvider

__all__ = ("Answers", "MetricsBatch", "Scope", "batches")

Scope = Literal["vendor", "platform"]
Answers = dict[str, "list[MetricValue] | Exception"]
"""Each asked category's figures, or what its provider raised; checked by the aggregator."""


class MetricsBatch(Protocol):
    @property
    def categories(self) -> tuple[str, ...]: ...

    def answer(
        self, db: Session, scope: Scope, target_id: int, context: MetricsContext, asked: Collection[str]
    ) -> Answers:
        """The figures of the `asked` categories (a non-empty subset of `categories`)."""
        ...


class _Alone:
    def __init__(self, provider: MetricsProvider) -> None:
        self._provider = provider
        self.categories = (provider.metrics_category,)

    def answer(
        self, db: Session, scope: Scope, target_id: int, context: MetricsContext, asked: Collection[str]
    ) -> Answers:
        provider = self._provider
        if scope == "vendor":
            return {self.categories[0]: provider.get_vendor_metrics(db, target_id, context)}
        return {self.categories[0]: provider.get_platform_metrics(db, target_id, context)}


class _OneRead:
    def __init__(self, providers: Sequence[LedgerMetrics]) -> None:
        self._providers = tuple(providers)
        self.categories = tuple(provider.metrics_category for provider in providers)

    def answer(
        self, db: Session, scope: Scope, target_id: int, context: MetricsContext, asked: Collection[str]
    ) -> Answers:
        members = [p for p in self._providers if p.metrics_category in asked]
        keys = sorted({key for provider in members for key in provider.keys})
        reader = members[0].figures
        if scope == "vendor":
            figures = reader.vendor_figures(db, target_id, keys, context)
        else:
            figures = reader.platform_figures(db, target_id, keys, context)
        answers: Answers = {}
        for provider in members:
            metrics = provider.vendor_metrics if scope == "vendor" else provider.platform_metrics
            try:
                answers[provider.metrics_category] = metrics(figures, context)
            except Exception as error:  # isolated per category; the aggregator logs it
                answers[provider.metrics_category] = error
        return answers


def _reads_plainly(provider: MetricsProvider) -> bool:
    """A ledger provider that kept the base class's way of reading; one that overrides it is asked alone."""
    kind = type(provider)
    return (
        isinstance(provider, LedgerMetrics)
        and kind.get_vendor_metrics is LedgerMetrics.get_vendor_metrics
        and kind.get_platform_metrics is LedgerMetrics.get_platform_metrics
    )


def batches(providers: Sequence[MetricsProvider]) -> list[MetricsBatch]:
    """The providers in batches, in the order of each batch's first provider."""
    shared: dict[int, list[LedgerMetrics]] = {}
    order: list[MetricsBatch | int] = []
    for provider in providers:
        if isinstance(provider, LedgerMetrics) and _reads_plainly(provider):
            reader = id(provider.figures)
            if reader not in shared:
                shared[reader] = []
                order.append(reader)
            shared[reader].append(provider)
        else:
            order.append(_Alone(provider))
    return [_OneRead(shared[item]) if isinstance(item, int) else item for item in order]
