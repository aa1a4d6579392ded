"""The orders table. `vendor_id` refers to tenancy's vendors; the foreign key lives in the migration
only, because this module never imports tenancy's models."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import BigInteger, CheckConstraint, ForeignKeyConstraint, Index, Integer, LargeBinary, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kernel.persistence import UTCDateTime, module_metadata

__all__ = (
    "REVENUE_STATUSES",
    "STATUSES",
    "Base",
    "IdempotencyKey",
    "Order",
    "OrderCustomer",
    "OrderLine",
    "OrderRefund",
    "OrderStatus",
    "OrderStockMove",
)

OrderStatus = Literal["pending", "paid", "shipped", "delivered", "cancelled", "refunded"]
STATUSES: tuple[str, ...] = get_args(OrderStatus)
REVENUE_STATUSES = tuple(status for status in STATUSES if status not in ("cancelled", "refunded"))
"""Orders that count towards revenue: every status but cancelled and refunded."""


class Base(DeclarativeBase):
    metadata = module_metadata()


def _of_its_order(table: str) -> ForeignKeyConstraint:
    """A row of an order refers to it with the vendor in the key, so both sit on one shard of a
    cluster distributed by vendor (docs/scaling.md)."""
    return ForeignKeyConstraint(
        ["vendor_id", "order_id"], ["orders.vendor_id", "orders.id"], name=f"fk_{table}_order_id_orders"
    )


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_vendor_created", "vendor_id", "created_at"),
        Index("ux_orders_vendor_external_id", "vendor_id", "external_id", unique=True),
        # what an order's refunds, lines and moves point at, the vendor in the key (orders_0011)
        Index("ux_orders_vendor_id_id", "vendor_id", "id", unique=True),
        CheckConstraint("total_cents >= 0", name="total_cents_not_negative"),
        CheckConstraint(f"status IN ({', '.join(repr(s) for s in STATUSES)})", name="status_known"),
        CheckConstraint(
            "refunded_cents >= 0 AND refunded_cents <= total_cents", name="refunded_cents_within_total"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[int] = mapped_column(Integer)
    customer_email: Mapped[str] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(16))
    total_cents: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    refunded_cents: Mapped[int] = mapped_column(BigInteger, server_default="0")
    units: Mapped[int] = mapped_column(Integer, server_default="0")
    """The quantities of its lines added up (0 without lines): what a move takes off `orders.units`."""
    """What its refunds gave back so far (the sum of its `OrderRefund` rows), never above the total."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    external_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    """The vendor's own name for the order (external_ids.py), unique per vendor; NULL when not given."""
    # When it reached each later step (lifecycle.py); NULL until then
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    refunded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    # identity (vendor_id, id), as its keys (docs/scaling.md): session.get and ORM UPDATEs name the vendor
    __mapper_args__ = {"primary_key": [vendor_id, id]}


class OrderRefund(Base):
    """Money given back on an order, whole or in part, at `created_at`; a full refund also moves the
    order to refunded. Refund figures count these rows on the day they were made."""

    __tablename__ = "order_refunds"
    __table_args__ = (
        Index("ix_order_refunds_vendor_created", "vendor_id", "created_at"),
        Index("ix_order_refunds_vendor_order", "vendor_id", "order_id"),
        _of_its_order("order_refunds"),
        CheckConstraint("amount_cents > 0", name="amount_cents_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(Integer)
    vendor_id: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    # identity (vendor_id, id), as its keys (docs/scaling.md): session.get and ORM UPDATEs name the vendor
    __mapper_args__ = {"primary_key": [vendor_id, id]}


class OrderLine(Base):
    """What an order sold: a sku, a title and a price as they were at the sale; `product_id` names
    the catalog product when the catalog module was on (no foreign key: catalog is optional)."""

    __tablename__ = "order_lines"
    __table_args__ = (
        Index("ix_order_lines_vendor_order", "vendor_id", "order_id"),
        _of_its_order("order_lines"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(Integer)
    vendor_id: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_cents: Mapped[int] = mapped_column(BigInteger)
    product_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    # identity (vendor_id, id), as its keys (docs/scaling.md): session.get and ORM UPDATEs name the vendor
    __mapper_args__ = {"primary_key": [vendor_id, id]}


class OrderCustomer(Base):
    """How many orders each customer email has placed with a vendor: kept with every order, so that
    the order making an email a repeat customer is known at once, even when two arrive together."""

    __tablename__ = "order_customers"

    vendor_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_email: Mapped[str] = mapped_column(String(254), primary_key=True)
    orders: Mapped[int] = mapped_column(Integer)


class IdempotencyKey(Base):
    """An `Idempotency-Key` a vendor's client sent with a write, what that write asked (a hash of its
    route and body) and what it answered: a retry with the key gets the answer, not a second write."""

    __tablename__ = "order_idempotency_keys"

    vendor_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request: Mapped[str] = mapped_column(String(64))
    answer: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OrderStockMove(Base):
    """Units of a product an order took out of stock at one location when it was paid
    (`stock.py`), and when they were put back, if they were: what goes back goes where it was taken
    from, once."""

    __tablename__ = "order_stock_moves"
    __table_args__ = (
        Index("ix_order_stock_moves_vendor_order", "vendor_id", "order_id"),
        _of_its_order("order_stock_moves"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(Integer)
    vendor_id: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(Integer)
    location: Mapped[str] = mapped_column(String(63))
    quantity: Mapped[int] = mapped_column(Integer)
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    # identity (vendor_id, id), as its keys (docs/scaling.md): session.get and ORM UPDATEs name the vendor
    __mapper_args__ = {"primary_key": [vendor_id, id]}
