"""Which published figure a series key names: a period row of a category's ledger table, in the
owner's reporting currency under its own name, or in another currency under `<name>_<code>`.

Only period figures have a value per bucket (an all-time total or a backlog has none), and only the
categories switched on for the platform count: any other key is a 400 that lists the keys that can
be asked, so a person can fix the request without reading code.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from contracts.currencies import MINOR_UNITS
from kernel.context import Scope
from kernel.errors import InvalidInputError
from kernel.ledger_metrics import LedgerMetrics, Metric

__all__ = ("MAX_KEYS", "SeriesFigure", "series_figures")

MAX_KEYS = 20
"""Lines one series may ask for: more would not be read on one chart."""


@dataclass(frozen=True, slots=True)
class SeriesFigure:
    """A figure a series key names: its table, its row, and the currency it is in (`None`: the
    owner's reporting currency, under the row's own name)."""

    key: str
    table: LedgerMetrics
    row: Metric
    currency: str | None

    def shown_name(self) -> str:
        """The name `Metric.shown` publishes it under: the row's, or `<row>_<code>` in another currency."""
        return "" if self.currency is None else f"{self.row.name}_{self.currency.lower()}"


def _period_rows(
    tables: Sequence[LedgerMetrics], scope: Scope, on: Collection[str] | None
) -> dict[str, tuple[LedgerMetrics, Metric]]:
    return {
        f"{table.metrics_category}.{row.name}": (table, row)
        for table in tables
        if on is None or table.metrics_category in on
        for row in table.rows(scope)
        if row.period
    }


def _named(key: str, rows: dict[str, tuple[LedgerMetrics, Metric]]) -> SeriesFigure | None:
    if key in rows:
        return SeriesFigure(key, *rows[key], None)
    name, _, code = key.rpartition("_")
    found = rows.get(name)
    if found is None or not found[1].money or code != code.lower() or code.upper() not in MINOR_UNITS:
        return None
    return SeriesFigure(key, *found, code.upper())


def series_figures(
    keys: Sequence[str], tables: Sequence[LedgerMetrics], scope: Scope, on: Collection[str] | None
) -> list[SeriesFigure]:
    """The figures `keys` name, each once, in the order asked; `on`: the categories switched on
    (`None`: all)."""
    asked = list(dict.fromkeys(key.strip() for key in keys if key.strip()))
    if not asked:
        raise InvalidInputError("keys", "must name at least one figure, like orders.period_orders")
    if len(asked) > MAX_KEYS:
        raise InvalidInputError("keys", f"at most {MAX_KEYS} figures at a time; got {len(asked)}")
    rows = _period_rows(tables, scope, on)
    figures = []
    for key in asked:
        figure = _named(key, rows)
        if figure is None:
            known = ", ".join(sorted(rows)) or "none: no module with period figures is on here"
            money = next((name for name, (_, row) in sorted(rows.items()) if row.money), None)
            other = f"; money figures also in another currency, like {money}_usd" if money else ""
            raise InvalidInputError(
                "keys", f"{key!r} is not a period figure of this dashboard; ask for {known}{other}"
            )
        figures.append(figure)
    return figures
