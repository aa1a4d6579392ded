"""The naive reference: every module's figures as plain ORM counts and sums, one query per figure.

This is the dashboard people write before they need a kernel: import every module's models and count
rows. The figures (keys, values, trends) are exactly those of the real providers, checked by
`tests/bench/test_naive.py`; only the way of getting them differs: one statement per figure instead
of one statement per category. Labels are the key names, because the benchmark compares queries,
not wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from sqlalchemy import Select, func, or_, select, true
from sqlalchemy.orm import Session

from bench.naive_orders import orders_figures
from kernel.context import MetricsContext, TimeWindow
from kernel.metrics import MetricValue, with_trend
from kernel.provider import MetricsProvider
from modules.catalog.models import Product
from modules.cms.models import ContentPage, MediaFile, Theme
from modules.customers.models import Customer
from modules.inventory.models import StockLevel
from modules.marketplace.models import ImportJob
from modules.orders.models import Order
from modules.tenancy.models import TeamMember, User, Vendor, VendorDomain, VendorPlatform

__all__ = ("NAIVE_PROVIDERS", "naive_providers")

Figures = list[MetricValue]


def _count(db: Session, *conditions: Any, source: Any = None) -> int:
    query = select(func.count())
    if source is not None:
        query = query.select_from(source)
    return int(db.scalar(query.where(*conditions)) or 0)


def _sum(db: Session, column: Any, *conditions: Any) -> int:
    return int(db.scalar(select(func.coalesce(func.sum(column), 0)).where(*conditions)) or 0)


def _in(column: Any, window: TimeWindow) -> Any:
    return window.includes(column)


def _active_vendor_ids(platform_id: int) -> Select[Any]:
    """Vendors active themselves and with an active membership of the platform."""
    return (
        select(VendorPlatform.vendor_id)
        .join(Vendor, Vendor.id == VendorPlatform.vendor_id)
        .where(VendorPlatform.platform_id == platform_id, VendorPlatform.is_active == true())
        .where(Vendor.is_active == true())
    )


def _figure(category: str, name: str, value: int | float, unit: str = "count") -> MetricValue:
    label = name.replace("_", " ").capitalize()
    return MetricValue(key=f"{category}.{name}", value=value, label=label, category=category, unit=unit)


def _trended(
    category: str, name: str, now: int, before: int, context: MetricsContext, unit: str = "count"
) -> MetricValue:
    return with_trend(_figure(category, name, now, unit), before, context.include_trends)


class _VendorRows:
    """Vendor dashboard: the vendor's rows; platform dashboard: the rows of its active vendors."""

    metrics_category: ClassVar[str]
    vendor_column: ClassVar[Any]

    def get_vendor_metrics(self, db: Session, vendor_id: int, context: MetricsContext) -> Figures:
        return self.figures(db, type(self).vendor_column == vendor_id, context)

    def get_platform_metrics(self, db: Session, platform_id: int, context: MetricsContext) -> Figures:
        return self.figures(db, type(self).vendor_column.in_(_active_vendor_ids(platform_id)), context)

    def figures(self, db: Session, scope: Any, context: MetricsContext) -> Figures:
        raise NotImplementedError


class NaiveTenancy:
    metrics_category = "tenancy"

    def get_vendor_metrics(self, db: Session, vendor_id: int, context: MetricsContext) -> Figures:
        active_users = select(User.id).where(User.is_active == true())
        team = _count(
            db,
            TeamMember.vendor_id == vendor_id,
            TeamMember.is_active == true(),
            TeamMember.user_id.in_(active_users),
        )
        domains = _count(db, VendorDomain.vendor_id == vendor_id, source=VendorDomain)
        return [_figure("tenancy", "team_members", team), _figure("tenancy", "custom_domains", domains)]

    def get_platform_metrics(self, db: Session, platform_id: int, context: MetricsContext) -> Figures:
        members = VendorPlatform.__table__.join(Vendor.__table__, Vendor.id == VendorPlatform.vendor_id)
        on_platform = VendorPlatform.platform_id == platform_id
        joined = select(VendorPlatform.vendor_id).where(on_platform)
        platform_users = or_(User.platform_id == platform_id, User.vendor_id.in_(joined))
        counts = {
            "vendors_total": _count(db, on_platform, source=members),
            "vendors_active": _count(
                db,
                on_platform,
                VendorPlatform.is_active == true(),
                Vendor.is_active == true(),
                source=members,
            ),
            "vendors_verified": _count(db, on_platform, Vendor.is_verified == true(), source=members),
            "users_total": _count(db, platform_users, source=User),
            "users_active": _count(db, platform_users, User.is_active == true(), source=User),
            "custom_domains": _count(
                db, VendorDomain.vendor_id.in_(_active_vendor_ids(platform_id)), source=VendorDomain
            ),
        }
        new, before = (
            _count(db, on_platform, _in(VendorPlatform.created_at, window), source=VendorPlatform)
            for window in context.windows
        )
        figures = [_figure("tenancy", name, value) for name, value in counts.items()]
        return [*figures, _trended("tenancy", "new_vendors", new, before, context)]


class NaiveCustomers(_VendorRows):
    metrics_category, vendor_column = "customers", Customer.vendor_id

    def figures(self, db: Session, scope: Any, context: MetricsContext) -> Figures:
        total = _count(db, scope, source=Customer)
        new, before = (
            _count(db, scope, _in(Customer.created_at, w), source=Customer) for w in context.windows
        )
        return [
            _figure("customers", "total", total),
            _trended("customers", "new_in_period", new, before, context),
        ]


