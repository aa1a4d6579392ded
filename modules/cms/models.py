"""The CMS tables: content pages, media files and themes.

`vendor_id` and `platform_id` refer to tenancy's vendors and platforms; those foreign keys live in
the migration only, because this module never imports tenancy's models.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kernel.persistence import UTCDateTime, module_metadata

__all__ = (
    "FILENAME_LENGTH",
    "MEDIA_TYPE_LENGTH",
    "PAGE_STATUSES",
    "SLUG_LENGTH",
    "TITLE_LENGTH",
    "Base",
    "ContentPage",
    "MediaFile",
    "PageStatus",
    "Theme",
)

PageStatus = Literal["draft", "published"]
PAGE_STATUSES: tuple[str, ...] = get_args(PageStatus)
SLUG_LENGTH = 63
TITLE_LENGTH = 200
FILENAME_LENGTH = 255
MEDIA_TYPE_LENGTH = 127


class Base(DeclarativeBase):
    metadata = module_metadata()


class ContentPage(Base):
    """A page owned by exactly one vendor or one platform; its slug is unique for that owner.

    Each unique constraint has one nullable owner column, and NULLs never collide in SQLite or
    PostgreSQL, so a vendor's page and a platform's page may share a slug.
    """

    __tablename__ = "content_pages"
    __table_args__ = (
        UniqueConstraint("vendor_id", "slug", name="uq_content_pages_vendor_slug"),
        UniqueConstraint("platform_id", "slug", name="uq_content_pages_platform_slug"),
        CheckConstraint(
            "(vendor_id IS NULL) <> (platform_id IS NULL)",
            name="one_owner",
        ),
        CheckConstraint(f"status IN ({', '.join(repr(s) for s in PAGE_STATUSES)})", name="status_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[int | None] = mapped_column(Integer)
    platform_id: Mapped[int | None] = mapped_column(Integer)
    slug: Mapped[str] = mapped_column(String(SLUG_LENGTH))
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MediaFile(Base):
    """What Tessera knows of an uploaded file. The bytes live in external storage (a CDN or an
    object store) under the file's id; this table records their name, type and size only."""

    __tablename__ = "media_files"
    __table_args__ = (
        Index("ix_media_files_vendor_created", "vendor_id", "created_at"),
        CheckConstraint("size_bytes >= 0", name="size_bytes_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(FILENAME_LENGTH))
    content_type: Mapped[str] = mapped_column(String(MEDIA_TYPE_LENGTH))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    # identity (vendor_id, id), as its keys (docs/scaling.md): session.get and ORM UPDATEs name the vendor
    __mapper_args__ = {"primary_key": [vendor_id, id]}


class Theme(Base):
    """A vendor's storefront theme. At most one per vendor is active; the partial unique index makes
    the database refuse a second, whatever a racing request does."""

    __tablename__ = "themes"
    __table_args__ = (
        Index("ix_themes_vendor_created", "vendor_id", "created_at"),
        Index(
            "uq_themes_one_active_per_vendor",
            "vendor_id",
            unique=True,
            sqlite_where=text("is_active"),
            postgresql_where=text("is_active"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vendor_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    is_active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    # identity (vendor_id, id), as its keys (docs/scaling.md): session.get and ORM UPDATEs name the vendor
    __mapper_args__ = {"primary_key": [vendor_id, id]}
