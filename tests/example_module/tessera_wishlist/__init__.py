"""Wishlist, a third-party Tessera module in one file: products customers asked a vendor for."""

from datetime import datetime
from functools import partial
from pathlib import Path

import msgspec
from dependency_injector import containers, providers
from litestar import post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from sqlalchemy import ColumnElement, String, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from kernel import Clock, MetricsContext, MetricValue, ModuleDefinition, VendorFigures, with_trend
from kernel.contracts.tenancy import VendorDirectory
from kernel.fields import Name
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


_count = partial(MetricValue.count, "wishlist", icon="heart")


class Wishlist(VendorFigures):
    """Records wishes and counts them: in a module this small, one class is service and metrics provider."""

    metrics_category, vendor_column = "wishlist", Wish.vendor_id

    def __init__(self, sessions: sessionmaker[Session], clock: Clock, vendors: VendorDirectory) -> None:
        super().__init__(vendors)
        self.sessions, self.clock = sessions, clock

    def add(self, vendor_id: int, wish: NewWish) -> None:
        with self.sessions.begin() as session:
            session.add(Wish(vendor_id=vendor_id, product=wish.product, created_at=self.clock.now()))

    def figures(self, db: Session, scope: ColumnElement[bool], context: MetricsContext) -> list[MetricValue]:
        now, before = (func.count().filter(window.includes(Wish.created_at)) for window in context.windows)
        total, made, made_before = db.execute(select(func.count(), now, before).where(scope)).one()
        all_time = _count("items_total", total, "Wishes", description="Products asked for, all time")
        period = _count("items_added", made, "New wishes", description="Products asked for in the period")
        return [all_time, with_trend(period, made_before, context.include_trends)]


class WishlistContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()
    metrics_provider = providers.Singleton(Wishlist, core.session_factory, core.clock, core.vendor_directory)


def routes(services: WishlistContainer) -> list[object]:
    @post("/api/v1/vendor/wishlist", sync_to_thread=True)
    def add_wish(data: JSONBody[NewWish], current_vendor_id: NamedDependency[int]) -> NewWish:
        services.metrics_provider().add(current_vendor_id, data)
        return data

    return [add_wish]


definition = ModuleDefinition(
    code="wishlist",
    name="Wishlist",
    description="Products customers asked vendors for: how many, all time and in the period.",
    requires=("tenancy",),  # started (and migrated) after tenancy, whose vendors it refers to
    metrics_category="wishlist",
    container=lambda: WishlistContainer,
    routes=lambda: routes,
    migrations=Path(__file__).with_name("migrations"),
)
