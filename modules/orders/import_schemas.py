"""What an import of past orders reads and answers: one row per order, in the API's own types.

A row is an order as `POST /vendor/orders` takes it (`OrderCreate`, inherited, so a row is valid
exactly when the API would accept its order) plus what only history has: the vendor it belongs to,
when it was placed, when it reached each later step, and its refunds with their dates.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec

from contracts.fields import Id, Slug
from modules.orders.schemas import ExternalId, OrderCreate, RefundCreate

__all__ = ("MAX_IMPORT_ROWS", "ImportOut", "OrderImportIn", "OrderRow", "RefundRow")

MAX_IMPORT_ROWS = 10_000
"""One file, one transaction: larger histories are split into files of at most this many orders."""

Moment = Annotated[datetime, msgspec.Meta(tz=True, examples=["2025-03-14T10:30:00+01:00"])]
_STAMP = "When the order reached this step (ISO 8601 with its offset); left out, the step before's"


class RefundRow(RefundCreate, kw_only=True, forbid_unknown_fields=True):
    refunded_at: Annotated[Moment, msgspec.Meta(description="When the money was given back")]


class OrderRow(OrderCreate, kw_only=True, forbid_unknown_fields=True):
    vendor: Annotated[Slug | Id, msgspec.Meta(description="The vendor's slug, or its id", examples=["acme"])]
    external_id: Annotated[
        ExternalId,
        msgspec.Meta(
            description="The order's own name in the vendor's shop: how a second run knows it",
            examples=["SHOP-1001"],
        ),
    ]
    placed_at: Annotated[Moment, msgspec.Meta(description="When the order was placed")]
    paid_at: Annotated[Moment | None, msgspec.Meta(description=_STAMP)] = None
    shipped_at: Annotated[Moment | None, msgspec.Meta(description=_STAMP)] = None
    delivered_at: Annotated[Moment | None, msgspec.Meta(description=_STAMP)] = None
    cancelled_at: Annotated[Moment | None, msgspec.Meta(description=_STAMP)] = None
    refunded_at: Annotated[Moment | None, msgspec.Meta(description=_STAMP)] = None
    refunds: list[RefundRow] = []


_EXAMPLE = {
    "vendor": "acme",
    "external_id": "SHOP-1001",
    "customer_email": "ana@example.com",
    "status": "delivered",
    "total_cents": 4999,
    "placed_at": "2025-03-14T10:30:00+01:00",
    "delivered_at": "2025-03-17T16:00:00+01:00",
    "refunds": [{"amount_cents": 1000, "reason": "late", "refunded_at": "2025-03-20T09:00:00+01:00"}],
}


class OrderImportIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    orders: Annotated[
        list[dict[str, Any]],
        msgspec.Meta(
            min_length=1,
            max_length=MAX_IMPORT_ROWS,
            description="One object per order, as a line of the CLI's JSON Lines file; the Nth is "
            "reported as line N",
            examples=[[_EXAMPLE]],
        ),
    ]


class ImportOut(msgspec.Struct, kw_only=True):
    rows: int
    imported: int
    skipped: int
    """Rows whose order is already there with the same details (a file imported again)."""
