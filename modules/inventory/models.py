"""The stock levels table: one row per product and location.

`vendor_id` repeats the product's owner (checked through the catalog contract when the row is made)
so that every vendor query and figure filters on this table alone. Its foreign keys to tenancy's
vendors and catalog's products (`(vendor_id, product_id)` → `products (vendor_id, id)`) live in the
migration only: this module imports neither's models.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kernel.persistence import UTCDateTime, module_metadata

__all__ = ("DEFAULT_LOCATION", "LOCATION_LENGTH", "Base", "StockLevel")

DEFAULT_LOCATION = "main"
LOCATION_LENGTH = 63


class Base(DeclarativeBase):
    metadata = module_metadata()


class StockLevel(Base):
    __tablename__ = "stock_levels"
    __table_args__ = (
        UniqueConstraint("vendor_id", "product_id", "location"),
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
        CheckConstraint("reorder_threshold >= 0", name="reorder_threshold_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(Integer)
    location: Mapped[str] = mapped_column(String(LOCATION_LENGTH), default=DEFAULT_LOCATION)
    quantity: Mapped[int] = mapped_column(Integer)
    reorder_threshold: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    # identity (vendor_id, id), as its keys (docs/scaling.md): session.get and ORM UPDATEs name the vendor
    __mapper_args__ = {"primary_key": [vendor_id, id]}
