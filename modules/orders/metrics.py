"""Orders' figures for a vendor or a platform, from the figures ledger: counts and revenue, all time
and in the period, pending orders and repeat customers. One statement over a handful of ledger
rows, whatever the number of orders; `modules/orders/figures.py` says what the ledger holds.

Revenue is summed as integers and the average is rounded once, half up, to a whole cent.
"""

from __future__ import annotations

from kernel.context import MetricsContext
from kernel.contracts.figures import LedgerFigures
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics import MetricValue, with_trend
from modules.orders.figures import COUNT, EARNING, KEYS, PENDING, REPEAT, REVENUE

__all__ = ("OrdersMetricsProvider",)


def _average(revenue: int, count: int) -> int:
    return (revenue * 2 + count) // (count * 2) if count else 0


class OrdersMetricsProvider(LedgerMetrics):
    metrics_category = "orders"
    keys = KEYS

    def metrics(self, figures: LedgerFigures, context: MetricsContext) -> list[MetricValue]:
        revenue, trends = figures.total(REVENUE), context.include_trends
        return [
            self.count(
                "total",
                figures.total(COUNT),
                "Orders",
                icon="shopping-cart",
                description="Orders of every status, all time",
            ),
            self.cents(
                "total_revenue", revenue, "Revenue", description="Revenue of orders not cancelled or refunded"
            ),
            self.cents(
                "average_order_value",
                _average(revenue, figures.total(EARNING)),
                "Average order value",
                description="Revenue divided by the orders that bring revenue, rounded to the cent",
            ),
            self.count(
                "pending",
                figures.total(PENDING),
                "Pending orders",
                icon="clock",
                description="Orders awaiting payment",
            ),
            self.count(
                "repeat_customers",
                figures.total(REPEAT),
                "Repeat customers",
                icon="users",
                description="Customers with two or more orders at the same vendor, all time",
            ),
            with_trend(
                self.count(
                    "period_orders",
                    figures.in_window(COUNT),
                    "Orders in period",
                    icon="shopping-cart",
                    description="Orders of every status placed in the period",
                ),
                figures.before_window(COUNT),
                trends,
            ),
            with_trend(
                self.cents(
                    "period_revenue",
                    figures.in_window(REVENUE),
                    "Revenue in period",
                    description="Revenue of orders placed in the period",
                ),
                figures.before_window(REVENUE),
                trends,
            ),
        ]
