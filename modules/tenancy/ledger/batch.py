"""The ledger's batch: every category on the ledger, answered by one read.

Every category on the ledger reads the same two tables. Asked one by one, each cost a worker
thread, a pooled connection and a statement for a handful of rows: on PostgreSQL that was four round
trips per category and most of a dashboard's time. So the root hands the aggregator this batch,
built from the `ledger_metrics` every such module contributes: one read of all the asked
categories' keys, then each category's table on its own, so a table that raises still fails alone.
A read that fails or overruns takes every category of the batch with it, but those categories
depend on that one store anyway.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy.orm import Session

from kernel.context import MetricsContext, Owner
from kernel.contracts.ledger import LedgerReader
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics_batch import Answers

__all__ = ("LedgerBatch",)


class LedgerBatch:
    def __init__(self, reader: LedgerReader, tables: Sequence[LedgerMetrics]) -> None:
        self._reader = reader
        self._tables = tuple(tables)
        self.categories = tuple(table.metrics_category for table in self._tables)

    def answer(self, db: Session, owner: Owner, context: MetricsContext, asked: Collection[str]) -> Answers:
        tables = [table for table in self._tables if table.metrics_category in asked]
        keys = sorted({key for table in tables for key in table.keys})
        prefixes = sorted({prefix for table in tables for prefix in table.prefixes})
        if context.day_keys or context.day_prefixes:
            reading = self._reader.read(
                db, owner, keys, context, prefixes, context.day_keys, context.day_prefixes
            )
        else:  # as every reader is asked by the API's dashboards, fakes too
            reading = self._reader.read(db, owner, keys, context, prefixes)
        answers = Answers()
        answers.days = reading.days if context.day_keys or context.day_prefixes else None
        for table in tables:
            try:
                answers[table.metrics_category] = table.metrics(owner[0], reading, context)
            except Exception as error:  # isolated per category; the aggregator logs it
                answers[table.metrics_category] = error
        return answers
