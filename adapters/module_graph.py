"""Decide which installed modules run, and in which order: the composition root's choice (bootstrap
is its only caller), so it lives beside it rather than in the kernel.

The graph is checked before anything is built: an unknown module, a core module switched off, a
requirement that is missing or off, or a cycle stops start-up with one message naming the modules
involved. Start order puts every module after the modules it requires and otherwise keeps the
order of `settings.yaml`, which is also the order of the dashboard's categories.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kernel.errors import SettingsError
from kernel.module import ModuleDefinition
from kernel.settings import Settings

__all__ = ("enabled_modules",)


def _is_enabled(code: str, settings: Settings) -> bool:
    """A built-in module nobody mentions is on: a fresh settings file should give the full platform."""
    entry = settings.modules.get(code)
    return entry.enabled if entry is not None else True


def _check(
    installed: Mapping[str, ModuleDefinition], settings: Settings, origin: Callable[[str], str]
) -> None:
    for code in settings.modules:
        if code not in installed:
            key = f"modules.{code}"
            raise SettingsError(
                origin(f"{key}.enabled"),
                key,
                f"no module '{code}' is installed",
                f"remove it, or install it; installed modules: {', '.join(installed)}",
            )
    for code, definition in installed.items():  # core first: it is the mistake to report
        key = f"modules.{code}.enabled"
        if definition.is_core and not _is_enabled(code, settings):
            raise SettingsError(
                origin(key), key, f"'{code}' is a core module and cannot be switched off", "set it true"
            )
    for code, definition in installed.items():
        if not _is_enabled(code, settings):
            continue
        key = f"modules.{code}.enabled"
        for needed in definition.requires:
            if needed not in installed:
                raise SettingsError(
                    origin(key),
                    key,
                    f"'{code}' requires '{needed}', which is not installed",
                    f"install '{needed}' or switch '{code}' off",
                )
            if not _is_enabled(needed, settings):
                raise SettingsError(
                    origin(key),
                    key,
                    f"'{code}' requires '{needed}', which is switched off",
                    f"enable modules.{needed} or switch modules.{code} off",
                )


def enabled_modules(
    installed: Mapping[str, ModuleDefinition], settings: Settings, origin: Callable[[str], str]
) -> list[ModuleDefinition]:
    """The enabled modules in start order, or a `SettingsError` naming what is wrong."""
    _check(installed, settings, origin)
    preferred = [*settings.modules, *(code for code in installed if code not in settings.modules)]
    # Core modules first: every module may refer to their tables (vendors) without saying so.
    preferred.sort(key=lambda code: not (code in installed and installed[code].is_core))
    ordered: list[ModuleDefinition] = []
    placed: set[str] = set()

    def visit(code: str, path: tuple[str, ...]) -> None:
        if code in placed:
            return
        if code in path:
            cycle = " -> ".join((*path[path.index(code) :], code))
            key = f"modules.{code}.enabled"
            raise SettingsError(
                origin(key), key, f"modules require each other in a cycle: {cycle}", "break the cycle"
            )
        for needed in installed[code].requires:
            visit(needed, (*path, code))
        placed.add(code)
        ordered.append(installed[code])

    for code in preferred:
        if _is_enabled(code, settings):
            visit(code, ())
    return ordered
