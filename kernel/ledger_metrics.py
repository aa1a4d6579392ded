"""A category's metrics table: the figures its dashboards show, each read from its ledger keys.

A module on the ledger writes no code to read it. It lists its figures, one `Metric` per row: the
name it is published under, its label, the key it reads (or how it is derived from several), whether
it is the period's sum (then with its trend against the period before) or the all-time total, and
its unit. The ledger's batch reads the keys of every category on a dashboard in one statement and
hands each table the reading; the table turns the numbers into `MetricValue`s, with no database
access, so a table that fails fails alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kernel.metrics import MetricValue, with_trend

if TYPE_CHECKING:
    from kernel.context import MetricsContext, Scope
    from kernel.contracts.ledger import LedgerReading

__all__ = ("LedgerMetrics", "Metric")


@dataclass(frozen=True, slots=True)
class Metric:
    """One row: `value` is a ledger key (its total, or with `period` its sum over the period) or a
    function of the reading, for a figure derived from several keys (an average, a rate). Money is
    `unit="cents"`: integer cents, shown with the euro icon, the unit said in the description."""

    name: str
    label: str
    value: str | Callable[[LedgerReading], int | float]
    description: str
    period: bool = False
    unit: str = "count"
    icon: str = "hash"

    def shown(self, category: str, reading: LedgerReading, include_trends: bool) -> MetricValue:
        if isinstance(self.value, str):
            number: int | float = (reading.in_window if self.period else reading.total)(self.value)
        else:
            number = self.value(reading)
        money = self.unit == "cents"
        metric = MetricValue(
            key=f"{category}.{self.name}",
            value=number,
            label=self.label,
            category=category,
            icon="euro" if money else self.icon,
            description=f"{self.description}, in EUR cents" if money else self.description,
            unit=self.unit,
        )
        if self.period and isinstance(self.value, str):
            return with_trend(metric, reading.before_window(self.value), include_trends)
        return metric


class LedgerMetrics:
    """A category's table: its metrics, the same on both dashboards unless `platform` lists the
    platform dashboard's own (tenancy shows a vendor its team, a platform its vendors). The batch
    reads the keys the rows name, and `reads`: the keys derived figures read besides."""

    def __init__(
        self,
        category: str,
        *metrics: Metric,
        platform: Sequence[Metric] | None = None,
        reads: Sequence[str] = (),
    ) -> None:
        self.metrics_category = category
        self._tables: dict[Scope, tuple[Metric, ...]] = {
            "vendor": metrics,
            "platform": metrics if platform is None else tuple(platform),
        }
        rows = [row for table in self._tables.values() for row in table]
        named = {row.value for row in rows if isinstance(row.value, str)}
        self.keys = tuple(sorted(named | set(reads)))
        if derived := [row.name for row in rows if row.period and not isinstance(row.value, str)]:
            raise ValueError(f"'{category}' metrics {', '.join(derived)}: a period figure reads one key")

    def metrics(self, scope: Scope, reading: LedgerReading, context: MetricsContext) -> list[MetricValue]:
        """The figures of one dashboard from the ledger's numbers; no database access."""
        category, trends = self.metrics_category, context.include_trends
        return [row.shown(category, reading, trends) for row in self._tables[scope]]
