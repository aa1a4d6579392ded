"""How a module declares itself to the kernel.

A definition is cheap to import: the heavy parts (its container of providers and services, its
routes, its seeder) are behind small factories that are only called for modules that are enabled.
Listing modules or rejecting a bad settings file therefore never imports a disabled module's code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ("ModuleDefinition", "imported")


@dataclass(frozen=True, kw_only=True, slots=True)
class ModuleDefinition:
    """Everything the composition root needs to install one module.

    - `container`: returns the module's dependency-injector container class. It declares each thing
      it needs from the root as a `providers.Dependency()` named after the root's provider
      (`session_factory`, `clock`, `ledger`, a contract another module provides, …), and is given
      exactly those at start; a need nothing provides stops start-up, unless it has a default. A
      module with a `metrics_category` also offers its figures: `ledger_metrics` (its
      `LedgerMetrics` table, read from the ledger) when it contributes to `ledger_metrics`, else
      `metrics_provider` (a `MetricsProvider`, asked alone).
    - `requires`: the modules this one needs started (and migrated) before it. Core modules always
      start first, so a module names only the optional modules it needs.
    - `provides`: names of providers in that container that other modules may ask for by the same
      name; each is an implementation of a protocol in `contracts` (or, for the ledger's
      `ledger_batch`, the `MetricsBatch` the root hands the aggregator).
    - `collects`: names of lists this module gathers from the others; its container declares each
      as the dependency `all_<name>`, e.g. tenancy's `all_ledger_sources` and `all_ledger_metrics`.
      Modules that collect the same name share one list (marketplace and orders, `stock_levels`).
    - `contributes`: names of those lists this module adds to: the provider of the same name in its
      container joins the list, when the module that collects it is enabled. A module on the ledger
      contributes `ledger_sources` (its keys from its raw tables) and `ledger_metrics`.
    - `routes`: returns the function that, given the module's built container, returns its Litestar
      route handlers.
    - `migrations`: the folder of the module's Alembic revisions, or the dotted name of the package
      that holds them; the module owns its tables.
    - `seeder`: returns the function that adds the module's demo data, given a
      `contracts.seeding.SeedContext` (typed `Any` here: demo data is no concern of the kernel's,
      which imports nothing above it).
    """

    code: str
    name: str
    description: str
    is_core: bool = False
    requires: tuple[str, ...] = ()
    metrics_category: str | None = None
    container: Callable[[], type[Any]]
    provides: tuple[str, ...] = ()
    collects: tuple[str, ...] = ()
    contributes: tuple[str, ...] = ()
    routes: Callable[[], Callable[[Any], Sequence[Any]]] | None = None
    migrations: Path | str | None = None
    seeder: Callable[[], Callable[[Any], None]] | None = None
    source: str = field(default="built-in", compare=False)


def imported(target: str) -> Callable[[], Any]:
    """`imported("modules.orders.container:OrdersContainer")`: a factory that imports the object only
    when called, which is what keeps a definition cheap (see the module docstring)."""
    module_name, _, name = target.partition(":")

    def load() -> Any:
        return getattr(importlib.import_module(module_name), name)

    return load
