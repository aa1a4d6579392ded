"""The composition root: what bootstrap wires, and the override pattern tests and users rely on."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Callable

import pytest
from dependency_injector import providers

from adapters.bootstrap import bootstrap
from adapters.container import Container
from adapters.module_discovery import discover_modules
from adapters.settings_file import settings_from_mapping
from kernel.errors import SettingsError
from kernel.metrics_batch import OneProvider
from kernel.settings import Settings
from modules.tenancy.definition import definition as tenancy_definition
from tests.api import Api, figures
from tests.fakes.modules import module
from tests.fakes.providers import FixedMetrics

ALL = ["tenancy", "catalog", "cms", "customers", "inventory", "marketplace", "orders"]


def test_every_built_in_module_is_wired_when_settings_name_none(container: Container) -> None:
    """Unnamed built-ins come in discovery order, each after what it requires (tenancy first); every
    one of them is on the ledger, so the aggregator is given one batch: the ledger's."""
    assert [definition.code for definition in container.enabled_modules()] == ALL
    [ledger] = container.metrics_batches()
    assert ledger.categories == tuple(ALL)
    assert container.aggregator().categories == ALL


def test_settings_order_decides_the_order_of_the_categories(make_container: Callable[..., Container]) -> None:
    order = ["orders", "inventory", "customers", "tenancy", "cms", "marketplace", "catalog"]
    container = make_container({"modules": {code: {"enabled": True} for code in order}})
    expected = ["tenancy", "orders", "catalog", "inventory", "customers", "cms", "marketplace"]
    assert [definition.code for definition in container.enabled_modules()] == expected
    assert container.aggregator().categories == expected


def test_each_definition_names_the_category_its_table_reports(container: Container) -> None:
    for definition in container.enabled_modules():
        table = getattr(container, definition.code).ledger_metrics()
        assert table.metrics_category == definition.metrics_category


def test_a_switched_off_module_is_not_wired(make_container: Callable[..., Container]) -> None:
    container = make_container({"modules": {"orders": {"enabled": False}}})
    [ledger] = container.metrics_batches()
    assert ledger.categories == tuple(code for code in ALL if code != "orders")
    assert "orders" not in container.providers


def test_a_module_that_reads_on_its_own_is_asked_alone_beside_the_ledger(
    make_container: Callable[..., Container],
) -> None:
    """A category not on the ledger (its definition contributes no `ledger_metrics`) is wired as a
    batch of its own around its container's `metrics_provider`."""
    installed = {
        **discover_modules(Settings()),
        "extra": dataclasses.replace(module("extra"), metrics_category="extra"),
    }
    loaded = settings_from_mapping({"auth": {"jwt_secret": "x" * 40}})
    container = bootstrap(loaded, installed)
    ledger, extra = container.metrics_batches()
    assert (ledger.categories, extra.categories) == (tuple(ALL), ("extra",))
    assert isinstance(extra, OneProvider)


def test_contracts_provided_by_a_module_are_published_on_the_root(container: Container) -> None:
    assert container.ledger() is container.tenancy.ledger()
    assert container.tenant_directory() is container.tenancy.tenant_directory()


def test_override_one_metrics_table_with_a_fake(api: Api) -> None:
    """The pattern to copy: swap a module's table through the container, then read the dashboard."""
    root = api.super_admin()
    main = api.platform(root, "main")
    fake = FixedMetrics("orders", value=1234)
    with api.container.orders.ledger_metrics.override(providers.Object(fake)):
        dashboard = api.stats("/api/v1/admin/dashboard/stats", root, platform_id=main)
    assert figures(dashboard, "orders") == {"orders.answer": 1234}
    assert [call[0] for call in fake.calls] == ["platform"]
    assert figures(dashboard, "tenancy")["tenancy.vendors_total"] == 0


