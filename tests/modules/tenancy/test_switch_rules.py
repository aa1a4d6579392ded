"""The per-platform switching rules, without storage: what a platform gets and what it may switch."""

from __future__ import annotations

import pytest

from kernel.errors import ConflictError, NotFoundError
from modules.tenancy.switch_rules import check_switch, module_states
from tests.fakes.modules import module

INSTALLED = {
    "tenancy": module("tenancy", core=True),
    "catalog": module("catalog", requires=("tenancy",)),
    "inventory": module("inventory", requires=("catalog",)),
    "marketplace": module("marketplace", requires=("catalog",)),
    "orders": module("orders", requires=("tenancy",)),
}
STARTED = [INSTALLED[code] for code in ("tenancy", "catalog", "inventory", "marketplace")]  # orders off


def _enabled(overrides: dict[str, bool]) -> dict[str, bool]:
    return {state.code: state.enabled for state in module_states(INSTALLED, STARTED, overrides)}


def test_without_overrides_a_platform_gets_what_settings_started() -> None:
    states = module_states(INSTALLED, STARTED, {})
    assert [(s.code, s.enabled, s.enabled_in_settings) for s in states] == [
        ("tenancy", True, True),
        ("catalog", True, True),
        ("inventory", True, True),
        ("marketplace", True, True),
        ("orders", False, False),
    ]
    assert states[1].required_by == ("inventory", "marketplace")
    assert states[2].requires == ("catalog",)


def test_a_module_whose_requirement_is_off_is_off_too() -> None:
    """Stored rows can disagree with the rules (a row written before a module gained a requirement):
    the effective state still never runs a module without what it needs."""
    assert _enabled({"catalog": False}) == {
        "tenancy": True,
        "catalog": False,
        "inventory": False,
        "marketplace": False,
        "orders": False,
    }


def test_overrides_cannot_switch_off_a_core_module_or_switch_on_a_module_settings_left_off() -> None:
    assert _enabled({"tenancy": False, "orders": True})["tenancy"] is True
    assert _enabled({"orders": True})["orders"] is False


def test_switching_off_a_module_others_need_names_them() -> None:
    states = module_states(INSTALLED, STARTED, {})
    with pytest.raises(
        ConflictError, match="'inventory', 'marketplace' need 'catalog': switch them off first"
    ):
        check_switch(states, "catalog", False)
    states = module_states(INSTALLED, STARTED, {"inventory": False})
    with pytest.raises(ConflictError, match="'marketplace' needs 'catalog': switch it off first"):
        check_switch(states, "catalog", False)
    check_switch(
        module_states(INSTALLED, STARTED, {"inventory": False, "marketplace": False}), "catalog", False
    )


def test_switching_on_a_module_whose_requirement_is_off_names_it() -> None:
    states = module_states(INSTALLED, STARTED, {"catalog": False, "inventory": False, "marketplace": False})
    with pytest.raises(ConflictError, match="'inventory' requires 'catalog': switch it on first"):
        check_switch(states, "inventory", True)
    check_switch(states, "catalog", True)


def test_core_settings_off_and_unknown_modules_are_refused() -> None:
    states = module_states(INSTALLED, STARTED, {})
    with pytest.raises(ConflictError, match="'tenancy' is a core module"):
        check_switch(states, "tenancy", False)
    check_switch(states, "tenancy", True)  # asking for what is already true is fine
    with pytest.raises(ConflictError, match="'orders' is switched off in the settings file"):
        check_switch(states, "orders", True)
    with pytest.raises(NotFoundError, match="no module 'reviews' is installed"):
        check_switch(states, "reviews", True)