class NaiveCms:
    metrics_category = "cms"

    def get_vendor_metrics(self, db: Session, vendor_id: int, context: MetricsContext) -> Figures:
        owned = ContentPage.vendor_id == vendor_id
        return self._figures(
            db, owned, MediaFile.vendor_id == vendor_id, Theme.vendor_id == vendor_id, context
        )

    def get_platform_metrics(self, db: Session, platform_id: int, context: MetricsContext) -> Figures:
        active = _active_vendor_ids(platform_id)
        pages = or_(ContentPage.vendor_id.in_(active), ContentPage.platform_id == platform_id)
        return self._figures(db, pages, MediaFile.vendor_id.in_(active), Theme.vendor_id.in_(active), context)

    def _figures(self, db: Session, pages: Any, media: Any, themes: Any, context: MetricsContext) -> Figures:
        total = _count(db, pages, source=ContentPage)
        published = _count(db, pages, ContentPage.status == "published", source=ContentPage)
        now, before = (
            _count(db, pages, _in(ContentPage.published_at, w), source=ContentPage) for w in context.windows
        )
        size = _sum(db, MediaFile.size_bytes, media)
        return [
            _figure("cms", "pages_total", total),
            _figure("cms", "pages_published", published),
            _trended("cms", "pages_published_in_period", now, before, context),
            _figure("cms", "media_files", _count(db, media, source=MediaFile)),
            _figure("cms", "media_bytes", size, "bytes"),
            _figure("cms", "media_size_mb", round(size / 1_000_000, 2), "MB"),
            _figure("cms", "themes", _count(db, themes, source=Theme)),
        ]


class NaiveCatalog(_VendorRows):
    metrics_category, vendor_column = "catalog", Product.vendor_id

    def figures(self, db: Session, scope: Any, context: MetricsContext) -> Figures:
        active = Product.is_active == true()
        new, before = (_count(db, scope, _in(Product.created_at, w), source=Product) for w in context.windows)
        return [
            _figure("catalog", "products_total", _count(db, scope, source=Product)),
            _figure("catalog", "products_active", _count(db, scope, active, source=Product)),
            _figure(
                "catalog",
                "products_featured",
                _count(db, scope, active, Product.is_featured == true(), source=Product),
            ),
            _trended("catalog", "new_in_period", new, before, context),
        ]


class NaiveInventory(_VendorRows):
    metrics_category, vendor_column = "inventory", StockLevel.vendor_id

    def figures(self, db: Session, scope: Any, context: MetricsContext) -> Figures:
        of_its_product = (Product.vendor_id == StockLevel.vendor_id) & (Product.id == StockLevel.product_id)
        priced = StockLevel.__table__.join(Product.__table__, of_its_product)
        units = select(func.coalesce(func.sum(StockLevel.quantity), 0)).select_from(priced).where(scope)
        value = select(func.coalesce(func.sum(StockLevel.quantity * Product.price_cents), 0))
        per_product = (
            select(StockLevel.product_id).select_from(priced).where(scope).group_by(StockLevel.product_id)
        )
        held = func.sum(StockLevel.quantity)
        low = per_product.having(held > 0, held <= func.sum(StockLevel.reorder_threshold)).subquery()
        out = per_product.having(held == 0).subquery()
        return [
            _figure("inventory", "units_in_stock", int(db.scalar(units) or 0)),
            _figure("inventory", "low_stock_products", _count(db, source=low)),
            _figure("inventory", "out_of_stock_products", _count(db, source=out)),
            _figure(
                "inventory",
                "stock_value",
                int(db.scalar(value.select_from(priced).where(scope)) or 0),
                "cents",
            ),
        ]


class NaiveOrders(_VendorRows):
    metrics_category, vendor_column = "orders", Order.vendor_id

    def figures(self, db: Session, scope: Any, context: MetricsContext) -> Figures:
        return orders_figures(db, scope, context)


class NaiveMarketplace(_VendorRows):
    metrics_category, vendor_column = "marketplace", ImportJob.vendor_id

    def figures(self, db: Session, scope: Any, context: MetricsContext) -> Figures:
        completed = ImportJob.status == "completed"
        done = _count(db, scope, completed, source=ImportJob)
        failed = _count(db, scope, ImportJob.status == "failed", source=ImportJob)
        finished = done + failed
        rate = ((done * 2000 + finished) // (finished * 2)) / 10 if finished else 0.0  # one decimal, half up
        waiting = _sum(db, ImportJob.rows_valid, scope, completed, ImportJob.approved_at.is_(None))
        now, before = (
            _count(db, scope, _in(ImportJob.created_at, w), source=ImportJob) for w in context.windows
        )
        return [
            _figure("marketplace", "imports_total", _count(db, scope, source=ImportJob)),
            _figure("marketplace", "imports_completed", done),
            _figure("marketplace", "imports_failed", failed),
            _figure("marketplace", "success_rate", rate, "%"),
            _figure("marketplace", "staging_awaiting_approval", waiting),
            _trended("marketplace", "imports_in_period", now, before, context),
        ]


NAIVE_PROVIDERS: dict[str, type[MetricsProvider]] = {
    provider.metrics_category: provider
    for provider in (
        NaiveTenancy,
        NaiveCustomers,
        NaiveCms,
        NaiveCatalog,
        NaiveInventory,
        NaiveOrders,
        NaiveMarketplace,
    )
}


def naive_providers(categories: Sequence[str]) -> list[MetricsProvider]:
    """One naive provider per category, in the order given (the aggregator checks it matches)."""
    missing = [category for category in categories if category not in NAIVE_PROVIDERS]
    if missing:
        raise LookupError(f"no naive provider for {', '.join(missing)}: add one to bench/naive.py")
    return [NAIVE_PROVIDERS[category]() for category in categories]