def test_override_providers_replaces_several_at_once(container: Container) -> None:
    fake_orders, fake_tenancy = FixedMetrics("orders", 1), FixedMetrics("tenancy", 2)
    real_directory = container.tenant_directory()
    with container.override_providers(tenant_directory=providers.Object("a fake directory")):
        assert container.tenant_directory() == "a fake directory"  # contracts swap the same way
    assert container.tenant_directory() is real_directory
    container.tenancy.ledger_metrics.override(providers.Object(fake_tenancy))
    container.orders.ledger_metrics.override(providers.Object(fake_orders))
    assert container.all_ledger_metrics()[0] is fake_tenancy
    assert container.all_ledger_metrics()[-1] is fake_orders


def test_a_module_code_that_clashes_with_the_root_is_refused() -> None:
    installed = {"tenancy": module("tenancy", core=True), "engine": module("engine")}
    loaded = settings_from_mapping({"auth": {"jwt_secret": "x" * 40}})
    with pytest.raises(
        SettingsError, match="would take the name 'engine', which the root container already uses"
    ):
        bootstrap(loaded, installed)


def test_bootstrap_connects_to_nothing() -> None:
    """Building the container does no work: a database that does not exist is only touched on use."""
    loaded = settings_from_mapping(
        {
            "database": {"url": "postgresql+psycopg://nobody@127.0.0.1:1/nothing"},
            "auth": {"jwt_secret": "x" * 40},
        }
    )
    container = bootstrap(loaded)
    assert [d.code for d in container.enabled_modules()] == ALL


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("mysql://root@localhost/shop", "unsupported database 'mysql'"),
        ("sqlite://", "an in-memory SQLite database cannot be shared by worker threads"),
        ("not a url", "'not a url' is not a database URL"),
    ],
)
def test_an_unusable_database_url_stops_start_up(url: str, problem: str) -> None:
    loaded = settings_from_mapping({"database": {"url": url}}, source="settings.yaml", require_secret=False)
    with pytest.raises(SettingsError) as caught:
        bootstrap(loaded)
    assert (caught.value.source, caught.value.key, caught.value.problem) == (
        "settings.yaml",
        "database.url",
        problem,
    )


def test_a_contract_that_clashes_with_the_root_is_refused() -> None:
    greedy = dataclasses.replace(module("greedy"), provides=("tenant_directory",))
    installed = {"tenancy": tenancy_definition, "greedy": greedy}
    with pytest.raises(SettingsError, match="would take the name 'tenant_directory'"):
        bootstrap(settings_from_mapping({"auth": {"jwt_secret": "x" * 40}}), installed)


def test_listing_modules_imports_only_their_definitions() -> None:
    """Definitions name their container, routes and seeder lazily: discovery and the graph check
    import none of them, so a module switched off in settings never runs any of its code."""
    script = (
        "import sys; from adapters.module_discovery import discover_modules; "
        "from kernel.settings import Settings; found = discover_modules(Settings()); "
        "print(sorted(m for m in sys.modules if m.count('.') > 1 and m.startswith('modules.')"
        " and not m.endswith('.definition')))"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("database", "key", "problem"),
    [
        (
            {"url": "sqlite:///shop.db", "transaction_pooling": True},
            "database.transaction_pooling",
            "transaction pooling is for a PostgreSQL database reached through a pooler",
        ),
        (
            {"url": "postgresql+psycopg://tessera@pgbouncer:6432/shop", "transaction_pooling": True},
            "database.listen_url",
            "it must be set when database.transaction_pooling is on, since LISTEN needs a session of its "
            "own that a pooler in transaction mode would hand to other clients",
        ),
    ],
)
def test_transaction_pooling_needs_postgresql_and_a_direct_listen_url(
    database: dict[str, object], key: str, problem: str
) -> None:
    loaded = settings_from_mapping({"database": database}, source="settings.yaml", require_secret=False)
    with pytest.raises(SettingsError) as caught:
        bootstrap(loaded)
    assert (caught.value.source, caught.value.key, caught.value.problem) == ("settings.yaml", key, problem)


def test_transaction_pooling_with_a_listen_url_starts() -> None:
    database = {
        "url": "postgresql+psycopg://tessera@pgbouncer:6432/shop",
        "listen_url": "postgresql+psycopg://tessera@db-primary:5432/shop",
        "transaction_pooling": True,
    }
    container = bootstrap(settings_from_mapping({"database": database}, require_secret=False))
    assert [d.code for d in container.enabled_modules()] == ALL
