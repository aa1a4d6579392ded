"""Inventory's providers. Products are reached only through catalog's `product_catalog` contract,
which the root hands over as `core.product_catalog`."""

from __future__ import annotations

from dependency_injector import containers, providers

from modules.inventory.metrics import InventoryMetricsProvider
from modules.inventory.service import StockService

__all__ = ("InventoryContainer",)


class InventoryContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    stock_service = providers.Singleton(
        StockService, sessions=core.session_factory, clock=core.clock, catalog=core.product_catalog
    )
    metrics_provider = providers.Singleton(
        InventoryMetricsProvider, vendors=core.vendor_directory, catalog=core.product_catalog
    )
