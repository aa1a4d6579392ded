"""Orders' figures for a vendor or a platform: counts and revenue, all time and in the period.

Everything comes from one SELECT over the vendor's (or platform's) orders with conditional
aggregates, so a dashboard costs one round trip here. Revenue is summed in SQL as integers and
the average is rounded once, half up, to a whole cent.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from kernel.context import MetricsContext
from kernel.metrics import MetricValue, with_trend
from kernel.vendor_figures import VendorFigures
from modules.orders.models import REVENUE_STATUSES, Order

__all__ = ("OrdersMetricsProvider",)

CATEGORY = "orders"


def _sum_cents(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, Order.total_cents), else_=0)), 0)


def _repeat_customers(scope: ColumnElement[bool]) -> Any:
    """Emails with two or more orders in scope, as a scalar subquery of the same statement."""
    repeat = select(Order.customer_email).where(scope).group_by(Order.customer_email)
    return select(func.count()).select_from(repeat.having(func.count() >= 2).subquery()).scalar_subquery()


def _average(revenue: int, count: int) -> int:
    return (revenue * 2 + count) // (count * 2) if count else 0


class OrdersMetricsProvider(VendorFigures):
    metrics_category = CATEGORY
    vendor_column = Order.vendor_id

    def figures(self, db: Session, scope: ColumnElement[bool], context: MetricsContext) -> list[MetricValue]:
        earns = Order.status.in_(REVENUE_STATUSES)
        now, before = (window.includes(Order.created_at) for window in context.windows)
        row = db.execute(
            select(
                func.count(),
                _sum_cents(earns),
                func.count(case((earns, 1))),
                func.count(case((now, 1))),
                _sum_cents(and_(now, earns)),
                func.count(case((before, 1))),
                _sum_cents(and_(before, earns)),
                func.count(case((Order.status == "pending", 1))),
                _repeat_customers(scope),
            ).where(scope)
        ).one()
        total, revenue, earning, period, period_revenue, previous, previous_revenue, pending, repeat = (
            int(v) for v in row
        )
        trends = context.include_trends
        return [
            self.count(
                "total", total, "Orders", icon="shopping-cart", description="Orders of every status, all time"
            ),
            self.cents(
                "total_revenue", revenue, "Revenue", description="Revenue of orders not cancelled or refunded"
            ),
            self.cents(
                "average_order_value",
                _average(revenue, earning),
                "Average order value",
                description="Revenue divided by the orders that bring revenue, rounded to the cent",
            ),
            self.count(
                "pending", pending, "Pending orders", icon="clock", description="Orders awaiting payment"
            ),
            self.count(
                "repeat_customers",
                repeat,
                "Repeat customers",
                icon="users",
                description="Customer emails with two or more orders, all time",
            ),
            with_trend(
                self.count(
                    "period_orders",
                    period,
                    "Orders in period",
                    icon="shopping-cart",
                    description="Orders of every status placed in the period",
                ),
                previous,
                trends,
            ),
            with_trend(
                self.cents(
                    "period_revenue",
                    period_revenue,
                    "Revenue in period",
                    description="Revenue of orders placed in the period",
                ),
                previous_revenue,
                trends,
            ),
        ]
