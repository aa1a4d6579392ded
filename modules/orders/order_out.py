"""An order as the API shows it, from its row: one place, for the service and the refunds alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from modules.orders.models import Order
from modules.orders.schemas import OrderLine, OrderOut, OrderStatus

__all__ = ("order_out",)


def order_out(order: Order, lines: Sequence[OrderLine] = ()) -> OrderOut:
    return OrderOut(
        id=order.id,
        vendor_id=order.vendor_id,
        customer_email=order.customer_email,
        status=cast("OrderStatus", order.status),
        total_cents=order.total_cents,
        currency=order.currency,
        created_at=order.created_at,
        refunded_cents=order.refunded_cents,
        external_id=order.external_id,
        lines=list(lines),
        paid_at=order.paid_at,
        shipped_at=order.shipped_at,
        delivered_at=order.delivered_at,
        cancelled_at=order.cancelled_at,
        refunded_at=order.refunded_at,
    )
