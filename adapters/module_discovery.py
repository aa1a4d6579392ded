"""Find the installed modules: the built-in packages under `modules/`, and third-party packages
that declare an entry point in the `tessera.modules` group.

A built-in module is whatever folder under `modules/` has a `definition.py`; delete the folder and
the module is simply not installed. A third-party module is loaded only when `settings.yaml` names
it, so an installed but unwanted package costs nothing. Two modules with one code is an error
naming both.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import replace
from importlib.metadata import entry_points

import modules as builtin_modules
from kernel.errors import SettingsError
from kernel.module import ModuleDefinition
from kernel.settings import Settings

__all__ = ("ENTRY_POINT_GROUP", "discover_modules")

ENTRY_POINT_GROUP = "tessera.modules"
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _builtin() -> Iterator[ModuleDefinition]:
    for info in sorted(pkgutil.iter_modules(builtin_modules.__path__), key=lambda i: i.name):
        if not info.ispkg:
            continue
        name = f"modules.{info.name}.definition"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue  # a package without a definition is not a module
            raise
        yield replace(_definition_of(module, name), source=f"modules/{info.name}")


def _definition_of(module: object, where: str) -> ModuleDefinition:
    definition = getattr(module, "definition", module)
    if not isinstance(definition, ModuleDefinition):
        raise TypeError(f"{where} must provide a ModuleDefinition named 'definition'")
    return definition


def _third_party(settings: Settings, source: str) -> Iterator[ModuleDefinition]:
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        if entry_point.name not in settings.modules:
            continue
        package = entry_point.dist.name if entry_point.dist is not None else entry_point.value
        try:
            definition = _definition_of(entry_point.load(), entry_point.value)
        except Exception as error:  # a broken plug-in is a start-up error, reported like a settings mistake
            raise SettingsError(
                source,
                f"modules.{entry_point.name}",
                f"package {package} failed to load: {error}",
                "fix or reinstall the package, or remove the module from settings",
            ) from error
        yield replace(definition, source=f"package {package}")


def discover_modules(settings: Settings, source: str = "settings") -> dict[str, ModuleDefinition]:
    """Every installed module by code, built-in ones first, in a stable order."""
    found: dict[str, ModuleDefinition] = {}
    for definition in (*_builtin(), *_third_party(settings, source)):
        if not _CODE.match(definition.code):
            raise SettingsError(
                source,
                f"modules.{definition.code}",
                f"{definition.source} declares an invalid module code",
                "module codes are lower-case identifiers such as 'orders'",
            )
        if definition.code in found:
            raise SettingsError(
                source,
                f"modules.{definition.code}",
                f"two modules use the code '{definition.code}': {found[definition.code].source} "
                f"and {definition.source}",
                "uninstall one of them",
            )
        found[definition.code] = definition
    return found
