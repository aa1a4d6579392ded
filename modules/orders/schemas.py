"""Request and response bodies of the orders routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from contracts.currencies import CurrencyCode
from contracts.fields import MAX_ID, Email
from contracts.pagination import Page
from modules.orders.models import OrderStatus

__all__ = (
    "MAX_ORDER_CENTS",
    "ExternalId",
    "OrderCreate",
    "OrderLine",
    "OrderMove",
    "OrderOut",
    "OrderPage",
    "OrderStatus",
    "RefundCreate",
    "RefundOut",
)

MAX_ORDER_CENTS = 100_000_000_00  # 100 million euros: far above any real order, far below BIGINT's range


MAX_LINES = 500
MAX_QUANTITY = 1_000_000
ExternalId = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=200,
        pattern="^[!-~]+$",
        extra={"expects": "be 1 to 200 visible ASCII characters (letters, digits, punctuation, no spaces)"},
    ),
]
"""An order's name in the vendor's shop; a space never appears in one (external_ids.py relies on it)."""


class OrderLine(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    sku: Annotated[str, msgspec.Meta(min_length=1, max_length=64, examples=["TEE-BLUE-M"])]
    title: Annotated[str, msgspec.Meta(min_length=1, max_length=200, examples=["Blue tee, M"])]
    quantity: Annotated[int, msgspec.Meta(ge=1, le=MAX_QUANTITY, examples=[2])]
    unit_price_cents: Annotated[int, msgspec.Meta(ge=0, le=MAX_ORDER_CENTS, examples=[1999])]
    product_id: (
        Annotated[
            int,
            msgspec.Meta(
                ge=1, le=MAX_ID, description="One of the vendor's catalog products (catalog module)"
            ),
        ]
        | None
    ) = None


class OrderCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    customer_email: Annotated[Email, msgspec.Meta(examples=["ana@example.com"])]
    total_cents: Annotated[
        Annotated[int, msgspec.Meta(ge=0, le=MAX_ORDER_CENTS)] | None,
        msgspec.Meta(
            description="Order total in cents; with lines, their sum (left out: worked out from them)",
            examples=[4999],
        ),
    ] = None
    currency: Annotated[
        CurrencyCode,
        msgspec.Meta(
            description="ISO 4217 code; every amount of the order is in its minor unit (cents of EUR, "
            "yen of JPY, which has none, thousandths of BHD)",
            examples=["EUR"],
        ),
    ] = "EUR"
    status: Annotated[OrderStatus, msgspec.Meta(examples=["paid"])] = "pending"
    lines: Annotated[
        list[OrderLine],
        msgspec.Meta(
            max_length=MAX_LINES,
            description="What the order sold; left out, an order of a total alone",
            examples=[
                [{"sku": "TEE-BLUE-M", "title": "Blue tee, M", "quantity": 2, "unit_price_cents": 1999}]
            ],
        ),
    ] = []
    external_id: Annotated[
        ExternalId | None,
        msgspec.Meta(
            description="The order's own name in the vendor's shop, unique per vendor: sent again with "
            "the same body, the first order is answered and nothing is recorded; with another, a 409",
            examples=["SHOP-1001"],
        ),
    ] = None


class OrderMove(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    status: Annotated[
        OrderStatus,
        msgspec.Meta(
            description="Where the order goes next: pending → paid → shipped → delivered; pending or "
            "paid → cancelled; paid, shipped or delivered → refunded",
            examples=["shipped"],
        ),
    ]
    restock: Annotated[
        bool,
        msgspec.Meta(
            description="With refunded only: put the units the order took out of stock back (inventory)",
            examples=[True],
        ),
    ] = False


class OrderOut(msgspec.Struct, kw_only=True):
    id: int
    vendor_id: int
    customer_email: str
    status: OrderStatus
    total_cents: int
    currency: str
    created_at: datetime
    refunded_cents: int = 0
    lines: list[OrderLine] = []
    external_id: str | None = None
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
    reason: Annotated[
        Annotated[str, msgspec.Meta(max_length=500)] | None,
        msgspec.Meta(description="Why, for the shop's records", examples=["damaged in transit"]),
    ] = None
    restock: Annotated[
        bool,
        msgspec.Meta(
            description="Put the units the order took out of stock back (inventory); once per order",
            examples=[True],
        ),
    ] = False


class RefundOut(msgspec.Struct, kw_only=True):
    id: int
    order_id: int
    amount_cents: int
    reason: str | None
    created_at: datetime
    restocked_units: int = 0
    """Units this refund put back in stock: 0 unless it restocked what the order had taken."""
    order: OrderOut
    """The order after the refund: what is refunded so far and, after a full refund, `refunded`."""
