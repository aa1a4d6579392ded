from datetime import datetime

import msgspec
from dependency_injector import containers, providers
from litestar import post
from litestar.di import NamedDependency
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

from contracts import Name, needs
from kernel import Clock, CountedRows, LedgerMetrics, LedgerWriter, Metric, ModuleDefinition
from kernel.persistence import UTCDateTime, module_metadata


class Base(DeclarativeBase):
    metadata = module_metadata()


class Wish(Base):
    __tablename__ = "wishlist_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(index=True)  # its foreign key to vendors is in the migration only
    product: Mapped[str]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class NewWish(msgspec.Struct, forbid_unknown_fields=True):
    product: Name


WISHES = "wishlist.items"  # the ledger key: each wish adds 1, at the moment it is made

METRICS = LedgerMetrics(
    "wishlist",
    Metric("items_total", "Wishes", WISHES, "Products asked for, all time"),
    Metric("items_added", "New wishes", WISHES, "Products asked for in the period", period=True),
)


class WishlistContainer(containers.DeclarativeContainer):
    session_factory, clock, ledger = needs(sessionmaker, Clock, LedgerWriter)  # given by name
    ledger_metrics = providers.Object(METRICS)
    ledger_sources = providers.Object(CountedRows(WISHES, Wish.vendor_id, Wish.created_at))


def routes(services: WishlistContainer) -> list[object]:
    @post("/api/v1/vendor/wishlist", sync_to_thread=True)
    def add_wish(data: NewWish, current_vendor_id: NamedDependency[int]) -> NewWish:
        now = services.clock().now()
        with services.session_factory().begin() as db:
            db.add(Wish(vendor_id=current_vendor_id, product=data.product, created_at=now))
            services.ledger().record(db, current_vendor_id, {WISHES: 1}, at=now)
        return data

    return [add_wish]


definition = ModuleDefinition(
    code="wishlist",
    name="Wishlist",
    description="Products customers asked vendors for: how many, all time and in the period.",
    metrics_category="wishlist",
    container=lambda: WishlistContainer,
    contributes=("ledger_sources", "ledger_metrics"),
    routes=lambda: routes,
    migrations="tessera_wishlist.migrations",
)
