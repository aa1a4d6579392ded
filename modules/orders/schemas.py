"""Request and response bodies of the orders routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

from contracts.fields import Email
from contracts.pagination import Page
from modules.orders.models import OrderStatus

__all__ = (
    "MAX_ORDER_CENTS",
    "OrderCreate",
    "OrderMove",
    "OrderOut",
    "OrderPage",
    "OrderStatus",
    "RefundCreate",
    "RefundOut",
)

MAX_ORDER_CENTS = 100_000_000_00  # 100 million euros: far above any real order, far below BIGINT's range


class OrderCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    customer_email: Annotated[Email, msgspec.Meta(examples=["ana@example.com"])]
    total_cents: Annotated[
        int, msgspec.Meta(ge=0, le=MAX_ORDER_CENTS, description="Order total in cents", examples=[4999])
    ]
    currency: Annotated[
        Literal["EUR"], msgspec.Meta(description="Only EUR until exchange rates exist", examples=["EUR"])
    ] = "EUR"
    status: Annotated[OrderStatus, msgspec.Meta(examples=["paid"])] = "pending"


class OrderMove(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    status: Annotated[
        OrderStatus,
        msgspec.Meta(
            description="Where the order goes next: pending → paid → shipped → delivered; pending or "
            "paid → cancelled; paid, shipped or delivered → refunded",
            examples=["shipped"],
        ),
    ]


class OrderOut(msgspec.Struct, kw_only=True):
    id: int
    vendor_id: int
    customer_email: str
    status: OrderStatus
    total_cents: int
    currency: str
    created_at: datetime
    refunded_cents: int = 0
    paid_at: datetime | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    cancelled_at: datetime | None = None
    refunded_at: datetime | None = None


class OrderPage(Page[OrderOut]):
    pass


class RefundCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    amount_cents: Annotated[
        int,
        msgspec.Meta(
            ge=1,
            le=MAX_ORDER_CENTS,
            description="What to give back, in cents: at most what is left to refund on the order",
            examples=[1500],
        ),
    ]
    reason: Annotated[str, msgspec.Meta(max_length=500, examples=["damaged in transit"])] | None = None


class RefundOut(msgspec.Struct, kw_only=True):
    id: int
    order_id: int
    amount_cents: int
    reason: str | None
    created_at: datetime
    order: OrderOut
    """The order after the refund: what is refunded so far and, after a full refund, `refunded`."""
