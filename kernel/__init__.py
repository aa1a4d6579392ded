"""Tessera's kernel: the contracts every module speaks and the machinery that runs them.

It imports no module, no adapter, no web framework, no database driver and no DI library.
"""

from kernel.aggregator import Dashboard, StatsAggregator
from kernel.clock import Clock, SystemClock
from kernel.context import MetricsContext, TimeWindow
from kernel.errors import (
    AuthenticationError,
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    SettingsError,
    TesseraError,
)
from kernel.fields import Name
from kernel.identity import SYSTEM, Principal, Role
from kernel.metrics import MetricValue, Trend, compare, with_trend
from kernel.module import ModuleDefinition
from kernel.period import resolve_period
from kernel.persistence import UTCDateTime, module_metadata
from kernel.provider import MetricsProvider
from kernel.vendor_figures import VendorFigures

__all__ = (
    "SYSTEM",
    "AuthenticationError",
    "Clock",
    "ConflictError",
    "Dashboard",
    "ForbiddenError",
    "InvalidInputError",
    "MetricValue",
    "MetricsContext",
    "MetricsProvider",
    "ModuleDefinition",
    "Name",
    "NotFoundError",
    "Principal",
    "Role",
    "SettingsError",
    "StatsAggregator",
    "SystemClock",
    "TesseraError",
    "TimeWindow",
    "Trend",
    "UTCDateTime",
    "VendorFigures",
    "compare",
    "module_metadata",
    "resolve_period",
    "with_trend",
)
