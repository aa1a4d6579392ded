"""With 1,000 vendors, and requests naming many of them, every family's label values stay few: no
vendor's id or slug in any label, routes as templates, platforms as the seeded few. And the
figures of every seeded platform are still its dashboard's. On both databases."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from adapters.ledger import rebuild_ledger
from adapters.seeding import seed_database
from contracts.seeding import SeedSize
from modules.tenancy.models import Vendor
from tests.adapters.prometheus.figures import dashboard_figures, exported_figures
from tests.adapters.prometheus.scraping import samples, scrape
from tests.api import Api

SIZE = SeedSize(platforms=3, vendors=1_000, orders=2_000, days=30)
MOST_VALUES = 40
"""Label values one family may have per label: well above the routes one test calls or the keys of
one label set, far below one per vendor."""


def test_label_sets_stay_bounded_with_a_thousand_vendors(api: Api) -> None:
    container = api.container
    seed_database(
        container.engine(),
        container.enabled_modules(),
        seed=7,
        size=SIZE,
        now=datetime(2026, 6, 15, 12, tzinfo=UTC),
    )
    assert rebuild_ledger(container)
    root = api.super_admin("prometheus@example.com")
    with container.session_factory()() as session:
        vendors = session.query(Vendor.id, Vendor.slug).order_by(Vendor.id).all()
    assert len(vendors) >= 1_000
    for vendor_id, _ in vendors[::50]:
        api.client.get(f"/api/v1/admin/vendors/{vendor_id}", headers=root)
        api.client.get(f"/api/v1/vendor/orders/{vendor_id}")  # 401: no token, yet a route
        api.client.get(f"/api/v1/nothing/{vendor_id}")  # unmatched

    families = samples(scrape(api.client.app).text)
    values: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for family, found in families.items():
        for sample in found:
            for label, value in sample.labels.items():
                values[family, label].add(value)
    assert ("tessera_http_requests", "route") in values
    for (family, label), seen in values.items():
        assert len(seen) <= MOST_VALUES, (family, label, len(seen))
    every_value = {value for seen in values.values() for value in seen}
    routes = values["tessera_http_requests", "route"]
    for vendor_id, slug in vendors:
        assert slug not in every_value
        assert not [route for route in routes if str(vendor_id) in route.split("/")], vendor_id
    assert "/api/v1/admin/vendors/{vendor_id}" in values["tessera_http_requests", "route"]
    assert "unmatched" in values["tessera_http_requests", "route"]

    platforms = api.client.get("/api/v1/admin/platforms", headers=root).json()
    listed = platforms["items"] if isinstance(platforms, dict) else platforms
    assert {p["slug"] for p in listed} == values["tessera_figure", "platform"]
    for platform in listed:
        exported = exported_figures(families, platform["slug"])
        shown = dashboard_figures(
            api.stats("/api/v1/admin/dashboard/stats", root, platform_id=platform["id"])
        )
        assert exported
        assert {key: shown[key]["value"] for key in exported} == exported
