"""Build the container for some settings: the only code that chooses modules.

Each module's container declares what it needs as `providers.Dependency()` attributes named after
root providers (`session_factory`, `clock`, `ledger`, `all_ledger_sources`, …); bootstrap passes it
exactly those, by name, and refuses to start a module that needs something nothing provides.

Nothing is connected or constructed here beyond the wiring itself; the engine, the services and
the providers are created on first use, so the CLI's quick commands stay quick.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dependency_injector import providers

from adapters.container import Container
from adapters.database.engine import database_url
from adapters.module_discovery import discover_modules
from adapters.module_graph import enabled_modules
from adapters.settings_file import LoadedSettings
from kernel.errors import SettingsError
from kernel.metrics_batch import OneProvider
from kernel.module import ModuleDefinition

__all__ = ("LEDGER_METRICS", "bootstrap", "collected")

LEDGER_METRICS = "ledger_metrics"
"""The list a module contributes its metrics table to when the ledger's batch reads its category."""


def collected(name: str) -> str:
    """The root's name for the list a module `collects` under `name` (`all_ledger_sources`): what
    the collector declares as a dependency, apart from the `name` each contributor's provider has."""
    return f"all_{name}"


def bootstrap(loaded: LoadedSettings, installed: Mapping[str, ModuleDefinition] | None = None) -> Container:
    """A container for `loaded`; `installed` replaces module discovery (tests pass their own)."""
    _check_urls(loaded)
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
            if name in collections:  # several modules gather one list (stock keepers): they share it
                continue
            _claim(container, collected(name), definition, loaded.source)
            collections[name] = providers.List()
            container.set_provider(collected(name), collections[name])
    codes = {definition.code for definition in enabled}
    for definition in enabled:  # in start order, so what a module provides is there for the next ones
        _claim(container, definition.code, definition, loaded.source)
        declared = definition.container()
        module = providers.Container(
            declared, **_needs(container, declared, definition, codes, loaded.source)
        )
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
    _offered_by_the_core_module(container)
    _figures_for_prometheus(container)
    return container


def _check_urls(loaded: LoadedSettings) -> None:
    """A bad URL fails now, naming its key, rather than at the first request."""
    database = loaded.settings.database
    url = database_url(database.url, loaded.origin("database.url"))
    if database.listen_url:
        database_url(database.listen_url, loaded.origin("database.listen_url"), "database.listen_url")
    if database.transaction_pooling:
        _check_pooling(loaded, url.get_backend_name() == "postgresql")
    if database.read_url:
        _check_read_url(loaded)


def _check_read_url(loaded: LoadedSettings) -> None:
    """A replica to read from is PostgreSQL's streaming replica of a PostgreSQL primary: its replay
    position is what read-your-writes waits for, and SQLite has no such thing."""
    database, origin = loaded.settings.database, loaded.origin("database.read_url")
    read = database_url(database.read_url, origin, "database.read_url")
    if read.get_backend_name() != "postgresql":
        raise SettingsError(
            origin,
            "database.read_url",
            "dashboards can read only from a PostgreSQL replica, and this names a "
            f"{read.get_backend_name()} database",
            "name a streaming replica of database.url, e.g. postgresql+psycopg://user@replica:5432/dbname, "
            "or leave it empty",
        )
    if database_url(database.url, loaded.origin("database.url")).get_backend_name() != "postgresql":
        raise SettingsError(
            origin,
            "database.read_url",
            "a replica to read from needs database.url on PostgreSQL, and it names a SQLite file",
            "leave database.read_url empty with SQLite, or move database.url to PostgreSQL",
        )


def _check_pooling(loaded: LoadedSettings, on_postgres: bool) -> None:
    """A pooler in transaction mode takes PostgreSQL's protocol, and LISTEN cannot go through it."""
    key = "database.transaction_pooling"
    if not on_postgres:
        raise SettingsError(
            loaded.origin(key), key,
            "transaction pooling is for a PostgreSQL database reached through a pooler",
            "set it to false for a SQLite file",
        )  # fmt: skip
    if not loaded.settings.database.listen_url:
        raise SettingsError(
            loaded.origin("database.listen_url"), "database.listen_url",
            "it must be set when database.transaction_pooling is on, since LISTEN needs a session "
            "of its own that a pooler in transaction mode would hand to other clients",
            "name the PostgreSQL primary itself, e.g. postgresql+psycopg://tessera@db-primary:5432/tessera",
        )  # fmt: skip


def _offered_by_the_core_module(container: Container) -> None:
    """What the root's own services take from tenancy when it is on (a container of test modules
    may have none of it)."""
    if "module_switches" in container.providers:  # per-platform switches
        container.dashboard_windows.add_kwargs(switches=container.module_switches)
    if "tenant_directory" in container.providers:  # each owner's time zone
        container.dashboard_windows.add_kwargs(tenants=container.tenant_directory)
    for cache in ("tenant_directory", "module_switches"):  # caches that hear every change
        if cache in container.providers:
            container.change_listeners.add_args(container.providers[cache])
    tables = collected(LEDGER_METRICS)
    if "ledger" in container.providers and tables in container.providers:  # for series and top vendors
        container.dashboard_series.add_kwargs(ledger=container.ledger, tables=container.providers[tables])


def _figures_for_prometheus(container: Container) -> None:
    """Every platform's figures at `/metrics`, when the core module keeps the ledger; each
    platform's switches, when it offers them."""
    tables = collected(LEDGER_METRICS)
    if "ledger_census" in container.providers and tables in container.providers:
        container.prometheus.add_kwargs(census=container.ledger_census, tables=container.providers[tables])
    if "module_switches" in container.providers:
        container.prometheus.add_kwargs(switches=container.module_switches)


def _needs(
    container: Container, declared: Any, definition: ModuleDefinition, codes: set[str], source: str
) -> dict[str, providers.Provider[Any]]:
    """The root providers a module's container declares it needs, by name. A need the root does not
    have (a contract whose module is off or starts later, a typo) stops start-up naming the module
    and the need, unless the module gave it a default; so does asking for another module's whole
    container, or for the whole root (`providers.DependenciesContainer`)."""
    needs: dict[str, providers.Provider[Any]] = {}
    for name, dependency in declared.dependencies.items():
        if not isinstance(dependency, providers.Dependency):
            problem = f"{definition.source} asks for '{name}', a whole container of dependencies"
            fix = "declare each thing the module needs as providers.Dependency() named after it"
        elif name in codes:
            problem = f"{definition.source} asks for the module '{name}' itself"
            fix = f"ask for a contract '{name}' provides (its definition's `provides`), by that name"
        elif name in container.providers:
            needs[name] = container.providers[name]
            continue
        elif dependency.is_defined:  # a need with a default: what the module does without it
            continue
        else:
            problem = (
                f"{definition.source} needs '{name}', which neither the root container nor a module "
                "started before it provides"
            )
            fix = (
                f"enable the module that provides '{name}' and name it in the requires of '{definition.code}'"
            )
        raise SettingsError(source, f"modules.{definition.code}", problem, fix)
    return needs


def _claim(container: Container, name: str, definition: ModuleDefinition, source: str) -> None:
    """A module's code and the contracts it provides become root names: never overwrite one."""
    if name in container.providers:
        raise SettingsError(
            source,
            f"modules.{definition.code}",
            f"{definition.source} would take the name '{name}', which the root container already uses",
            "rename the module or the contract it provides",
        )
