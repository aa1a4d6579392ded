from __future__ import annotations

import pytest

from adapters.module_graph import enabled_modules
from kernel.errors import SettingsError
from kernel.settings import ModuleSettings, Settings
from tests.fakes.modules import module

INSTALLED = {
    "tenancy": module("tenancy", core=True),
    "catalog": module("catalog", requires=("tenancy",)),
    "inventory": module("inventory", requires=("catalog",)),
    "orders": module("orders", requires=("tenancy",)),
}


def _settings(**enabled: bool) -> Settings:
    return Settings(modules={code: ModuleSettings(enabled=on) for code, on in enabled.items()})


def _origin(key: str) -> str:
    return "settings.yaml"


def _codes(settings: Settings, installed: dict = INSTALLED) -> list[str]:
    return [definition.code for definition in enabled_modules(installed, settings, _origin)]


def test_modules_left_out_of_settings_are_enabled_after_the_named_ones() -> None:
    assert _codes(_settings(orders=True)) == ["tenancy", "orders", "catalog", "inventory"]


def test_settings_order_is_kept_but_requirements_come_first() -> None:
    assert _codes(_settings(inventory=True, orders=True, tenancy=True, catalog=True)) == [
        "tenancy",
        "catalog",
        "inventory",
        "orders",
    ]


def test_core_modules_start_first_even_for_modules_that_do_not_name_them() -> None:
    installed = {**INSTALLED, "wishlist": module("wishlist")}  # refers to vendors without requiring tenancy
    assert _codes(_settings(wishlist=True, orders=True), installed) == [
        "tenancy",
        "wishlist",
        "orders",
        "catalog",
        "inventory",
    ]


def test_switched_off_modules_are_left_out() -> None:
    assert _codes(_settings(tenancy=True, orders=False, inventory=False, catalog=False)) == ["tenancy"]


@pytest.mark.parametrize(
    ("settings", "key", "fragment"),
    [
        (_settings(tenancy=False), "modules.tenancy.enabled", "core module and cannot be switched off"),
        (
            _settings(catalog=False),
            "modules.inventory.enabled",
            "'inventory' requires 'catalog', which is switched off",
        ),
        (_settings(shipping=True), "modules.shipping", "no module 'shipping' is installed"),
    ],
)
def test_graph_mistakes_name_the_key_and_the_modules(settings: Settings, key: str, fragment: str) -> None:
    with pytest.raises(SettingsError) as caught:
        enabled_modules(INSTALLED, settings, _origin)
    assert caught.value.key == key
    assert fragment in str(caught.value)
    assert str(caught.value).startswith("Settings error in settings.yaml")


def test_a_missing_requirement_is_named() -> None:
    installed = {
        "tenancy": module("tenancy", core=True),
        "inventory": module("inventory", requires=("catalog",)),
    }
    with pytest.raises(SettingsError, match="'inventory' requires 'catalog', which is not installed"):
        enabled_modules(installed, Settings(), _origin)


def test_a_cycle_is_named() -> None:
    installed = {
        "tenancy": module("tenancy", core=True),
        "a": module("a", requires=("b",)),
        "b": module("b", requires=("c",)),
        "c": module("c", requires=("a",)),
    }
    with pytest.raises(SettingsError, match="cycle: a -> b -> c -> a"):
        enabled_modules(installed, Settings(), _origin)


def test_switching_off_the_core_is_reported_as_such_even_when_others_need_it() -> None:
    with pytest.raises(SettingsError) as caught:
        enabled_modules(INSTALLED, _settings(orders=True, tenancy=False), _origin)
    assert caught.value.key == "modules.tenancy.enabled"
    assert "core module" in caught.value.problem
