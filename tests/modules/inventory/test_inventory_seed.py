"""The demo seeders of catalog and inventory, run the way `tessera seed` runs them, on both databases:
stock only for seeded products and under their own vendor, with some of it low and some sold out."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import text

from adapters.container import Container
from adapters.ledger import rebuild_ledger
from adapters.seeding import seed_database
from contracts.seeding import SeedSize
from kernel.context import MetricsContext
from tests.ledger import from_ledger

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def _seed(container: Container, seed: int) -> dict[str, int]:
    installed = container.installed_modules()
    modules = [installed[code] for code in ("tenancy", "catalog", "inventory")]
    counts = seed_database(
        container.engine(), modules, seed=seed, size=SeedSize(vendors=6, orders=1200), now=NOW
    )
    rebuild_ledger(container)  # as `tessera seed` does: seeded rows do not go through the ledger
    return counts


def test_seeded_stock_belongs_to_seeded_products_and_shows_every_state(container: Container) -> None:
    counts = _seed(container, seed=7)
    assert counts["products"] > 0
    assert 0 < counts["stock_levels"] <= 2 * counts["products"]
    with container.engine().connect() as connection:
        strays = connection.scalar(
            text(
                "SELECT count(*) FROM stock_levels s JOIN products p ON p.id = s.product_id "
                "WHERE p.vendor_id <> s.vendor_id"
            )
        )
        stored = connection.scalar(text("SELECT count(*) FROM products"))
        platform_ids = list(connection.scalars(text("SELECT id FROM platforms")))
    assert (strays, stored) == (0, counts["products"])
    context = MetricsContext(date(2026, 5, 17), date(2026, 6, 15))
    low = out = 0
    for platform_id in platform_ids:
        metrics = {
            m.key: m.value for m in from_ledger(container, "inventory", ("platform", platform_id), context)
        }
        low += int(metrics["inventory.low_stock_products"])
        out += int(metrics["inventory.out_of_stock_products"])
    assert low > 0
    assert out > 0
