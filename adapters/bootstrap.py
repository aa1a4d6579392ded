"""Build the container for some settings: the only code that chooses modules.

Nothing is connected or constructed here beyond the wiring itself; the engine, the services and
the providers are created on first use, so the CLI's quick commands stay quick.
"""

from __future__ import annotations

from collections.abc import Mapping

from dependency_injector import providers

from adapters.container import Container
from adapters.database.engine import database_url
from adapters.module_discovery import discover_modules
from adapters.module_graph import enabled_modules
from adapters.settings_file import LoadedSettings
from kernel.errors import SettingsError
from kernel.metrics_batch import OneProvider
from kernel.module import ModuleDefinition

__all__ = ("LEDGER_METRICS", "bootstrap")

LEDGER_METRICS = "ledger_metrics"
"""The list a module contributes its metrics table to when the ledger's batch reads its category."""


def bootstrap(loaded: LoadedSettings, installed: Mapping[str, ModuleDefinition] | None = None) -> Container:
    """A container for `loaded`; `installed` replaces module discovery (tests pass their own)."""
    database_url(loaded.settings.database.url, loaded.origin("database.url"))  # a bad URL fails now
    if installed is None:
        installed = discover_modules(loaded.settings, loaded.source)
    enabled = enabled_modules(installed, loaded.settings, loaded.origin)
    container = Container()
    container.settings.override(providers.Object(loaded.settings))
    container.settings_source.override(providers.Object(loaded.origin("database.url")))
    container.installed_modules.override(providers.Object(dict(installed)))
    container.enabled_modules.override(providers.Object(list(enabled)))
    alone: list[providers.Provider[OneProvider]] = []
    collections: dict[str, providers.List] = {}
    for definition in enabled:  # first the lists some modules gather, so that any module can add to them
        for name in definition.collects:
            _claim(container, name, definition, loaded.source)
            collections[name] = providers.List()
            container.set_provider(name, collections[name])
    for definition in enabled:
        _claim(container, definition.code, definition, loaded.source)
        module = providers.Container(definition.container(), core=container)
        container.set_provider(definition.code, module)
        for contract in definition.provides:
            _claim(container, contract, definition, loaded.source)
            container.set_provider(contract, getattr(module, contract))
        for name in definition.contributes:
            if name in collections:
                collections[name].add_args(getattr(module, name))
        if definition.metrics_category is not None and LEDGER_METRICS not in definition.contributes:
            alone.append(providers.Factory(OneProvider, module.metrics_provider))
    # What the aggregator asks: the ledger's batch, built by the module that keeps the ledger from
    # every `ledger_metrics` contributed, and each category that reads on its own.
    ledger = [container.ledger_batch] if "ledger_batch" in container.providers else []
    container.metrics_batches.set_args(*ledger, *alone)
    if "module_switches" in container.providers:  # per-platform switches, offered by the core module
        container.dashboard_service.add_kwargs(switches=container.module_switches)
    if "tenant_directory" in container.providers:  # each owner's time zone, offered by the core module
        container.dashboard_service.add_kwargs(tenants=container.tenant_directory)
    return container


def _claim(container: Container, name: str, definition: ModuleDefinition, source: str) -> None:
    """A module's code and the contracts it provides become root names: never overwrite one."""
    if name in container.providers:
        raise SettingsError(
            source,
            f"modules.{definition.code}",
            f"{definition.source} would take the name '{name}', which the root container already uses",
            "rename the module or the contract it provides",
        )
