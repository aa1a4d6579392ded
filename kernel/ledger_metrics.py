"""A category's metrics table: the figures its dashboards show, each read from its ledger keys.

A module on the ledger writes no code to read it. It lists its figures, one `Metric` per row: the
name it is published under, its label, the key it reads (or how it is derived from several), whether
it is the period's sum (then with its trend against the period before) or the all-time total, and
its unit. The ledger's batch reads the keys of every category on a dashboard in one statement and
hands each table the reading; the table turns the numbers into `MetricValue`s, with no database
access, so a table that fails fails alone.

Money is kept per currency and never added across them. A key holding money names its currency
with the `{currency}` placeholder (`currency_key`), so one row of the table stands for that figure in
every currency: under its own name in the owner's reporting currency (the name a one-currency shop
has always read), and once more per other currency the owner has figures in, named
`<name>_<code>` (`total_revenue_usd`). A money row whose key has no placeholder (a product's price
has no currency of its own) is in the reporting currency.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kernel.contracts.ledger import LedgerReading
from kernel.metrics import MetricValue, with_trend

if TYPE_CHECKING:
    from kernel.context import MetricsContext, Scope

__all__ = ("CURRENCY", "LedgerMetrics", "Metric", "currency_key", "in_currency")

CURRENCY = "{currency}"
_CURRENCY_PART = ".currency."
_ICONS = {"EUR": "euro", "USD": "dollar-sign", "GBP": "pound-sterling", "JPY": "japanese-yen"}


def currency_key(category: str, name: str) -> str:
    """The key of a figure kept per currency, for every currency: `orders.currency.{currency}.revenue`.
    All of a category's such keys share one prefix, so the ledger reads them, whatever their
    currencies, as one range of keys."""
    return f"{category}{_CURRENCY_PART}{CURRENCY}.{name}"


def in_currency(key: str, currency: str) -> str:
    """The key as written for one currency: `orders.currency.USD.revenue`."""
    return key.replace(CURRENCY, currency)


def _part(reading: LedgerReading, which: str) -> LedgerReading:
    """The window (or the one before) seen as totals, so a derived figure computes a period's value
    with the very function that computes its all-time value."""
    window = reading.window if which == "window" else reading.previous
    return LedgerReading(totals=window, currency=reading.currency)


@dataclass(frozen=True, slots=True)
class Metric:
    """One row: `value` is a ledger key (its total, or with `period` its sum over the period) or a
    function of the reading, for a figure derived from several keys (an average, a rate); a derived
    period figure is the function of the period's sums, its trend the function of the period
    before's. Money is `unit="cents"`: integer minor units of the figure's currency."""

    name: str
    label: str
    value: str | Callable[[LedgerReading], int | float]
    description: str
    period: bool = False
    unit: str = "count"
    icon: str = "hash"
    level: bool = False
    """A state kept as changes at the moments they happen (orders awaiting payment): its value is
    the all-time total, and its trend compares it with the level before the period's changes,
    which for a period ending today is the level when the period began."""

    @property
    def money(self) -> bool:
        return self.unit == "cents"

    def shown(
        self, category: str, reading: LedgerReading, include_trends: bool, currency: str, name: str = ""
    ) -> MetricValue:
        seen = replace(reading, currency=currency)
        previous: int | float | None = None
        if isinstance(self.value, str):
            number: int | float = (seen.in_window if self.period else seen.total)(self.value)
            if self.period:
                previous = seen.before_window(self.value)
            elif self.level:
                previous = number - seen.in_window(self.value)
        elif self.period:
            number = self.value(_part(seen, "window"))
            previous = self.value(_part(seen, "previous"))
        else:
            number = self.value(seen)
        metric = MetricValue(
            key=f"{category}.{name or self.name}",
            value=number,
            label=self.label if not name else f"{self.label} ({currency})",
            category=category,
            icon=_ICONS.get(currency, "banknote") if self.money else self.icon,
            description=f"{self.description}, in {currency} minor units" if self.money else self.description,
            unit=self.unit,
            currency=currency if self.money else None,
        )
        return metric if previous is None else with_trend(metric, previous, include_trends)


class LedgerMetrics:
    """A category's table: its metrics, the same on both dashboards unless `platform` lists the
    platform dashboard's own (tenancy shows a vendor its team, a platform its vendors). The batch
    reads the keys the rows name, and `reads`: the keys derived figures read besides; keys in every
    currency are read as the range `prefixes` names."""

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
        named = {row.value for row in rows if isinstance(row.value, str)} | set(reads)
        self.keys = tuple(sorted(key for key in named if CURRENCY not in key))
        self._money_prefix = f"{category}{_CURRENCY_PART}"
        self.prefixes = (self._money_prefix,) if any(CURRENCY in key for key in named) else ()

    def rows(self, scope: Scope) -> tuple[Metric, ...]:
        """One dashboard's rows, in order (a chart picks its figures among them by name)."""
        return self._tables[scope]

    def metrics(self, scope: Scope, reading: LedgerReading, context: MetricsContext) -> list[MetricValue]:
        """The figures of one dashboard from the ledger's numbers; no database access."""
        return self._shown(self._tables[scope], reading, context.include_trends, context.currency)

    def all_time(self, scope: Scope, reading: LedgerReading, currency: str) -> list[MetricValue]:
        """Only the figures that are no period's sum (levels are: they are all-time states), as the
        dashboard shows them, from a reading of totals alone. For exporters such as Prometheus,
        which keep their own history and derive rates from it."""
        table = [row for row in self._tables[scope] if not row.period]
        return self._shown(table, reading, False, currency)

    def _shown(
        self, table: Sequence[Metric], reading: LedgerReading, trends: bool, home: str
    ) -> list[MetricValue]:
        category = self.metrics_category
        shown = [row.shown(category, reading, trends, home) for row in table]
        for currency in self._other_currencies(reading, home):
            shown += [
                row.shown(category, reading, trends, currency, f"{row.name}_{currency.lower()}")
                for row in table
                if row.money
            ]
        return shown

    def _other_currencies(self, reading: LedgerReading, home: str) -> list[str]:
        """Every currency but the reporting one that any money key of this category holds a figure
        in (all time, in the period or the one before): each gets its own rows."""
        prefix = self._money_prefix
        found = {
            key[len(prefix) :].split(".", 1)[0]
            for part in (reading.totals, reading.window, reading.previous)
            for key, value in part.items()
            if value and key.startswith(prefix)
        }
        return sorted(found - {home})
