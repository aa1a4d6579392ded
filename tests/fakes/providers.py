"""Hand-written metrics providers for tests: fixed figures, failures and overruns. `FixedMetrics`
and `FailingMetrics` stand in for a module's ledger table (`ledger_metrics`), the others for a
`MetricsProvider` asked alone."""

from __future__ import annotations

import threading
import time
from typing import Any

from kernel.context import MetricsContext, Scope
from kernel.contracts.ledger import LedgerReading
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics import MetricValue


class FixedProvider:
    """Answers with one figure and records what it was asked."""

    def __init__(self, category: str, value: int = 7) -> None:
        self._category = category
        self.value = value
        self.calls: list[tuple[str, int, MetricsContext]] = []

    @property
    def metrics_category(self) -> str:
        return self._category

    def _metrics(self) -> list[MetricValue]:
        return [
            MetricValue(
                key=f"{self._category}.answer", value=self.value, label="Answer", category=self._category
            )
        ]

    def get_vendor_metrics(self, db: Any, vendor_id: int, context: MetricsContext) -> list[MetricValue]:
        self.calls.append(("vendor", vendor_id, context))
        return self._metrics()

    def get_platform_metrics(self, db: Any, platform_id: int, context: MetricsContext) -> list[MetricValue]:
        self.calls.append(("platform", platform_id, context))
        return self._metrics()


class FailingProvider(FixedProvider):
    def get_vendor_metrics(self, db: Any, vendor_id: int, context: MetricsContext) -> list[MetricValue]:
        raise RuntimeError("the warehouse is on fire")

    def get_platform_metrics(self, db: Any, platform_id: int, context: MetricsContext) -> list[MetricValue]:
        raise RuntimeError("the warehouse is on fire")


class SleepingProvider(FixedProvider):
    """Sleeps in Python, where no database cancel can reach it; `finished` is set when it returns."""

    def __init__(self, category: str, seconds: float) -> None:
        super().__init__(category)
        self.seconds = seconds
        self.finished = threading.Event()
        self.started = 0
        self.running = 0
        self._count = threading.Lock()

    def get_vendor_metrics(self, db: Any, vendor_id: int, context: MetricsContext) -> list[MetricValue]:
        with self._count:
            self.started += 1
            self.running += 1
        try:
            time.sleep(self.seconds)
            return self._metrics()
        finally:
            with self._count:
                self.running -= 1
            self.finished.set()

    def get_platform_metrics(self, db: Any, platform_id: int, context: MetricsContext) -> list[MetricValue]:
        return self.get_vendor_metrics(db, platform_id, context)


class SlowQueryProvider(FixedProvider):
    """Runs a statement that takes far longer than any timeout, so only an interrupt can stop it."""

    def __init__(self, category: str) -> None:
        super().__init__(category)
        self.error: BaseException | None = None
        self.finished = threading.Event()

    def get_vendor_metrics(self, db: Any, vendor_id: int, context: MetricsContext) -> list[MetricValue]:
        from sqlalchemy import text  # noqa: PLC0415

        slow = (
            "SELECT pg_sleep(30)"
            if db.bind.dialect.name == "postgresql"
            else "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000000) "
            "SELECT count(*) FROM n"
        )
        try:
            db.execute(text(slow))
        except BaseException as error:
            self.error = error
            raise
        finally:
            self.finished.set()
        return self._metrics()

    def get_platform_metrics(self, db: Any, platform_id: int, context: MetricsContext) -> list[MetricValue]:
        return self.get_vendor_metrics(db, platform_id, context)


class WrongShapeProvider(FixedProvider):
    def get_vendor_metrics(self, db: Any, vendor_id: int, context: MetricsContext) -> Any:
        return {"not": "a list"}


class FixedMetrics(LedgerMetrics):
    """A ledger category answering one figure whatever the ledger holds; records what it was asked."""

    def __init__(self, category: str, value: int = 7) -> None:
        super().__init__(category)
        self.value = value
        self.calls: list[tuple[Scope, MetricsContext]] = []

    def metrics(self, scope: Scope, reading: LedgerReading, context: MetricsContext) -> list[MetricValue]:
        self.calls.append((scope, context))
        category = self.metrics_category
        return [MetricValue(key=f"{category}.answer", value=self.value, label="Answer", category=category)]


class FailingMetrics(FixedMetrics):
    def metrics(self, scope: Scope, reading: LedgerReading, context: MetricsContext) -> list[MetricValue]:
        raise RuntimeError("the warehouse is on fire")
