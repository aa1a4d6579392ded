"""What a module's container gets from the root: exactly the `providers.Dependency()` it declares,
by name, and a start-up error naming the module and the need when nothing provides it."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from dependency_injector import containers, providers

from adapters.bootstrap import bootstrap
from adapters.container import Container
from adapters.settings_file import settings_from_mapping
from kernel.clock import Clock
from kernel.errors import SettingsError
from kernel.module import ModuleDefinition
from modules.tenancy.definition import definition as tenancy_definition
from tests.fakes.clock import FrozenClock
from tests.fakes.modules import module

LOADED = settings_from_mapping({"auth": {"jwt_secret": "x" * 40}})


class _NeedsClock(containers.DeclarativeContainer):
    clock = providers.Dependency(instance_of=Clock)
    stamp = providers.Factory(lambda clock: clock.now(), clock=clock)


class _NeedsPublisher(containers.DeclarativeContainer):
    product_publisher = providers.Dependency(instance_of=object)


class _NeedsPublisherOrNot(containers.DeclarativeContainer):
    product_publisher = providers.Dependency(instance_of=object, default=providers.Object("none"))


class _TakesTheRoot(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()


class _NeedsTenancy(containers.DeclarativeContainer):
    tenancy = providers.Dependency(instance_of=object)


def _installed(container: type[Any]) -> dict[str, ModuleDefinition]:
    extra = dataclasses.replace(module("extra"), container=lambda: container, source="package extra")
    return {"tenancy": tenancy_definition, "extra": extra}


def test_a_module_gets_what_it_declares_from_the_root_and_nothing_else(container: Container) -> None:
    orders = container.orders
    assert sorted(orders.dependencies) == [
        "all_customer_books",
        "all_product_catalogs",
        "all_stock_levels",
        "clock",
        "field_errors",
        "ledger",
        "module_switches",
        "session_factory",
        "tenant_directory",
    ]
    assert orders.ledger() is container.ledger()
    assert list(orders.all_product_catalogs()) == [container.product_catalog()]  # catalog is on
    assert orders.all_stock_levels() == container.all_stock_levels()  # one list, marketplace's too
    assert list(orders.all_customer_books()) == [container.customers.customer_books()]  # customers too
    assert orders.session_factory() is container.session_factory()
    assert "metrics_engine" not in orders.providers
    assert sorted(container.tenancy.dependencies) == [
        "all_ledger_metrics",
        "all_ledger_sources",
        "change_notices",
        "clock",
        "enabled_modules",
        "installed_modules",
        "session_factory",
        "settings",
        "token_issuer",
    ]


def test_an_override_on_the_root_reaches_the_modules_that_declared_it() -> None:
    container = bootstrap(LOADED, _installed(_NeedsClock))
    frozen = FrozenClock()
    with container.clock.override(providers.Object(frozen)):
        assert container.extra.stamp() == frozen.now()


def test_a_module_that_needs_what_nothing_provides_stops_start_up_naming_both() -> None:
    with pytest.raises(SettingsError) as caught:
        bootstrap(LOADED, _installed(_NeedsPublisher))
    assert caught.value.key == "modules.extra"
    assert caught.value.problem == (
        "package extra needs 'product_publisher', which neither the root container nor a module "
        "started before it provides"
    )
    assert (
        caught.value.fix
        == "enable the module that provides 'product_publisher' and name it in the requires of 'extra'"
    )


def test_a_need_with_a_default_is_left_to_it_when_nothing_provides_it() -> None:
    container = bootstrap(LOADED, _installed(_NeedsPublisherOrNot))
    assert container.extra.product_publisher() == "none"


def test_a_module_cannot_take_the_whole_root() -> None:
    with pytest.raises(
        SettingsError, match="package extra asks for 'core', a whole container of dependencies"
    ):
        bootstrap(LOADED, _installed(_TakesTheRoot))


def test_a_module_cannot_take_another_module() -> None:
    with pytest.raises(SettingsError, match="package extra asks for the module 'tenancy' itself"):
        bootstrap(LOADED, _installed(_NeedsTenancy))
