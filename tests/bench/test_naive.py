"""The naive reference must answer exactly what the real providers answer, or the benchmark compares
two different dashboards: every key, value and trend, for every vendor and platform of seeded data."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from adapters.container import Container
from bench.naive import NAIVE_PROVIDERS, naive_providers
from bench.processes import tessera
from kernel.context import MetricsContext
from kernel.metrics import MetricValue
from kernel.period import resolve_period
from modules.tenancy.models import Platform, Vendor
from tests.ledger import from_ledger


def _seeded(database_url: str) -> None:
    """Seeded by the command the benchmark uses, with inactive vendors and memberships among them."""
    environ = {"TESSERA_DATABASE__URL": database_url}
    tessera(environ, "seed", "--vendors", "8", "--orders", "3000", "--platforms", "3", "--seed", "7")


def _shown(metrics: list[MetricValue]) -> list[tuple[object, ...]]:
    return [(m.key, m.value, m.unit, m.trend, m.trend_value) for m in metrics]


def _note(seen: dict[str, set[object]], shown: list[tuple[object, ...]]) -> None:
    for key, value, *_ in shown:
        seen.setdefault(str(key), set()).add(value)


def _contexts() -> list[MetricsContext]:
    today = datetime.now(UTC).date()
    return [
        resolve_period(today=today, period=period, date_from=None, date_to=None, include_trends=trends)
        for period, trends in (("30d", True), ("365d", True), ("7d", False))
    ]


def test_every_category_has_a_naive_provider(container: Container) -> None:
    categories = [m.metrics_category for m in container.enabled_modules() if m.metrics_category is not None]
    assert [p.metrics_category for p in naive_providers(categories)] == categories
    with pytest.raises(LookupError, match="wishlist"):
        naive_providers(["wishlist"])


def test_naive_figures_equal_the_real_ones(database_url: str, container: Container) -> None:
    _seeded(database_url)
    real = [m for m in container.enabled_modules() if m.metrics_category is not None]
    naive = naive_providers([module.metrics_category for module in real if module.metrics_category])
    assert {m.metrics_category for m in real} <= set(NAIVE_PROVIDERS)
    with container.session_factory()() as db:
        vendors = db.scalars(Vendor.__table__.select().with_only_columns(Vendor.id)).all()
        platforms = db.scalars(Platform.__table__.select().with_only_columns(Platform.id)).all()
        assert len(vendors) == 8
        assert len(platforms) == 3
        seen: dict[str, set[object]] = {}
        for context in _contexts():
            for ours, reference in zip(real, naive, strict=True):
                for vendor_id in vendors:
                    expected = _shown(from_ledger(container, ours.code, ("vendor", vendor_id), context))
                    assert _shown(reference.get_vendor_metrics(db, vendor_id, context)) == expected
                    _note(seen, expected)
                for platform_id in platforms:
                    expected = _shown(from_ledger(container, ours.code, ("platform", platform_id), context))
                    assert _shown(reference.get_platform_metrics(db, platform_id, context)) == expected
                    _note(seen, expected)
    never_counted = sorted(key for key, values in seen.items() if not any(values))
    assert never_counted == [], "the seeded data leaves these figures at zero, so they are not compared"
