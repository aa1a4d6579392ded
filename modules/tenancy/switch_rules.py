"""Which modules run for one platform: settings decide what is installed and started, and each
platform may then switch optional modules off (and on again) at run time.

The rules live here, free of storage, so the HTTP route, the CLI and the tests apply the same ones:
a core module never goes off; a module goes off only once nothing that needs it is still on; a module
goes on only when what it needs is on; a module switched off in settings cannot be switched on for a
platform (its code was never started).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kernel.errors import ConflictError, NotFoundError
from kernel.module import ModuleDefinition

__all__ = ("ModuleState", "check_switch", "module_states")


@dataclass(frozen=True, slots=True)
class ModuleState:
    code: str
    name: str
    is_core: bool
    requires: tuple[str, ...]
    required_by: tuple[str, ...]
    """Installed modules that require this one."""
    enabled_in_settings: bool
    enabled: bool
    """What the platform gets: on in settings, not switched off for the platform, and every module
    it requires on too."""
    platform_override: bool | None
    """The platform's own choice, if it made one."""
    metrics_category: str | None


def module_states(
    installed: Mapping[str, ModuleDefinition],
    started: Sequence[ModuleDefinition],
    overrides: Mapping[str, bool],
) -> list[ModuleState]:
    """Every installed module's state for a platform with these overrides: started modules first, in
    start order (requirements before the modules that need them), then the ones settings switched off."""
    on_in_settings = [definition.code for definition in started]
    enabled: dict[str, bool] = {}
    for definition in started:
        wanted = definition.is_core or overrides.get(definition.code, True)
        needs_on = all(enabled.get(needed, False) for needed in definition.requires)
        enabled[definition.code] = wanted and needs_on
    codes = [*on_in_settings, *(code for code in installed if code not in enabled)]
    return [
        ModuleState(
            code=code,
            name=installed[code].name,
            is_core=installed[code].is_core,
            requires=installed[code].requires,
            required_by=tuple(other for other in codes if code in installed[other].requires),
            enabled_in_settings=code in enabled,
            enabled=enabled.get(code, False),
            platform_override=overrides.get(code),
            metrics_category=installed[code].metrics_category,
        )
        for code in codes
    ]


def check_switch(states: Sequence[ModuleState], code: str, enabled: bool) -> None:
    """Refuse a switch the graph cannot honour, naming the modules in the way."""
    by_code = {state.code: state for state in states}
    state = by_code.get(code)
    if state is None:
        raise NotFoundError(f"no module '{code}' is installed")
    if state.is_core and not enabled:
        raise ConflictError(
            f"'{code}' is a core module: every platform needs it, so it cannot be switched off"
        )
    if not state.enabled_in_settings:
        raise ConflictError(
            f"'{code}' is switched off in the settings file, so no platform can use it; enable it there first"
        )
    if enabled:
        off = [needed for needed in state.requires if not by_code[needed].enabled]
        if off:
            raise ConflictError(f"'{code}' requires {_names(off)}: switch {_it(off)} on first")
    else:
        users = [other for other in state.required_by if by_code[other].enabled]
        if users:
            raise ConflictError(f"{_names(users)} {_need(users)} '{code}': switch {_it(users)} off first")


def _names(codes: Sequence[str]) -> str:
    return ", ".join(f"'{code}'" for code in codes)


def _it(codes: Sequence[str]) -> str:
    return "it" if len(codes) == 1 else "them"


def _need(codes: Sequence[str]) -> str:
    return "needs" if len(codes) == 1 else "need"
