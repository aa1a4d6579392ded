from datetime import datetime

import msgspec
from dependency_injector import containers, providers
from litestar import post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from sqlalchemy import ColumnElement, String, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from kernel import MetricsContext, MetricValue, ModuleDefinition, Name, VendorFigures, with_trend
from kernel.persistence import UTCDateTime, module_metadata


class Base(DeclarativeBase):
    metadata = module_metadata()


class Wish(Base):
    __tablename__ = "wishlist_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(index=True)  # its foreign key to vendors is in the migration only
    product: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class NewWish(msgspec.Struct, forbid_unknown_fields=True):
    product: Name


class WishlistMetrics(VendorFigures):
    metrics_category, vendor_column = "wishlist", Wish.vendor_id

    def figures(self, db: Session, scope: ColumnElement[bool], context: MetricsContext) -> list[MetricValue]:
        now, before = (func.count().filter(window.includes(Wish.created_at)) for window in context.windows)
        total, made, made_before = db.execute(select(func.count(), now, before).where(scope)).one()
        all_time = self.count("items_total", total, "Wishes", description="Products asked for, all time")
        period = self.count("items_added", made, "New wishes", description="Products asked for in the period")
        return [all_time, with_trend(period, made_before, context.include_trends)]


class WishlistContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()
    metrics_provider = providers.Singleton(WishlistMetrics, core.vendor_directory)


def routes(services: WishlistContainer) -> list[object]:
    @post("/api/v1/vendor/wishlist", sync_to_thread=True)
    def add_wish(data: JSONBody[NewWish], current_vendor_id: NamedDependency[int]) -> NewWish:
        core = services.core
        with core.session_factory().begin() as db:
            db.add(Wish(vendor_id=current_vendor_id, product=data.product, created_at=core.clock().now()))
        return data

    return [add_wish]


definition = ModuleDefinition(
    code="wishlist",
    name="Wishlist",
    description="Products customers asked vendors for: how many, all time and in the period.",
    metrics_category="wishlist",
    container=lambda: WishlistContainer,
    routes=lambda: routes,
    migrations="tessera_wishlist.migrations",
)
