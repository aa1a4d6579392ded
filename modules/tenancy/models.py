"""Tenancy's tables. Vendors join platforms through `VendorPlatform`; a vendor has no platform_id."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kernel.context import Scope
from kernel.persistence import UTCDateTime, module_metadata

__all__ = (
    "SCOPE_STORED_AS",
    "STORED_SCOPE",
    "Base",
    "LedgerDay",
    "LedgerDelta",
    "LedgerTotal",
    "Platform",
    "PlatformModule",
    "TeamMember",
    "User",
    "Vendor",
    "VendorDomain",
    "VendorPlatform",
)


class Base(DeclarativeBase):
    metadata = module_metadata()


class Platform(Base):
    __tablename__ = "platforms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    domain: Mapped[str | None] = mapped_column(String(253), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    timezone: Mapped[str] = mapped_column(String(64), server_default="UTC")
    """IANA zone whose days the platform's figures and dashboard periods are in."""
    currency: Mapped[str] = mapped_column(String(3), server_default="EUR")
    """ISO 4217 code its dashboards' published money figures are in (others get rows of their own)."""


class Vendor(Base):
    __tablename__ = "vendors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    timezone: Mapped[str] = mapped_column(String(64), server_default="UTC")
    """IANA zone whose days the vendor's figures and dashboard periods are in."""
    currency: Mapped[str] = mapped_column(String(3), server_default="EUR")
    """ISO 4217 code its dashboard's published money figures are in (others get rows of their own)."""


class VendorPlatform(Base):
    """A vendor's membership of one platform; `created_at` is when it joined that platform."""

    __tablename__ = "vendor_platforms"
    __table_args__ = (Index("ix_vendor_platforms_platform_active", "platform_id", "is_active", "vendor_id"),)

    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("platforms.id"), primary_key=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32))
    platform_id: Mapped[int | None] = mapped_column(ForeignKey("platforms.id"), index=True)
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendors.id"), index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class TeamMember(Base):
    """A user's seat on a vendor's team; vendor users get one when they are created."""

    __tablename__ = "team_members"
    __table_args__ = (UniqueConstraint("vendor_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"))  # led by the unique key: no index
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(32))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    # identity (vendor_id, id), as its keys (docs/scaling.md): session.get and ORM UPDATEs name the vendor
    __mapper_args__ = {"primary_key": [vendor_id, id]}


class VendorDomain(Base):
    """A custom domain that serves one vendor's storefront."""

    __tablename__ = "vendor_domains"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendors.id"), index=True)
    domain: Mapped[str] = mapped_column(String(253), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PlatformModule(Base):
    """A platform's own choice for one module, overriding settings.yaml for that platform only.
    `module_code` is not a foreign key: modules are code, not rows, and a row for a module that is
    later uninstalled is simply ignored."""

    __tablename__ = "platform_modules"

    platform_id: Mapped[int] = mapped_column(Integer, ForeignKey("platforms.id"), primary_key=True)
    module_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


STORED_SCOPE: Mapping[Scope, str] = MappingProxyType({"vendor": "v", "platform": "p"})
"""How the ledger's tables store whose row it is: one character, since it leads the primary key of
their millions of rows. Python code speaks of owners as `("vendor", id)`; only SQL sees these."""
SCOPE_STORED_AS: Mapping[str, Scope] = MappingProxyType({"v": "vendor", "p": "platform"})


LEDGER_KEY = String(64).with_variant(String(64, collation="C"), "postgresql")
"""Keys sort bytewise on every database: a prefix is then one range of keys (ledger/read.py)."""


class LedgerTotal(Base):
    """A running all-time total of one key for a vendor (`scope` "v") or a platform ("p"); see
    `kernel.contracts.ledger`. No foreign key: `owner_id` names a vendor or a platform by scope.
    The tables keep the names they were created with (`figure_*`): renaming them would rewrite
    every deployed database for no change in what they hold."""

    __tablename__ = "figure_totals"
    __table_args__ = (CheckConstraint("scope IN ('v', 'p')", name="scope_known"),)

    scope: Mapped[str] = mapped_column(String(1), primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(LEDGER_KEY, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class LedgerDay(Base):
    """One local day's sum of one key for a vendor or a platform: "in the period" figures add these up."""

    __tablename__ = "figure_days"
    __table_args__ = (CheckConstraint("scope IN ('v', 'p')", name="scope_known"),)

    scope: Mapped[str] = mapped_column(String(1), primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(LEDGER_KEY, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


# SQLite gives a primary key its own ids only when it is declared INTEGER (an alias of the rowid).
DELTA_ID = BigInteger().with_variant(Integer(), "sqlite")


class LedgerDelta(Base):
    """One change not yet folded into the ledger: added to the `figure_totals` row of its owner and
    key when it has neither `day` nor `at`; otherwise to the `figure_days` row of `day`, or of the
    owner's local day at the moment `at` (in its zone when folded). Writers only append these, so no
    two writes share a row; `SqlLedger.fold` moves them into the ledger rows."""

    __tablename__ = "figure_deltas"
    __table_args__ = (
        CheckConstraint("scope IN ('v', 'p')", name="scope_known"),
        Index("ix_figure_deltas_owner", "scope", "owner_id"),
    )

    id: Mapped[int] = mapped_column(DELTA_ID, primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(1))
    owner_id: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(LEDGER_KEY)
    day: Mapped[date | None] = mapped_column(Date, nullable=True)
    at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    value: Mapped[int] = mapped_column(BigInteger)
