"""The naive reference for orders: plain ORM counts and sums over the orders tables, one query per
figure (see `bench/naive.py`), in each currency the vendor sold in, as the real table shows them."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kernel.context import MetricsContext
from kernel.metrics import MetricValue, with_trend
from modules.orders.models import REVENUE_STATUSES, Order, OrderLine, OrderRefund

__all__ = ("orders_figures",)


def _count(db: Session, *conditions: Any) -> int:
    return int(db.scalar(select(func.count()).select_from(Order).where(*conditions)) or 0)


def _sum(db: Session, column: Any, *conditions: Any) -> int:
    return int(db.scalar(select(func.coalesce(func.sum(column), 0)).where(*conditions)) or 0)


def _figure(name: str, value: int | float, unit: str = "count", currency: str | None = None) -> MetricValue:
    label = name.replace("_", " ").capitalize()
    return MetricValue(
        key=f"orders.{name}", value=value, label=label, category="orders", unit=unit, currency=currency
    )


def _backlogs(db: Session, scope: Any, context: MetricsContext) -> list[MetricValue]:
    shown = []
    window = context.window
    pending = _count(db, scope, Order.status == "pending")
    left_pending = func.coalesce(Order.paid_at, Order.cancelled_at)
    came = _count(db, scope, window.includes(Order.created_at))
    went = _count(db, scope, Order.status != "pending", window.includes(left_pending))
    shown.append(with_trend(_figure("pending", pending), pending - came + went, context.include_trends))
    paid = _count(db, scope, Order.status == "paid")
    left_paid = func.coalesce(Order.shipped_at, Order.cancelled_at, Order.refunded_at)
    came = _count(db, scope, window.includes(cast("Any", Order.paid_at)))
    went = _count(db, scope, Order.paid_at.is_not(None), Order.status != "paid", window.includes(left_paid))
    shown.append(with_trend(_figure("awaiting_shipment", paid), paid - came + went, context.include_trends))
    return shown


def _money(db: Session, scope: Any, context: MetricsContext, currency: str, suffix: str) -> list[MetricValue]:
    """The money figures of one currency, named with `suffix` (empty for the reporting currency)."""
    scope = (scope, Order.currency == currency)
    earns, kept = Order.status.in_(REVENUE_STATUSES), Order.total_cents - Order.refunded_cents
    revenue, earning = _sum(db, kept, *scope, earns), _count(db, *scope, earns)
    average = (revenue * 2 + earning) // (earning * 2) if earning else 0  # half up, to the minor unit
    placed = [_sum(db, kept, *scope, earns, w.includes(Order.created_at)) for w in context.windows]
    sold = [
        _sum(db, Order.total_cents, *scope, Order.status != "cancelled", w.includes(Order.created_at))
        for w in context.windows
    ]
    given = select(func.coalesce(func.sum(OrderRefund.amount_cents), 0)).join(
        Order, (Order.vendor_id == OrderRefund.vendor_id) & (Order.id == OrderRefund.order_id)
    )
    back = [
        int(db.scalar(given.where(*scope, w.includes(OrderRefund.created_at))) or 0) for w in context.windows
    ]
    trends = context.include_trends

    def money(name: str, value: int, before: int | None = None) -> MetricValue:
        shown = _figure(f"{name}{suffix}", value, "cents", currency)
        return shown if before is None else with_trend(shown, before, trends)

    return [
        money("total_revenue", revenue),
        money("average_order_value", average),
        money("period_revenue", placed[0], placed[1]),
        money("period_net_revenue", sold[0] - back[0], sold[1] - back[1]),
        money("period_refunded", back[0], back[1]),
    ]


def _emails(db: Session, grouped: Any) -> int:
    """How many customer emails (a vendor's) the grouped query keeps."""
    return int(db.scalar(select(func.count()).select_from(grouped.subquery())) or 0)


def _rate(cancelled: int, placed: int) -> float:
    return round(cancelled * 100 / placed, 1) if placed else 0.0


def orders_figures(db: Session, scope: Any, context: MetricsContext) -> list[MetricValue]:
    """The real table's rows in its order: counts, then the reporting currency's money, then every
    other currency's, by code."""
    earns = Order.status.in_(REVENUE_STATUSES)
    repeat = select(Order.vendor_id).where(scope).group_by(Order.vendor_id, Order.customer_email)
    placed = [_count(db, scope, w.includes(Order.created_at)) for w in context.windows]
    cancelled = [
        _count(db, scope, Order.status == "cancelled", w.includes(Order.created_at)) for w in context.windows
    ]
    of_its_order = (Order.vendor_id == OrderLine.vendor_id) & (Order.id == OrderLine.order_id)
    sold = select(func.coalesce(func.sum(OrderLine.quantity), 0)).join(Order, of_its_order)
    units = [
        int(db.scalar(sold.where(scope, earns, w.includes(Order.created_at))) or 0) for w in context.windows
    ]
    refunded_order = (Order.vendor_id == OrderRefund.vendor_id) & (Order.id == OrderRefund.order_id)
    refunds = select(func.count()).select_from(OrderRefund).join(Order, refunded_order)
    made = [
        int(db.scalar(refunds.where(scope, w.includes(OrderRefund.created_at))) or 0) for w in context.windows
    ]
    home = context.currency
    money = {row.key.removeprefix("orders."): row for row in _money(db, scope, context, home, "")}
    trends = context.include_trends
    shown = [
        _figure("total", _count(db, scope)),
        money["total_revenue"],
        money["average_order_value"],
        *_backlogs(db, scope, context),
        _figure("customers_with_orders", _emails(db, repeat)),
        _figure("repeat_customers", _emails(db, repeat.having(func.count() >= 2))),
        with_trend(_figure("period_orders", placed[0]), placed[1], trends),
        money["period_revenue"],
        money["period_net_revenue"],
        with_trend(
            _figure("period_cancellation_rate", _rate(cancelled[0], placed[0]), "%"),
            _rate(cancelled[1], placed[1]),
            trends,
        ),
        with_trend(_figure("period_units", units[0]), units[1], trends),
        with_trend(_figure("period_refunds", made[0]), made[1], trends),
        money["period_refunded"],
    ]  # fmt: skip
    others = db.scalars(select(Order.currency).where(scope, Order.currency != home).distinct())
    for currency in sorted(others):
        shown += _money(db, scope, context, currency, f"_{currency.lower()}")
    return shown
