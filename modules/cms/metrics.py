"""CMS figures for a vendor or a platform: pages, published pages, media and themes.

One statement: each table is read once by a subquery of conditional aggregates, and the three
one-row subqueries are joined into one row. A platform counts the pages, media and themes of the
vendors active on it, plus the pages it owns itself.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select, true
from sqlalchemy.orm import Session

from kernel.context import MetricsContext, TimeWindow
from kernel.contracts.tenancy import VendorDirectory
from kernel.metrics import MetricValue, with_trend
from modules.cms.models import ContentPage, MediaFile, Theme

__all__ = ("CmsMetricsProvider",)

CATEGORY = "cms"
_BYTES_PER_MB = 1_000_000


def _published_in(window: TimeWindow) -> ColumnElement[bool]:
    return and_(ContentPage.published_at >= window.start, ContentPage.published_at < window.end)


def _figures(
    pages: ColumnElement[bool],
    media: ColumnElement[bool],
    themes: ColumnElement[bool],
    context: MetricsContext,
) -> Select[Any]:
    """`pages`, `media` and `themes` pick the rows of each table to count."""
    page_counts = (
        select(
            func.count().label("pages"),
            func.count(case((ContentPage.status == "published", 1))).label("published"),
            func.count(case((_published_in(context.window), 1))).label("published_now"),
            func.count(case((_published_in(context.previous_window), 1))).label("published_before"),
        )
        .where(pages)
        .subquery()
    )
    media_counts = (
        select(func.count().label("files"), func.coalesce(func.sum(MediaFile.size_bytes), 0).label("bytes"))
        .where(media)
        .subquery()
    )
    theme_counts = select(func.count().label("themes")).where(themes).subquery()
    return select(page_counts, media_counts, theme_counts).select_from(
        page_counts.join(media_counts, true()).join(theme_counts, true())
    )


def _count(name: str, value: int, label: str, icon: str, description: str) -> MetricValue:
    return MetricValue.count(CATEGORY, name, value, label, icon=icon, description=description)


def _measure(name: str, value: int | float, label: str, unit: str, description: str) -> MetricValue:
    return MetricValue(
        key=f"{CATEGORY}.{name}",
        value=value,
        label=label,
        category=CATEGORY,
        icon="hard-drive",
        description=description,
        unit=unit,
    )


class CmsMetricsProvider:
    def __init__(self, vendors: VendorDirectory) -> None:
        self._vendors = vendors

    @property
    def metrics_category(self) -> str:
        return CATEGORY

    def get_vendor_metrics(self, db: Session, vendor_id: int, context: MetricsContext) -> list[MetricValue]:
        query = _figures(
            ContentPage.vendor_id == vendor_id,
            MediaFile.vendor_id == vendor_id,
            Theme.vendor_id == vendor_id,
            context,
        )
        return _metrics(db.execute(query).one(), context)

    def get_platform_metrics(
        self, db: Session, platform_id: int, context: MetricsContext
    ) -> list[MetricValue]:
        active = self._vendors.active_vendor_ids(platform_id)
        query = _figures(
            or_(ContentPage.vendor_id.in_(active), ContentPage.platform_id == platform_id),
            MediaFile.vendor_id.in_(active),
            Theme.vendor_id.in_(active),
            context,
        )
        return _metrics(db.execute(query).one(), context)


def _metrics(row: Any, context: MetricsContext) -> list[MetricValue]:
    pages, published, published_now, published_before, files, size, themes = (int(v) for v in row)
    return [
        _count("pages_total", pages, "Pages", "file-text", "Content pages, drafts and published, all time"),
        _count("pages_published", published, "Published pages", "file-check", "Pages that are published"),
        with_trend(
            _count(
                "pages_published_in_period",
                published_now,
                "Pages published in period",
                "file-check",
                "Published pages whose publication falls in the period",
            ),
            published_before,
            context.include_trends,
        ),
        _count("media_files", files, "Media files", "image", "Media files recorded, all time"),
        _measure(
            "media_bytes", size, "Media size in bytes", "bytes", "Total size of the media files, in bytes"
        ),
        _measure(
            "media_size_mb",
            round(size / _BYTES_PER_MB, 2),
            "Media size in MB",
            "MB",
            "Total size of the media files in megabytes (1 MB = 1,000,000 bytes), to two decimals",
        ),
        _count("themes", themes, "Themes", "palette", "Storefront themes, active or not"),
    ]
