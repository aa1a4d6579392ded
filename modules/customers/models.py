"""The customers table. `vendor_id` refers to tenancy's vendors; the foreign key lives in the migration
only, because this module never imports tenancy's models."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kernel.persistence import UTCDateTime, module_metadata

__all__ = ("EMAIL_LENGTH", "NAME_LENGTH", "Base", "Customer")

EMAIL_LENGTH = 254
NAME_LENGTH = 200


class Base(DeclarativeBase):
    metadata = module_metadata()


class Customer(Base):
    """Emails are stored lower-case, so the unique constraint is case-insensitive in effect."""

    __tablename__ = "customers"
    __table_args__ = (
        UniqueConstraint("vendor_id", "email", name="uq_customers_vendor_email"),
        Index("ix_customers_vendor_created", "vendor_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[int] = mapped_column(Integer)
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH))
    name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    # identity (vendor_id, id), as its keys (docs/scaling.md): session.get and ORM UPDATEs name the vendor
    __mapper_args__ = {"primary_key": [vendor_id, id]}
