"""Tessera's kernel: the contracts every module speaks and the machinery that runs them.

It imports no module, no adapter, no web framework, no database driver and no DI library.
"""

from kernel.aggregator import Dashboard, StatsAggregator
from kernel.clock import Clock, SystemClock
from kernel.context import MetricsContext, Owner, Scope, TimeWindow
from kernel.contracts.ledger import LedgerReading, LedgerSource, LedgerWriter
from kernel.counted_rows import CountedRows
from kernel.errors import (
    AuthenticationError,
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    SettingsError,
    TesseraError,
)
from kernel.identity import SYSTEM, Principal, Role
from kernel.ledger_metrics import LedgerMetrics, Metric
from kernel.metrics import MetricValue, Trend, compare, with_trend
from kernel.module import ModuleDefinition
from kernel.period import resolve_period
from kernel.persistence import UTCDateTime, module_metadata
from kernel.provider import MetricsProvider

__all__ = (
    "SYSTEM",
    "AuthenticationError",
    "Clock",
    "ConflictError",
    "CountedRows",
    "Dashboard",
    "ForbiddenError",
    "InvalidInputError",
    "LedgerMetrics",
    "LedgerReading",
    "LedgerSource",
    "LedgerWriter",
    "Metric",
    "MetricValue",
    "MetricsContext",
    "MetricsProvider",
    "ModuleDefinition",
    "NotFoundError",
    "Owner",
    "Principal",
    "Role",
    "Scope",
    "SettingsError",
    "StatsAggregator",
    "SystemClock",
    "TesseraError",
    "TimeWindow",
    "Trend",
    "UTCDateTime",
    "compare",
    "module_metadata",
    "resolve_period",
    "with_trend",
)
