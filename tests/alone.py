"""Ask a fake `MetricsProvider` alone for one category, in place of that category's ledger table.

A category on the ledger is answered by the ledger's batch, one read for every category: a fake
that sleeps or runs a slow query there would hold up the whole batch, which is what the batch is
for. The aggregator's own guarantees (a deadline per batch, a cancelled statement, a skipped
overrunner) are about batches, so tests of them rewire the category as a module that reads on its
own is wired: out of the ledger's batch, and asked alone. Before the first dashboard is built.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from dependency_injector import providers

from adapters.container import Container
from kernel.metrics_batch import OneProvider
from kernel.provider import MetricsProvider
from modules.tenancy.ledger import LedgerBatch

__all__ = ("asked_alone",)


@contextmanager
def asked_alone(container: Container, provider: MetricsProvider) -> Iterator[None]:
    category = provider.metrics_category
    tables = [table for table in container.all_ledger_metrics() if table.metrics_category != category]
    batches = [LedgerBatch(container.ledger(), tables), OneProvider(provider)]
    with container.metrics_batches.override(providers.Object(batches)):
        yield
