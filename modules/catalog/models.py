"""The products table. `vendor_id` refers to tenancy's vendors; the foreign key lives in the migration
only, because this module never imports tenancy's models."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kernel.persistence import UTCDateTime, module_metadata

__all__ = ("SKU_LENGTH", "TITLE_LENGTH", "Base", "Product")

SKU_LENGTH = 64
TITLE_LENGTH = 200


class Base(DeclarativeBase):
    metadata = module_metadata()


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        UniqueConstraint("vendor_id", "sku", name="uq_products_vendor_id_sku"),
        Index("ix_products_vendor_created", "vendor_id", "created_at"),
        # what other vendor-owned tables point at, the vendor in the key (catalog_0002)
        Index("ux_products_vendor_id_id", "vendor_id", "id", unique=True),
        CheckConstraint("price_cents >= 0", name="price_cents_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(SKU_LENGTH))
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    price_cents: Mapped[int] = mapped_column(BigInteger)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_featured: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    # identity (vendor_id, id), as its keys (docs/scaling.md): session.get and ORM UPDATEs name the vendor
    __mapper_args__ = {"primary_key": [vendor_id, id]}
